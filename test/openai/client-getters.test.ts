/**
 * The generated OpenAI client reads back its options as openai-node's does:
 * `client.apiKey`, `client.adminAPIKey`, `client.organization`,
 * `client.project` (given, else from their env vars; a key function's last
 * key), as accessors that never print a key with the client.
 */
import { inspect } from 'node:util';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openaiClientEntry } from './support.js';

type Client = Record<string, unknown> & { admin: { organization: { projects: { list(): Promise<unknown> } } } };
const load = async () => (await import(pathToFileURL(openaiClientEntry()).href)) as { default: new (o?: object) => Client };

afterEach(() => {
  delete process.env['OPENAI_PROJECT_ID'];
});

describe('the openai client reads its options back', () => {
  it('keys, organization and project: given, or from the environment', async () => {
    const { default: OpenAI } = await load();
    process.env['OPENAI_PROJECT_ID'] = 'proj_from_env';
    const client = new OpenAI({ apiKey: 'sk-proj-getter-1', adminAPIKey: 'sk-admin-getter-2', organization: 'org_1' });
    expect([client['apiKey'], client['adminAPIKey'], client['organization'], client['project']]).toEqual(['sk-proj-getter-1', 'sk-admin-getter-2', 'org_1', 'proj_from_env']);
    expect(new OpenAI({ apiKey: 'sk-proj-getter-1', project: null })['project']).toBeNull();
    // Accessors: no key among the client's own properties, none in what it prints.
    expect(Object.keys(client)).not.toContain('adminAPIKey');
    expect(inspect(client, { depth: 1 })).not.toContain('sk-admin-getter-2');
  });

  it("a key function's last key", async () => {
    const { default: OpenAI } = await load();
    let n = 0;
    const client = new OpenAI({
      adminAPIKey: async () => `sk-admin-fn-${++n}`,
      apiKey: null,
      baseURL: 'http://127.0.0.1:9',
      maxRetries: 0,
      fetch: async () => new Response('{"object":"list","data":[],"has_more":false}', { headers: { 'content-type': 'application/json' } }),
    });
    expect(client['adminAPIKey']).toBeNull();
    await client.admin.organization.projects.list();
    expect(client['adminAPIKey']).toBe('sk-admin-fn-1');
  });
});
