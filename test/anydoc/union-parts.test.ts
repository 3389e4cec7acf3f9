/**
 * A union that comes with object parts: `properties` beside `oneOf`/`anyOf`
 * (GitHub's check-run update: common fields, and members that narrow
 * `status` or add `required`), and `allOf` of objects and one union
 * (`allOf: [{$ref: Base}, {oneOf: [Cat, Dog]}]`). A value is the parts and one
 * member at once, so each member is typed merged with the parts; a member that
 * already has every common property keeps its name. A member that is no
 * object leaves the old behaviour: reported as not representable.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ObjectShape, Shape, UnionShape } from '../../generator/ir/types.js';
import { generateAndBuild, scratchDir, typecheckClients, type Imported } from '../support/pipeline.js';
import { importTree, tempDir } from './support.js';

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } } };

describe('unions with object parts', () => {
  let imported: Imported;
  beforeAll(async () => {
    imported = await importTree(join(tempDir('union-parts'), 'doc'), {
      'openapi.yaml': {
        openapi: '3.1.0',
        info: { title: 'Union parts', version: '1' },
        paths: {
          '/runs/{id}': {
            patch: {
              operationId: 'updateRun',
              parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
              requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/RunUpdate' } } } },
              responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/RunUpdate' } } } } },
            },
          },
          '/pets': { get: { operationId: 'getPet', responses: ok } },
          '/tagged': { get: { operationId: 'getTagged', responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Tagged' } } } } } } },
          '/odd': { get: { operationId: 'getOdd', responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Odd' } } } } } } },
          '/single': { get: { operationId: 'getSingle', responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Single' } } } } } } },
        },
        components: {
          schemas: {
            RunUpdate: {
              type: 'object',
              properties: {
                name: { type: 'string' },
                status: { type: 'string', enum: ['queued', 'in_progress', 'completed'] },
                conclusion: { type: 'string', enum: ['success', 'failure'] },
              },
              anyOf: [
                { properties: { status: { enum: ['completed'] } }, required: ['conclusion'] },
                { properties: { status: { enum: ['queued', 'in_progress'] } } },
              ],
            },
            Base: { type: 'object', required: ['id'], properties: { id: { type: 'string' }, ['__proto__']: { type: 'string' } } },
            Cat: { type: 'object', required: ['kind'], properties: { kind: { const: 'cat' }, meows: { type: 'boolean' } } },
            Dog: { type: 'object', required: ['kind'], properties: { kind: { const: 'dog' }, barks: { type: 'integer' } } },
            Pet: { allOf: [{ $ref: '#/components/schemas/Base' }, { oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }] }] },
            // Each member already has the common property: the members stay refs.
            Tagged: {
              type: 'object',
              properties: { kind: { type: 'string' } },
              oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }],
            },
            Odd: { type: 'object', properties: { a: { type: 'string' } }, oneOf: [{ type: 'string' }, { type: 'object', properties: { b: { type: 'string' } } }] },
            // One member beside null: the merged object, nullable.
            Single: { type: 'object', properties: { a: { type: 'string' } }, anyOf: [{ type: 'object', required: ['b'], properties: { b: { type: 'integer' } } }, { type: 'null' }] },
          },
        },
      },
    });
  });

  const at = (code: string) => imported.report.filter((e) => e.code === code).map((e) => [e.level, e.pointer]);
  const type = (name: string) => imported.spec.types[name]!.shape;
  const props = (shape: Shape) => (shape as ObjectShape).properties.map((p) => `${p.name}${p.required ? '' : '?'}:${p.shape.kind === 'literal' ? JSON.stringify(p.shape.value) : p.shape.kind}`);

  it('properties beside anyOf: each member is the object with its narrowing and required names', () => {
    const shape = type('RunUpdate') as UnionShape;
    expect(shape.kind).toBe('union');
    expect(shape.members.map(props)).toEqual([
      ['name?:string', 'status?:"completed"', 'conclusion:string'],
      ['name?:string', 'status?:string', 'conclusion?:string'],
    ]);
    expect(((shape.members[1] as ObjectShape).properties[1]!.shape as { enum?: string[] }).enum).toEqual(['queued', 'in_progress']);
    // Each property points where the document defines the form it takes.
    expect((shape.members[0] as ObjectShape).properties.map((p) => p.shape.pointer)).toEqual([
      '/components/schemas/RunUpdate/properties/name',
      '/components/schemas/RunUpdate/anyOf/0/properties/status',
      '/components/schemas/RunUpdate/properties/conclusion',
    ]);
    expect(at('union-properties-merged')).toEqual([
      ['info', '/components/schemas/RunUpdate'],
      ['info', '/components/schemas/Single'],
      ['info', '/components/schemas/Tagged'],
    ]);
    expect(imported.report.find((e) => e.code === 'union-properties-merged' && e.pointer === '/components/schemas/Tagged')?.message).toContain("are every member's own");
  });

  it('allOf of an object and a oneOf: each member merged with the object, discriminated by its literal', () => {
    const shape = type('Pet') as UnionShape;
    expect(shape.kind).toBe('union');
    expect(shape.members.map(props)).toEqual([
      ['id:string', '__proto__?:string', 'kind:"cat"', 'meows?:boolean'],
      ['id:string', '__proto__?:string', 'kind:"dog"', 'barks?:integer'],
    ]);
    expect(shape.discriminator).toEqual({ property: 'kind', mapping: { cat: 0, dog: 1 } });
    expect(at('allOf-union-merged')).toEqual([['info', '/components/schemas/Pet']]);
    expect(at('allOf-non-object')).toEqual([]);
  });

  it('a member that has every common property keeps its name', () => {
    const shape = type('Tagged') as UnionShape;
    expect(shape.members.map((m) => (m.kind === 'ref' ? m.name : m.kind))).toEqual(['Cat', 'Dog']);
  });

  it('one member beside null: the merged object itself, nullable', () => {
    expect([type('Single').kind, type('Single').nullable, props(type('Single'))]).toEqual(['object', true, ['a?:string', 'b:integer']]);
  });

  it('a member that is no object: the properties are reported as left out', () => {
    expect(type('Odd').kind).toBe('union');
    expect(at('union-with-properties')).toEqual([['unsupported', '/components/schemas/Odd']]);
  });

  it('the client type-checks, and its types accept one form and reject a value of neither', async () => {
    const built = await generateAndBuild(imported.spec, join(scratchDir, 'test-anydoc-union-parts'));
    const client = join(built.dir, 'client');
    writeFileSync(
      join(client, 'src/usage.ts'),
      [
        `import type { Pet, RunUpdate } from './index.js';`,
        `export const done: RunUpdate = { status: 'completed', conclusion: 'success' };`,
        `export const queued: RunUpdate = { name: 'lint', status: 'queued' };`,
        `// @ts-expect-error: a completed run names its conclusion`,
        `export const incomplete: RunUpdate = { status: 'completed' };`,
        `export const cat: Pet = { id: '1', kind: 'cat', meows: true };`,
        `// @ts-expect-error: every pet has the base's id`,
        `export const nameless: Pet = { kind: 'dog' };`,
        `export const barks = (p: Pet) => (p.kind === 'dog' ? p.barks : p.meows);`,
        '',
      ].join('\n'),
    );
    expect(typecheckClients([client]).get(client)).toEqual([]);
  }, 120_000);
});
