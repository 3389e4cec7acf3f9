/**
 * Request-body facts, one minimal document per rule: per-part Content-Types
 * from a multipart `encoding` object (`body.partTypes`), and union bodies
 * flattened into their members' fields (`body.variants`), with what stays
 * one `body` value, and the client's params type for them (one interface per
 * member, narrowing on a discriminator). Each decision is in the report.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importDocument } from '../../generator/commands/import.js';
import { typecheckClient } from '../../generator/build/client.js';
import { emitInto, scratchRoot } from '../client/support.js';
import type { NormalizedSpec, Operation, ReportEntry } from '../../generator/ir/types.js';

type Doc = Record<string, unknown>;

const obj = (properties: Record<string, unknown>, required?: string[]) => ({ type: 'object', properties, ...(required ? { required } : {}) });
const STR = { type: 'string' };

async function importBody(content: Doc, schemas: Doc = {}): Promise<{ op: Operation; spec: NormalizedSpec; report: ReportEntry[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'body-forms-'));
  const from = join(dir, 'doc.json');
  const d = {
    openapi: '3.1.0',
    info: { title: 'Fixture', version: '1' },
    servers: [{ url: 'https://api.example.com' }],
    paths: { '/things': { post: { operationId: 'createThing', requestBody: { required: true, content }, responses: { '200': { description: 'OK' } } } } },
    components: { schemas },
  };
  writeFileSync(from, JSON.stringify(d));
  const { spec, report } = await importDocument({ from, target: 'fixture', root: join(dir, 'root'), configDir: join(dir, 'none'), scope: 'all' });
  return { op: spec.operations[0]!, spec, report };
}

const bodyParams = (op: Operation) => op.params.filter((p) => p.in === 'body').map((p) => `${p.name}${p.required ? '' : '?'}`);

describe('multipart part types (encoding.<prop>.contentType)', () => {
  it('takes each part’s type with its pointer; a comma list gives its first type, a wildcard none', async () => {
    const { op, report } = await importBody({
      'multipart/form-data': {
        schema: obj({ meta: obj({ a: STR }), doc: STR, pic: { type: 'string', format: 'binary' }, any: STR }),
        encoding: { meta: { contentType: 'application/json' }, doc: { contentType: 'text/markdown, text/plain' }, any: { contentType: 'image/*' }, ghost: { contentType: 'text/plain' } },
      },
    });
    const base = '/paths/~1things/post/requestBody/content/multipart~1form-data/encoding';
    expect(op.body!.partTypes).toEqual({ meta: { contentType: 'application/json', pointer: `${base}/meta` }, doc: { contentType: 'text/markdown', pointer: `${base}/doc` } });
    const codes = report.map((e) => `${e.code} ${e.pointer}`);
    expect(codes).toContain(`body-part-type-skipped ${base}/any`);
    expect(codes).toContain(`body-encoding-unknown-field ${base}/ghost`);
  });

  it('reads no encoding of a JSON body', async () => {
    const { op } = await importBody({ 'application/json': { schema: obj({ meta: obj({ a: STR }) }), encoding: { meta: { contentType: 'application/json' } } } });
    expect(op.body!.partTypes).toBeUndefined();
  });
});

describe('union bodies', () => {
  it('oneOf of two objects: every field, required only when both members require it, one variant per member named after its ref', async () => {
    const { op, report } = await importBody(
      { 'application/json': { schema: { oneOf: [{ $ref: '#/components/schemas/ByUrl' }, { $ref: '#/components/schemas/ByFile' }] } } },
      { ByUrl: obj({ url: STR, name: STR }, ['url', 'name']), ByFile: obj({ file_id: STR, name: { type: 'integer' } }, ['file_id', 'name']) },
    );
    expect(op.body!.flattened).toBe(true);
    expect(bodyParams(op)).toEqual(['url?', 'name', 'file_id?']);
    // `name` differs in type between the members: the param takes either.
    expect(op.params.find((p) => p.name === 'name')!.schema).toMatchObject({ kind: 'union' });
    // Each member keeps its own type of a field the members type differently.
    expect(op.body!.variants).toEqual([
      { name: 'ByURL', fields: ['url', 'name'], required: ['url', 'name'], types: { name: { kind: 'string', pointer: '/components/schemas/ByUrl/properties/name' } }, pointer: '/components/schemas/ByUrl' },
      { name: 'ByFile', fields: ['file_id', 'name'], required: ['file_id', 'name'], types: { name: { kind: 'integer', pointer: '/components/schemas/ByFile/properties/name' } }, pointer: '/components/schemas/ByFile' },
    ]);
    expect(report.some((e) => e.code === 'body-union-flattened')).toBe(true);
  });

  it('an object whose anyOf members only add `required`: its own fields, one variant per required set', async () => {
    const { op } = await importBody({ 'application/json': { schema: { ...obj({ ids: { type: 'array', items: STR }, items: { type: 'array', items: STR }, tag: STR }, ['tag']), anyOf: [{ required: ['ids'] }, { required: ['items'] }] } } });
    expect(bodyParams(op)).toEqual(['ids?', 'items?', 'tag']);
    expect(op.body!.variants!.map((v) => [v.name, v.required])).toEqual([
      ['IDs', ['ids', 'tag']],
      ['Items', ['items', 'tag']],
    ]);
  });

  it('stays one `body` value when a member is not an object, or requires a field nobody has', async () => {
    const scalar = await importBody({ 'application/json': { schema: { oneOf: [obj({ a: STR }), STR] } } });
    expect([scalar.op.body!.flattened, scalar.op.body!.variants]).toEqual([false, undefined]);
    expect(scalar.report.some((e) => e.code === 'body-union')).toBe(true);
    const ghost = await importBody({ 'application/json': { schema: { ...obj({ a: STR }), anyOf: [{ required: ['a'] }, { required: ['b'] }] } } });
    expect([ghost.op.body!.flattened, ghost.op.body!.variants]).toEqual([false, undefined]);
  });
});

describe('the client of a discriminated union body', () => {
  it('types the params as one interface per member, each with its own literal, under strict', async () => {
    const { spec } = await importBody({
      'application/json': {
        schema: {
          oneOf: [obj({ type: { type: 'string', enum: ['url'] }, url: STR }, ['type', 'url']), obj({ type: { type: 'string', enum: ['text'] }, text: STR, lang: STR }, ['type', 'text'])],
          discriminator: { propertyName: 'type' },
        },
      },
    });
    const dir = emitInto(spec, join(scratchRoot, 'union-body'));
    const source = readFileSync(join(dir, 'src/resources/things.ts'), 'utf8');
    expect(source).toContain('export type ThingCreateParams = ThingCreateParamsURL | ThingCreateParamsText;');
    expect(source).toMatch(/export interface ThingCreateParamsURL \{\n {2}type: 'url';\n {2}url: string;\n\}/);
    const usage = join(dir, 'usage.ts');
    writeFileSync(
      usage,
      [
        "import Client from './src/index.js';",
        'export async function use(client: Client): Promise<void> {',
        "  await client.things.create({ type: 'url', url: 'https://example.com' });",
        "  await client.things.create({ type: 'text', text: 'hi', lang: 'en' });",
        '  // @ts-expect-error -- the url form has no text',
        "  await client.things.create({ type: 'url', text: 'hi' });",
        '  // @ts-expect-error -- no member has type: pdf',
        "  await client.things.create({ type: 'pdf', url: 'x' });",
        '}',
        '',
      ].join('\n'),
    );
    expect(typecheckClient(dir, undefined, [usage])).toEqual([]);
  }, 60_000);
});
