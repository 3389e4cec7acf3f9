/**
 * `allOf` of scalar schemas, as zod-to-openapi writes a refinement
 * (`allOf: [{type: string}, {type: string, minLength: 1}]`, ReadMe's API) or
 * a document adds facets (`type: string, allOf: [{maxLength: 5}]`): one
 * scalar with every part's facets. It used to become an empty object, so a
 * string param was typed, flagged and validated as an object. So did a named
 * scalar with `additionalProperties: false` beside it (Linqr's icon).
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ObjectShape, Shape } from '../../generator/ir/types.js';
import { buildToolTable } from '../../generator/emit/mcp/index.js';
import type { Imported } from '../support/pipeline.js';
import { importTree, op, tempDir } from './support.js';

describe('allOf of scalars', () => {
  let imported: Imported;
  beforeAll(async () => {
    imported = await importTree(join(tempDir('allof-scalar'), 'doc'), {
      'openapi.yaml': {
        openapi: '3.1.0',
        info: { title: 'Scalar allOf', version: '1' },
        paths: {
          '/guides': {
            post: {
              operationId: 'createGuide',
              requestBody: {
                content: {
                  'application/json': {
                    schema: {
                      type: 'object',
                      required: ['slug'],
                      properties: {
                        slug: { allOf: [{ type: 'string' }, { type: 'string', minLength: 1 }], description: 'The URL slug.' },
                        code: { type: 'string', allOf: [{ maxLength: 5 }, { enum: ['a', 'b', 'c'] }, { enum: ['b', 'c', 'd'] }] },
                        level: { allOf: [{ type: 'integer', minimum: 1 }, { maximum: 3 }], nullable: true },
                        named: { allOf: [{ $ref: '#/components/schemas/Level' }, { description: 'How deep.' }] },
                        mixed: { allOf: [{ type: 'string' }, { type: 'integer' }] },
                        // An object keyword beside a named scalar (Linqr's icon, a string enum): ignored by JSON Schema.
                        icon: { allOf: [{ $ref: '#/components/schemas/Icons' }], additionalProperties: false, description: 'The icon.' },
                      },
                    },
                  },
                },
              },
              responses: { '204': { description: 'done' } },
            },
          },
        },
        components: { schemas: { Level: { type: 'integer', minimum: 1 }, Icons: { type: 'string', enum: ['icon://mail', 'icon://link'] } } },
      },
    });
  });

  const param = (name: string): Shape => op(imported.spec, 'post', '/guides').params.find((p) => p.name === name)!.schema;

  it('one scalar with every part’s facets (enums intersect), reported', () => {
    expect(param('slug')).toMatchObject({ kind: 'string', minLength: 1, description: 'The URL slug.' });
    expect(param('code')).toMatchObject({ kind: 'string', maxLength: 5, enum: ['b', 'c'] });
    expect(param('level')).toMatchObject({ kind: 'integer', minimum: 1, maximum: 3, nullable: true });
    // `allOf: [$ref, {…}]` keeps the named type (with the sibling's docs).
    expect(param('named')).toMatchObject({ kind: 'ref', name: 'Level', description: 'How deep.' });
    const at = '/paths/~1guides/post/requestBody/content/application~1json/schema/properties';
    expect(imported.report.filter((e) => e.code === 'allOf-scalar-merged').map((e) => [e.pointer, e.message])).toEqual([
      [`${at}/code`, '`allOf` of 3 string schemas merged into one.'],
      [`${at}/level`, '`allOf` of 2 integer schemas merged into one.'],
      [`${at}/slug`, '`allOf` of 2 string schemas merged into one.'],
    ]);
  });

  it('parts of two types stay reported as not representable', () => {
    expect(param('mixed').kind).toBe('object');
    expect(imported.report.filter((e) => e.code === 'allOf-non-object').map((e) => e.pointer)).toEqual([
      '/paths/~1guides/post/requestBody/content/application~1json/schema/properties/mixed',
    ]);
  });

  it('keeps a named scalar beside `additionalProperties`, which does not apply to it, reported', () => {
    expect(param('icon')).toMatchObject({ kind: 'ref', name: 'Icons', description: 'The icon.' });
    expect(imported.report.filter((e) => e.code === 'facet-type-mismatch').map((e) => [e.pointer, e.message])).toEqual([
      ['/paths/~1guides/post/requestBody/content/application~1json/schema/properties/icon/additionalProperties', '`additionalProperties` does not apply to a string (JSON Schema ignores it for this type); left out.'],
    ]);
    const spec = imported.spec;
    const tool = buildToolTable(spec).table.tools.find((t) => t.name === op(spec, 'post', '/guides').names.mcpTool)!;
    expect(JSON.stringify((tool.inputSchema as { properties: Record<string, unknown> }).properties.icon)).toContain('icon://mail');
  });

  it('the MCP tool validates the slug as a string', () => {
    const spec = imported.spec;
    const tool = buildToolTable(spec).table.tools.find((t) => t.name === op(spec, 'post', '/guides').names.mcpTool)!;
    expect((tool.inputSchema as { properties: Record<string, unknown> }).properties.slug).toMatchObject({ type: 'string', minLength: 1 });
    expect((param('slug') as Shape & Partial<ObjectShape>).properties).toBeUndefined();
  });
});
