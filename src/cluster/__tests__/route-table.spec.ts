import { RouteTable } from '../route-table';

describe('RouteTable (which process serves a request in a cluster on SQLite)', () => {
  const table = new RouteTable([
    { method: 'POST', path: '/api/v1/households/:id/visits', by: 'reader' },
    { method: 'GET', path: '/api/v1/households/:id', by: 'writer', whenQuery: 'reveal' },
    { method: 'get', path: '/api/v1/audit', by: 'writer' },
  ]);

  it('serves reads where they arrive and sends other methods to the writer', () => {
    expect(table.servedBy('GET', '/api/v1/households', {})).toBe('reader');
    expect(table.servedBy('HEAD', '/api/v1/households', {})).toBe('reader');
    expect(table.servedBy('OPTIONS', '/api/v1/households', {})).toBe('reader');
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'])
      expect(table.servedBy(method, '/api/v1/households', {})).toBe('writer');
  });

  it('follows a marked route, a parameter matching exactly one segment', () => {
    expect(table.servedBy('POST', '/api/v1/households/h1/visits', {})).toBe('reader');
    expect(table.servedBy('post', '/api/v1/households/h1/visits/', {})).toBe('reader');
    expect(table.servedBy('POST', '/api/v1/households/visits', {})).toBe('writer');
    expect(table.servedBy('POST', '/api/v1/households/h1/x/visits', {})).toBe('writer');
    expect(table.servedBy('PUT', '/api/v1/households/h1/visits', {})).toBe('writer');
    expect(table.servedBy('GET', '/api/v1/audit', {})).toBe('writer');
    expect(table.servedBy('GET', '/api/v1/audit/verify', {})).toBe('reader');
  });

  it('applies a rule limited to a query flag only when the flag is true', () => {
    expect(table.servedBy('GET', '/api/v1/households/h1', { reveal: 'true' })).toBe('writer');
    expect(table.servedBy('GET', '/api/v1/households/h1', { reveal: 'false' })).toBe('reader');
    expect(table.servedBy('GET', '/api/v1/households/h1', {})).toBe('reader');
  });
});
