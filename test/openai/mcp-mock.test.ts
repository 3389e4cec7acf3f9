/**
 * The `openai-tri-mcp` server (the real bin over stdio, the official MCP SDK
 * client) against the steady mock server: every tool outside the Admin API
 * and one per Admin resource (see surfaceSample) is called with its required
 * arguments and must return a non-error result; the listing has every tool
 * under its `openai_` / `openai_admin_` name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { startMockServer, type MockServer } from '../support/mock-server.js';
import { connectStdio, type Connected } from '../mcp/helpers.js';
import { carriesUpload, loadOpenaiSpec, openaiCallArgs, openaiMcpBin, pendingReason, TEST_KEYS, UPLOAD_REFUSED } from './support.js';

const spec = loadOpenaiSpec();
let mock: MockServer;
let conn: Connected;

beforeAll(async () => {
  if (!existsSync(openaiMcpBin)) throw new Error(`${openaiMcpBin} is missing: run \`npm run generate\` first`);
  mock = await startMockServer();
  conn = await connectStdio(['--tools', 'all'], { ...TEST_KEYS, OPENAI_BASE_URL: mock.url }, openaiMcpBin);
});
afterAll(async () => {
  await conn?.close();
  await mock?.close();
});

describe('openai-tri-mcp tools against the mock server', () => {
  it('lists one tool per operation under the operation’s locked name', async () => {
    const { tools } = await conn.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(spec.operations.map((o) => o.names.mcpTool).sort());
  });

  it('calls every tool with its required arguments', async () => {
    const failures: string[] = [];
    let pendingFailed = 0;
    let uploads = 0;
    const ops = spec.operations;
    for (const op of ops) {
      const { positional, params = {} } = openaiCallArgs(op, spec, 'required', false);
      const last = op.params.filter((p) => p.in === 'path').at(-1);
      const args = { ...params, ...(last ? { [last.name]: positional } : {}), max_items: 1 };
      if (!op.pagination) delete (args as Record<string, unknown>).max_items;
      const result = (await conn.client.callTool({ name: op.names.mcpTool, arguments: args })) as { isError?: boolean; content: Array<{ type: string; text?: string }> };
      const text = result.content.map((c) => c.text ?? '').join('');
      if (carriesUpload(op, args)) {
        // No MCP upload path yet: the call must fail before any request, naming the upload field.
        uploads++;
        if (!result.isError || !UPLOAD_REFUSED.test(text)) failures.push(`${op.names.mcpTool}: expected the upload to be refused, got ${text.slice(0, 200)}`);
        continue;
      }
      const pending = pendingReason(op.key, 'no-upload');
      if (pending && !result.isError) failures.push(`${op.names.mcpTool}: listed as pending (${pending}) but passes; remove it from PENDING`);
      if (pending && result.isError) pendingFailed++;
      if (!pending && result.isError) failures.push(`${op.names.mcpTool} ${JSON.stringify(args).slice(0, 200)}: ${text.slice(0, 400)}`);
      for (const key of Object.values(TEST_KEYS)) if (text.includes(key)) failures.push(`${op.names.mcpTool}: a key leaked`);
    }
    console.log(`openai-tri-mcp: ${ops.length - failures.length - pendingFailed - uploads}/${ops.length} tools pass against the mock, ${uploads} refuse an upload (no MCP upload path yet), ${pendingFailed} pending`);
    expect(failures, failures.join('\n') + '\n' + mock.log().slice(-1500)).toEqual([]);
  }, 180_000);
});
