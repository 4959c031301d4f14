import { createTestApp, TestApp } from '../support/test-app';

interface MediaType {
  schema?: unknown;
}
interface Operation {
  operationId?: string;
  responses?: Record<string, { content?: Record<string, MediaType> }>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** The console's typed client is generated from this document: it must not lose a response schema silently. */
describe('OpenAPI document', () => {
  let t: TestApp;
  let paths: Record<string, Record<string, Operation>>;
  beforeAll(async () => {
    t = await createTestApp();
    const response = await t.http.get('/docs-json');
    expect(response.status).toBe(200);
    paths = response.body.paths;
  });
  afterAll(() => t.close());

  const operations = () =>
    Object.entries(paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, item]) =>
        METHODS.filter((method) => item[method]).map((method) => ({
          name: `${method.toUpperCase()} ${path}`,
          operation: item[method],
        })),
      );

  it('types the success answer of every /api/v1 operation (file downloads by their content type)', () => {
    const untyped: string[] = [];
    for (const { name, operation } of operations()) {
      const successes = Object.entries(operation.responses ?? {}).filter(([status]) =>
        /^2\d\d$/.test(status),
      );
      if (successes.length === 0) untyped.push(`${name}: no success response`);
      for (const [status, response] of successes) {
        if (status === '204') continue;
        const content = response.content ?? {};
        const json = content['application/json'];
        const file = Object.keys(content).some((type) => type !== 'application/json');
        if (json ? !json.schema : !file) untyped.push(`${name} ${status}`);
      }
    }
    expect(untyped).toEqual([]);
  });

  it('documents error answers in the one error shape', () => {
    const wrong: string[] = [];
    for (const { name, operation } of operations()) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (!/^[45]\d\d$/.test(status)) continue;
        const schema = response.content?.['application/json']?.schema as { $ref?: string } | undefined;
        if (schema?.$ref !== '#/components/schemas/ErrorResponseDto') wrong.push(`${name} ${status}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
