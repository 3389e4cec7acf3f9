/**
 * Shared helpers of the MCP tests: paths, the seed-002 tool names (parsed at
 * run time, never copied), SDK clients over stdio and HTTP, and minimal valid
 * arguments derived from a tool's inputSchema.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { repoRoot, sharedDir } from '../support/shared.js';

export const mcpDir = join(repoRoot, 'generated/openai-admin/mcp');
export const binPath = join(mcpDir, 'bin/openai-admin-mcp.js');
export const specPath = join(repoRoot, 'spec/openai-admin/spec.json');

/** Tool names listed in seed 002 (lines that are exactly a tool name). */
export function seedToolNames(): string[] {
  const file = readdirSync(join(sharedDir, 'seeds')).find((f) => f.startsWith('002_'));
  if (!file) throw new Error('seed 002 not found in ../shared/seeds');
  const text = readFileSync(join(sharedDir, 'seeds', file), 'utf8');
  return [...new Set(text.split('\n').filter((l) => /^openai_admin_[a-z0-9_]+$/.test(l.trim())).map((l) => l.trim()))];
}

/** Seed 002's parameter rows per tool: tool → [param name as the seed spells it, required]. */
export function seedToolParams(): Map<string, Array<{ name: string; required: boolean }>> {
  const file = readdirSync(join(sharedDir, 'seeds')).find((f) => f.startsWith('002_'))!;
  const lines = readFileSync(join(sharedDir, 'seeds', file), 'utf8').split('\n');
  const out = new Map<string, Array<{ name: string; required: boolean }>>();
  let current: string | undefined;
  let inTable = false;
  for (const line of lines) {
    if (/^openai_admin_[a-z0-9_]+$/.test(line.trim())) {
      current = line.trim();
      inTable = false;
      out.set(current, []);
      continue;
    }
    if (!current) continue;
    if (line.includes('| Parameter | Type |')) inTable = true;
    else if (inTable && !line.startsWith('|---')) {
      const cells = line.split('|').map((c) => c.trim());
      if (cells.length >= 4 && cells[0]) out.get(current)!.push({ name: cells[0]!, required: cells[2] === 'Yes' });
    }
  }
  return out;
}

export interface Connected {
  client: Client;
  stderr: () => string;
  close: () => Promise<void>;
}

export async function connectStdio(args: string[] = [], env: Record<string, string | undefined> = {}, bin: string = binPath): Promise<Connected> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [bin, ...args],
    env: { PATH: process.env.PATH ?? '', OPENAI_ADMIN_KEY: 'sk-admin-test', OPENAI_BASE_URL: 'http://127.0.0.1:9', ...env } as Record<string, string>,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'mcp-test', version: '0.0.0' });
  await client.connect(transport);
  return { client, stderr: () => stderr, close: () => client.close() };
}

export async function connectHttp(url: string, token?: string): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: token ? { headers: { authorization: `Bearer ${token}` } } : undefined,
  });
  const client = new Client({ name: 'mcp-test-http', version: '0.0.0' });
  await client.connect(transport);
  return client;
}

type Schema = Record<string, any>;

/** A small valid value for a schema (first enum value, minimum, one array item, required fields). */
export function sampleValue(schema: Schema, root: Schema, key = 'x'): unknown {
  if (schema.$ref) return sampleValue(root.$defs[String(schema.$ref).split('/').pop()!], root, key);
  if (schema.anyOf) return sampleValue(schema.anyOf.find((s: Schema) => s.type !== 'null') ?? schema.anyOf[0], root, key);
  if (schema.enum) return schema.enum.find((v: unknown) => v !== null);
  if (schema.default !== undefined) return schema.default;
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      return /email/.test(key) ? 'user@example.com' : `${key.replace(/_id$/, '')}_abc`;
    case 'integer':
    case 'number':
      return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return true;
    case 'array':
      return [sampleValue(schema.items ?? {}, root, key)];
    case 'object':
      return sampleArgs(schema, root);
    default:
      return 'x';
  }
}

/** Only the required arguments, with valid sample values. */
export function sampleArgs(schema: Schema, root: Schema = schema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of schema.required ?? []) out[name] = sampleValue(schema.properties?.[name] ?? {}, root, name);
  return out;
}
