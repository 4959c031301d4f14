import { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { servePrecompressed } from './precompressed';

/** Paths that belong to the server, never to the console's single-page fallback. */
const SERVER_PATHS = /^\/(api|docs|docs-json|health|admin\/queues)(\/|$)/;
/** The cadre's phone app: its own files, its own fallback page. */
const MOBILE_PATHS = /^\/m(\/|$)/;

const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * A request for a file (its last segment has an extension: /favicon.ico, /robots.txt, /m/old-chunk.js) that the
 * build does not have: a 404, not an app page a browser would take for an icon or a script. index.html is the
 * page itself (the service worker precaches /m/index.html).
 */
const looksLikeFile = (path: string): boolean => /\.[^/]+$/.test(path) && !path.endsWith('/index.html');

/**
 * The console's policy: its own scripts only (no inline script, no eval), requests to this origin only, no
 * framing, no plugins. Styles may be inline: antd's CSS-in-JS and the rc-components under it (modal scroll lock,
 * scrollbar measurement) write <style> elements and style attributes, some without a nonce; a style cannot
 * run code, and the only way to inject one would be an HTML injection that React's escaping already prevents.
 * The phone app lives under the same policy (its service worker and manifest are from this origin).
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

function sendPage(response: Response, template: string): void {
  response
    .status(200)
    .setHeader('Content-Type', 'text/html; charset=utf-8')
    .setHeader('Cache-Control', 'no-store')
    .setHeader('Content-Security-Policy', CONSOLE_POLICY)
    .send(template);
}

/**
 * Serves the built web apps from `dir` (web/dist): the console at / and the cadres' phone app at /m/ (dist/m).
 * Hashed assets are cached for a year, everything else revalidated; the service worker and its manifest are
 * never cached stale (no-cache), so a new build reaches phones on their next online start. Assets go out
 * pre-compressed (br, gzip) when the browser accepts it. Each app's index.html is never cached and carries the
 * CSP, for every GET that is not the server's (the apps' own routes). Without a build it does nothing.
 */
export function serveConsole(app: INestApplication, dir: string): boolean {
  const indexFile = join(dir, 'index.html');
  if (!existsSync(indexFile)) return false;
  const template = readFileSync(indexFile, 'utf8');

  const mobileDir = join(dir, 'm');
  const mobileIndex = join(mobileDir, 'index.html');
  if (existsSync(mobileIndex)) {
    const mobileTemplate = readFileSync(mobileIndex, 'utf8');
    app.use('/m/assets', servePrecompressed(join(mobileDir, 'assets'), { cacheControl: IMMUTABLE }));
    // sw.js, registerSW.js, workbox-*.js, the manifest, icons: revalidated on every start. index.html is left to
    // the page handler below, so the copy the service worker precaches carries the CSP as well.
    app.use('/m', servePrecompressed(mobileDir, { cacheControl: 'no-cache', exclude: ['/index.html'] }));
    app.use((request: Request, response: Response, next: NextFunction) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') return next();
      if (request.path === '/m') return response.redirect(301, '/m/');
      if (!request.path.startsWith('/m/') || request.path.startsWith('/m/assets/')) return next();
      if (looksLikeFile(request.path)) return next();
      sendPage(response, mobileTemplate);
    });
  }

  app.use('/assets', servePrecompressed(join(dir, 'assets'), { cacheControl: IMMUTABLE }));
  app.use(servePrecompressed(dir, { cacheControl: 'no-cache', exclude: ['/index.html'] }));
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (
      SERVER_PATHS.test(request.path) ||
      MOBILE_PATHS.test(request.path) ||
      request.path.startsWith('/assets/') ||
      looksLikeFile(request.path)
    )
      return next();
    sendPage(response, template);
  });
  return true;
}
