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
  return connectBin(bin, args, { OPENAI_ADMIN_KEY: 'sk-admin-test', OPENAI_BASE_URL: 'http://127.0.0.1:9', ...env });
}

/** The SDK client over stdio to any built MCP bin, with only PATH and `env` in its environment. */
export async function connectBin(bin: string, args: string[] = [], env: Record<string, string | undefined> = {}): Promise<Connected> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [bin, ...args],
    env: { PATH: process.env.PATH ?? '', ...env } as Record<string, string>,
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

/** Values for string formats a validator checks. */
const FORMAT_SAMPLES: Record<string, string> = {
  'date-time': '2024-01-01T00:00:00Z',
  date: '2024-01-01',
  uuid: '123e4567-e89b-12d3-a456-426614174000',
  email: 'user@example.com',
  uri: 'https://example.com/',
  url: 'https://example.com/',
  byte: 'aGVsbG8=',
  ipv4: '127.0.0.1',
};

/**
 * A small valid value for a schema: its const, first enum value, default or
 * first example; else one made from its type (a string of the format and
 * length asked, the minimum, `minItems` items, the required fields; a file
 * argument as base64 content; the parts of an `allOf` together). `depth`
 * stops schemas that require themselves.
 */
export function sampleValue(schema: Schema, root: Schema, key = 'x', depth = 0): unknown {
  if (schema.$ref) return sampleValue(root.$defs[String(schema.$ref).split('/').pop()!], root, key, depth + 1);
  if (schema.const !== undefined) return schema.const;
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return sampleValue(variants.find((s: Schema) => s.type !== 'null') ?? variants[0], root, key, depth + 1);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s: Schema) => sampleValue(s, root, key, depth + 1)));
  if (schema.enum) return schema.enum.find((v: unknown) => v !== null);
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
  // An upload argument (the MCP server's file schema): base64 content.
  if (schema.properties?.base64 && schema.properties?.path) return { base64: 'aGVsbG8=', filename: 'a.txt', mime_type: 'text/plain' };
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
  switch (type) {
    case 'string': {
      const text = FORMAT_SAMPLES[schema.format] ?? (/email/.test(key) ? 'user@example.com' : `${key.replace(/_id$/, '')}_abc`.padEnd(schema.minLength ?? 0, 'a'));
      return schema.maxLength !== undefined ? text.slice(0, schema.maxLength) : text;
    }
    case 'integer':
    case 'number':
      return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return true;
    case 'array':
      return depth > 4 ? [] : Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => sampleValue(schema.items ?? {}, root, key, depth + 1));
    case 'object':
      return depth > 4 ? {} : sampleArgs(schema, root, depth + 1);
    default:
      return schema.properties || schema.required ? sampleArgs(schema, root, depth + 1) : 'x';
  }
}

/** Only the required arguments, with valid sample values. */
export function sampleArgs(schema: Schema, root: Schema = schema, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of schema.required ?? []) out[name] = sampleValue(schema.properties?.[name] ?? {}, root, name, depth);
  return out;
}
