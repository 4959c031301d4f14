import { HttpStatus, Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Agent, IncomingHttpHeaders, IncomingMessage, request as httpRequest } from 'node:http';
import { DomainError } from '../common/errors/domain-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { isWriterMoved } from './cluster-messages';

/** What a reader tells the writer about the client (the writer hears only the reader, over a local socket). */
export const CLIENT_IP_HEADER = 'x-cluster-client-ip';
export const CLIENT_PROTOCOL_HEADER = 'x-cluster-client-protocol';
/** The writer's operations (writer-operations.ts) answer under this path, on its socket only. */
export const OPERATIONS_PATH = '/_writer/';

const MAX_BATCH = 200;
const RETRY_AFTER_SECONDS = 2;

export const WriterErrors = {
  unavailable: () =>
    new DomainError(HttpStatus.SERVICE_UNAVAILABLE, 'WRITER_UNAVAILABLE', '写入服务暂不可用，请稍后重试'),
};

type Outcome = { value: unknown } | { error: { status?: number; code?: string; message: string } };

interface Pending {
  item: unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * A reader's line to the writer process (src/cluster/): requests forwarded whole, and operations (a visit to
 * store, an audit entry to write) sent as JSON. Both answer only after the writer has committed, so what the
 * reader reads next on its own connection includes it. Inactive outside a reader.
 */
@Injectable()
export class WriterLink implements OnApplicationShutdown {
  private socketPath: string | null;
  private agent = WriterLink.newAgent();
  private readonly queues = new Map<string, { pending: Pending[]; sending: boolean }>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.socketPath = config.role === 'reader' ? config.writerSocket : null;
    if (this.active) process.on('message', this.onMessage);
  }

  /** Whether this process hands its writes to a writer process. */
  get active(): boolean {
    return this.socketPath !== null;
  }

  /** After the HTTP server has closed (Nest closes it after onModuleDestroy): requests still answering need the pool. */
  onApplicationShutdown(): void {
    process.off('message', this.onMessage);
    this.agent.destroy();
  }

  /**
   * A writer started again listens on a new socket: the primary says which. The old pool is left alone: in a
   * rolling restart its requests are still being answered by the old writer, which closes its connections itself.
   */
  private readonly onMessage = (message: unknown): void => {
    if (!isWriterMoved(message) || !this.active) return;
    this.socketPath = message.socket;
    this.agent = WriterLink.newAgent();
  };

  private static newAgent(): Agent {
    return new Agent({ keepAlive: true, maxSockets: 64 });
  }

  /**
   * The request as it came (its body streamed on), and the writer's answer streamed back. Nothing has been read
   * from the request yet (this runs before the body parsers). A writer that cannot be reached is a 503 and
   * changed nothing; one that dies mid-answer cuts the connection, as a crash of this process would.
   */
  forward(request: Request, response: Response): void {
    const requestId = typeof request.id === 'string' ? request.id : null;
    const headers = withoutHopByHop(request.headers);
    headers[CLIENT_IP_HEADER] = request.ip ?? '';
    headers[CLIENT_PROTOCOL_HEADER] = request.protocol;
    if (requestId) headers['x-request-id'] = requestId;
    const upstream = httpRequest(
      {
        socketPath: this.socketPath!,
        agent: this.agent,
        method: request.method,
        path: request.originalUrl,
        headers,
      },
      (answer: IncomingMessage) => {
        // The writer's answer has every header of its own (the same request id, helmet's): none of this process's.
        for (const name of response.getHeaderNames()) response.removeHeader(name);
        response.writeHead(answer.statusCode ?? 502, withoutHopByHop(answer.headers));
        answer.pipe(response);
        answer.on('error', () => response.destroy());
      },
    );
    upstream.on('error', () => {
      if (response.headersSent) return void response.destroy();
      const error = WriterErrors.unavailable();
      response
        .status(error.status)
        .setHeader('Retry-After', String(RETRY_AFTER_SECONDS))
        .json({ statusCode: error.status, code: error.code, message: error.message, requestId });
    });
    // The client gave up: the writer finishes what it started (and commits it), nobody waits for the answer.
    response.on('close', () => {
      if (!response.writableFinished) upstream.destroy();
    });
    request.pipe(upstream);
  }

  /**
   * One item for one of the writer's operations. Items that arrive while a call is out go together in the next
   * one (as the visit writer groups its commits), each still answered on its own.
   */
  submit<T>(operation: string, item: unknown): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let queue = this.queues.get(operation);
      if (!queue) this.queues.set(operation, (queue = { pending: [], sending: false }));
      queue.pending.push({ item, resolve: resolve as (value: unknown) => void, reject });
      if (!queue.sending) void this.send(operation, queue);
    });
  }

  private async send(operation: string, queue: { pending: Pending[]; sending: boolean }): Promise<void> {
    queue.sending = true;
    try {
      while (queue.pending.length) {
        const batch = queue.pending.splice(0, MAX_BATCH);
        let outcomes: Outcome[];
        try {
          outcomes = await this.call(
            operation,
            batch.map((p) => p.item),
          );
        } catch {
          for (const pending of batch) pending.reject(WriterErrors.unavailable());
          continue;
        }
        batch.forEach((pending, i) => {
          const outcome = outcomes[i];
          if (outcome && 'value' in outcome) pending.resolve(outcome.value);
          else pending.reject(revive(outcome?.error ?? { message: 'no answer from the writer' }));
        });
      }
    } finally {
      queue.sending = false;
    }
  }

  private call(operation: string, items: unknown[]): Promise<Outcome[]> {
    const payload = JSON.stringify({ items });
    return new Promise((resolve, reject) => {
      const upstream = httpRequest(
        {
          socketPath: this.socketPath!,
          agent: this.agent,
          method: 'POST',
          path: `${OPERATIONS_PATH}${operation}`,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('error', reject);
          answer.on('end', () => {
            if (answer.statusCode !== 200)
              return reject(new Error(`writer answered ${answer.statusCode} to ${operation}`));
            try {
              resolve((JSON.parse(Buffer.concat(chunks).toString()) as { results: Outcome[] }).results);
            } catch (error) {
              reject(error);
            }
          });
        },
      );
      upstream.on('error', reject);
      upstream.end(payload);
    });
  }
}

/** Headers of one connection, not of the request: each hop has its own (the agent keeps its sockets open). */
const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
];

function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const copy = { ...headers };
  for (const name of HOP_BY_HOP) delete copy[name];
  return copy;
}

/** A refusal the writer made keeps its status and code; anything else is the writer's failure. */
function revive(error: { status?: number; code?: string; message: string }): Error {
  if (error.status && error.code) return new DomainError(error.status, error.code, error.message);
  return new Error(`writer: ${error.message}`);
}
