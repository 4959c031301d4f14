import { INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { CONSOLE_POLICY, serveConsole } from '../../src/web/console-static';

@Module({})
class NothingModule {}

/** Writes a file with its build-time .br and .gz beside it, each saying which one it is. */
function asset(path: string, text: (variant: string) => string): void {
  writeFileSync(path, text('plain'));
  writeFileSync(`${path}.br`, brotliCompressSync(Buffer.from(text('br'))));
  writeFileSync(`${path}.gz`, gzipSync(Buffer.from(text('gzip'))));
}

/**
 * How the API process serves the built web apps (src/web/console-static.ts), on a fake build in a temp folder:
 * the console at /, the phone app at /m/, pre-compressed assets, caching and the CSP.
 */
describe('serving the console and the phone app', () => {
  let dir: string;
  let app: INestApplication;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'web-static-'));
    mkdirSync(join(dir, 'assets'));
    mkdirSync(join(dir, 'm', 'assets'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<html>console</html>');
    writeFileSync(join(dir, 'favicon.svg'), '<svg/>');
    asset(join(dir, 'assets', 'index-abc123.js'), (v) => `console.log('console ${v}')`);
    writeFileSync(join(dir, 'm', 'index.html'), '<html>phone</html>');
    asset(join(dir, 'm', 'assets', 'index-def456.js'), (v) => `console.log('phone ${v}')`);
    asset(join(dir, 'm', 'sw.js'), (v) => `self.version = '${v}'`);
    writeFileSync(join(dir, 'm', 'manifest.webmanifest'), '{"name":"移民包户"}');
    app = await NestFactory.create(NothingModule, { logger: false });
    expect(serveConsole(app, dir)).toBe(true);
    await app.init();
    http = request(app.getHttpServer());
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends a hashed asset as brotli, else gzip, else as it is, always saying it varies by encoding', async () => {
    for (const [accept, encoding, text] of [
      ['gzip, deflate, br, zstd', 'br', "console.log('console br')"],
      ['gzip, deflate', 'gzip', "console.log('console gzip')"],
      ['br;q=0, gzip', 'gzip', "console.log('console gzip')"],
      ['identity', undefined, "console.log('console plain')"],
    ] as const) {
      const response = await http.get('/assets/index-abc123.js').set('Accept-Encoding', accept);
      expect({ accept, status: response.status, text: response.text }).toEqual({ accept, status: 200, text });
      expect(response.headers['content-encoding']).toBe(encoding);
      expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(response.headers['vary']).toMatch(/Accept-Encoding/);
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
  });

  it('serves the phone app’s page for /m/ and every route under it, uncached and under the CSP', async () => {
    for (const path of ['/m/', '/m/households/7d1c', '/m/sync', '/m/index.html']) {
      const response = await http.get(path);
      expect({ path, status: response.status, text: response.text }).toEqual({
        path,
        status: 200,
        text: '<html>phone</html>',
      });
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['content-security-policy']).toBe(CONSOLE_POLICY);
    }
    const bare = await http.get('/m');
    expect(bare.status).toBe(301);
    expect(bare.headers['location']).toBe('/m/');
  });

  it('revalidates the service worker and manifest on every start, and caches the phone’s hashed assets for good', async () => {
    const sw = await http.get('/m/sw.js').set('Accept-Encoding', 'br');
    expect(sw.status).toBe(200);
    expect(sw.text).toBe("self.version = 'br'");
    expect(sw.headers['cache-control']).toBe('no-cache');
    expect(sw.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const manifest = await http.get('/m/manifest.webmanifest');
    expect(manifest.headers['content-type']).toBe('application/manifest+json; charset=utf-8');
    expect(manifest.headers['cache-control']).toBe('no-cache');
    const script = await http.get('/m/assets/index-def456.js').set('Accept-Encoding', 'gzip');
    expect(script.text).toBe("console.log('phone gzip')");
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('keeps the console at / for its own routes, and leaves the API and missing assets alone', async () => {
    const page = await http.get('/households?stage=surveyed');
    expect(page.text).toBe('<html>console</html>');
    expect(page.headers['content-security-policy']).toBe(CONSOLE_POLICY);
    expect((await http.get('/favicon.svg')).headers['cache-control']).toBe('no-cache');
    expect((await http.get('/api/v1/nothing')).status).toBe(404);
    expect((await http.get('/assets/missing.js')).status).toBe(404);
    expect((await http.get('/m/assets/missing.js')).status).toBe(404);
    const escape = await http.get('/m/..%2f..%2findex.html');
    expect(escape.text).not.toBe('<html>console</html>');
  });

  it('answers a file the build does not have with 404, not with an app page', async () => {
    for (const path of ['/favicon.ico', '/robots.txt', '/m/old-chunk.js', '/m/households/x.png']) {
      const response = await http.get(path);
      expect([path, response.status]).toEqual([path, 404]);
      expect(response.text).not.toMatch(/<html>/);
    }
    // A route whose last segment has no extension is still the app's (a household id, a page).
    expect((await http.get('/m/households/3f2a')).text).toBe('<html>phone</html>');
    expect((await http.get('/problems/42')).text).toBe('<html>console</html>');
  });
});
