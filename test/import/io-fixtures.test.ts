/**
 * Media facts, one minimal document per fact: how a response is read (JSON,
 * text, binary, empty), server-sent event streams and what switches them on,
 * body encodings and their upload fields, the `file` shape, WebSocket-only
 * operations, the `webhooks:` section and its union, and the config override
 * of a response kind. Each decision is also in the report.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { importDocument } from '../../generator/commands/import.js';
import { GeneratorError } from '../../generator/errors.js';
import type { NormalizedSpec, Operation, ReportEntry, Shape } from '../../generator/ir/types.js';

type Doc = Record<string, unknown>;

const json = (schema: unknown) => ({ 'application/json': { schema } });
const ok = (content?: Record<string, unknown>) => ({ '200': { description: 'OK', ...(content ? { content } : {}) } });
const obj = (properties: Record<string, unknown>, required?: string[]) => ({ type: 'object', properties, ...(required ? { required } : {}) });
const FILE = { type: 'string', format: 'binary' };
const THING = obj({ id: { type: 'string' } }, ['id']);

function doc(paths: Doc, extra: Doc = {}): Doc {
  return { openapi: '3.1.0', info: { title: 'Fixture', version: '1' }, servers: [{ url: 'https://api.example.com' }], paths, components: { schemas: { Thing: THING } }, ...extra };
}

async function load(d: Doc, config?: Doc): Promise<{ spec: NormalizedSpec; report: ReportEntry[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'io-facts-'));
  const from = join(dir, 'doc.json');
  writeFileSync(from, JSON.stringify(d));
  if (config) writeFileSync(join(dir, 'config.yaml'), stringify(config));
  const { spec, report } = await importDocument({ from, target: 'fixture', root: join(dir, 'root'), configDir: config ? dir : join(dir, 'none'), scope: config ? 'config' : 'all' });
  return { spec, report };
}

const route = (spec: NormalizedSpec, r: string): Operation => {
  const op = spec.operations.find((o) => `${o.httpMethod.toUpperCase()} ${o.path}` === r);
  if (!op) throw new Error(`no operation ${r}`);
  return op;
};

const configFor = (extra: Doc = {}): Doc => ({
  target: 'fixture',
  scope: { include: ['/**'] },
  packages: { client: 'fixture', cli: 'fixture-cli', mcp: 'fixture-mcp', clientClass: 'Fixture', cliBin: 'fixture', mcpBin: 'fixture-mcp', toolPrefix: 'fixture_', baseURLEnv: 'FIXTURE_BASE_URL' },
  auth: [],
  ...extra,
});

describe('response kinds', () => {
  const paths = {
    '/json': { get: { operationId: 'getJson', responses: ok(json({ $ref: '#/components/schemas/Thing' })) } },
    '/octet': { get: { operationId: 'getOctet', responses: ok({ 'application/octet-stream': { schema: FILE } }) } },
    '/binary-text': { get: { operationId: 'getBinaryText', responses: ok({ 'text/plain': { schema: FILE } }) } },
    '/several': { get: { operationId: 'getSeveral', responses: ok({ 'video/mp4': { schema: FILE }, 'image/webp': { schema: FILE }, 'application/json': { schema: { type: 'string' } } }) } },
    '/zip': { get: { operationId: 'getZip', responses: ok({ 'application/zip': {}, 'application/json': { schema: { type: 'string' } } }) } },
    '/text': { get: { operationId: 'getText', responses: ok({ 'text/plain': { schema: { type: 'string' } } }) } },
    '/sdp': { post: { operationId: 'postSdp', responses: { '201': { description: 'Created', content: { 'application/sdp': { schema: { type: 'string' } } } } } } },
    '/no-content': { delete: { operationId: 'deleteIt', responses: { '204': { description: 'Gone' } } } },
    '/no-content-200': { post: { operationId: 'postNothing', responses: ok() } },
    '/redirect': { get: { operationId: 'getRedirect', responses: { '307': { description: 'Redirect to the file' }, '404': { description: 'No' } } } },
    '/json-string': { get: { operationId: 'getJsonString', responses: ok(json({ type: 'string' })) } },
    // A JSON object under a wildcard or unknown media type is JSON, not bytes (Taggun's receipts under `*/*`).
    '/star': { get: { operationId: 'getStar', responses: ok({ '*/*': { schema: { $ref: '#/components/schemas/Thing' } } }) } },
    '/odd-array': { get: { operationId: 'getOddArray', responses: ok({ 'application/x-thing-list': { schema: { type: 'array', items: { type: 'string' } } } }) } },
    '/star-bytes': { get: { operationId: 'getStarBytes', responses: ok({ '*/*': { schema: FILE } }) } },
    // The media type decides where it says something: XML and CSV stay text, a PDF stays bytes, whatever the schema.
    '/xml': { get: { operationId: 'getXml', responses: ok({ 'application/xml': { schema: { type: 'object', properties: { id: { type: 'string' } } } } }) } },
    '/csv': { get: { operationId: 'getCsv', responses: ok({ 'text/csv': { schema: { type: 'array', items: { type: 'string' } } } }) } },
    '/pdf': { get: { operationId: 'getPdf', responses: ok({ 'application/pdf': { schema: { type: 'object' } } }) } },
  };

  it('reads binary, several media types with bytes among them, text, empty and redirects as the rules say', async () => {
    const { spec, report } = await load(doc(paths));
    const kinds = Object.fromEntries(spec.operations.map((o) => [`${o.httpMethod.toUpperCase()} ${o.path}`, o.responseKind ?? 'json']));
    expect(kinds).toEqual({
      'GET /json': 'json',
      'GET /octet': 'binary',
      'GET /binary-text': 'binary',
      'GET /several': 'binary',
      'GET /zip': 'binary',
      'GET /text': 'text',
      'POST /sdp': 'text',
      'DELETE /no-content': 'empty',
      'POST /no-content-200': 'empty',
      'GET /redirect': 'binary',
      // A JSON string is JSON by the rules; a download typed so needs the config override.
      'GET /json-string': 'json',
      'GET /star': 'json',
      'GET /odd-array': 'json',
      'GET /star-bytes': 'binary',
      'GET /xml': 'text',
      'GET /csv': 'text',
      'GET /pdf': 'binary',
    });
    expect(route(spec, 'GET /star').response).toMatchObject({ contentType: '*/*', schema: { kind: 'ref', name: 'Thing' } });
    expect(route(spec, 'GET /several').response).toMatchObject({ contentType: 'video/mp4', schema: { kind: 'file' } });
    expect(route(spec, 'POST /sdp').response).toMatchObject({ status: '201', contentType: 'application/sdp', schema: { kind: 'string' } });
    expect(route(spec, 'DELETE /no-content').response).toBeUndefined();
    const codes = (code: string) => report.filter((r) => r.code === code).map((r) => r.pointer).sort();
    expect(codes('response-binary')).toEqual(['/paths/~1binary-text/get/responses/200', '/paths/~1octet/get/responses/200', '/paths/~1pdf/get/responses/200', '/paths/~1several/get/responses/200', '/paths/~1star-bytes/get/responses/200', '/paths/~1zip/get/responses/200']);
    expect(codes('response-json-schema')).toEqual(['/paths/~1odd-array/get/responses/200', '/paths/~1star/get/responses/200']);
    expect(codes('response-text')).toEqual(['/paths/~1csv/get/responses/200', '/paths/~1sdp/post/responses/201', '/paths/~1text/get/responses/200', '/paths/~1xml/get/responses/200']);
    expect(codes('response-empty')).toEqual(['/paths/~1no-content-200/post/responses/200', '/paths/~1no-content/delete/responses/204']);
    expect(codes('response-redirect')).toEqual(['/paths/~1redirect/get/responses']);
    expect(report.filter((r) => r.level === 'unsupported')).toEqual([]);
  });

  it('takes a response kind from the target config, exact or glob, and reports it', async () => {
    const config = configFor({ operations: { 'GET /json-string': { response: 'binary' }, 'GET /te*': { response: 'json' } } });
    const { spec, report } = await load(doc(paths), config);
    expect(route(spec, 'GET /json-string').responseKind).toBe('binary');
    expect(route(spec, 'GET /text').responseKind).toBeUndefined();
    const overrides = report.filter((r) => r.code === 'response-kind-override');
    expect(overrides.map((r) => r.message).sort()).toEqual([
      'Config `GET /json-string` reads the response as binary (rules gave json).',
      'Config `GET /te*` reads the response as json (rules gave text).',
    ]);
  });

  it('refuses an unknown response kind, naming the config line', async () => {
    const err = await load(doc(paths), configFor({ operations: { 'GET /json-string': { response: 'bytes' } } })).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(GeneratorError);
    const g = err as GeneratorError;
    expect(g.message).toContain('`response` must be one of json, text, binary, empty, not "bytes"');
    expect(g.location.file).toMatch(/config\.yaml$/);
    expect(g.location.line).toBeGreaterThan(1);
  });
});

describe('server-sent event streams', () => {
  const sse = (schema: unknown) => ({ 'text/event-stream': { schema } });
  const body = (properties: Record<string, unknown>) => ({ required: true, content: json(obj(properties)) });
  const event = { $ref: '#/components/schemas/Thing' };

  it('finds the switch: a boolean `stream` (nullable too), a streaming boolean by name or description, an enum value, a query flag', async () => {
    const { spec, report } = await load(
      doc({
        '/a': { post: { operationId: 'a', requestBody: body({ stream: { anyOf: [{ type: 'boolean' }, { type: 'null' }] }, n: { type: 'boolean' } }), responses: ok({ ...json(event), ...sse(event) }) } },
        '/b': { post: { operationId: 'b', requestBody: body({ streaming: { type: 'boolean' }, echo: { type: 'boolean' } }), responses: ok({ ...json(event), ...sse(event) }) } },
        '/c': { post: { operationId: 'c', requestBody: body({ incremental: { type: 'boolean', description: 'Send server-sent events as tokens arrive.' }, echo: { type: 'boolean' } }), responses: ok({ ...json(event), ...sse(event) }) } },
        '/d': { post: { operationId: 'd', requestBody: body({ format: { type: 'string', enum: ['sse', 'audio'] } }), responses: ok({ 'audio/mpeg': { schema: FILE }, ...sse(event) }) } },
        '/e': { get: { operationId: 'e', parameters: [{ name: 'stream', in: 'query', schema: { type: 'boolean' } }], responses: ok({ ...json(event), ...sse(event) }) } },
      }),
    );
    const sw = (r: string) => route(spec, r).stream?.switch;
    expect(sw('POST /a')).toEqual({ param: 'stream', value: true });
    expect(sw('POST /b')).toEqual({ param: 'streaming', value: true });
    expect(sw('POST /c')).toEqual({ param: 'incremental', value: true });
    expect(sw('POST /d')).toEqual({ param: 'format', value: 'sse' });
    expect(sw('GET /e')).toEqual({ param: 'stream', value: true });
    expect(route(spec, 'POST /a').stream?.event).toMatchObject({ kind: 'ref', name: 'Thing' });
    expect(route(spec, 'POST /a').responseKind).toBeUndefined();
    expect(route(spec, 'POST /d').responseKind).toBe('binary');
    expect(report.find((r) => r.code === 'stream-raw')?.pointer).toBe('/paths/~1d/post/responses/200/content/text~1event-stream');
    expect(report.filter((r) => r.code === 'stream').length).toBe(4);
  });

  it('always streams when the stream is all the response offers; names an inline event schema', async () => {
    const { spec, report } = await load(
      doc({ '/events': { get: { operationId: 'listenEvents', responses: ok(sse(obj({ type: { type: 'string' }, data: { type: 'string' } }))) } } }),
    );
    const op = spec.operations[0]!;
    expect(op.stream?.switch).toBeUndefined();
    expect(op.response).toBeUndefined();
    const name = (op.stream!.event as { name: string }).name;
    expect(name).toMatch(/StreamEvent$/);
    expect(spec.types[name]!.usage).toBe('response');
    expect(report.find((r) => r.code === 'stream')?.message).toMatch(/^Always streams/);
  });

  it('warns when JSON and a stream are offered but nothing switches the stream on, and keeps JSON', async () => {
    const { spec, report } = await load(doc({ '/x': { post: { operationId: 'x', requestBody: body({ n: { type: 'integer' } }), responses: ok({ ...json(event), ...sse(event) }) } } }));
    expect(spec.operations[0]!.stream).toBeUndefined();
    expect(spec.operations[0]!.response?.contentType).toBe('application/json');
    expect(report.filter((r) => r.code === 'stream-switch-unknown').map((r) => r.level)).toEqual(['warning']);
  });
});

describe('request body encodings', () => {
  const upload = obj({ file: FILE, files: { type: 'array', items: FILE }, either: { oneOf: [FILE, { $ref: '#/components/schemas/Thing' }] }, purpose: { type: 'string' } }, ['file', 'purpose']);

  it('multipart: flattened fields, uploads listed (arrays and unions of files too) and typed as files', async () => {
    const { spec, report } = await load(doc({ '/files': { post: { operationId: 'upload', requestBody: { required: true, content: { 'multipart/form-data': { schema: upload } } }, responses: ok(json(THING)) } } }));
    const op = spec.operations[0]!;
    expect(op.body).toMatchObject({ contentType: 'multipart/form-data', encoding: 'multipart', files: ['file', 'files', 'either'], flattened: true });
    const shape = (n: string) => op.params.find((p) => p.name === n)!.schema;
    expect(shape('file')).toMatchObject({ kind: 'file' });
    expect(shape('files')).toMatchObject({ kind: 'array', items: { kind: 'file' } });
    expect((shape('either') as { members: Shape[] }).members.map((m) => m.kind)).toEqual(['file', 'ref']);
    expect(report.find((r) => r.code === 'body-multipart')?.message).toBe('Multipart body (`multipart/form-data`); upload fields: `file`, `files`, `either`.');
  });

  it('JSON and multipart together: json-or-multipart, fields of both forms, required only where both require', async () => {
    const multipart = obj({ image: FILE, prompt: { type: 'string' }, mask: FILE }, ['image', 'prompt']);
    const asJson = obj({ images: { type: 'array', items: { type: 'string' } }, prompt: { type: 'string' }, mask: { $ref: '#/components/schemas/Thing' } }, ['images', 'prompt']);
    const { spec } = await load(doc({ '/edits': { post: { operationId: 'edit', requestBody: { required: true, content: { 'multipart/form-data': { schema: multipart }, 'application/json': { schema: asJson } } }, responses: ok(json(THING)) } } }));
    const op = spec.operations[0]!;
    expect(op.body).toMatchObject({ contentType: 'application/json', encoding: 'json-or-multipart', files: ['image', 'mask'] });
    expect(op.params.map((p) => [p.name, p.required])).toEqual([['image', false], ['prompt', true], ['mask', false], ['images', false]]);
    expect((op.params.find((p) => p.name === 'mask')!.schema as { members: Shape[] }).members.map((m) => m.kind)).toEqual(['file', 'ref']);
  });

  it('form-urlencoded and raw bodies (text and bytes); a raw alternative beside multipart is reported', async () => {
    const { spec, report } = await load(
      doc({
        '/token': { post: { operationId: 'token', requestBody: { content: { 'application/x-www-form-urlencoded': { schema: obj({ grant_type: { type: 'string' } }) } } }, responses: ok(json(THING)) } },
        '/sdp': { post: { operationId: 'offer', requestBody: { required: true, content: { 'application/sdp': { schema: { type: 'string' } } } }, responses: ok({ 'application/sdp': { schema: { type: 'string' } } }) } },
        '/chunk': { put: { operationId: 'chunk', requestBody: { required: true, content: { 'application/octet-stream': { schema: FILE } } }, responses: ok(json(THING)) } },
        '/plain': { put: { operationId: 'plain', requestBody: { required: true, content: { 'text/plain': {} } }, responses: ok(json(THING)) } },
        '/xml': { put: { operationId: 'xml', requestBody: { content: { 'application/xml': { schema: obj({ a: { type: 'string' } }) } } }, responses: ok(json(THING)) } },
        '/calls': { post: { operationId: 'call', requestBody: { required: true, content: { 'multipart/form-data': { schema: obj({ sdp: { type: 'string' } }, ['sdp']) }, 'application/sdp': { schema: { type: 'string' } } } }, responses: ok(json(THING)) } },
      }),
    );
    expect(route(spec, 'POST /token').body).toMatchObject({ encoding: 'form', flattened: true });
    expect(route(spec, 'POST /sdp').body).toMatchObject({ encoding: 'raw', contentType: 'application/sdp', flattened: false, schema: { kind: 'string' } });
    expect(route(spec, 'PUT /chunk').body).toMatchObject({ encoding: 'raw', contentType: 'application/octet-stream', schema: { kind: 'file' } });
    expect(route(spec, 'PUT /plain').body).toMatchObject({ encoding: 'raw', contentType: 'text/plain', schema: { kind: 'string' } });
    // An XML document is written by the caller: its body is the text, whatever structure the schema gives.
    expect(route(spec, 'PUT /xml').body).toMatchObject({ encoding: 'raw', flattened: false, schema: { kind: 'string' } });
    expect(route(spec, 'PUT /xml').params.filter((p) => p.in === 'body')).toEqual([]);
    expect(route(spec, 'POST /calls').body).toMatchObject({ encoding: 'multipart', alternatives: ['application/sdp'] });
    expect(route(spec, 'POST /calls').body!.files).toBeUndefined();
    expect(report.find((r) => r.code === 'body-alternate-content')?.message).toBe('Request body also accepts `application/sdp`; `multipart/form-data` is used.');
    // Plain JSON bodies carry no encoding (the default), so existing specs do not change.
    const { spec: plain } = await load(doc({ '/j': { post: { operationId: 'j', requestBody: { content: json(THING) }, responses: ok(json(THING)) } } }));
    expect(plain.operations[0]!.body!.encoding).toBeUndefined();
  });

  it('3.1 binary strings: `contentMediaType` without `contentEncoding` is a file, base64 text is not', async () => {
    const schema = obj({ png: { type: 'string', contentMediaType: 'image/png' }, b64: { type: 'string', contentMediaType: 'image/png', contentEncoding: 'base64' } });
    const { spec } = await load(doc({ '/img': { post: { operationId: 'img', requestBody: { content: { 'multipart/form-data': { schema } } }, responses: ok(json(THING)) } } }));
    const op = spec.operations[0]!;
    expect(op.params.find((p) => p.name === 'png')!.schema).toMatchObject({ kind: 'file', contentType: 'image/png' });
    expect(op.params.find((p) => p.name === 'b64')!.schema.kind).toBe('string');
    expect(op.body!.files).toEqual(['png']);
  });
});

describe('WebSocket-only operations', () => {
  it('are left out of every surface, each with the reason in the report', async () => {
    const { spec, report } = await load(doc({ '/realtime': { get: { operationId: 'realtime', responses: { '101': { description: 'Switching Protocols' } } } }, '/x': { get: { operationId: 'x', responses: ok(json(THING)) } } }));
    expect(spec.operations.map((o) => o.path)).toEqual(['/x']);
    const entry = report.find((r) => r.code === 'websocket-transport')!;
    expect(entry).toMatchObject({ level: 'unsupported', pointer: '/paths/~1realtime/get' });
    expect(entry.message).toContain('WebSocket');
  });
});

describe('webhooks', () => {
  const payload = (type: string, extra: Record<string, unknown> = {}) => obj({ id: { type: 'string' }, type: { type: 'string', enum: [type] }, ...extra }, ['id', 'type']);
  const hook = (schema: unknown, description = 'Sent when it happens.') => ({ post: { description, requestBody: { content: json(schema) }, responses: ok() } });
  const withHooks = doc(
    { '/x': { get: { operationId: 'x', responses: ok(json(THING)) } } },
    {
      webhooks: {
        order_paid: hook({ $ref: '#/components/schemas/OrderPaid' }),
        order_refunded: hook(payload('order.refunded', { amount: { type: 'integer' } })),
      },
      components: { schemas: { Thing: THING, OrderPaid: payload('order.paid') } },
    },
  );

  it('become events with their payload types and one union discriminated by `type`', async () => {
    const { spec, report } = await load(withHooks);
    const set = spec.webhooks!;
    expect(set.events.map((e) => [e.name, e.httpMethod, e.eventType, e.payload.kind === 'ref' ? e.payload.name : e.payload.kind])).toEqual([
      ['order_paid', 'post', 'order.paid', 'OrderPaid'],
      ['order_refunded', 'post', 'order.refunded', 'OrderRefundedWebhookEvent'],
    ]);
    expect(set.union).toEqual({ type: 'WebhookEvent', discriminator: 'type' });
    expect(spec.types.WebhookEvent!.shape).toMatchObject({ kind: 'union', discriminator: { property: 'type', mapping: { 'order.paid': 0, 'order.refunded': 1 } } });
    expect(spec.types.OrderPaid!.usage).toBe('response');
    expect(report.find((r) => r.code === 'webhook-union')?.message).toBe('Webhook payloads form the union `WebhookEvent`, discriminated by `type`.');
  });

  it('a union name the document already uses gets a suffix; payloads without a distinguishing literal stay undiscriminated', async () => {
    const d = structuredClone(withHooks) as { components: { schemas: Record<string, unknown> }; webhooks: Record<string, unknown> };
    d.components.schemas.WebhookEvent = THING;
    d.webhooks.order_refunded = hook(obj({ id: { type: 'string' } }));
    const { spec } = await load(d);
    expect(spec.webhooks!.union).toEqual({ type: 'WebhookEvent2' });
    expect(spec.webhooks!.events.map((e) => e.eventType)).toEqual([undefined, undefined]);
  });

  it('a configured scope takes only the webhooks its `scope.webhooks` globs name', async () => {
    const none = await load(withHooks, configFor());
    expect(none.spec.webhooks).toBeUndefined();
    expect(none.report.find((r) => r.code === 'webhooks-out-of-scope')?.message).toContain('2 of 2 webhooks');
    const some = await load(withHooks, configFor({ scope: { include: ['/**'], webhooks: ['order_paid'] } }));
    expect(some.spec.webhooks!.events.map((e) => e.name)).toEqual(['order_paid']);
    expect(some.spec.webhooks!.union).toBeUndefined();
  });

  it('an inferred config keeps every webhook in scope on the next import', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'io-facts-'));
    writeFileSync(join(dir, 'doc.json'), JSON.stringify(withHooks));
    const { files } = await importDocument({ from: join(dir, 'doc.json'), target: 'fixture', root: dir });
    expect(files.get('spec/fixture/config.yaml')).toMatch(/webhooks:\n\s+- "\*"/);
  });
});
