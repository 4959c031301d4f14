import { INestApplication } from '@nestjs/common';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Paths that belong to the server, never to the console's single-page fallback. */
const SERVER_PATHS = /^\/(api|docs|docs-json|health|admin\/queues)(\/|$)/;
const NONCE_PLACEHOLDER = /__CSP_NONCE__/g;

/**
 * The console's policy: its own scripts only; styles from its own files or carrying this response's nonce
 * (antd writes its CSS-in-JS <style> elements with it); no framing, no plugins, requests to this origin only.
 */
export function consolePolicy(nonce: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
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
}

/**
 * Serves the built console from `dir` (web/dist): hashed assets cached for a year, index.html never cached and
 * given a fresh CSP nonce, and index.html for every other GET that is not the server's (the console's routes).
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
    const nonce = randomBytes(16).toString('base64');
    response
      .status(200)
      .setHeader('Content-Type', 'text/html; charset=utf-8')
      .setHeader('Cache-Control', 'no-store')
      .setHeader('Content-Security-Policy', consolePolicy(nonce))
      .send(template.replace(NONCE_PLACEHOLDER, nonce));
  });
  return true;
}
