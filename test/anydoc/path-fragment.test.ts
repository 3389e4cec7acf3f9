/**
 * Path keys with a fragment, as documents converted from AWS's models write
 * them (`/tags/{resourceArn}#tagKeys`, `/#X-Amz-Target=Svc.ListTasks`) to tell
 * operations on one URL apart. A fragment is never sent: the request goes to
 * the path before it, with the query params it used to swallow, and the
 * operations are named from that path (and their operationIds where several
 * share it). The import says so, per path key.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recorder } from '../support/http-recorder.js';
import { connectMcp, runBin, type Built, type Imported } from '../support/pipeline.js';
import { entries, importTree, op, recordedApi, tempDir } from './support.js';

const json = { 'application/json': { schema: { type: 'object', properties: { ok: { type: 'boolean' } } } } };

describe('path keys with a fragment', () => {
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('path-fragment', join(tempDir('path-fragment'), 'doc'), (url) => ({
      openapi: '3.0.3',
      info: { title: 'Tagger', version: '1' },
      servers: [{ url }],
      paths: {
        '/tags/{resourceArn}#tagKeys': {
          delete: {
            operationId: 'UntagResource',
            parameters: [
              { name: 'resourceArn', in: 'path', required: true, schema: { type: 'string' } },
              { name: 'tagKeys', in: 'query', required: true, schema: { type: 'array', items: { type: 'string' } } },
            ],
            responses: { '200': { description: 'ok', content: json } },
          },
        },
        '/#X-Amz-Target=Svc.ListTasks': {
          post: { operationId: 'ListTasks', requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { MaxResults: { type: 'integer' } } } } } }, responses: { '200': { description: 'ok', content: json } } },
        },
        '/#X-Amz-Target=Svc.CancelTask': {
          post: { operationId: 'CancelTask', requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { TaskArn: { type: 'string' } } } } } }, responses: { '200': { description: 'ok', content: json } } },
        },
      },
    })));
  }, 120_000);
  afterAll(async () => rec?.close());

  it('are operations on the path before the fragment, named from it and their operationIds, and reported', () => {
    const ops = imported.spec.operations.map((o) => [o.httpMethod, o.path, [...o.resource, o.method].join('.')]);
    expect(ops).toEqual(expect.arrayContaining([['delete', '/tags/{resourceArn}', 'tags.delete'], ['post', '/', 'root.list_tasks'], ['post', '/', 'root.cancel_task']]));
    expect(op(imported.spec, 'delete', '/tags/{resourceArn}').pointer).toBe('/paths/~1tags~1{resourceArn}#tagKeys/delete');
    expect(entries(imported.report, 'path-fragment')).toContain(
      "/paths/~1tags~1{resourceArn}#tagKeys: The path key ends in a fragment (`#tagKeys`), which is never sent: its operations go to `/tags/{resourceArn}` and are named from that path and their operationIds.",
    );
  });

  it('never send the fragment: the client, the CLI and the MCP tool reach the path with its query', async () => {
    rec.reset();
    const { default: Tagger } = (await import(pathToFileURL(join(built.dir, 'client/dist/index.js')).href)) as { default: new (o?: object) => Record<string, any> };
    await new Tagger().tags.delete('arn1', { tagKeys: ['a', 'b'] });
    const untag = op(imported.spec, 'delete', '/tags/{resourceArn}');
    const cli = await runBin(built.cliBin, [untag.names.cliGroup, untag.names.cliCommand, 'arn2', '--tag-keys', 'c'], {});
    expect(cli.code, cli.stderr).toBe(0);
    const mcp = await connectMcp(built.mcpBin, [], { TAGGER_BASE_URL: rec.url });
    try {
      const listTasks = imported.spec.operations.find((o) => o.method === 'list_tasks')!;
      const result = await mcp.client.callTool({ name: listTasks.names.mcpTool, arguments: { MaxResults: 2 } });
      expect(result.isError).toBeFalsy();
    } finally {
      await mcp.close();
    }
    expect(rec.requests.map((r) => `${r.method} ${r.url} ${r.body}`)).toEqual(['DELETE /tags/arn1?tagKeys=a&tagKeys=b ', 'DELETE /tags/arn2?tagKeys=c ', 'POST / {"MaxResults":2}']);
  });
});

describe('operations that collide once named', () => {
  it('take the name a word fragment gives (Box), the route without one keeps its own, and an operationId drops the words that restate the route', async () => {
    const ok = { '200': { description: 'ok', content: json } };
    const fileId = [{ name: 'file_id', in: 'path', required: true, schema: { type: 'string' } }];
    const { spec, report } = await importTree(tempDir('fragment-names'), {
      'openapi.yaml': {
        openapi: '3.0.3',
        info: { title: 'Files', version: '1' },
        paths: {
          '/files/{file_id}': {
            get: { operationId: 'get_files_id', parameters: fileId, responses: ok },
            put: { operationId: 'put_files_id', parameters: fileId, responses: ok },
            // A tie with the PUT (both `update`): the operationId less its route words (`post`, `files`, `id`).
            post: { operationId: 'post_files_id_restore', parameters: fileId, responses: ok },
          },
          '/files/{file_id}#get_shared_link': { get: { operationId: 'get_files_id#get_shared_link', parameters: fileId, responses: ok } },
          '/files/{file_id}#add_shared_link': { put: { operationId: 'put_files_id#add_shared_link', parameters: fileId, responses: ok } },
        },
      },
    });
    const named = (method: string, pointer: string) => {
      const o = spec.operations.find((x) => x.httpMethod === method && x.pointer === pointer)!;
      return [...o.resource, o.method].join('.');
    };
    expect(named('get', '/paths/~1files~1{file_id}/get')).toBe('files.retrieve');
    expect(named('put', '/paths/~1files~1{file_id}/put')).toBe('files.put_files_id');
    expect(named('post', '/paths/~1files~1{file_id}/post')).toBe('files.restore');
    expect(named('get', '/paths/~1files~1{file_id}#get_shared_link/get')).toBe('files.get_shared_link');
    expect(named('put', '/paths/~1files~1{file_id}#add_shared_link/put')).toBe('files.add_shared_link');
    const notes = entries(report, 'name-collision-resolved');
    expect(notes.filter((e) => e.endsWith("this one is named `files.add_shared_link` after its path key's fragment."))).toHaveLength(1);
    expect(notes.filter((e) => e.endsWith('this one is named `files.restore` after its operationId.'))).toHaveLength(1);
  });
});
