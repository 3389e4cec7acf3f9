/**
 * A path that ends with a verb (`POST /api/account/v1/settings/delete`,
 * `GET /users/search`, `DELETE /tags/remove`) names a method of its parent
 * resource, as `POST /runs/{id}/cancel` is `runs.cancel`: for any HTTP
 * method, and for the verbs of the usual methods too (delete, list, get, add…).
 * Such a path used to become a sub-resource (`settings.delete.create()`). It
 * stays one when the method would collide: another operation has the name
 * (`DELETE /things/{id}` is `things.delete`), the verb is also a resource
 * (`/orders/cancel/{id}`), or the path has several operations.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recorder } from '../support/http-recorder.js';
import { connectMcp, runBin, type Built, type Imported } from '../support/pipeline.js';
import { entries, op, recordedApi, tempDir } from './support.js';

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string' } } } } } } };
const list = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'array', items: { type: 'object' } } } } } };
const body = { content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string' } } } } } };
const id = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];
const q = [{ name: 'q', in: 'query', schema: { type: 'string' } }];

describe('a path that ends with a verb', () => {
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('verb-segments', join(tempDir('verb-segments'), 'doc'), (url) => ({
      openapi: '3.0.3',
      info: { title: 'Verbs', version: '1' },
      servers: [{ url }],
      paths: {
        // No operationIds: the MCP tool is named by method and resource.
        '/api/account/v1/settings': { get: { responses: ok } },
        '/api/account/v1/settings/delete': { post: { responses: ok } },
        '/users': { get: { operationId: 'listUsers', responses: list } },
        '/users/{id}': { get: { operationId: 'getUser', parameters: id, responses: ok } },
        '/users/search': { get: { operationId: 'searchUsers', parameters: q, responses: list } },
        '/users/{id}/add_role': { post: { operationId: 'addUserRole', parameters: id, requestBody: body, responses: ok } },
        '/tags/remove': { delete: { parameters: q, responses: ok } },
        // Already an action before: a POST leaf among the state verbs.
        '/runs/{id}/cancel': { post: { operationId: 'cancelRun', parameters: id, responses: ok } },
        // Collisions: the item's DELETE is `things.delete`; `cancel` is also a resource; two operations on one verb path.
        '/things/{id}': { delete: { operationId: 'deleteThing', parameters: id, responses: ok } },
        '/things/delete': { post: { operationId: 'bulkDeleteThings', requestBody: body, responses: ok } },
        '/orders/cancel': { post: { operationId: 'cancelOrders', requestBody: body, responses: ok } },
        '/orders/cancel/{id}': { get: { operationId: 'getOrderCancellation', parameters: id, responses: ok } },
        '/reports/export': { get: { operationId: 'getReportExport', responses: ok }, post: { operationId: 'exportReports', requestBody: body, responses: ok } },
      },
    })));
    rec.route('POST', /./, () => ({ body: { id: 'x' } }));
    rec.route('DELETE', /./, () => ({ body: { id: 'x' } }));
  }, 120_000);
  afterAll(async () => rec?.close());

  const names = (method: string, path: string) => {
    const n = op(imported.spec, method, path).names;
    return { client: n.clientPath.join('.'), cli: `${n.cliGroup} ${n.cliCommand}`, mcp: n.mcpTool.replace(imported.spec.packages.toolPrefix, '') };
  };

  it('names a method of the parent resource, for any HTTP method and verb', () => {
    expect(names('post', '/api/account/v1/settings/delete')).toEqual({ client: 'api.account.settings.delete', cli: 'api:account:settings delete', mcp: 'delete_api_account_setting' });
    expect(names('get', '/api/account/v1/settings')).toEqual({ client: 'api.account.settings.retrieve', cli: 'api:account:settings retrieve', mcp: 'retrieve_api_account_setting' });
    expect(names('get', '/users/search')).toEqual({ client: 'users.search', cli: 'users search', mcp: 'search_users' });
    expect(names('post', '/users/{id}/add_role')).toEqual({ client: 'users.addRole', cli: 'users add-role', mcp: 'add_user_role' });
    expect(names('delete', '/tags/remove')).toEqual({ client: 'tags.remove', cli: 'tags remove', mcp: 'remove_tag' });
    expect(names('post', '/runs/{id}/cancel').client).toBe('runs.cancel');
    // The kinds: a GET reads (a list when it answers one), a write is an action (a destructive one for delete and remove).
    expect(op(imported.spec, 'get', '/users/search').kind).toBe('list');
    expect(op(imported.spec, 'post', '/api/account/v1/settings/delete').kind).toBe('action');
    expect(op(imported.spec, 'post', '/api/account/v1/settings/delete').hints.destructive).toBe(true);
  });

  it('stays a sub-resource where the verb is also a resource or the path has several operations', () => {
    expect([names('post', '/orders/cancel').client, names('get', '/orders/cancel/{id}').client]).toEqual(['orders.cancel.create', 'orders.cancel.retrieve']);
    expect([names('get', '/reports/export').client, names('post', '/reports/export').client]).toEqual(['reports.export.retrieve', 'reports.export.update']);
    expect(names('post', '/reports/export').cli).toBe('reports:export update');
  });

  it('leaves a method name another operation takes to the more specific route', () => {
    // The item's DELETE keeps `things.delete`; the bulk verb path is named by its operationId.
    expect(names('delete', '/things/{id}')).toEqual({ client: 'things.delete', cli: 'things delete', mcp: 'delete_thing' });
    expect(names('post', '/things/delete')).toEqual({ client: 'things.bulkDeleteThings', cli: 'things bulk-delete-things', mcp: 'bulk_delete_things' });
    expect(entries(imported.report, 'name-collision-resolved')).toHaveLength(2);
  });

  it('drives the lifted methods on the CLI and the MCP server', async () => {
    const env = { [imported.spec.packages.baseURLEnv]: rec.url };
    const cli = await runBin(built.cliBin, ['api:account:settings', 'delete'], env);
    expect(cli.code, cli.stderr).toBe(0);
    expect([rec.requests.at(-1)!.method, rec.requests.at(-1)!.path]).toEqual(['POST', '/api/account/v1/settings/delete']);
    const tags = await runBin(built.cliBin, ['tags', 'remove', '--q', 'old'], env);
    expect(tags.code, tags.stderr).toBe(0);
    expect([rec.requests.at(-1)!.method, rec.requests.at(-1)!.url]).toEqual(['DELETE', '/tags/remove?q=old']);
    const mcp = await connectMcp(built.mcpBin, [], env);
    try {
      const result = await mcp.client.callTool({ name: op(imported.spec, 'get', '/users/search').names.mcpTool, arguments: { q: 'ada' } });
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      expect([rec.requests.at(-1)!.method, rec.requests.at(-1)!.url]).toEqual(['GET', '/users/search?q=ada']);
    } finally {
      await mcp.close();
    }
  });
});
