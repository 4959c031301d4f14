import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { json } from 'express';
import { DomainError } from '../common/errors/domain-error';
import { CLIENT_IP_HEADER, CLIENT_PROTOCOL_HEADER } from './writer-link';

type Operation = (item: unknown) => Promise<unknown>;

/**
 * In the writer process: what readers may ask of it besides whole requests (WriterLink.submit). A module that
 * hands a write over registers its operation here; each item is answered on its own, after its commit.
 */
@Injectable()
export class WriterOperations {
  private readonly operations = new Map<string, Operation>();

  register(name: string, operation: Operation): void {
    if (this.operations.has(name)) throw new Error(`writer operation ${name} registered twice`);
    this.operations.set(name, operation);
  }

  /** `POST /_writer/:name` with `{ items }` → `{ results }`, one outcome per item in order. */
  handler(): Array<(request: Request, response: Response, next: NextFunction) => void> {
    const answer = async (request: Request, response: Response): Promise<void> => {
      const operation = this.operations.get(request.path.replace(/^\//, ''));
      const items = (request.body as { items?: unknown }).items;
      if (request.method !== 'POST' || !operation || !Array.isArray(items)) {
        response.status(404).json({ error: 'no such writer operation' });
        return;
      }
      const settled = await Promise.allSettled(items.map((item) => operation(item)));
      response.json({
        results: settled.map((outcome) =>
          outcome.status === 'fulfilled'
            ? { value: outcome.value ?? null }
            : { error: describe(outcome.reason) },
        ),
      });
    };
    return [json({ limit: '20mb' }), (request, response, next) => void answer(request, response).catch(next)];
  }
}

function describe(error: unknown): { status?: number; code?: string; message: string } {
  if (error instanceof DomainError) return { status: error.status, code: error.code, message: error.message };
  return { message: error instanceof Error ? error.message : String(error) };
}

/**
 * In the writer process: every request comes from a reader over the local socket, which says who the client is
 * (the address and protocol the reader saw, under its own `trust proxy`). Login throttling, the audit's client
 * address and secure cookies then behave as on a single process.
 */
export function clientAsTheReaderSawIt(request: Request, _response: Response, next: NextFunction): void {
  const ip = request.headers[CLIENT_IP_HEADER];
  const protocol = request.headers[CLIENT_PROTOCOL_HEADER];
  if (typeof ip === 'string' && ip) Object.defineProperty(request, 'ip', { value: ip });
  if (protocol === 'https' || protocol === 'http') {
    Object.defineProperty(request, 'protocol', { value: protocol });
    Object.defineProperty(request, 'secure', { value: protocol === 'https' });
  }
  next();
}
