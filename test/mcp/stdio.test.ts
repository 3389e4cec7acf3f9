/**
 * The built bin over stdio, driven by the SDK Client: tools/list, every tool
 * against the real OpenAPI mock server (served with --output-schemas full, so
 * the SDK also checks each result against the tool's typed outputSchema),
 * validation and API errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { NormalizedSpec } from '../../generator/ir/types.js';
import { startMockServer, type MockServer } from '../support/mock-server.js';
import { startRecorder, type Recorder } from '../support/http-recorder.js';
import { connectStdio, sampleArgs, seedToolNames, specPath, type Connected } from './helpers.js';

const spec = JSON.parse(readFileSync(specPath, 'utf8')) as NormalizedSpec;
type Result = { isError?: boolean; content: Array<{ type: string; text: string }>; structuredContent?: Record<string, unknown> };

describe('stdio server against the mock API', () => {
  let mock: MockServer;
  let conn: Connected;
  beforeAll(async () => {
    mock = await startMockServer();
    conn = await connectStdio(['--output-schemas', 'full'], { OPENAI_BASE_URL: mock.url });
  });
  afterAll(async () => {
    await conn?.close();
    await mock?.close();
  });

  it('lists one tool per operation, including all 47 seed-002 tools', async () => {
    const { tools } = await conn.client.listTools();
    expect(tools.length).toBe(spec.operations.length);
    const names = new Set(tools.map((t) => t.name));
    expect(seedToolNames().filter((n) => !names.has(n))).toEqual([]);
    const archive = tools.find((t) => t.name === 'openai_admin_archive_project')!;
    // Open-world is the MCP default and left out; destructiveHint is always stated on writes.
    expect(archive.annotations).toEqual({ title: 'Archive project', destructiveHint: true, idempotentHint: true });
    expect(archive.outputSchema).toMatchObject({ type: 'object', properties: { id: { type: 'string' }, archived_at: { type: ['integer', 'null'] } } });
    expect(conn.client.getServerVersion()).toMatchObject({ name: 'openai-admin-mcp' });
    expect(conn.client.getInstructions()).toMatch(/OPENAI_ADMIN_KEY[\s\S]*max_items/);
    // Said once here instead of in every list tool's params, and the annotation defaults the tools rely on.
    expect(conn.client.getInstructions()).toMatch(/max_items items \(default 20, at most 1000; page-token lists stop at whole pages\)/);
    expect(conn.client.getInstructions()).toMatch(/pass next_cursor as the cursor argument \(after or page\)/);
    expect(conn.client.getInstructions()).toMatch(/a tool without readOnlyHint changes data/);
  });

  it('calls every tool successfully, with structured content matching its outputSchema', async () => {
    const { tools } = await conn.client.listTools();
    const failures: string[] = [];
    let structured = 0;
    for (const tool of tools) {
      const args = sampleArgs(tool.inputSchema as Record<string, unknown>);
      try {
        const result = (await conn.client.callTool({ name: tool.name, arguments: args })) as Result;
        if (result.isError) failures.push(`${tool.name}: ${result.content[0]?.text.slice(0, 200)}`);
        else {
          expect(JSON.parse(result.content[0]!.text)).toEqual(result.structuredContent ?? JSON.parse(result.content[0]!.text));
          if (result.structuredContent) structured++;
        }
      } catch (error) {
        failures.push(`${tool.name}: threw ${String(error).slice(0, 200)}`);
      }
    }
    expect(failures, mock.log().slice(-2000)).toEqual([]);
    expect(structured).toBeGreaterThan(100);
  });

  it('returns list results with has_more, truncated and next_cursor', async () => {
    const result = (await conn.client.callTool({ name: 'openai_admin_list_projects', arguments: { max_items: 1 } })) as Result;
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ has_more: expect.any(Boolean), truncated: expect.any(Boolean) });
    expect((result.structuredContent!.data as unknown[]).length).toBeLessThanOrEqual(1);
  });

  it('names the wrong field of invalid arguments', async () => {
    const missing = (await conn.client.callTool({ name: 'openai_admin_retrieve_project', arguments: {} })) as Result;
    expect(missing.isError).toBe(true);
    expect(missing.content[0]!.text).toMatch(/missing required argument "project_id"/);
    const wrongType = (await conn.client.callTool({ name: 'openai_admin_list_projects', arguments: { limit: 'ten' } })) as Result;
    expect(wrongType.isError).toBe(true);
    expect(wrongType.content[0]!.text).toMatch(/"limit" must be integer/);
    const badEnum = (await conn.client.callTool({ name: 'openai_admin_usage_costs', arguments: { start_time: 1, bucket_width: '1y' } })) as Result;
    expect(badEnum.content[0]!.text).toMatch(/"bucket_width" must be one of/);
    const unknown = (await conn.client.callTool({ name: 'openai_admin_list_projects', arguments: { limt: 5 } })) as Result;
    expect(unknown.content[0]!.text).toMatch(/unknown argument "limt" \(did you mean "limit"\?\)/);
    const camel = (await conn.client.callTool({ name: 'openai_admin_retrieve_project', arguments: { projectId: 'proj_1' } })) as Result;
    expect(camel.content[0]!.text).toMatch(/unknown argument "projectId" \(did you mean "project_id"\?\)/);
    expect(camel.content[0]!.text).toMatch(/missing required argument "project_id"/);
    const nested = (await conn.client.callTool({ name: 'openai_admin_list_audit_logs', arguments: { effective_at: { gt: 'soon' } } })) as Result;
    expect(nested.content[0]!.text).toMatch(/"effective_at.gt" must be integer/);
  });

  it('rejects unknown tools with a protocol error and keeps serving', async () => {
    await expect(conn.client.callTool({ name: 'openai_admin_nope', arguments: {} })).rejects.toThrow(/Unknown tool/);
    const ok = (await conn.client.callTool({ name: 'openai_admin_list_invites', arguments: {} })) as Result;
    expect(ok.isError).toBeFalsy();
  });
});

describe('stdio server errors', () => {
  let rec: Recorder;
  beforeAll(async () => {
    rec = await startRecorder();
  });
  afterAll(async () => rec?.close());

  it('turns API errors into isError results with status, message and request id', async () => {
    const conn = await connectStdio([], { OPENAI_BASE_URL: rec.url });
    try {
      rec.route('GET', '/organization/projects/proj_missing', {
        status: 404,
        headers: { 'x-request-id': 'req_123abc' },
        body: { error: { message: 'No such project: proj_missing', type: 'invalid_request_error', code: 'not_found', param: null } },
      });
      const result = (await conn.client.callTool({ name: 'openai_admin_retrieve_project', arguments: { project_id: 'proj_missing' } })) as Result;
      expect(result.isError).toBe(true);
      expect(result.structuredContent).toBeUndefined();
      expect(result.content[0]!.text).toContain('404');
      expect(result.content[0]!.text).toContain('No such project: proj_missing');
      expect(result.content[0]!.text).toContain('req_123abc');
      expect(JSON.parse(result.content[1]!.text)).toMatchObject({ status: 404, request_id: 'req_123abc', code: 'not_found' });
      // A server error on one call does not end the session.
      rec.route('GET', '/organization/invites', { status: 200, body: { object: 'list', data: [], has_more: false } });
      const next = (await conn.client.callTool({ name: 'openai_admin_list_invites', arguments: {} })) as Result;
      expect(next.isError).toBeFalsy();
      expect(next.structuredContent).toMatchObject({ data: [], has_more: false });
    } finally {
      await conn.close();
    }
  });

  it('reads the key from OPENAI_ADMIN_KEY only, and says so when it is missing', async () => {
    const conn = await connectStdio([], { OPENAI_BASE_URL: rec.url, OPENAI_ADMIN_KEY: undefined });
    try {
      const result = (await conn.client.callTool({ name: 'openai_admin_list_invites', arguments: {} })) as Result;
      expect(result.isError).toBe(true);
      expect(result.content[0]!.text).toMatch(/OPENAI_ADMIN_KEY is not set/);
      const keyAsArg = (await conn.client.callTool({ name: 'openai_admin_list_invites', arguments: { api_key: 'sk-x' } })) as Result;
      expect(keyAsArg.content[0]!.text).toMatch(/unknown argument "api_key"/);
    } finally {
      await conn.close();
    }
  });

  it('sends the key from the environment as a bearer token', async () => {
    const conn = await connectStdio([], { OPENAI_BASE_URL: rec.url, OPENAI_ADMIN_KEY: 'sk-admin-from-env' });
    try {
      rec.requests.length = 0;
      rec.route('GET', '/organization/users/user_1', { body: { object: 'organization.user', id: 'user_1', name: 'A', email: 'a@b.c', role: 'owner', added_at: 1 } });
      const result = (await conn.client.callTool({ name: 'openai_admin_retrieve_user', arguments: { user_id: 'user_1' } })) as Result;
      expect(result.isError, result.content[0]?.text).toBeFalsy();
      expect(rec.requests.at(-1)!.headers.authorization).toBe('Bearer sk-admin-from-env');
    } finally {
      await conn.close();
    }
  });
});

describe('the client log level from the environment (OPENAI_LOG)', () => {
  it('keeps the protocol on stdout: the client\'s debug lines go to stderr, with the key redacted', async () => {
    const rec = await startRecorder();
    const conn = await connectStdio([], { OPENAI_BASE_URL: rec.url, OPENAI_ADMIN_KEY: 'sk-admin-logged-secret', OPENAI_LOG: 'debug' });
    try {
      rec.route('GET', '/organization/invites', { status: 200, body: { object: 'list', data: [], has_more: false } });
      const result = (await conn.client.callTool({ name: 'openai_admin_list_invites', arguments: {} })) as Result;
      expect(result.isError, result.content[0]?.text).toBeFalsy();
      expect(conn.stderr()).toMatch(/request attempt 1/);
      expect(conn.stderr()).not.toContain('sk-admin-logged-secret');
    } finally {
      await conn.close();
      await rec.close();
    }
  });
});

describe('cancellation', () => {
  it('aborts the HTTP request when the MCP client cancels the call', async () => {
    const { createServer } = await import('node:http');
    let closedEarly!: () => void;
    const closed = new Promise<void>((resolve) => (closedEarly = resolve));
    let received!: () => void;
    const arrived = new Promise<void>((resolve) => (received = resolve));
    // Never answers: only the server-side abort can end this request.
    const api = createServer((req, res) => {
      received();
      res.on('close', () => {
        if (!res.writableFinished) closedEarly();
      });
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    const port = (api.address() as { port: number }).port;
    const conn = await connectStdio([], { OPENAI_BASE_URL: `http://127.0.0.1:${port}` });
    try {
      const controller = new AbortController();
      const pending = conn.client.callTool({ name: 'openai_admin_list_invites', arguments: {} }, undefined, { signal: controller.signal });
      await arrived;
      controller.abort();
      await expect(pending).rejects.toThrow();
      await closed;
    } finally {
      await conn.close();
      api.closeAllConnections();
      await new Promise((resolve) => api.close(resolve));
    }
  });
});
