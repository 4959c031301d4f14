import { describe, expect, it } from 'vitest';
import { fileNameFrom } from './download-file';

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
