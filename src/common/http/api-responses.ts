import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ErrorResponseDto } from '../errors/error-response.dto';
import { PageDto } from './pagination';

/** What each error status means across the API (docs/architecture.md, "HTTP conventions"). */
const ERROR_MEANINGS = {
  400: 'invalid input (unknown fields too): VALIDATION_FAILED with details per field, or INVALID_JSON',
  401: 'no token, an invalid or revoked one, or wrong credentials',
  403: 'this role may not do this at all (or a console request without its CSRF token)',
  404: 'not found, or not visible to the caller',
  409: 'conflict: a stale version, a duplicate, or a concurrent change',
  413: 'the upload is over its size limit (FILE_TOO_LARGE)',
  422: 'a business rule refused it',
  429: 'throttled: wait as long as Retry-After says',
} as const;

export type ErrorStatus = keyof typeof ERROR_MEANINGS;

/**
 * The error answers an operation can give, all in the one error shape. On a controller it applies to every
 * route of it; a route adds its own (404, 409, 422) beside it.
 */
export function ApiErrorResponses(...statuses: ErrorStatus[]) {
  return applyDecorators(
    ApiExtraModels(ErrorResponseDto),
    ...statuses.map((status) =>
      ApiResponse({ status, description: ERROR_MEANINGS[status], type: ErrorResponseDto }),
    ),
  );
}

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * 200 with an .xlsx download. The content type is named on the 200 alone: @ApiProduces would also give a
 * route's own error answers (JSON) the spreadsheet type.
 */
export function ApiXlsxResponse(description: string) {
  return ApiOkResponse({
    description,
    content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } },
  });
}

/** 200 with `{ items: T[], total, page, pageSize }`: one schema for every paged list. */
export function ApiPageResponse(item: Type<unknown>, description?: string) {
  return applyDecorators(
    ApiExtraModels(PageDto, item),
    ApiOkResponse({
      description,
      schema: {
        allOf: [
          { $ref: getSchemaPath(PageDto) },
          {
            type: 'object',
            required: ['items'],
            properties: { items: { type: 'array', items: { $ref: getSchemaPath(item) } } },
          },
        ],
      },
    }),
  );
}
