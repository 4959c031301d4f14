import { describe, expect, it } from 'vitest';
import { exportPath } from './api';

describe('the ledger export', () => {
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
