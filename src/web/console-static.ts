import { INestApplication } from '@nestjs/common';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Paths that belong to the server, never to the console's single-page fallback. */
const SERVER_PATHS = /^\/(api|docs|docs-json|health|admin\/queues)(\/|$)/;

/**
 * The console's policy: its own scripts only (no inline script, no eval), requests to this origin only, no
 * framing, no plugins. Styles may be inline: antd's CSS-in-JS and the rc-components under it (modal scroll lock,
 * scrollbar measurement) write <style> elements and style attributes, some without a nonce; a style cannot
 * run code, and the only way to inject one would be an HTML injection that React's escaping already prevents.
 */
export const CONSOLE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the built console from `dir` (web/dist): hashed assets cached for a year, index.html never cached and
 * under the console's CSP, for every GET that is not the server's (the console's own routes).
 * Without a build (development, the API-only tests) it does nothing.
 */
export function serveConsole(app: INestApplication, dir: string): boolean {
  const indexFile = join(dir, 'index.html');
  if (!existsSync(indexFile)) return false;
  const template = readFileSync(indexFile, 'utf8');
  app.use(
    '/assets',
    express.static(join(dir, 'assets'), {
      index: false,
      fallthrough: true,
      setHeaders: (response) => response.setHeader('Cache-Control', 'public, max-age=31536000, immutable'),
    }),
  );
  app.use(
    express.static(dir, {
      index: false,
      setHeaders: (response) => response.setHeader('Cache-Control', 'no-cache'),
    }),
  );
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (SERVER_PATHS.test(request.path) || request.path.startsWith('/assets/')) return next();
    response
      .status(200)
      .setHeader('Content-Type', 'text/html; charset=utf-8')
      .setHeader('Cache-Control', 'no-store')
      .setHeader('Content-Security-Policy', CONSOLE_POLICY)
      .send(template);
  });
  return true;
}
