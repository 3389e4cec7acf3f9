/**
 * Facets real documents get wrong, which strict validators (Ajv, in most MCP
 * clients) reject a tool for: a bound of another type's (`maximum` on a
 * string, `maxLength` on an integer: JSON Schema ignores them) and a
 * `pattern` that is no ECMA-262 regular expression with the Unicode flag
 * (a lone `{`) or that the schema's own default does not match (`pattern:
 * date-time`, which the MCP server held every date to). Each is reported with
 * its pointer and left out, so the MCP tool table stays lint-clean; the
 * facets that apply are kept. And a 3.1
 * document without `paths` (webhooks alone) imports, generates and builds,
 * and its MCP server starts with no tools.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ObjectShape, Shape } from '../../generator/ir/types.js';
import { buildToolTable } from '../../generator/emit/mcp/index.js';
import { lintToolTable } from '../mcp/lint.js';
import { connectMcp, generateAndBuild, runBin, scratchDir, type Imported } from '../support/pipeline.js';
import { importTree, tempDir } from './support.js';

describe('facets that do not apply, and patterns that do not compile', () => {
  let imported: Imported;
  beforeAll(async () => {
    imported = await importTree(join(tempDir('facets'), 'doc'), {
      'openapi.yaml': {
        openapi: '3.0.3',
        info: { title: 'Facets', version: '1' },
        paths: {
          '/cards': {
            post: {
              operationId: 'createCard',
              requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Card' } } } },
              responses: { '200': { description: 'ok' } },
            },
          },
        },
        components: {
          schemas: {
            Card: {
              type: 'object',
              properties: {
                name: { type: 'string', minimum: 0, maximum: 32, maxLength: 40 },
                cvc: { type: 'integer', minLength: 3, maxLength: 4, maximum: 9999 },
                code: { type: 'string', pattern: '^(?:{[0-9a-f]{4}}|[0-9a-f]{4})$' },
                zip: { type: 'string', pattern: '^[0-9]{5}$' },
                // A format's name where the pattern goes, beside a default it refuses (PA's TV listings).
                since: { type: 'string', pattern: 'date-time', default: '2024-01-02T03:04:05Z' },
                country: { type: 'string', pattern: '^[A-Z]{2}$', default: 'DE' },
                amount: { type: 'number', maximum: 10, exclusiveMaximum: true, pattern: '^[0-9]+$' },
                // Enum values of another type (YAML's unquoted `true`): no value was valid.
                uppercase: { type: 'string', enum: [true, false] },
                level: { type: 'integer', enum: ['1', '2', 'high'] },
                strict: { type: 'string', enum: [true] },
                tier: { type: 'string', enum: ['a', 'b'] },
              },
            },
          },
        },
      },
    });
  });

  const reported = (code: string) => imported.report.filter((r) => r.code === code);
  const prop = (name: string) => (imported.spec.types.Card!.shape as ObjectShape).properties.find((p) => p.name === name)!.shape as Shape & Record<string, unknown>;

  it('keeps the facets of the value’s own type and leaves the others out, each reported at its keyword', () => {
    expect(prop('name')).toMatchObject({ kind: 'string', maxLength: 40 });
    expect(prop('name').maximum).toBeUndefined();
    expect(prop('name').minimum).toBeUndefined();
    expect(prop('cvc')).toMatchObject({ kind: 'integer', maximum: 9999 });
    expect(prop('cvc').maxLength).toBeUndefined();
    expect(prop('amount')).toMatchObject({ kind: 'number', exclusiveMaximum: 10 });
    expect(prop('amount').pattern).toBeUndefined();
    expect(reported('facet-type-mismatch').map((e) => e.pointer).sort()).toEqual(
      [
        '/components/schemas/Card/properties/amount/pattern',
        '/components/schemas/Card/properties/cvc/maxLength',
        '/components/schemas/Card/properties/cvc/minLength',
        '/components/schemas/Card/properties/name/maximum',
        '/components/schemas/Card/properties/name/minimum',
      ].sort(),
    );
  });

  it("gives enum values of another type the schema type's spelling, reported; one without a spelling is left out", () => {
    expect(prop('uppercase')).toMatchObject({ kind: 'string', enum: ['true', 'false'] });
    expect(prop('level')).toMatchObject({ kind: 'integer', enum: [1, 2] });
    expect(prop('strict')).toMatchObject({ kind: 'literal', value: 'true' });
    expect(prop('tier')).toMatchObject({ kind: 'string', enum: ['a', 'b'] });
    expect(reported('enum-type-mismatch').map((e) => `${e.pointer}: ${e.message}`)).toEqual([
      '/components/schemas/Card/properties/level/enum: Enum values "1", "2", "high" are not of the schema\'s type `integer`: the values are 1, 2.',
      '/components/schemas/Card/properties/strict/enum: Enum values true are not of the schema\'s type `string`: the values are "true".',
      '/components/schemas/Card/properties/uppercase/enum: Enum values true, false are not of the schema\'s type `string`: the values are "true", "false".',
    ]);
  });

  it('leaves out a pattern that is not a Unicode regular expression, and keeps one that is', () => {
    expect(prop('code').pattern).toBeUndefined();
    expect(prop('zip').pattern).toBe('^[0-9]{5}$');
    const [invalid] = reported('pattern-invalid');
    expect(invalid?.pointer).toBe('/components/schemas/Card/properties/code/pattern');
    expect(invalid?.message).toMatch(/lone quantifier brackets/);
  });

  it("leaves out a pattern the schema's own default does not match, and keeps one it matches", () => {
    expect(prop('since')).toMatchObject({ kind: 'string', default: '2024-01-02T03:04:05Z' });
    expect(prop('since').pattern).toBeUndefined();
    expect(prop('country')).toMatchObject({ kind: 'string', pattern: '^[A-Z]{2}$', default: 'DE' });
    expect(reported('pattern-default-mismatch').map((e) => `${e.pointer}: ${e.message}`)).toEqual([
      '/components/schemas/Card/properties/since/pattern: `pattern` does not match the schema\'s own default "2024-01-02T03:04:05Z"; left out (validators refused values like it).',
    ]);
    const tool = buildToolTable(imported.spec).table.tools[0]!;
    expect(JSON.stringify(tool.inputSchema)).not.toContain('"date-time"');
  });

  it('gives an MCP tool table that strict validators accept', () => {
    expect(lintToolTable(buildToolTable(imported.spec).table)).toEqual([]);
  });
});

describe('a document without paths', () => {
  let imported: Imported;
  beforeAll(async () => {
    imported = await importTree(join(tempDir('no-paths'), 'doc'), {
      'openapi.yaml': {
        openapi: '3.1.0',
        info: { title: 'Hooks Only', version: '1' },
        webhooks: {
          petAdded: { post: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } }, responses: { '200': { description: 'ok' } } } },
        },
        components: { schemas: { Pet: { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } } } },
      },
    });
  });

  it('imports its webhooks (3.1 makes paths optional), says so, and builds all three packages', async () => {
    expect(imported.spec.operations).toEqual([]);
    expect(imported.spec.webhooks?.events.map((e) => e.name)).toEqual(['petAdded']);
    expect(imported.report.filter((r) => r.code === 'no-paths')).toHaveLength(1);
    const built = await generateAndBuild(imported.spec, join(scratchDir, 'test-anydoc-no-paths'));
    const help = await runBin(built.cliBin, ['--help']);
    expect(help.code, help.stderr).toBe(0);
    // The MCP server starts and serves no tools (no filter selected none: there are none).
    const mcp = await connectMcp(built.mcpBin, []);
    try {
      expect((await mcp.client.listTools()).tools).toEqual([]);
    } finally {
      await mcp.close();
    }
  }, 120_000);

  it('reads a 3.0 document without paths too (3.0 requires them: a warning), for its components', async () => {
    const components = await importTree(join(tempDir('no-paths-30'), 'doc'), {
      'openapi.yaml': { openapi: '3.0.1', info: { title: 'Types Only', version: '1' }, components: { schemas: { Pet: { type: 'object', properties: { id: { type: 'integer' } } } } } },
    });
    expect(components.spec.operations).toEqual([]);
    expect(components.report.filter((r) => r.code === 'no-paths').map((r) => r.level)).toEqual(['warning']);
  });
});
