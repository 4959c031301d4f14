import { controlCharacterFields } from '../control-characters';
import { jsonNestingExceeds } from '../json-depth';
import { redactUrl } from '../log-redaction';

describe('jsonNestingExceeds', () => {
  const deep = (n: number) => Buffer.from(`${'['.repeat(n)}${']'.repeat(n)}`);
  it('allows nesting up to the limit and refuses one more', () => {
    expect(jsonNestingExceeds(deep(32), 32)).toBe(false);
    expect(jsonNestingExceeds(deep(33), 32)).toBe(true);
    expect(jsonNestingExceeds(Buffer.from('{"a":{"b":[1,{"c":2}]}}'), 4)).toBe(false);
    expect(jsonNestingExceeds(Buffer.from('{"a":{"b":[1,{"c":2}]}}'), 3)).toBe(true);
  });
  it('counts depth, not brackets: siblings do not add up', () => {
    expect(jsonNestingExceeds(Buffer.from('[[],[],[],[]]'), 2)).toBe(false);
  });
  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonNestingExceeds(Buffer.from('{"a":"[[[[[[","b":"\\"[[[[[["}'), 1)).toBe(false);
    expect(jsonNestingExceeds(Buffer.from('{"a":"\\\\",   "b":[[1]]}'), 2)).toBe(true);
  });
});

describe('controlCharacterFields', () => {
  it('names every field with a control character, by bracket path', () => {
    expect(
      controlCharacterFields(
        { a: 'ok', b: 'x\u0000', c: [{ d: '\u0007' }, 'fine'], e: { f: 'y\u009f' } },
        true,
      ),
    ).toEqual(['b', 'c[0].d', 'e.f']);
  });
  it('lets tab and line breaks through in bodies, never in query values', () => {
    expect(controlCharacterFields({ note: 'a\tb\nc\r\n' }, true)).toEqual([]);
    expect(controlCharacterFields({ q: 'a\nb' }, false)).toEqual(['q']);
    expect(controlCharacterFields({ q: 'a\u007fb' }, true)).toEqual(['q']);
  });
  it('checks keys too, and leaves numbers, booleans and null alone', () => {
    expect(controlCharacterFields({ 'k\u0000': 'v' }, true)).toEqual(['body']);
    expect(controlCharacterFields({ n: 1, b: true, z: null }, false)).toEqual([]);
    expect(controlCharacterFields('\u0001', false, 'id')).toEqual(['id']);
  });
});

describe('redactUrl', () => {
  it('hides searched text, IDs and phones, keeps names of parameters and harmless values', () => {
    expect(redactUrl('/api/v1/households?q=433101195501010012&page=2&stage=surveyed')).toBe(
      '/api/v1/households?q=[redacted]&page=2&stage=surveyed',
    );
    expect(redactUrl('/api/v1/households?q=%E9%BE%99')).toBe('/api/v1/households?q=[redacted]');
    expect(redactUrl('/api/v1/users?phone=13812345678&role=cadre')).toBe(
      '/api/v1/users?phone=[redacted]&role=cadre',
    );
  });
  it('keeps UUIDs and dates, hides ID-shaped path segments', () => {
    const id = '0c5f1a2b-1234-4567-8901-123456789012';
    expect(redactUrl(`/api/v1/households/${id}?asOf=2026-12-01`)).toBe(
      `/api/v1/households/${id}?asOf=2026-12-01`,
    );
    expect(redactUrl('/api/v1/households/433101195501010012')).toBe('/api/v1/households/[redacted]');
    expect(redactUrl('/health')).toBe('/health');
  });
});
