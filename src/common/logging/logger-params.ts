import { RequestMethod } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import { Params } from 'nestjs-pino';
import { Options } from 'pino-http';
import pretty from 'pino-pretty';
import { AppConfig } from '../../config/app-config';
import { redactUrl } from '../http/log-redaction';

/** nestjs-pino's settings: JSON lines in production, one readable line per entry in development. */
export function loggerParams(config: AppConfig): Params {
  const readable = config.logFormat === 'pretty';
  const options: Options = {
    level: config.logLevel,
    // In a cluster (src/cluster/) every line says which process wrote it: an HTTP process's number, or the writer.
    ...(config.worker || config.role === 'writer'
      ? {
          base: {
            pid: process.pid,
            hostname: hostname(),
            worker: config.role === 'writer' ? 'writer' : config.worker,
          },
        }
      : {}),
    // assignRequestId (the first middleware) gave the request its id; the fallback covers any other path.
    genReqId: (req: IncomingMessage) => (req as { id?: string }).id ?? randomUUID(),
    autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
    // Method, URL, status and time: the full header dump cost ~5 % of the API's CPU under load. The URL
    // without values that could be personal data (?q=<resident ID> would write it in clear).
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: redactUrl(req.url),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    ...(readable
      ? {
          customSuccessMessage: (req: IncomingMessage, res: ServerResponse, ms: number) =>
            `${req.method} ${redactUrl(req.url ?? '')} ${res.statusCode} ${Math.round(ms)} ms`,
          customErrorMessage: (req: IncomingMessage, res: ServerResponse, error: Error) =>
            `${req.method} ${redactUrl(req.url ?? '')} ${res.statusCode} ${error.message}`,
        }
      : {}),
  };
  return {
    // Express 5's wildcard syntax: nestjs-pino's default '*' made Nest warn "Unsupported route path" at every start.
    forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
    pinoHttp: readable ? [options, readableStream()] : options,
  };
}

/** Synchronous, so the start summary printed after the last log line really comes after it. */
function readableStream() {
  return pretty({
    sync: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,worker,context,req,res,responseTime',
    messageFormat: '{if worker}[worker {worker}] {end}{if context}[{context}] {end}{msg}',
  });
}
