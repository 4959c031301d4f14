import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export type RequestWithId = Request & { id?: string };

/**
 * The first middleware: every request gets its id before the body parser can refuse it, so every error body
 * (invalid JSON included) carries one. The client's X-Request-Id is kept to follow a request across systems.
 */
export function assignRequestId(request: RequestWithId, response: Response, next: NextFunction): void {
  const given = request.headers['x-request-id'];
  const id = typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
  request.id = id;
  response.setHeader('X-Request-Id', id);
  next();
}
