/**
 * A tool that declares an output schema owes MCP clients structured content
 * on success (the SDK client refuses the result otherwise). Two real answers
 * that are no JSON object, found against GitHub's document: an empty 2xx beside
 * a JSON one (`202 {}` or `204`, as `PUT /orgs/{org}/outside_collaborators/{username}`
 * answers) is `{}`; a value of another type than the document promises is a
 * tool error that shows what came, never a protocol error. With no output
 * schema listed, the answer is passed on as it is.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recorder } from '../support/http-recorder.js';
import { connectMcp, type Built, type Imported } from '../support/pipeline.js';
import { op, recordedApi, tempDir } from './support.js';

type Result = { isError?: boolean; content: Array<{ type: string; text?: string }>; structuredContent?: Record<string, unknown> };

describe('MCP results of tools with an output schema', () => {
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  let mcp: Awaited<ReturnType<typeof connectMcp>>;
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('mcp-output', join(tempDir('mcp-output'), 'doc'), (url) => ({
      openapi: '3.1.0',
      info: { title: 'Outputs', version: '1' },
      servers: [{ url }],
      paths: {
        '/members/{name}': {
          put: {
            operationId: 'convertMember',
            parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }],
            responses: {
              '202': { description: 'queued', content: { 'application/json': { schema: { type: 'object', properties: { queued: { type: 'boolean' } } } } } },
              '204': { description: 'done' },
            },
          },
        },
        '/apps': {
          get: {
            operationId: 'listApps',
            responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { total_count: { type: 'integer' } } } } } } },
          },
        },
      },
    })));
    mcp = await connectMcp(built.mcpBin, ['--output-schemas', 'full'], { OUTPUTS_BASE_URL: rec.url });
    // The SDK client holds results to the output schemas it has listed.
    const { tools } = await mcp.client.listTools();
    expect(tools.every((t) => t.outputSchema)).toBe(true);
  }, 120_000);
  afterAll(async () => {
    await mcp?.close();
    await rec?.close();
  });

  const call = (path: string, method: string, args: Record<string, unknown>) =>
    mcp.client.callTool({ name: op(imported.spec, method, path).names.mcpTool, arguments: args }) as Promise<Result>;

  it('an empty 2xx is the empty object; a JSON one is itself', async () => {
    rec.route('PUT', '/members/ann', { status: 204 });
    const empty = await call('/members/{name}', 'put', { name: 'ann' });
    expect(empty).toMatchObject({ structuredContent: {}, content: [{ type: 'text', text: '{}' }] });
    expect(empty.isError).toBeFalsy();
    rec.route('PUT', '/members/bob', { status: 202, body: { queued: true } });
    expect((await call('/members/{name}', 'put', { name: 'bob' })).structuredContent).toEqual({ queued: true });
  });

  it('another type than the document promises is a tool error showing the answer', async () => {
    rec.enqueue({ body: [{ id: 1 }] });
    const result = await call('/apps', 'get', {});
    expect(result.isError, JSON.stringify(result)).toBe(true);
    expect(result.content.map((c) => c.text)).toEqual(['The API answered with an array where its document promises a JSON object.', JSON.stringify({ response: [{ id: 1 }] })]);
  });

  it('with no output schema listed (--output-schemas none), the answer comes back as it is', async () => {
    const bare = await connectMcp(built.mcpBin, ['--output-schemas', 'none'], { OUTPUTS_BASE_URL: rec.url });
    try {
      const { tools } = await bare.client.listTools();
      expect(tools.some((t) => t.outputSchema)).toBe(false);
      rec.enqueue({ body: [{ id: 1 }] });
      const result = (await bare.client.callTool({ name: op(imported.spec, 'get', '/apps').names.mcpTool, arguments: {} })) as Result;
      expect([result.isError, result.content[0]?.text, result.structuredContent]).toEqual([undefined, '[{"id":1}]', undefined]);
    } finally {
      await bare.close();
    }
  });
});
