/**
 * One request path: for every operation, the HTTP request the MCP server sends
 * (spawned bin, SDK Client over stdio) is byte-for-byte the request the
 * generated client sends for the same arguments, recorded by a local server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NormalizedSpec } from '../../generator/ir/types.js';
import { startRecorder, type Recorder, type RecordedRequest } from '../support/http-recorder.js';
import OpenAIAdmin from '../../generated/openai-admin/client/src/index.js';
import { connectStdio, sampleValue, specPath, type Connected } from './helpers.js';
import { repoRoot } from '../support/shared.js';

const spec = JSON.parse(readFileSync(specPath, 'utf8')) as NormalizedSpec;

/** What must match; transport details (host, connection, content-length order) may not. */
function essence(req: RecordedRequest) {
  return {
    method: req.method,
    url: req.url,
    body: req.body,
    authorization: req.headers.authorization,
    contentType: req.headers['content-type'],
    accept: req.headers.accept,
    userAgent: req.headers['user-agent'],
  };
}

describe('MCP tools send exactly the client request', () => {
  let rec: Recorder;
  let conn: Connected;
  beforeAll(async () => {
    rec = await startRecorder();
    conn = await connectStdio([], { OPENAI_BASE_URL: rec.url, OPENAI_ADMIN_KEY: 'sk-admin-same' });
  });
  afterAll(async () => {
    await conn?.close();
    await rec?.close();
  });

  it('for all operations, with every argument set', async () => {
    const { tools } = await conn.client.listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    const client = new OpenAIAdmin({ adminAPIKey: 'sk-admin-same', baseURL: rec.url, maxRetries: 0 });
    let compared = 0;
    for (const op of spec.operations) {
      const tool = byName.get(op.names.mcpTool)!;
      const schema = tool.inputSchema as Record<string, any>;
      // Every param of the operation, with a valid value (query arrays, objects, bodies…).
      const args: Record<string, unknown> = {};
      for (const p of op.params) args[p.name] = sampleValue(schema.properties[p.name], schema, p.name);

      rec.requests.length = 0;
      const result = (await conn.client.callTool({ name: tool.name, arguments: args })) as { isError?: boolean; content: Array<{ text: string }> };
      expect(result.isError, `${tool.name}: ${result.content[0]?.text}`).toBeFalsy();
      expect(rec.requests.length, tool.name).toBe(1);
      const viaMcp = essence(rec.requests[0]!);

      // The client call written from the IR alone: last path param positional, the rest in one params object.
      rec.requests.length = 0;
      const pathParams = op.params.filter((p) => p.in === 'path');
      const last = pathParams.at(-1);
      const params = Object.fromEntries(op.params.filter((p) => p !== last).map((p) => [p.name, args[p.name]]));
      let target: any = client;
      for (const key of op.names.clientPath.slice(0, -1)) target = target[key];
      const method = target[op.names.clientPath.at(-1)!];
      const callArgs = last ? (Object.keys(params).length ? [args[last.name], params] : [args[last.name]]) : Object.keys(params).length ? [params] : [];
      await method.apply(target, callArgs);
      expect(rec.requests.length, tool.name).toBe(1);
      expect(viaMcp, tool.name).toEqual(essence(rec.requests[0]!));
      compared++;
    }
    expect(compared).toBe(119);
  });

  it('sends the audit-log filters with the bracketed wire names, whichever spelling the caller used', async () => {
    rec.requests.length = 0;
    await conn.client.callTool({ name: 'openai_admin_list_audit_logs', arguments: { project_ids: ['p1', 'p2'], 'event_types[]': ['project.created'] } });
    const query = decodeURIComponent(rec.requests[0]!.query);
    expect(query).toContain('project_ids[]=p1&project_ids[]=p2');
    expect(query).toContain('event_types[]=project.created');
  });

  it('shows a range stated only in prose in the schema but lets the API judge it; a declared range is checked', async () => {
    const { tools } = await conn.client.listTools();
    const schemaOf = (name: string) => (tools.find((t) => t.name === name)!.inputSchema as Record<string, any>).properties;
    // list_projects `limit`: "Limit can range between 1 and 100" (prose); list_groups `limit`: 0..1000 (schema).
    expect(schemaOf('openai_admin_list_projects').limit).toMatchObject({ minimum: 1, maximum: 100 });
    expect(schemaOf('openai_admin_list_groups').limit).toMatchObject({ minimum: 0, maximum: 1000 });
    rec.requests.length = 0;
    rec.setFallback(() => ({ body: { object: 'list', data: [], has_more: false } }));
    try {
      for (const limit of [0, 500]) {
        const result = (await conn.client.callTool({ name: 'openai_admin_list_projects', arguments: { limit } })) as { isError?: boolean; content: Array<{ text: string }> };
        expect(result.isError, result.content[0]?.text).toBeFalsy();
      }
      expect(rec.requests.map((r) => r.url)).toEqual(['/organization/projects?limit=0', '/organization/projects?limit=500']);
      const refused = (await conn.client.callTool({ name: 'openai_admin_list_groups', arguments: { limit: 5000 } })) as { isError?: boolean; content: Array<{ text: string }> };
      expect(refused.isError).toBe(true);
      expect(refused.content[0]!.text).toMatch(/"limit" must be <= 1000/);
      expect(rec.requests).toHaveLength(2);
    } finally {
      rec.setFallback(undefined);
    }
  });
});

describe('header options (the openai target: organization, project)', () => {
  const openaiBin = join(repoRoot, 'generated/openai/mcp/bin/openai-tri-mcp.js');
  let rec: Recorder;
  beforeAll(async () => {
    rec = await startRecorder();
    rec.setFallback(() => ({ body: { object: 'list', data: [] } }));
  });
  afterAll(async () => {
    await rec?.close();
  });

  async function listModels(args: string[], env: Record<string, string> = {}) {
    // One tool per operation (the whole API's listing would start the dynamic meta-tools).
    const conn = await connectStdio(['--tools', 'all', '--tool', 'openai_list_models', ...args], { OPENAI_BASE_URL: rec.url, OPENAI_API_KEY: 'sk-test', ...env }, openaiBin);
    try {
      rec.reset();
      rec.setFallback(() => ({ body: { object: 'list', data: [] } }));
      const result = await conn.client.callTool({ name: 'openai_list_models', arguments: {} });
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      return rec.requests[0]!.headers;
    } finally {
      await conn.close();
    }
  }

  it('--organization and --project send OpenAI-Organization and OpenAI-Project, over OPENAI_ORG_ID and OPENAI_PROJECT_ID', async () => {
    const flags = await listModels(['--organization', 'org_flag', '--project', 'proj_flag'], { OPENAI_ORG_ID: 'org_env' });
    expect([flags['openai-organization'], flags['openai-project']]).toEqual(['org_flag', 'proj_flag']);
    const env = await listModels([], { OPENAI_ORG_ID: 'org_env', OPENAI_PROJECT_ID: 'proj_env' });
    expect([env['openai-organization'], env['openai-project']]).toEqual(['org_env', 'proj_env']);
    const none = await listModels([]);
    expect([none['openai-organization'], none['openai-project']]).toEqual([undefined, undefined]);
  });

  it('lists them in --help', () => {
    const help = execFileSync(process.execPath, [openaiBin, '--help'], { encoding: 'utf8' });
    expect(help).toMatch(/--organization VALUE\s+sent as the OpenAI-Organization header; default: env OPENAI_ORG_ID/);
    expect(help).toMatch(/--project VALUE\s+sent as the OpenAI-Project header; default: env OPENAI_PROJECT_ID/);
  });
});
