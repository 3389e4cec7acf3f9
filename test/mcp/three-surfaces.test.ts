/**
 * One request path across the three surfaces: for representative operations
 * (query arrays with brackets, deepObject, booleans, path + body, object
 * arrays in a body, page tokens, deletes) the MCP tool, the CLI bin and the
 * client send the same request to a local recorder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecorder, type Recorder, type RecordedRequest } from '../support/http-recorder.js';
import { runCli } from '../cli/support/cli.js';
import OpenAIAdmin from '../../generated/openai-admin/client/src/index.js';
import { connectStdio, type Connected } from './helpers.js';

const KEY = 'sk-admin-three-surfaces';

const essence = (r: RecordedRequest) => ({
  method: r.method,
  path: r.path,
  query: [...new URLSearchParams(r.query)],
  body: r.body === '' ? undefined : r.json(),
  authorization: r.headers.authorization,
  contentType: r.headers['content-type'],
});

interface Case {
  tool: string;
  args: Record<string, unknown>;
  cli: string[];
  client: (c: OpenAIAdmin) => Promise<unknown>;
}

const CASES: Case[] = [
  {
    tool: 'openai_admin_list_audit_logs',
    args: { event_types: ['project.created', 'user.added'], project_ids: ['proj_1', 'proj 2'], effective_at: { gt: 1730419200, lte: 1730505600 }, tenant_only: true, limit: 5 },
    cli: ['admin:organization:audit-logs', 'list', '--event-type', 'project.created', '--event-type', 'user.added', '--project-id', 'proj_1', '--project-id', 'proj 2', '--effective-at.gt', '1730419200', '--effective-at.lte', '1730505600', '--tenant-only', '--limit', '5'],
    client: (c) =>
      c.admin.organization.auditLogs.list({ event_types: ['project.created', 'user.added'], project_ids: ['proj_1', 'proj 2'], effective_at: { gt: 1730419200, lte: 1730505600 }, tenant_only: true, limit: 5 } as never) as Promise<unknown>,
  },
  {
    tool: 'openai_admin_modify_project_user',
    args: { project_id: 'proj_1', user_id: 'user/1', role: 'owner' },
    cli: ['admin:organization:projects:users', 'update', '--project-id', 'proj_1', '--user-id', 'user/1', '--role', 'owner'],
    client: (c) => c.admin.organization.projects.users.update('user/1', { project_id: 'proj_1', role: 'owner' } as never) as Promise<unknown>,
  },
  {
    tool: 'openai_admin_usage_costs',
    // With limit and no max_items, MCP asks for exactly `limit` buckets, as the CLI and client do.
    args: { start_time: 1730419200, group_by: ['project_id', 'line_item'], project_ids: ['proj_1'], limit: 3, page: 'page_AAAA=' },
    cli: ['admin:organization:usage', 'costs', '--start-time', '1730419200', '--group-by', 'project_id', '--group-by', 'line_item', '--project-id', 'proj_1', '--limit', '3', '--page', 'page_AAAA='],
    client: (c) => c.admin.organization.usage.costs({ start_time: 1730419200, group_by: ['project_id', 'line_item'], project_ids: ['proj_1'], limit: 3, page: 'page_AAAA=' } as never) as Promise<unknown>,
  },
  {
    tool: 'openai_admin_invite_user',
    args: { email: 'a@example.com', role: 'reader', projects: [{ id: 'proj_1', role: 'member' }] },
    cli: ['admin:organization:invites', 'create', '--data', JSON.stringify({ email: 'a@example.com', role: 'reader', projects: [{ id: 'proj_1', role: 'member' }] })],
    client: (c) => c.admin.organization.invites.create({ email: 'a@example.com', role: 'reader', projects: [{ id: 'proj_1', role: 'member' }] } as never) as Promise<unknown>,
  },
  {
    tool: 'openai_admin_delete_project_api_key',
    args: { project_id: 'proj_1', api_key_id: 'key_1' },
    cli: ['admin:organization:projects:api-keys', 'delete', '--project-id', 'proj_1', '--api-key-id', 'key_1'],
    client: (c) => c.admin.organization.projects.apiKeys.delete('key_1', { project_id: 'proj_1' } as never) as Promise<unknown>,
  },
];

describe('MCP, CLI and client send the same request', () => {
  let rec: Recorder;
  let conn: Connected;
  beforeAll(async () => {
    rec = await startRecorder({ fallback: () => ({ body: { object: 'list', data: [], has_more: false } }) });
    conn = await connectStdio([], { OPENAI_BASE_URL: rec.url, OPENAI_ADMIN_KEY: KEY });
  });
  afterAll(async () => {
    await conn?.close();
    await rec?.close();
  });

  for (const c of CASES) {
    it(c.tool, async () => {
      rec.requests.length = 0;
      const result = (await conn.client.callTool({ name: c.tool, arguments: c.args })) as { isError?: boolean; content: Array<{ text: string }> };
      expect(result.isError, result.content[0]?.text).toBeFalsy();
      const cli = await runCli([...c.cli, '--max-retries', '0'], { env: { OPENAI_ADMIN_KEY: KEY, OPENAI_BASE_URL: rec.url } });
      expect(cli.code, cli.stderr).toBe(0);
      await c.client(new OpenAIAdmin({ adminAPIKey: KEY, baseURL: rec.url, maxRetries: 0 }));
      expect(rec.requests.length).toBe(3);
      const [viaMcp, viaCli, viaClient] = rec.requests.map(essence);
      expect(viaMcp).toEqual(viaClient);
      expect(viaCli).toEqual(viaClient);
    });
  }
});
