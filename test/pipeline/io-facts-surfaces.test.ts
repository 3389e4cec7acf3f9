/**
 * The media facts of the IR reach every surface as data: the client's
 * operations table (body encoding, upload fields, response kind, stream
 * switch: the OperationSpec contract with the client core), the method return
 * types and upload types, the webhook event types the client exports, the CLI
 * command table and the MCP call table; and a deprecated operation is marked
 * in the client's JSDoc, the CLI's help and README and the MCP description.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../generator/commands/import.js';
import type { NormalizedSpec, Operation } from '../../generator/ir/types.js';
import { operationSpec } from '../../generator/emit/client/operations.js';
import { streamType, uploadType } from '../../generator/emit/client/core-imports.js';
import { emitClient } from '../../generator/emit/client/index.js';
import { buildCommandTable } from '../../generator/emit/cli/table.js';
import { emitCli } from '../../generator/emit/cli/index.js';
import { buildToolTable } from '../../generator/emit/mcp/index.js';
import { UPLOAD_SCHEMA } from '../../generator/emit/mcp/schema.js';
import { typecheckClient } from '../../generator/build/client.js';
import { indexTable } from '../../runtime/cli/argv.js';
import { commandHelp, groupHelp } from '../../runtime/cli/help.js';
import { emitInto } from '../client/support.js';
import { repoRoot } from '../support/shared.js';

const json = (schema: unknown) => ({ 'application/json': { schema } });
const ok = (content?: Record<string, unknown>) => ({ '200': { description: 'OK', ...(content ? { content } : {}) } });
const obj = (properties: Record<string, unknown>, required?: string[]) => ({ type: 'object', properties, ...(required ? { required } : {}) });
const FILE = { type: 'string', format: 'binary' };
const THING = { $ref: '#/components/schemas/Thing' };
const sse = { 'text/event-stream': { schema: { $ref: '#/components/schemas/ThingEvent' } } };

const DOC = {
  openapi: '3.1.0',
  info: { title: 'Media Fixture', version: '1' },
  servers: [{ url: 'https://api.example.com/v1' }],
  paths: {
    '/things': {
      post: {
        operationId: 'createThing',
        summary: 'Create a thing',
        requestBody: { required: true, content: json(obj({ name: { type: 'string' }, stream: { type: 'boolean' } }, ['name'])) },
        responses: ok({ ...json(THING), ...sse }),
      },
    },
    '/uploads': {
      post: {
        operationId: 'createUpload',
        summary: 'Upload files',
        requestBody: { required: true, content: { 'multipart/form-data': { schema: obj({ file: FILE, extra: { type: 'array', items: FILE }, purpose: { type: 'string' } }, ['file', 'purpose']) } } },
        responses: ok(json(THING)),
      },
    },
    '/attachments': {
      post: {
        operationId: 'createAttachment',
        summary: 'Attach a file or a reference',
        requestBody: { required: true, content: { 'application/json': { schema: obj({ file_id: { type: 'string' } }) }, 'multipart/form-data': { schema: obj({ file: FILE }) } } },
        responses: ok(json(THING)),
      },
    },
    '/things/{thing_id}/content': {
      get: { operationId: 'downloadThing', summary: 'Download a thing', parameters: [{ name: 'thing_id', in: 'path', required: true, schema: { type: 'string' } }], responses: ok({ 'application/octet-stream': { schema: FILE } }) },
    },
    '/things/{thing_id}/note': {
      get: { operationId: 'readNote', summary: 'Read the note', parameters: [{ name: 'thing_id', in: 'path', required: true, schema: { type: 'string' } }], responses: ok({ 'text/plain': { schema: { type: 'string' } } }) },
    },
    '/things/{thing_id}': {
      delete: { operationId: 'deleteThing', summary: 'Delete a thing', deprecated: true, parameters: [{ name: 'thing_id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '204': { description: 'Deleted' } } },
    },
    '/offers': {
      post: { operationId: 'createOffer', summary: 'Send an offer', requestBody: { required: true, content: { 'application/sdp': { schema: { type: 'string' } } } }, responses: ok({ 'application/sdp': { schema: { type: 'string' } } }) },
    },
    '/events': { get: { operationId: 'listenEvents', summary: 'Listen to events', responses: ok(sse) } },
  },
  webhooks: {
    thing_created: { post: { requestBody: { content: json({ $ref: '#/components/schemas/ThingCreated' }) }, responses: ok() } },
    thing_deleted: { post: { requestBody: { content: json({ $ref: '#/components/schemas/ThingDeleted' }) }, responses: ok() } },
  },
  components: {
    schemas: {
      Thing: obj({ id: { type: 'string' }, name: { type: 'string' } }, ['id', 'name']),
      ThingEvent: obj({ type: { type: 'string', enum: ['thing.delta'] }, delta: { type: 'string' } }, ['type']),
      ThingCreated: obj({ id: { type: 'string' }, type: { type: 'string', enum: ['thing.created'] }, data: THING }, ['id', 'type', 'data']),
      ThingDeleted: obj({ id: { type: 'string' }, type: { type: 'string', enum: ['thing.deleted'] } }, ['id', 'type']),
    },
  },
};

let spec: NormalizedSpec;
const byRoute = (r: string): Operation => spec.operations.find((o) => `${o.httpMethod.toUpperCase()} ${o.path}` === r)!;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'io-surfaces-'));
  writeFileSync(join(dir, 'doc.json'), JSON.stringify(DOC));
  ({ spec } = await importDocument({ from: join(dir, 'doc.json'), target: 'media', root: dir, configDir: join(dir, 'none') }));
});

describe("the client's operations table (OperationSpec)", () => {
  it('carries encoding, upload fields, response kind and stream switch, and nothing for plain JSON', () => {
    const pick = (r: string) => {
      const { body, response, stream } = operationSpec(byRoute(r));
      return { body, response, stream };
    };
    expect(pick('POST /things')).toEqual({ body: { contentType: 'application/json', fields: { name: 'name', stream: 'stream' } }, response: undefined, stream: { param: 'stream' } });
    expect(pick('POST /uploads')).toEqual({
      body: { contentType: 'multipart/form-data', fields: { file: 'file', extra: 'extra', purpose: 'purpose' }, encoding: 'multipart', files: ['file', 'extra'] },
      response: undefined,
      stream: undefined,
    });
    expect(pick('POST /attachments').body).toEqual({ contentType: 'application/json', fields: { file: 'file', file_id: 'file_id' }, encoding: 'json-or-multipart', files: ['file'] });
    expect(pick('GET /things/{thing_id}/content')).toEqual({ body: undefined, response: 'binary', stream: undefined });
    expect(pick('GET /things/{thing_id}/note').response).toBe('text');
    expect(pick('DELETE /things/{thing_id}').response).toBe('empty');
    expect(pick('POST /offers')).toEqual({ body: { contentType: 'application/sdp', whole: 'body', encoding: 'raw' }, response: 'text', stream: undefined });
    expect(pick('GET /events').stream).toEqual({});
  });
});

describe('the client package', () => {
  let files: Map<string, string>;
  beforeAll(() => {
    files = emitClient(spec);
  });
  const file = (suffix: string) => [...files].find(([p]) => p.endsWith(suffix))![1];

  it('types uploads with the upload type (the core\'s Uploadable, else Blob), binary downloads as Response, text as string, empty as void', () => {
    const uploads = file('src/resources/uploads.ts');
    const upload = uploadType().name;
    expect(uploads).toContain(`file: ${upload};`);
    expect(uploads).toContain(`extra?: Array<${upload}>;`);
    const content = file('src/resources/things/content.ts');
    expect(content).toMatch(/retrieve\(thingID: string, options\?: RequestOptions\): APIPromise<Response>/);
    expect(content).not.toMatch(/ContentRetrieveResponse|= Blob/);
    expect(content).toContain('const content = await response.blob();');
    expect(file('src/resources/things/note.ts')).toMatch(/APIPromise<string>/);
    expect(file('src/resources/things/things.ts')).toMatch(/delete\(thingID: string, options\?: RequestOptions\): APIPromise<void>/);
    expect(file('src/resources/offers.ts')).toMatch(/create\(params: OfferCreateParams, options\?: RequestOptions\): APIPromise<string>/);
  });

  it('exports the webhook event types, their union and the stream event type', () => {
    const index = file('src/index.ts');
    for (const name of ['WebhookEvent', 'ThingCreated', 'ThingDeleted', 'ThingEvent']) expect(index).toMatch(new RegExp(`\\b${name}\\b`));
    const shared = [...files].filter(([p]) => p.includes('src/resources/')).map(([, c]) => c).join('\n');
    expect(shared).toMatch(/export type WebhookEvent = ThingCreated \| ThingDeleted;/);
  });

  it('marks the deprecated operation @deprecated', () => {
    const things = file('src/resources/things/things.ts');
    const doc = things.slice(0, things.indexOf('delete('));
    expect(doc.slice(doc.lastIndexOf('/**'))).toContain('@deprecated');
  });

  it('compiles under strict', () => {
    expect(typecheckClient(emitInto(spec, join(repoRoot, '.tmp/test-io-surfaces/client')))).toEqual([]);
  }, 120_000);

  // The overloads need the client core's Stream (runtime/client/streaming.ts); until it exists they are not emitted.
  it.runIf(Boolean(streamType()))('types a stream by its switch: `stream: true` → Stream<Event>, otherwise the JSON type; always-streaming → Stream', () => {
    const things = file('src/resources/things/things.ts');
    // openai-node's names for the two forms of the params.
    expect(things).toContain('create(params: ThingCreateParamsStreaming, options?: RequestOptions): APIPromise<Stream<ThingEvent>>;');
    expect(things).toContain('create(params: ThingCreateParamsNonStreaming, options?: RequestOptions): APIPromise<Thing>;');
    // The params are the union of the two forms (a value declared with it narrows to one), over their shared base.
    expect(things).toContain('export type ThingCreateParams = ThingCreateParamsNonStreaming | ThingCreateParamsStreaming;');
    expect(things).toContain('export interface ThingCreateParamsBase {');
    expect(things).toContain('export type ThingCreateParamsStreaming = ThingCreateParamsBase & { stream: true };');
    expect(things).toContain('export type ThingCreateParamsNonStreaming = ThingCreateParamsBase & { stream?: false | null };');
    expect(things).toMatch(/create\(\s*params: ThingCreateParamsBase,\s*options\?: RequestOptions,?\s*\): APIPromise<Stream<ThingEvent> \| Thing>;/);
    expect(file('src/resources/events.ts')).toContain('retrieve(options?: RequestOptions): APIPromise<Stream<ThingEvent>>');
    const dir = emitInto(spec, join(repoRoot, '.tmp/test-io-surfaces/stream-client'));
    const check = join(dir, 'stream-check.ts');
    writeFileSync(
      check,
      [
        "import Media from './src/index.js';",
        'declare const client: Media;',
        'export async function f() {',
        "  const events = await client.things.create({ name: 'n', stream: true });",
        '  for await (const e of events) { const t: \'thing.delta\' = e.type; void t; }',
        "  const thing = await client.things.create({ name: 'n' });",
        '  const id: string = thing.id;',
        '  // @ts-expect-error a plain call is not a stream',
        '  for await (const e of thing) void e;',
        "  const either = await client.things.create({ name: 'n', stream: Math.random() > 0.5 });",
        "  if ('id' in either) void either.id;",
        '  for await (const e of await client.events.retrieve()) void e.delta;',
        '  return id;',
        '}',
        '',
      ].join('\n'),
    );
    expect(typecheckClient(dir, undefined, [check])).toEqual([]);
  }, 120_000);
});

describe('the CLI command table', () => {
  it('carries encoding, upload fields, response kind and stream switch per command', () => {
    const table = buildCommandTable(spec);
    const cmd = (key: string) => table.commands.find((c) => c.http + ' ' + c.path === key)!;
    expect(cmd('POST /uploads').body).toEqual({ required: true, contentType: 'multipart/form-data', encoding: 'multipart', files: ['file', 'extra'] });
    expect(cmd('POST /uploads').flags.find((f) => f.name === 'file')).toMatchObject({ type: 'file', required: true });
    expect(cmd('GET /things/{thing_id}/content').response).toBe('binary');
    expect(cmd('POST /things').stream).toEqual({ param: 'stream' });
    expect(cmd('GET /events').stream).toEqual({});
    expect(cmd('POST /offers').body).toEqual({ required: true, contentType: 'application/sdp', whole: 'body', encoding: 'raw' });
    expect(cmd('POST /things').response).toBeUndefined();
  });

  it('marks the deprecated command in group help, command help and the README', () => {
    const table = buildCommandTable(spec);
    const ix = indexTable(table);
    const del = table.commands.find((c) => c.http === 'DELETE')!;
    expect(del.deprecated).toBe(true);
    expect(groupHelp(ix, del.group, 100)).toMatch(new RegExp(`${del.command}\\s+\\(deprecated\\) Delete a thing`));
    expect(commandHelp(ix, del, 100).split('\n')[0]).toBe('Delete a thing (deprecated)');
    expect(commandHelp(ix, { ...del, summary: undefined, description: undefined }, 100).split('\n')[0]).toBe('(deprecated)');
    // No summary: the description's first paragraph leads and the rest follows; list items keep their lines.
    const described = commandHelp(ix, { ...del, deprecated: false, summary: undefined, description: 'Rules:\n\n- first rule, long enough that it wraps onto a second line at this width\n- second\n\nLast words.' }, 40);
    expect(described.split('\n\n').filter((p) => !/^(Usage|DELETE|Flags|--)/.test(p)).slice(0, 3)).toEqual([
      'Rules:',
      '- first rule, long enough that it wraps\n  onto a second line at this width\n- second',
      'Last words.',
    ]);
    const nested = commandHelp(ix, { ...del, deprecated: false, summary: 'Rules', description: 'Rules\n\n- a\n  - nested detail\n- b' }, 100);
    expect(nested).toContain('- a\n  - nested detail\n- b');
    // A summary that repeats the description's first paragraph: the rest still follows.
    const repeated = commandHelp(ix, { ...del, deprecated: false, summary: 'Delete it', description: 'Delete it\n\nDetails.' }, 100);
    expect(repeated.split('\n\n').filter((p) => /^(Delete it|Details)/.test(p))).toEqual(['Delete it', 'Details.']);
    const readme = [...emitCli(spec)].find(([p]) => p.endsWith('cli/README.md'))![1];
    expect(readme).toContain('(deprecated) Delete a thing');
  });
});

describe('the MCP tool table', () => {
  it('carries upload inputs, response kind and stream switch per call, and marks the deprecated tool', () => {
    const { table } = buildToolTable(spec);
    const call = (http: string) => Object.values(table.calls).find((c) => c.http === http)!;
    expect(call('POST /uploads').files).toEqual(['file', 'extra']);
    expect(call('GET /things/{thing_id}/content').response).toBe('binary');
    expect(call('GET /things/{thing_id}/note').response).toBe('text');
    expect(call('POST /things').stream).toEqual({ param: 'stream' });
    expect(call('POST /things').files).toBeUndefined();
    const tool = table.tools.find((t) => table.calls[t.name]!.http === 'DELETE /things/{thing_id}')!;
    expect(tool.description).toMatch(/^Deprecated\. /);
    expect(tool.inputSchema.properties!.file).toBeUndefined();
    const upload = table.tools.find((t) => table.calls[t.name]!.http === 'POST /uploads')!;
    // Base64 content or an allowed local path (runtime/mcp/uploads.ts), once in $defs for the file and the array of files.
    expect(upload.inputSchema.properties!.file).toEqual({ $ref: '#/$defs/file_upload' });
    expect(upload.inputSchema.properties!.extra).toEqual({ type: 'array', items: { $ref: '#/$defs/file_upload' } });
    expect(upload.inputSchema.$defs).toEqual({ file_upload: UPLOAD_SCHEMA });
  });
});
