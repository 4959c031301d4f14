import { describe, expect, it } from 'vitest';
import { homeFor, mayOpen, menuFor } from './roles';

describe('role-aware menus', () => {
  it('gives the command centre the dashboard first', () => {
    expect(menuFor('commander')[0]).toMatchObject({ path: '/', label: '挂图作战' });
    expect(homeFor('commander')).toBe('/');
  });

  it('keeps a cadre out of every console page', () => {
    expect(menuFor('cadre')).toEqual([]);
    expect(mayOpen('cadre', '/')).toBe(false);
    expect(mayOpen('cadre', '/households/abc')).toBe(false);
    expect(homeFor('cadre')).toBe('/forbidden');
  });

  it('decides a nested path by the page that owns it', () => {
    expect(mayOpen('official', '/households/123')).toBe(true);
    expect(mayOpen('handler', '/households')).toBe(false);
  });
});
