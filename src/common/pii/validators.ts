import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { businessDate, isValidDateString } from '../time/business-clock';
import { MOBILE_PHONE, PHONE_MESSAGE } from './phone';
import { RESIDENT_ID_MESSAGES, residentIdProblem } from './resident-id';

export function IsResidentId(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isResidentId',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && residentIdProblem(value, businessDate(new Date())) === null,
        defaultMessage: (args?: ValidationArguments) => {
          const value = args?.value;
          if (typeof value !== 'string') return '身份证号必须是字符串';
          return RESIDENT_ID_MESSAGES[residentIdProblem(value, businessDate(new Date())) ?? 'format'];
        },
      },
    });
}

export function IsMobilePhone(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isMobilePhone',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && MOBILE_PHONE.test(value),
        defaultMessage: () => PHONE_MESSAGE,
      },
    });
}

/** A calendar date YYYY-MM-DD that exists. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidDateString(value),
        defaultMessage: () => '必须是有效日期（YYYY-MM-DD）',
      },
    });
}
