/**
 * Tool selection (--read-only, --resource, --tool), usage errors, and dynamic
 * mode end to end (search → schema → invoke) over stdio.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import type { NormalizedSpec } from '../../generator/ir/types.js';
import { startRecorder, type Recorder } from '../support/http-recorder.js';
import { binPath, connectStdio, specPath } from './helpers.js';

const run = promisify(execFile);
const spec = JSON.parse(readFileSync(specPath, 'utf8')) as NormalizedSpec;
type Result = { isError?: boolean; content: Array<{ text: string }>; structuredContent?: Record<string, any> };

async function listed(args: string[]): Promise<string[]> {
  const conn = await connectStdio(args);
  try {
    return (await conn.client.listTools()).tools.map((t) => t.name);
  } finally {
    await conn.close();
  }
}

describe('tool selection', () => {
  it('--read-only keeps exactly the read-only operations', async () => {
    const names = await listed(['--read-only']);
    const expected = spec.operations.filter((o) => o.hints.readOnly).map((o) => o.names.mcpTool).sort();
    expect(names.sort()).toEqual(expected);
    expect(names).toContain('openai_admin_list_projects');
    expect(names).not.toContain('openai_admin_archive_project');
  });

  it('--resource matches resource keys and their trailing parts', async () => {
    const users = await listed(['--resource', 'admin.organization.projects.users']);
    expect(users.sort()).toEqual(spec.operations.filter((o) => o.resource.join('.') === 'admin.organization.projects.users').map((o) => o.names.mcpTool).sort());
    const usage = await listed(['--resource', 'usage']);
    expect(usage.length).toBe(11);
    expect(usage.every((n) => n.startsWith('openai_admin_usage_'))).toBe(true);
    const projectsTree = await listed(['--resource', 'projects*', '--read-only']);
    expect(projectsTree).toContain('openai_admin_list_project_users');
    expect(projectsTree).not.toContain('openai_admin_list_users');
    expect(projectsTree).not.toContain('openai_admin_create_project');
  });

  it('--tool keeps the named tools (repeatable)', async () => {
    expect((await listed(['--tool', 'openai_admin_list_projects', '--tool', 'openai_admin_get_certificate'])).sort()).toEqual([
      'openai_admin_get_certificate',
      'openai_admin_list_projects',
    ]);
  });

  it('rejects unknown flags, unknown tools and empty selections with exit code 2', async () => {
    for (const args of [['--bogus'], ['--tool', 'openai_admin_list_projectz'], ['--resource', 'nothing-here'], ['--transport', 'carrier-pigeon']]) {
      const failed = await run(process.execPath, [binPath, ...args]).then(
        () => undefined,
        (e: { code: number; stderr: string }) => e,
      );
      expect(failed?.code, args.join(' ')).toBe(2);
      expect(failed?.stderr, args.join(' ')).toMatch(/usage:/);
      if (args[0] === '--tool') expect(failed?.stderr).toMatch(/no such tool \(did you mean openai_admin_list_projects[,?]/);
    }
    const { stdout } = await run(process.execPath, [binPath, '--list-tools', '--resource', 'usage']);
    expect(stdout.trim().split('\n').length).toBe(11);
  });

  it('--output-schemas object (the default), full and none shape outputSchema in tools/list', async () => {
    const tools = ['--tool', 'openai_admin_list_projects', '--tool', 'openai_admin_retrieve_project', '--tool', 'openai_admin_delete_invite'];
    const listed = async (args: string[]) => {
      const conn = await connectStdio([...args, ...tools]);
      try {
        return new Map((await conn.client.listTools()).tools.map((t) => [t.name, t.outputSchema]));
      } finally {
        await conn.close();
      }
    };
    for (const byDefault of [await listed([]), await listed(['--output-schemas', 'object'])]) {
      expect([...byDefault.values()]).toEqual([{ type: 'object' }, { type: 'object' }, { type: 'object' }]);
    }
    const full = await listed(['--output-schemas=full']);
    expect(full.get('openai_admin_retrieve_project')).toMatchObject({ type: 'object', properties: { id: { type: 'string' }, name: {} } });
    expect(full.get('openai_admin_list_projects')).toMatchObject({
      properties: { data: { type: 'array', items: { properties: { id: { type: 'string' } } } }, has_more: { type: 'boolean' }, next_cursor: { type: ['string', 'null'] } },
    });
    expect([...(await listed(['--output-schemas', 'none'])).values()]).toEqual([undefined, undefined, undefined]);
    const bad = await run(process.execPath, [binPath, '--output-schemas', 'typed']).catch((e: { code: number; stderr: string }) => e);
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringMatching(/--output-schemas must be full, object or none/) });
  });

  it('--no-output-schemas lists the selected tools without outputSchema', async () => {
    const conn = await connectStdio(['--no-output-schemas', '--tool', 'openai_admin_list_projects', '--tool', 'openai_admin_retrieve_project']);
    try {
      const { tools } = await conn.client.listTools();
      expect(tools.length).toBe(2);
      expect(tools.every((t) => t.outputSchema === undefined && t.inputSchema.type === 'object')).toBe(true);
    } finally {
      await conn.close();
    }
  });

  it('does not call tools that were filtered out', async () => {
    const conn = await connectStdio(['--read-only']);
    try {
      await expect(conn.client.callTool({ name: 'openai_admin_delete_user', arguments: { user_id: 'u' } })).rejects.toThrow(/Unknown tool/);
    } finally {
      await conn.close();
    }
  });
});

describe('dynamic mode', () => {
  let rec: Recorder;
  beforeAll(async () => {
    rec = await startRecorder();
  });
  afterAll(async () => rec?.close());

  it('lists three meta-tools and searches, describes and invokes endpoints', async () => {
    const conn = await connectStdio(['--tools', 'dynamic'], { OPENAI_BASE_URL: rec.url });
    try {
      const { tools } = await conn.client.listTools();
      expect(tools.map((t) => t.name)).toEqual(['openai_admin_search_endpoints', 'openai_admin_get_endpoint_schema', 'openai_admin_invoke_endpoint']);
      expect(JSON.stringify({ tools }).length).toBeLessThan(8000);

      const search = (await conn.client.callTool({ name: 'openai_admin_search_endpoints', arguments: { query: 'list project users' } })) as Result;
      expect(search.structuredContent!.results[0].name).toBe('openai_admin_list_project_users');

      const schema = (await conn.client.callTool({ name: 'openai_admin_get_endpoint_schema', arguments: { name: 'openai_admin_list_project_users' } })) as Result;
      expect(schema.structuredContent!.inputSchema.required).toEqual(['project_id']);
      expect(schema.structuredContent!.http).toBe('GET /organization/projects/{project_id}/users');

      rec.route('GET', '/organization/projects/proj_1/users', { body: { object: 'list', data: [{ object: 'organization.project.user', id: 'u1', name: 'U', email: 'u@x.y', role: 'owner', added_at: 1 }], has_more: false } });
      const invoked = (await conn.client.callTool({ name: 'openai_admin_invoke_endpoint', arguments: { name: 'openai_admin_list_project_users', arguments: { project_id: 'proj_1' } } })) as Result;
      expect(invoked.isError, invoked.content[0]?.text).toBeFalsy();
      expect(invoked.structuredContent!.data[0].id).toBe('u1');
      expect(rec.requests.at(-1)!.path).toBe('/organization/projects/proj_1/users');

      const invalid = (await conn.client.callTool({ name: 'openai_admin_invoke_endpoint', arguments: { name: 'openai_admin_list_project_users', arguments: {} } })) as Result;
      expect(invalid.isError).toBe(true);
      expect(invalid.content[0]!.text).toMatch(/project_id/);
      const unknown = (await conn.client.callTool({ name: 'openai_admin_get_endpoint_schema', arguments: { name: 'nope' } })) as Result;
      expect(unknown.isError).toBe(true);
    } finally {
      await conn.close();
    }
  });

  it('applies --read-only to what dynamic mode can search and invoke', async () => {
    const conn = await connectStdio(['--tools', 'dynamic', '--read-only'], { OPENAI_BASE_URL: rec.url });
    try {
      const { tools } = await conn.client.listTools();
      expect(tools.find((t) => t.name === 'openai_admin_invoke_endpoint')!.annotations?.readOnlyHint).toBe(true);
      const search = (await conn.client.callTool({ name: 'openai_admin_search_endpoints', arguments: { query: 'delete', limit: 200 } })) as Result;
      expect(search.structuredContent!.results.every((r: { readOnly: boolean }) => r.readOnly)).toBe(true);
      const refused = (await conn.client.callTool({ name: 'openai_admin_invoke_endpoint', arguments: { name: 'openai_admin_delete_user', arguments: { user_id: 'u' } } })) as Result;
      expect(refused.isError).toBe(true);
      expect(rec.requests.some((r) => r.method === 'DELETE')).toBe(false);
    } finally {
      await conn.close();
    }
  });
});
