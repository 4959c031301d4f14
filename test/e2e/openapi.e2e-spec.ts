import { getMetadataStorage } from 'class-validator';
import { DomainError } from '../../src/common/errors/domain-error';
import { createValidationPipe } from '../../src/common/http/validation';
import { createTestApp, TestApp } from '../support/test-app';

interface MediaType {
  schema?: unknown;
}
interface Property {
  example?: unknown;
  enum?: unknown[];
  type?: string;
}
interface Parameter {
  name: string;
  in: string;
  example?: unknown;
  schema?: Property;
}
interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  responses?: Record<string, { content?: Record<string, MediaType> }>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** The console's typed client is generated from this document: it must not lose a response schema silently. */
describe('OpenAPI document', () => {
  let t: TestApp;
  let paths: Record<string, Record<string, Operation>>;
  let schemas: Record<string, { properties?: Record<string, Property> }>;
  beforeAll(async () => {
    t = await createTestApp();
    const response = await t.http.get('/docs-json');
    expect(response.status).toBe(200);
    paths = response.body.paths;
    schemas = response.body.components.schemas;
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

  /** Every class that has validation rules, by name: the document names a DTO's schema after its class. */
  function validatedClasses(): Map<string, (new () => object)[]> {
    const storage = getMetadataStorage() as unknown as {
      validationMetadatas: Map<new () => object, unknown>;
    };
    const byName = new Map<string, (new () => object)[]>();
    for (const target of storage.validationMetadatas.keys()) {
      byName.set(target.name, [...(byName.get(target.name) ?? []), target]);
    }
    return byName;
  }

  /** The fields of `values` that the project's own validation pipe refuses, with its message. */
  async function refused(
    metatype: new () => object,
    type: 'body' | 'query',
    values: Record<string, unknown>,
  ): Promise<string[]> {
    try {
      await createValidationPipe().transform(values, { type, metatype });
      return [];
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // Only the fields that carry an example: the others were left out on purpose.
      return (error.details ?? [])
        .filter((d) => Object.keys(values).some((key) => d.field === key || d.field.startsWith(`${key}[`)))
        .map((d) => `${d.field}=${JSON.stringify(values[d.field.split(/[[.]/)[0]])}: ${d.message}`);
    }
  }

  /** An example must at least be what its own schema says: its type, one of its enum values. */
  function fitsSchema(property: Property, value: unknown): boolean {
    if (property.enum && !property.enum.includes(value)) return false;
    if (property.type === 'integer') return Number.isInteger(value);
    if (property.type === 'number') return typeof value === 'number';
    if (property.type === 'string') return typeof value === 'string';
    if (property.type === 'boolean') return typeof value === 'boolean';
    return true;
  }

  it('documents only examples that the API itself accepts', async () => {
    const classes = validatedClasses();
    const wrong: string[] = [];
    let checked = 0;
    for (const [name, schema] of Object.entries(schemas)) {
      const examples = Object.fromEntries(
        Object.entries(schema.properties ?? {})
          .filter(([, property]) => property.example !== undefined)
          .map(([key, property]) => [key, property.example]),
      );
      for (const [key, value] of Object.entries(examples)) {
        checked++;
        if (!fitsSchema(schema.properties![key], value)) wrong.push(`${name}.${key}: not its schema's type`);
      }
      if (Object.keys(examples).length === 0) continue;
      for (const metatype of classes.get(name) ?? []) {
        wrong.push(...(await refused(metatype, 'body', examples)).map((m) => `${name}.${m}`));
      }
    }
    // Query parameters: validated by the operation's query DTO, the one class that has all its parameters.
    for (const { name, operation } of operations()) {
      const query = (operation.parameters ?? []).filter((p) => p.in === 'query');
      for (const parameter of query.filter((p) => (p.example ?? p.schema?.example) !== undefined)) {
        checked++;
        const value = parameter.example ?? parameter.schema!.example;
        const owners = [...classes.values()].flat().filter((cls) => {
          const fields = new Set(Object.keys(Object.getOwnPropertyDescriptors(new cls())));
          const rules = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
          for (const rule of rules) fields.add(rule.propertyName);
          return query.every((p) => fields.has(p.name));
        });
        expect([name, owners.length > 0]).toEqual([name, true]);
        for (const owner of owners) {
          wrong.push(
            ...(await refused(owner, 'query', { [parameter.name]: value })).map((m) => `${name} ?${m}`),
          );
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
    expect(wrong).toEqual([]);
  });
});
