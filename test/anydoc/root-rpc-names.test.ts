/**
 * RPC-style APIs put every call at the root as a verb phrase (`POST
 * /createAccountHolder`, `/get_me`, `/delete-resource-permission`): the verb
 * names a method of the noun phrase (`accountHolder.create`, `me.get`,
 * `resourcePermission.delete`), as a verb leaf deeper in a path names a
 * method of its parent. They used to be resources named for the whole phrase
 * (`createAccountHolder.create()`). A noun the paths already have as a root
 * resource (`/accounts`) lands on it. A bare verb (`/search`) stays as it
 * was, and so do a GET led by a verb that is no read (`/update_logs`), a
 * phrase whose name another operation has (`POST
 * /listAccounts` beside `GET /accounts`), one with paths beneath it (a
 * collection), and one whose names a previous spec locked.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../generator/commands/import.js';
import type { NormalizedSpec } from '../../generator/ir/types.js';
import type { Recorder } from '../support/http-recorder.js';
import { connectMcp, runBin, scratchDir, type Built, type Imported } from '../support/pipeline.js';
import { clientMethod, entries, op, recordedApi, tempDir } from './support.js';

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string' } } } } } } };
const list = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'array', items: { type: 'object' } } } } } };
const body = { content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string' } } } } } };
const id = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];
const call = (extra: object = {}) => ({ post: { requestBody: body, responses: ok, ...extra } });

describe('a root path that is a verb phrase', () => {
  const dir = join(tempDir('root-rpc-names'), 'doc');
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('root-rpc-names', dir, (url) => ({
      openapi: '3.0.3',
      info: { title: 'Rpc', version: '1' },
      servers: [{ url }],
      paths: {
        // camelCase, snake_case and kebab-case phrases; only the first has an operationId (its MCP name).
        '/createAccountHolder': call({ operationId: 'createAccountHolder' }),
        '/getAccountHolder': call(),
        '/suspendAccountHolder': call(),
        '/deleteBankAccounts': call(),
        '/sendPhoto': call(),
        '/getMe': { get: { responses: ok } },
        '/create_channel': call(),
        '/delete-resource-permission': call(),
        // A bare verb at the root stays a resource.
        '/search': call(),
        // The noun is a root resource already: both land on it; `accounts.list` is the GET's, so the phrase keeps its resource.
        '/accounts': { get: { operationId: 'listAccounts', responses: list } },
        '/createAccount': call(),
        '/listAccounts': call(),
        // A GET led by a verb that is no read names a collection: `update_logs` is not `logs.update`.
        '/update_logs': { get: { responses: list } },
        // Paths beneath a phrase make it a collection.
        '/exportJobs': call(),
        '/exportJobs/{id}': { get: { parameters: id, responses: ok } },
      },
    })));
    rec.route('POST', /./, () => ({ body: { id: 'x' } }));
  }, 120_000);
  afterAll(async () => rec?.close());

  const names = (method: string, path: string) => {
    const n = op(imported.spec, method, path).names;
    return { client: n.clientPath.join('.'), cli: `${n.cliGroup} ${n.cliCommand}`, mcp: n.mcpTool.replace(imported.spec.packages.toolPrefix, '') };
  };

  it('names the verb a method of the noun phrase', () => {
    expect(names('post', '/createAccountHolder')).toEqual({ client: 'accountHolder.create', cli: 'account-holder create', mcp: 'create_account_holder' });
    expect(names('post', '/getAccountHolder')).toEqual({ client: 'accountHolder.get', cli: 'account-holder get', mcp: 'get_account_holder' });
    expect(names('post', '/suspendAccountHolder')).toEqual({ client: 'accountHolder.suspend', cli: 'account-holder suspend', mcp: 'suspend_account_holder' });
    expect(names('post', '/deleteBankAccounts')).toEqual({ client: 'bankAccounts.delete', cli: 'bank-accounts delete', mcp: 'delete_bank_account' });
    expect(names('post', '/sendPhoto')).toEqual({ client: 'photo.send', cli: 'photo send', mcp: 'send_photo' });
    expect(names('get', '/getMe')).toEqual({ client: 'me.get', cli: 'me get', mcp: 'get_me' });
    expect(names('post', '/create_channel')).toEqual({ client: 'channel.create', cli: 'channel create', mcp: 'create_channel' });
    expect(names('post', '/delete-resource-permission')).toEqual({ client: 'resourcePermission.delete', cli: 'resource-permission delete', mcp: 'delete_resource_permission' });
    // As for a verb leaf: a GET reads, a write is an action (a destructive one for delete).
    expect(op(imported.spec, 'get', '/getMe').kind).toBe('retrieve');
    expect(op(imported.spec, 'post', '/deleteBankAccounts').kind).toBe('action');
    expect(op(imported.spec, 'post', '/deleteBankAccounts').hints.destructive).toBe(true);
  });

  it('puts a noun the paths already have as a root resource on that resource', () => {
    expect(names('get', '/accounts')).toEqual({ client: 'accounts.list', cli: 'accounts list', mcp: 'list_accounts' });
    expect(names('post', '/createAccount')).toEqual({ client: 'accounts.create', cli: 'accounts create', mcp: 'create_account' });
  });

  it('leaves a bare verb, a taken name and a collection as they were', () => {
    expect(names('post', '/search')).toEqual({ client: 'search.create', cli: 'search create', mcp: 'create_search' });
    expect(names('post', '/listAccounts')).toEqual({ client: 'listAccounts.create', cli: 'list-accounts create', mcp: 'create_list_account' });
    expect(entries(imported.report, 'root-phrase-kept')).toEqual([expect.stringContaining('`accounts.list` is taken; named `list_accounts.create`')]);
    expect(names('get', '/update_logs').client).toBe('updateLogs.list');
    expect(names('post', '/exportJobs').client).toBe('exportJobs.create');
    expect(names('get', '/exportJobs/{id}').client).toBe('exportJobs.retrieve');
  });

  it('keeps the names a previous spec locked', async () => {
    const previous = structuredClone(imported.spec) as NormalizedSpec;
    const locked = op(previous, 'post', '/sendPhoto');
    locked.names = { ...locked.names, clientPath: ['sendPhoto', 'create'], cliGroup: 'send-photo', cliCommand: 'create', typePrefix: 'SendPhotoCreate' };
    const again = await importDocument({ from: join(dir, 'openapi.yaml'), target: 'fixture', scope: 'all', configDir: join(scratchDir, 'no-config'), root: join(scratchDir, 'no-root'), previous });
    expect(op(again.spec, 'post', '/sendPhoto').names).toEqual(locked.names);
    expect(op(again.spec, 'post', '/createAccountHolder').names.clientPath).toEqual(['accountHolder', 'create']);
    expect(again.report.filter((r) => r.code === 'name-locked').map((r) => r.message)).toEqual([expect.stringContaining('`sendPhoto.create` (would be `photo.send`)')]);
  });

  it('sends the same request from the client, the CLI and the MCP server', async () => {
    const holder = op(imported.spec, 'post', '/createAccountHolder');
    const create = await clientMethod(built, holder);
    await create({ name: 'ada' });
    expect([rec.requests.at(-1)!.method, rec.requests.at(-1)!.path, rec.requests.at(-1)!.body]).toEqual(['POST', '/createAccountHolder', '{"name":"ada"}']);
    const env = { [imported.spec.packages.baseURLEnv]: rec.url };
    const cli = await runBin(built.cliBin, ['account-holder', 'create', '--name', 'bob'], env);
    expect(cli.code, cli.stderr).toBe(0);
    expect([rec.requests.at(-1)!.method, rec.requests.at(-1)!.path, rec.requests.at(-1)!.body]).toEqual(['POST', '/createAccountHolder', '{"name":"bob"}']);
    const mcp = await connectMcp(built.mcpBin, [], env);
    try {
      const result = await mcp.client.callTool({ name: holder.names.mcpTool, arguments: { name: 'cy' } });
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      expect([rec.requests.at(-1)!.method, rec.requests.at(-1)!.path, rec.requests.at(-1)!.body]).toEqual(['POST', '/createAccountHolder', '{"name":"cy"}']);
    } finally {
      await mcp.close();
    }
  });
});
