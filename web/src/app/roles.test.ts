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
    expect(homeFor('cadre')).toBe('/m/');
  });

  it('decides a nested path by the page that owns it', () => {
    expect(mayOpen('official', '/households/123')).toBe(true);
    expect(mayOpen('handler', '/households')).toBe(false);
  });
});

describe('what each desk sees', () => {
  it('gives a handler only problems and tasks', () => {
    expect(menuFor('handler').map((entry) => entry.path)).toEqual(['/problems', '/tasks']);
    expect(homeFor('handler')).toBe('/problems');
    expect(mayOpen('handler', '/problems/abc')).toBe(true);
    expect(mayOpen('handler', '/cycle')).toBe(false);
  });

  it('keeps administration with the administrator, the audit log also with supervisors', () => {
    expect(mayOpen('commander', '/admin/users')).toBe(false);
    expect(mayOpen('admin', '/admin/users')).toBe(true);
    expect(mayOpen('supervisor', '/admin/audit')).toBe(true);
    expect(mayOpen('supervisor', '/admin/org')).toBe(false);
  });

  it('lets those who decide approvals open the inbox, and nobody else', () => {
    expect(mayOpen('official', '/approvals')).toBe(true);
    expect(mayOpen('supervisor', '/approvals')).toBe(false);
  });
});
