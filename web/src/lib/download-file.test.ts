import { afterEach, describe, expect, it, vi } from 'vitest';
import { downloadFile, fileNameFrom } from './download-file';

describe('the file name of a download', () => {
  it('prefers the UTF-8 name (Chinese) the server offers', () => {
    const header = `attachment; filename="daily-report-2026-12-01.xlsx"; filename*=UTF-8''${encodeURIComponent('日汇报-2026-12-01.xlsx')}`;
    expect(fileNameFrom(header, 'x.xlsx')).toBe('日汇报-2026-12-01.xlsx');
  });

  it('falls back to the plain name, then to the caller’s', () => {
    expect(fileNameFrom('attachment; filename="bulletin-2026-11-23.xlsx"', 'x.xlsx')).toBe(
      'bulletin-2026-11-23.xlsx',
    );
    expect(fileNameFrom('attachment; filename*=UTF-8\'\'%E0%A4%A; filename="a.xlsx"', 'x.xlsx')).toBe(
      'a.xlsx',
    );
    expect(fileNameFrom(null, '周通报.xlsx')).toBe('周通报.xlsx');
  });
});

describe('a refused download', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('becomes the server’s Chinese message, never a saved file', async () => {
    const body = { statusCode: 404, code: 'REPORT_NOT_FOUND', message: '2026-12-01 的日汇报尚未生成' };
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(body), { status: 404 }));
    // No document in this environment: reaching the "save" part would throw something else.
    await expect(downloadFile('/api/v1/reports/daily/2026-12-01/export', 'x.xlsx')).rejects.toMatchObject({
      status: 404,
      code: 'REPORT_NOT_FOUND',
      message: '2026-12-01 的日汇报尚未生成',
    });
  });

  it('says so in Chinese when the answer has no message, or the network is down', async () => {
    vi.stubGlobal('fetch', async () => new Response('<html>bad gateway</html>', { status: 502 }));
    await expect(downloadFile('/x', 'x.xlsx')).rejects.toMatchObject({
      message: '服务器暂时无法处理，请稍后再试',
    });
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(downloadFile('/x', 'x.xlsx')).rejects.toMatchObject({
      message: '网络连接失败，请检查网络后重试',
    });
  });
});
