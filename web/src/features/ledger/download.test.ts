import { describe, expect, it } from 'vitest';
import { exportPath } from './api';
import { fileNameFrom } from './download';

describe('downloads', () => {
  it('takes the Chinese file name the server gives, else its plain one, else the fallback', () => {
    const both = `attachment; filename="ledger-20261128.xlsx"; filename*=UTF-8''${encodeURIComponent('户籍台账-20261128.xlsx')}`;
    expect(fileNameFrom(both, 'x.xlsx')).toBe('户籍台账-20261128.xlsx');
    expect(fileNameFrom('attachment; filename="ledger-template.xlsx"', 'x.xlsx')).toBe(
      'ledger-template.xlsx',
    );
    expect(fileNameFrom("attachment; filename*=UTF-8''%E0%A4%A", 'x.xlsx')).toBe('x.xlsx');
    expect(fileNameFrom(null, '台账.xlsx')).toBe('台账.xlsx');
  });

  it("exports with the list's filters, not its page or order", () => {
    expect(exportPath({})).toBe('/api/v1/households/export');
    expect(
      exportPath({
        villageId: 'v1',
        stage: 'surveyed',
        onHold: false,
        q: '龙',
        page: 3,
        pageSize: 50,
        sort: 'code',
      }),
    ).toBe('/api/v1/households/export?villageId=v1&stage=surveyed&onHold=false&q=%E9%BE%99');
    expect(exportPath({ light: 'red', reveal: true })).toBe(
      '/api/v1/households/export?light=red&reveal=true',
    );
  });
});
