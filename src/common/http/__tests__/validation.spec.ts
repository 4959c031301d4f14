import { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsString, Min, ValidateNested, validateSync } from 'class-validator';
import { DomainError } from '../../errors/domain-error';
import { plainToInstance } from 'class-transformer';
import { createValidationPipe, describeChoices, IsOneOf, validationDetails } from '../validation';

class ItemDto {
  @IsString() name!: string;
  @IsIn(['a', 'b']) kind!: string;
}

class BodyDto {
  @IsInt() @Min(1) version!: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => ItemDto) items!: ItemDto[];
}

const metadata: ArgumentMetadata = { type: 'body', metatype: BodyDto };

async function details(body: unknown) {
  try {
    await createValidationPipe().transform(body, metadata);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const domain = error as DomainError;
    expect(domain.status).toBe(400);
    expect(domain.code).toBe('VALIDATION_FAILED');
    return domain.details;
  }
  throw new Error('expected the body to be refused');
}

describe('the validation pipe', () => {
  it('lets a valid body through', async () => {
    const value = await createValidationPipe().transform(
      { version: 1, items: [{ name: 'x', kind: 'a' }] },
      metadata,
    );
    expect(value).toBeInstanceOf(BodyDto);
  });

  it('names array items as items[1].kind, with Chinese messages', async () => {
    expect(
      await details({
        version: 1,
        items: [
          { name: 'x', kind: 'a' },
          { name: 'y', kind: 'z' },
        ],
      }),
    ).toEqual([{ field: 'items[1].kind', message: '取值无效，可选：a, b' }]);
  });

  it('refuses unknown fields at any depth', async () => {
    expect(await details({ version: 1, items: [{ name: 'x', kind: 'a', extra: 1 }], other: 2 })).toEqual(
      expect.arrayContaining([
        { field: 'other', message: '不允许的字段' },
        { field: 'items[0].extra', message: '不允许的字段' },
      ]),
    );
  });

  it('says a required field sent as null may not be empty, once', async () => {
    expect(await details({ version: null, items: [] })).toEqual([{ field: 'version', message: '不能为空' }]);
    expect(await details({ version: 1, items: [null] })).toEqual([
      { field: 'items[0]', message: '不能为空' },
    ]);
    expect(await details({ version: 1, items: [], other: null })).toEqual([
      { field: 'other', message: '不允许的字段' },
    ]);
  });

  it('does not convert types implicitly', async () => {
    expect(await details({ version: '2', items: [] })).toContainEqual({
      field: 'version',
      message: '必须是整数',
    });
    expect(await details({ version: 0, items: [] })).toEqual([{ field: 'version', message: '不能小于 1' }]);
  });

  it('validationDetails keeps dotted array paths for the ledger import, which maps them to sheet rows', () => {
    const body = plainToInstance(BodyDto, { version: 1, items: [{ name: 'x', kind: 'z' }] });
    expect(validationDetails(validateSync(body))).toEqual([
      { field: 'items.0.kind', message: '取值无效，可选：a, b' },
    ]);
  });
});

describe('enum fields (IsOneOf)', () => {
  class VisitLikeDto {
    @IsOneOf({ in_person: '入户走访', phone: '电话', online: '线上' }) method!: string;
    @IsOneOf({ low_income: '低保', disabled: '残疾' }, { each: true }) flags!: string[];
    @IsOneOf(
      Object.fromEntries(Array.from({ length: 56 }, (_, i) => [String(i + 1).padStart(2, '0'), `族${i}`])),
    )
    ethnicity!: string;
  }
  const check = (body: object) =>
    validationDetails(validateSync(plainToInstance(VisitLikeDto, body), { whitelist: true }));

  it('answers a wrong value with the Chinese labels beside the values', () => {
    expect(check({ method: 'visit', flags: ['low_income'], ethnicity: '06' })).toEqual([
      { field: 'method', message: '取值无效，可选：入户走访（in_person）、电话（phone）、线上（online）' },
    ]);
    expect(check({ method: 'phone', flags: ['rich'], ethnicity: '06' })).toEqual([
      { field: 'flags', message: '取值无效，可选：低保（low_income）、残疾（disabled）' },
    ]);
  });

  it('names a long list by its first values and points to the options', () => {
    expect(describeChoices({ a: 'A', b: 'B' })).toBe('A（a）、B（b）');
    const [detail] = check({ method: 'phone', flags: [], ethnicity: '99' });
    expect(detail.message).toBe(
      '取值无效，可选：族0（01）、族1（02）、族2（03） 等 56 项（完整列表见 GET /api/v1/options）',
    );
  });
});
