import { canonicalJson, IDEMPOTENCY_KEY_PATTERN, requestHash } from '../request-hash';

describe('canonical request hash', () => {
  const base = {
    method: 'POST',
    route: '/api/v1/households/:id/intent',
    params: { id: 'a1' },
    body: { option: 'scattered', site: '矮寨', nested: { b: 1, a: [2, { d: 1, c: null }] } },
  };

  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: '中' } })).toBe('{"a":{"c":"中","d":[3,1]},"b":1}');
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it('drops undefined members (as JSON would) but keeps null', () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });

  it('is the same for the same content in another key order', () => {
    const reordered = {
      ...base,
      body: { nested: { a: [2, { c: null, d: 1 }], b: 1 }, site: '矮寨', option: 'scattered' },
    };
    expect(requestHash(reordered)).toBe(requestHash(base));
    expect(requestHash({ ...base, method: 'post' })).toBe(requestHash(base));
  });

  it('differs when the body, a path parameter, the route or the method differs', () => {
    const hash = requestHash(base);
    expect(requestHash({ ...base, body: { ...base.body, option: 'cash' } })).not.toBe(hash);
    expect(requestHash({ ...base, params: { id: 'a2' } })).not.toBe(hash);
    expect(requestHash({ ...base, route: '/api/v1/problems' })).not.toBe(hash);
    expect(requestHash({ ...base, method: 'PUT' })).not.toBe(hash);
    expect(requestHash({ ...base, body: '1' })).not.toBe(requestHash({ ...base, body: 1 }));
  });

  it('accepts a UUID and up to 100 visible characters, nothing else', () => {
    expect(IDEMPOTENCY_KEY_PATTERN.test('0b5f1d2e-8c1a-4f7e-9d3c-2a1b0c9d8e7f')).toBe(true);
    expect(IDEMPOTENCY_KEY_PATTERN.test('k'.repeat(100))).toBe(true);
    for (const bad of ['', 'k'.repeat(101), 'a b', 'a, b', '键', 'a\tb']) {
      expect(IDEMPOTENCY_KEY_PATTERN.test(bad)).toBe(false);
    }
  });
});
