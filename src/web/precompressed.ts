import type { NextFunction, Request, Response } from 'express';
import { existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

/** Content types of what the builds emit, so a `.br` sibling is sent as what it encodes, not as a download. */
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** The encodings the client accepts, `q=0` meaning "not this one". */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  return accepted;
}

export interface PrecompressedOptions {
  cacheControl: string;
  /** Paths (relative to the root, starting with `/`) this handler leaves to the next one. */
  exclude?: string[];
}

/**
 * Static files from `root`, sent as the `.br` or `.gz` written beside them at build time (web/scripts/precompress.mjs)
 * when the client accepts it: the right Content-Type of the original, Content-Encoding, `Vary: Accept-Encoding`.
 * Anything not a file under `root` goes on to the next handler.
 */
export function servePrecompressed(root: string, options: PrecompressedOptions) {
  const base = normalize(root + sep);
  return (request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    let relative: string;
    try {
      relative = decodeURIComponent(request.path);
    } catch {
      return next();
    }
    if (relative.includes('\0') || options.exclude?.includes(relative)) return next();
    const file = normalize(join(base, relative));
    if (!file.startsWith(base) || !isFile(file)) return next();

    const type = TYPES[extname(file).toLowerCase()];
    const accepted = acceptedEncodings(request.headers['accept-encoding']);
    const variants: [string, string][] = [
      ['br', `${file}.br`],
      ['gzip', `${file}.gz`],
    ];
    const compressed = variants.some(([, path]) => existsSync(path));
    const chosen = variants.find(([encoding, path]) => accepted.has(encoding) && isFile(path));

    response.setHeader('Cache-Control', options.cacheControl);
    if (type) response.setHeader('Content-Type', type);
    if (compressed) response.setHeader('Vary', 'Accept-Encoding');
    if (chosen) response.setHeader('Content-Encoding', chosen[0]);
    response.sendFile(chosen ? chosen[1] : file, { dotfiles: 'deny', cacheControl: false }, (error) => {
      if (error && !response.headersSent) next(error);
    });
  };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
