/**
 * Tuples: OpenAPI 3.1's `prefixItems` (with or without `items` after them)
 * and the `items` list some 3.0 documents write. The surfaces have no
 * positional type, so each becomes an array whose items are any of the
 * members' types (typed, where it used to be `unknown[]`), reported.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArrayShape, ObjectShape, Shape } from '../../generator/ir/types.js';
import { generateAndBuild, scratchDir, typecheckClients, type Imported } from '../support/pipeline.js';
import { entries, importTree, tempDir } from './support.js';

describe('tuples', () => {
  let imported: Imported;
  beforeAll(async () => {
    imported = await importTree(join(tempDir('tuples'), 'doc'), {
      'openapi.yaml': {
        openapi: '3.1.0',
        info: { title: 'Tuples', version: '1' },
        paths: {
          '/points': {
            get: {
              operationId: 'getPoint',
              responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Point' } } } } },
            },
          },
        },
        components: {
          schemas: {
            Point: {
              type: 'object',
              properties: {
                pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }] },
                open: { prefixItems: [{ type: 'string' }], items: { type: 'boolean' } },
                legacy: { type: 'array', items: [{ type: 'number' }] },
              },
            },
          },
        },
      },
    });
  });

  const prop = (name: string) => (imported.spec.types.Point!.shape as ObjectShape).properties.find((p) => p.name === name)!.shape as ArrayShape;
  const kinds = (shape: Shape) => (shape.kind === 'union' ? shape.members.map((m) => m.kind) : [shape.kind]);

  it('an array of the union of the members (and of `items` after `prefixItems`), reported', () => {
    expect([prop('pair').kind, kinds(prop('pair').items)]).toEqual(['array', ['string', 'integer']]);
    expect([prop('open').kind, kinds(prop('open').items)]).toEqual(['array', ['string', 'boolean']]);
    expect([prop('legacy').kind, kinds(prop('legacy').items)]).toEqual(['array', ['number']]);
    expect(entries(imported.report, 'tuple-items')).toHaveLength(3);
  });

  it('the client type-checks', async () => {
    const built = await generateAndBuild(imported.spec, join(scratchDir, 'test-anydoc-tuples'));
    const client = join(built.dir, 'client');
    expect(typecheckClients([client]).get(client)).toEqual([]);
  }, 120_000);
});
