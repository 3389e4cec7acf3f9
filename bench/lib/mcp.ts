/** MCP helpers: time a stdio server from spawn to its tools/list reply via the SDK Client. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ListToolsResultSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

export interface ServerCommand {
  command: string;
  args: string[];
  env?: Record<string, string>;
}

export interface ToolsListing {
  ms: number;
  tools: Array<Record<string, unknown>>;
  /** Bytes of the JSON tools/list result (all pages), as the client receives it. */
  bytes: number;
  /** Bytes of the server instructions from initialize (what every tool shares is said there once). */
  instructionsBytes: number;
}

export async function listToolsCold(server: ServerCommand): Promise<ToolsListing> {
  const started = performance.now();
  const transport = new StdioClientTransport({
    command: server.command,
    args: server.args,
    env: { PATH: process.env.PATH ?? '', ...server.env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d).slice(-2000)));
  const client = new Client({ name: 'bench', version: '0.0.0' });
  try {
    await client.connect(transport);
    // Count the raw tools/list results as they arrive (before the SDK's zod
    // parsing, which could drop keys it does not know).
    let bytes = 0;
    const deliver = transport.onmessage;
    transport.onmessage = (message: JSONRPCMessage) => {
      const result = (message as { result?: { tools?: unknown } }).result;
      if (result && Array.isArray(result.tools)) bytes += Buffer.byteLength(JSON.stringify(result));
      deliver?.(message);
    };
    const tools: Array<Record<string, unknown>> = [];
    let cursor: string | undefined;
    do {
      // client.request, not client.listTools: listTools also compiles an Ajv
      // validator per outputSchema in this process, which is client work, not
      // server start-up, and would blur the server comparison.
      const page = await client.request({ method: 'tools/list', params: cursor ? { cursor } : {} }, ListToolsResultSchema);
      tools.push(...(page.tools as Array<Record<string, unknown>>));
      cursor = page.nextCursor;
    } while (cursor);
    const ms = performance.now() - started;
    return { ms, tools, bytes, instructionsBytes: Buffer.byteLength(client.getInstructions() ?? '') };
  } catch (error) {
    const msg = error instanceof Error ? error.message : String(error);
    throw new Error(`${msg}${stderr ? ` — stderr: ${stderr.trim().split('\n').slice(-2).join(' | ')}` : ''}`);
  } finally {
    await client.close().catch(() => undefined);
  }
}

/** Round-robin cold starts; returns ms samples per server. */
export async function coldStarts(servers: Record<string, ServerCommand>, runs: number): Promise<Record<string, number[]>> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(servers).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) {
    for (const [name, server] of Object.entries(servers)) samples[name]!.push((await listToolsCold(server)).ms);
  }
  return samples;
}
