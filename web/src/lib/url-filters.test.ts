import { describe, expect, it } from 'vitest';
import { changeFilters, readFilters, writeFilters } from './url-filters';

const spec = { page: 'number', stage: 'string', onHold: 'boolean', q: 'string' } as const;

describe('filters in the URL', () => {
  it('reads typed values and drops what does not fit', () => {
    const params = new URLSearchParams('page=3&stage=surveyed&onHold=true&q=%20龙%20&x=1');
    expect(readFilters(params, spec)).toEqual({ page: 3, stage: 'surveyed', onHold: true, q: '龙' });
    expect(readFilters(new URLSearchParams('page=abc&onHold=yes&page=0'), spec)).toEqual({});
    expect(readFilters(new URLSearchParams('page=-2&q=%20%20'), spec, { page: 1 })).toEqual({ page: 1 });
  });

  it('writes only what differs from the defaults, in the spec order', () => {
    const params = writeFilters({ q: '龙', page: 1, stage: '', onHold: false }, spec, { page: 1 });
    expect(params.toString()).toBe('onHold=false&q=%E9%BE%99');
  });

  it('round-trips', () => {
    const values = { page: 2, stage: 'paid', onHold: true, q: 'AZ-01' };
    expect(readFilters(writeFilters(values, spec), spec)).toEqual(values);
  });

  it('goes back to page 1 when another filter changes, not when the page does', () => {
    expect(changeFilters({ page: 4, stage: 'paid' }, { stage: 'surveyed' })).toEqual({ stage: 'surveyed' });
    expect(changeFilters({ page: 4, stage: 'paid' }, { page: 5 })).toEqual({ page: 5, stage: 'paid' });
  });
});
