/**
 * The `openai-tri-mcp` server (the real bin over stdio, the official MCP SDK
 * client) against the steady mock server: every tool is called with its required
 * arguments and its uploads (base64 content, or a path under --allow-file-dir) and
 * must return a non-error result; the listing has every tool
 * under its `openai_` / `openai_admin_` name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockServer, type MockServer } from '../support/mock-server.js';
import { connectStdio, type Connected } from '../mcp/helpers.js';
import { loadOpenaiSpec, openaiMcpArgs, openaiMcpBin, pendingReason, sendsUpload, TEST_KEYS } from './support.js';

const spec = loadOpenaiSpec();
let mock: MockServer;
let conn: Connected;
const uploadDir = mkdtempSync(join(tmpdir(), 'openai-mcp-uploads-'));

beforeAll(async () => {
  if (!existsSync(openaiMcpBin)) throw new Error(`${openaiMcpBin} is missing: run \`npm run generate\` first`);
  mock = await startMockServer();
  conn = await connectStdio(['--tools', 'all', '--allow-file-dir', uploadDir], { ...TEST_KEYS, OPENAI_BASE_URL: mock.url }, openaiMcpBin);
});
afterAll(async () => {
  await conn?.close();
  await mock?.close();
  rmSync(uploadDir, { recursive: true, force: true });
});

describe('openai-tri-mcp tools against the mock server', () => {
  it('lists one tool per operation under the operation’s locked name', async () => {
    const { tools } = await conn.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(spec.operations.map((o) => o.names.mcpTool).sort());
  });

  it('calls every tool with its required arguments and uploads', async () => {
    const failures: string[] = [];
    let pendingFailed = 0;
    let uploads = 0;
    const ops = spec.operations;
    for (const op of ops) {
      // Uploads alternate between base64 content and a path under --allow-file-dir, so both reach the mock.
      const viaPath = sendsUpload(op) && uploads++ % 2 === 1;
      const args = openaiMcpArgs(op, spec, uploadDir, viaPath);
      const result = (await conn.client.callTool({ name: op.names.mcpTool, arguments: args })) as { isError?: boolean; content: Array<{ type: string; text?: string }> };
      const text = result.content.map((c) => c.text ?? '').join('');
      const pending = pendingReason(op.key, 'required');
      if (pending && !result.isError) failures.push(`${op.names.mcpTool}: listed as pending (${pending}) but passes; remove it from PENDING`);
      if (pending && result.isError) pendingFailed++;
      if (!pending && result.isError) failures.push(`${op.names.mcpTool} ${JSON.stringify(args).slice(0, 200)}: ${text.slice(0, 400)}`);
      for (const key of Object.values(TEST_KEYS)) if (text.includes(key)) failures.push(`${op.names.mcpTool}: a key leaked`);
    }
    console.log(`openai-tri-mcp: ${ops.length - failures.length - pendingFailed}/${ops.length} tools pass against the mock (${uploads} with uploads), ${pendingFailed} pending`);
    expect(uploads).toBeGreaterThan(10);
    expect(failures, failures.join('\n') + '\n' + mock.log().slice(-1500)).toEqual([]);
  }, 180_000);
});
