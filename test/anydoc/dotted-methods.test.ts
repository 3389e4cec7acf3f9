/**
 * RPC method paths (`/chat.postMessage`, `/admin.apps.restricted.list`, as
 * Slack's Web API writes them): the dotted words are resources and the last
 * one is the method, so the client reads `chat.postMessage()`, the CLI
 * `chat post-message`. They used to be one resource each
 * (`chatPostMessage.create()`). A format suffix (`/Calls.json`) is still a
 * format, a file type (`/invoices/{id}/preview.jpg`, `/favicon.ico`,
 * `main.m3u8`) too, no method (they were `invoices.preview.jpg()`), and the
 * request keeps the path.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recorder } from '../support/http-recorder.js';
import { runBin, type Built, type Imported } from '../support/pipeline.js';
import { op, recordedApi, tempDir } from './support.js';

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { ok: { type: 'boolean' } } } } } } };
const form = { content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { channel: { type: 'string' }, text: { type: 'string' } } } } } };
const limit = [{ name: 'limit', in: 'query', schema: { type: 'integer' } }];

describe('RPC method paths with dotted names', () => {
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('dotted-methods', join(tempDir('dotted-methods'), 'doc'), (url) => ({
      openapi: '3.0.3',
      info: { title: 'Chatter', version: '1' },
      servers: [{ url }],
      paths: {
        '/chat.postMessage': { post: { operationId: 'chat_postMessage', requestBody: form, responses: ok } },
        '/chat.delete': { post: { operationId: 'chat_delete', requestBody: form, responses: ok } },
        '/admin.apps.restricted.list': { get: { operationId: 'admin_apps_restricted_list', parameters: limit, responses: ok } },
        '/users.info': { get: { operationId: 'users_info', responses: ok } },
        '/Calls.json': { get: { operationId: 'listCalls', responses: ok } },
        '/invoices/{id}/preview.jpg': { get: { operationId: 'invoicePreview', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: ok } },
        '/favicon.ico': { get: { operationId: 'favicon', responses: ok } },
        '/videos/{id}/main.m3u8': { get: { operationId: 'videoPlaylist', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: ok } },
      },
    })));
  }, 120_000);
  afterAll(async () => rec?.close());

  it('name their resources by the dotted words and the method by the last one', () => {
    const names = (method: string, path: string) => {
      const o = op(imported.spec, method, path);
      return [o.names.clientPath.join('.'), `${o.names.cliGroup} ${o.names.cliCommand}`, o.kind];
    };
    expect(names('post', '/chat.postMessage')).toEqual(['chat.postMessage', 'chat post-message', 'action']);
    expect(names('post', '/chat.delete')).toEqual(['chat.delete', 'chat delete', 'action']);
    expect(names('get', '/admin.apps.restricted.list')).toEqual(['admin.apps.restricted.list', 'admin:apps:restricted list', 'retrieve']);
    expect(names('get', '/users.info')).toEqual(['users.info', 'users info', 'retrieve']);
    expect(names('get', '/Calls.json')[0]).toBe('calls.retrieve');
    expect(names('get', '/invoices/{id}/preview.jpg')).toEqual(['invoices.preview.retrieve', 'invoices:preview retrieve', 'retrieve']);
    expect(names('get', '/favicon.ico')[0]).toBe('favicon.retrieve');
    expect(names('get', '/videos/{id}/main.m3u8')[0]).toBe('videos.main.retrieve');
  });

  it('send the path as written', async () => {
    rec.reset();
    rec.setFallback(() => ({ body: { ok: true } }));
    const { default: Chatter } = (await import(pathToFileURL(join(built.dir, 'client/dist/index.js')).href)) as { default: new (o?: object) => Record<string, any> };
    await new Chatter().chat.postMessage({ channel: 'C1', text: 'hi' });
    const cli = await runBin(built.cliBin, ['admin:apps:restricted', 'list', '--limit', '2'], { CHATTER_BASE_URL: rec.url });
    expect(cli.code, cli.stderr).toBe(0);
    const preview = await runBin(built.cliBin, ['invoices:preview', 'retrieve', 'in_1'], { CHATTER_BASE_URL: rec.url });
    expect(preview.code, preview.stderr).toBe(0);
    expect(rec.requests.map((r) => `${r.method} ${r.url} ${r.body}`)).toEqual(['POST /chat.postMessage channel=C1&text=hi', 'GET /admin.apps.restricted.list?limit=2 ', 'GET /invoices/in_1/preview.jpg ']);
  });
});
