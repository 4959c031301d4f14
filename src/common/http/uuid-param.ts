import { ParseUUIDPipe } from '@nestjs/common';
import { CommonErrors } from '../errors/domain-error';

/** A path id that is not a UUID names nothing: 404, like any other id the caller cannot see. */
export const UuidParam = new ParseUUIDPipe({ exceptionFactory: () => CommonErrors.notFound() });
