/**
 * A large tool table stores each big schema once (generator/emit/mcp/share.ts)
 * and the server puts it back at start-up (runtime/mcp/shared-schemas.ts).
 * A synthetic API whose 120 operations all take one big type (with nested
 * types, some nullable, one recursive) passes LARGE_TABLE_BYTES: tools.json
 * grows with the tools, not with tools × type, the expanded table is exactly
 * what the emitter built, and tools/list over the real server carries no
 * marker. Small tables (every OpenAI target) are written as before.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildToolTable, emitMcp, LARGE_TABLE_BYTES } from '../../generator/emit/mcp/index.js';
import { prettyJson } from '../../generator/emit/layout/json.js';
import { sharedTable, shareSchemas } from '../../generator/emit/mcp/share.js';
import { buildToolSet } from '../../runtime/mcp/server.js';
import { parseOptions } from '../../runtime/mcp/options.js';
import { expandTable } from '../../runtime/mcp/shared-schemas.js';
import { jsonBytes } from '../../runtime/mcp/listing.js';
import type { ToolTable } from '../../runtime/mcp/table.js';
import type { Recorder } from '../support/http-recorder.js';
import { connectMcp, listAllTools, type Built, type Imported } from '../support/pipeline.js';
import { importTree, recordedApi, tempDir } from '../anydoc/support.js';
import { specPath } from './helpers.js';
import { lintToolTable } from './lint.js';

const RESOURCES = 60;
const FIELDS = 400;

/** A record of FIELDS described fields, an address (nullable in one place), tags and a recursive parent. */
function document(url: string, resources = RESOURCES): object {
  const fields = Object.fromEntries(
    Array.from({ length: FIELDS }, (_, i) => [`field_${i}`, { type: i % 3 ? 'string' : 'integer', description: `Field number ${i} of the record, as the API stores it on every write.` }]),
  );
  const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Record' } } } } };
  // Creates take the record's fields as their arguments; updates take it whole, as `record`.
  const body = { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Record' } } } };
  const wrapped = { required: true, content: { 'application/json': { schema: { type: 'object', properties: { record: { $ref: '#/components/schemas/Record' }, note: { type: 'string' } } } } } };
  const paths: Record<string, object> = {};
  for (let i = 0; i < resources; i++) {
    paths[`/things${i}`] = { post: { operationId: `createThing${i}`, summary: `Create a thing ${i}`, requestBody: body, responses: ok } };
    paths[`/things${i}/{id}`] = {
      put: { operationId: `updateThing${i}`, summary: `Update a thing ${i}`, parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], requestBody: wrapped, responses: ok },
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Records', version: '1' },
    servers: [{ url }],
    paths,
    components: {
      schemas: {
        Record: {
          type: 'object',
          description: 'A record.',
          properties: {
            ...fields,
            home: { $ref: '#/components/schemas/Address' },
            work: { allOf: [{ $ref: '#/components/schemas/Address' }], nullable: true },
            tags: { type: 'array', items: { $ref: '#/components/schemas/Tag' } },
            parent: { $ref: '#/components/schemas/Record' },
            status: { type: 'string', enum: ['draft', 'live', 'gone'] },
          },
        },
        Address: { type: 'object', properties: { street: { type: 'string' }, city: { type: 'string' }, zip: { type: 'string', pattern: '^[0-9]{5}$' } } },
        Tag: { type: 'object', properties: { name: { type: 'string' }, color: { type: 'string', default: 'blue' } } },
      },
    },
  };
}

const noClient = async () => ({ default: class {} }) as never;

describe('a large tool table', () => {
  const dir = join(tempDir('shared-schemas'), 'doc');
  const doubleDir = tempDir('shared-schemas-double');
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  let stored: ToolTable;
  let storedText: string;
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('shared-schemas', dir, (url) => document(url)));
    storedText = readFileSync(join(built.dir, 'mcp/src/tools.json'), 'utf8');
    stored = JSON.parse(storedText) as ToolTable;
  }, 240_000);
  afterAll(() => rec?.close());

  it('passes the large-table size inline, and is stored with each big schema once', () => {
    const { table, large } = buildToolTable(imported.spec);
    expect(large).toBe(true);
    const inline = jsonBytes(table.tools);
    expect(inline).toBeGreaterThan(LARGE_TABLE_BYTES);
    // The record's fields are written out twice (the creates' arguments, one `properties` map, and the record's
    // definition, in every tool's `$defs`), not once per tool.
    expect(storedText.split('Field number 7 of the record').length - 1).toBe(2);
    // Every tool reaches the same three types: one `$defs` map for all.
    expect(Object.keys(stored.schemas!).filter((k) => k.startsWith('$defs~'))).toHaveLength(1);
    const [key, record] = Object.entries(stored.schemas!)
      .map(([k, v]) => [k, jsonBytes(v)] as const)
      .sort((a, b) => b[1] - a[1])[0]!;
    expect(key).toMatch(/^properties~/);
    expect(record).toBeGreaterThan(30_000);
    expect(stored.tools.filter((t) => JSON.stringify(t.inputSchema).includes(`"${key}"`)).length).toBeGreaterThanOrEqual(RESOURCES);
    // Per tool: its own arguments and a marker, far below the record's size.
    const perTool = jsonBytes(stored.tools) / stored.tools.length;
    expect(perTool).toBeLessThan(1_500);
    // (The rest of the table, `calls` and `sharedArguments`, names every argument of every tool, as before.)
    expect(jsonBytes(stored.tools) + jsonBytes(stored.schemas)).toBeLessThan(3 * record + stored.tools.length * 2_000);
  });

  it('grows with the tools, not with tools × type', async () => {
    const double = await importTree(join(doubleDir, 'doc'), { 'openapi.yaml': document('http://127.0.0.1:9', RESOURCES * 2) });
    const bigger = buildToolTable(double.spec);
    const twice = jsonBytes(sharedTable(bigger.table, undefined).tools);
    // Twice the operations: about twice the tools part, nowhere near the inline size.
    expect(twice).toBeLessThan(2.2 * jsonBytes(stored.tools));
    expect(twice).toBeLessThan(jsonBytes(bigger.table.tools) / 20);
  });

  it('expands back to exactly the tools the emitter built', () => {
    const { table } = buildToolTable(imported.spec);
    const expanded = expandTable(stored);
    expect(expanded.schemas).toBeUndefined();
    expect(expanded.tools).toEqual(table.tools);
    // Byte for byte, keys in the same order.
    expect(JSON.stringify(expanded.tools)).toBe(JSON.stringify(table.tools));
    // The one form per type is a tool schema every client takes: refs resolve in the tool's own $defs, Ajv compiles it.
    expect(lintToolTable(stored)).toEqual([]);
  });

  it('round-trips the per-tool form too, whatever is shared', () => {
    const { table, large } = buildToolTable(imported.spec, { largeTableBytes: Infinity });
    expect(large).toBe(false);
    for (const min of [64, 512, 4096]) {
      const shared = shareSchemas(table.tools, min);
      expect(shared.schemas, `min ${min}`).toBeDefined();
      expect(JSON.stringify(expandTable({ ...table, tools: shared.tools, schemas: shared.schemas }).tools)).toBe(JSON.stringify(table.tools));
    }
  });

  it('is listed by the real server without any marker, as the inline table would be', async () => {
    const conn = await connectMcp(built.mcpBin, ['--tools', 'all']);
    try {
      const listed = await listAllTools(conn.client);
      expect(listed).toHaveLength(RESOURCES * 2);
      expect(JSON.stringify(listed)).not.toContain('$shared');
      const { table } = buildToolTable(imported.spec);
      const expected = buildToolSet({ table, loadClient: noClient, bin: 'x' }, parseOptions(['--tools', 'all'])).listed;
      expect(JSON.parse(JSON.stringify(listed))).toEqual(JSON.parse(JSON.stringify(expected)));
    } finally {
      await conn.close();
    }
  });

  it('validates arguments against the expanded schema', async () => {
    const conn = await connectMcp(built.mcpBin, ['--tools', 'all']);
    try {
      const name = stored.tools.find((t) => t.name.endsWith('create_thing0'))!.name;
      const result = (await conn.client.callTool({ name, arguments: { field_0: 'not a number', home: { zip: 'abc' }, parent: { tags: [{ name: 1 }] } } })) as { isError?: boolean; content: Array<{ text: string }> };
      expect(result.isError).toBe(true);
      expect(result.content[0]!.text).toMatch(/field_0/);
      expect(result.content[0]!.text).toMatch(/home\.zip/);
      expect(result.content[0]!.text).toMatch(/parent\.tags\[0\]\.name/);
    } finally {
      await conn.close();
    }
  });
});

describe('the keys of stored schemas', () => {
  const widget = { type: 'object', properties: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`w${i}`, { type: 'string', description: `Widget field ${i}.` }])) };
  const tool = (name: string, defs: Record<string, unknown>) => ({
    name,
    description: '',
    annotations: {},
    inputSchema: { type: 'object' as const, properties: { [`${name}_arg`]: { $ref: '#/$defs/Widget' } }, $defs: defs },
  });

  it('name a definition after its type, a map after its names, anything else after its content', () => {
    const small = { type: 'object', properties: { x: { type: 'integer' } } };
    const tools = [tool('a', { Widget: widget }), tool('b', { Widget: widget, Small: small }), tool('c', { Widget: widget, Small: small })];
    const { tools: out, schemas } = shareSchemas(tools, 64);
    expect(Object.keys(schemas!)).toContain('Widget');
    expect(Object.keys(schemas!).some((k) => /^\$defs~[\w-]{10}$/.test(k))).toBe(true);
    expect(out[0]!.inputSchema.$defs).toEqual({ Widget: { $shared: 'Widget' } });
    // A changed field changes the entry, never the key the tools name.
    const changed = { ...widget, properties: { ...widget.properties, w0: { type: 'string', description: 'Changed.' } } };
    const again = shareSchemas([tool('a', { Widget: changed }), tool('b', { Widget: changed, Small: small }), tool('c', { Widget: changed, Small: small })], 64);
    expect(again.tools.map((t) => t.inputSchema)).toEqual(out.map((t) => t.inputSchema));
    expect(again.schemas!.Widget).not.toEqual(schemas!.Widget);
  });
});

describe('the size of a listing', () => {
  it('is measured as JSON.stringify would write it, without the string', () => {
    const shared = { type: 'string', description: 'Größe — 尺寸 "quoted" \\ \u0001' };
    const value = { tools: [{ a: shared, b: [1, 2.5, -3e-7, true, null, undefined], c: undefined, d: shared }], e: [], f: {} };
    expect(jsonBytes(value)).toBe(Buffer.byteLength(JSON.stringify(value)));
    const { table } = buildToolTable(JSON.parse(readFileSync(specPath, 'utf8')));
    expect(jsonBytes({ tools: table.tools })).toBe(Buffer.byteLength(JSON.stringify({ tools: table.tools })));
  });
});

describe('a small tool table', () => {
  const smallDir = tempDir('shared-schemas-small');
  it('is written as before: no schemas, no marker', async () => {
    const small = await importTree(join(smallDir, 'doc'), { 'openapi.yaml': document('http://127.0.0.1:9', 2) });
    const { table, large } = buildToolTable(small.spec);
    expect(large).toBe(false);
    const written = emitMcp(small.spec).get('mcp/src/tools.json')!;
    expect(written).toBe(prettyJson(table));
    expect(written).not.toContain('$shared');
  });

  it('keeps data that looks like a marker (a default, an enum value) as it is', () => {
    const table = {
      tools: [{ name: 'a', description: '', annotations: {}, inputSchema: { type: 'object', properties: { x: { type: 'object', default: { $shared: 'k' } } } } }],
      schemas: { k: { type: 'string' } },
    } as unknown as ToolTable;
    expect(expandTable(table).tools[0]!.inputSchema.properties!.x).toEqual({ type: 'object', default: { $shared: 'k' } });
    expect(() => expandTable({ ...table, tools: [{ ...table.tools[0]!, inputSchema: { type: 'object', properties: { x: { $shared: 'nope' } } } }] })).toThrow(/no shared schema "nope"/);
  });
});
