/**
 * Streamable HTTP transport of the built bin: bound to 127.0.0.1, sessions via
 * the SDK Client, bearer-token auth with --auth-token, DNS-rebinding guard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { startRecorder, type Recorder } from '../support/http-recorder.js';
import { binPath, connectHttp } from './helpers.js';

interface Running {
  url: string;
  child: ChildProcess;
  stop: () => Promise<void>;
}

/** Starts the bin on a free port (--port 0) and reads the URL it prints. */
async function startHttpServer(args: string[], baseURL: string, env: Record<string, string> = {}): Promise<Running> {
  const child = spawn(process.execPath, [binPath, '--transport', 'http', '--port', '0', ...args], {
    env: { PATH: process.env.PATH, OPENAI_ADMIN_KEY: 'sk-admin-http', OPENAI_BASE_URL: baseURL, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listen line:\n${output}`)), 20_000);
    child.stderr!.on('data', (c: Buffer) => {
      output += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(output);
      if (m) clearTimeout(timer), resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}:\n${output}`)));
  });
  return {
    url,
    child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function rawPost(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } } });
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('Streamable HTTP', () => {
  let rec: Recorder;
  beforeAll(async () => {
    rec = await startRecorder();
    rec.route('GET', '/organization/projects/proj_1', { body: { id: 'proj_1', object: 'organization.project', name: 'P', created_at: 1, status: 'active' } });
  });
  afterAll(async () => rec?.close());

  it('serves tools without a token, bound to 127.0.0.1', async () => {
    const server = await startHttpServer([], rec.url);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
      const client = await connectHttp(server.url);
      const { tools } = await client.listTools();
      expect(tools.length).toBe(119);
      const result = (await client.callTool({ name: 'openai_admin_retrieve_project', arguments: { project_id: 'proj_1' } })) as { structuredContent?: Record<string, unknown> };
      expect(result.structuredContent).toMatchObject({ id: 'proj_1' });
      expect(rec.requests.at(-1)!.headers.authorization).toBe('Bearer sk-admin-http');
      // A second client gets its own session.
      const other = await connectHttp(server.url);
      expect((await other.listTools()).tools.length).toBe(119);
      await other.close();
      await client.close();
    } finally {
      await server.stop();
    }
  });

  it('requires the bearer token when --auth-token is set', async () => {
    const server = await startHttpServer(['--auth-token', 'tok-secret', '--read-only'], rec.url);
    try {
      await expect(connectHttp(server.url)).rejects.toThrow();
      await expect(connectHttp(server.url, 'tok-wrong')).rejects.toThrow();
      expect((await rawPost(server.url, {})).status).toBe(401);
      expect((await rawPost(server.url, { authorization: 'Bearer tok-wrong' })).status).toBe(401);
      const client = await connectHttp(server.url, 'tok-secret');
      const { tools } = await client.listTools();
      expect(tools.length).toBeGreaterThan(0);
      expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
      const result = (await client.callTool({ name: 'openai_admin_retrieve_project', arguments: { project_id: 'proj_1' } })) as { isError?: boolean };
      expect(result.isError).toBeFalsy();
      await client.close();
    } finally {
      await server.stop();
    }
  });

  it('reads the bearer token from an environment variable with --auth-token-env', async () => {
    const server = await startHttpServer(['--auth-token-env', 'MCP_TOKEN', '--read-only'], rec.url, { MCP_TOKEN: 'tok-from-env' });
    try {
      expect((await rawPost(server.url, {})).status).toBe(401);
      const client = await connectHttp(server.url, 'tok-from-env');
      expect((await client.listTools()).tools.length).toBeGreaterThan(0);
      await client.close();
    } finally {
      await server.stop();
    }
    // An unset variable is a usage error, not a server without a token.
    await expect(startHttpServer(['--auth-token-env', 'MCP_TOKEN_MISSING'], rec.url)).rejects.toThrow(/exited 2[\s\S]*MCP_TOKEN_MISSING: that environment variable is not set/);
  });

  it('rejects other paths and foreign Host headers', async () => {
    const server = await startHttpServer([], rec.url);
    try {
      expect((await rawPost(server.url.replace('/mcp', '/other'), {})).status).toBe(404);
      expect((await rawPost(server.url, { host: 'evil.example:80' })).status).toBe(403);
      expect((await rawPost(server.url, {})).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});
