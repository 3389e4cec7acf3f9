/**
 * The whole pipeline for any document, as a new user runs it: import with
 * the whole path set in scope and no config (an inferred target), generate,
 * build the three packages, then use them: the CLI binary as a child process,
 * the MCP server through the official SDK client, and the client through a
 * strict type-check. Used by the walk over every shared document and by the
 * per-pattern fixtures.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import ts from 'typescript';
import { stringify as toYaml } from 'yaml';
import { importDocument } from '../../generator/commands/import.js';
import { emitAll } from '../../generator/commands/generate.js';
import { buildClient } from '../../generator/build/client.js';
import { buildCli } from '../../generator/build/cli.js';
import { buildMcp } from '../../generator/build/mcp.js';
import type { NormalizedSpec, ReportEntry } from '../../generator/ir/types.js';
import { replaceDirectory } from '../../generator/write.js';
import { CLIENT_COMPILER_OPTIONS } from '../../generator/emit/client/package-files.js';
import { repoRoot } from './shared.js';

/** Scratch folders live inside the repo so that builds resolve its node_modules. */
export const scratchDir = join(repoRoot, '.tmp');

export interface Imported {
  spec: NormalizedSpec;
  report: ReportEntry[];
  files: Map<string, string>;
}

/** `import --scope all` of `from` as an inferred target (no config, no earlier spec). */
export async function importAll(from: string, target = 'walk'): Promise<Imported> {
  return importDocument({ from, target, scope: 'all', configDir: join(scratchDir, 'no-config'), root: join(scratchDir, 'no-root'), relock: true });
}

/** Writes `files` (relative path → YAML/JSON text or an object, written as YAML) under `dir`; returns `dir`. */
export function writeTree(dir: string, files: Record<string, string | object>): string {
  for (const [path, contents] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, typeof contents === 'string' ? contents : path.endsWith('.json') ? JSON.stringify(contents, null, 2) : toYaml(contents));
  }
  return dir;
}

export interface Built {
  spec: NormalizedSpec;
  dir: string;
  cliBin: string;
  mcpBin: string;
}

/** Emits `spec` into `dir` and builds its client, CLI and MCP packages. */
export async function generateAndBuild(spec: NormalizedSpec, dir: string): Promise<Built> {
  replaceDirectory(dir, emitAll(spec));
  await buildClient(join(dir, 'client'));
  await Promise.all([buildCli(join(dir, 'cli')), buildMcp(join(dir, 'mcp'))]);
  return { spec, dir, cliBin: join(dir, 'cli/bin', `${spec.packages.cliBin}.js`), mcpBin: join(dir, 'mcp/bin', `${spec.packages.mcpBin}.js`) };
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a built bin with only PATH and `env` in its environment, stdin closed. */
export function runBin(bin: string, args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Starts the built MCP server over stdio and connects the SDK client to it. */
export async function connectMcp(bin: string, args: string[] = [], env: Record<string, string> = {}): Promise<{ client: Client; stderr: () => string; close: () => Promise<void> }> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [bin, ...args], env: { PATH: process.env.PATH ?? '', ...env }, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const client = new Client({ name: 'anydoc-test', version: '0.0.0' });
  await client.connect(transport);
  return { client, stderr: () => stderr, close: () => client.close() };
}

/** Every tool a server lists, over all tools/list pages (a large listing comes in pages, by nextCursor). */
export async function listAllTools(client: Client): Promise<Awaited<ReturnType<Client['listTools']>>['tools']> {
  const tools: Awaited<ReturnType<Client['listTools']>>['tools'] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listTools(cursor === undefined ? {} : { cursor });
    tools.push(...page.tools);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return tools;
}

/**
 * Strict type-check of several generated clients in one TypeScript program
 * (the lib files are read and bound once): client folder → diagnostics.
 */
export function typecheckClients(clientDirs: string[]): Map<string, string[]> {
  const options = ts.convertCompilerOptionsFromJson({ ...CLIENT_COMPILER_OPTIONS, noEmit: true, declaration: false, rootDir: undefined, outDir: undefined }, repoRoot).options;
  const roots = clientDirs.flatMap((dir) => ts.sys.readDirectory(join(dir, 'src'), ['.ts'], ['**/*.d.ts']));
  const program = ts.createProgram({ rootNames: roots, options });
  const out = new Map<string, string[]>(clientDirs.map((d) => [d, []]));
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const file = d.file?.fileName ?? '';
    const dir = clientDirs.find((c) => file.startsWith(c + '/'));
    const text = ts.formatDiagnostics([d], { getCanonicalFileName: (f) => f, getCurrentDirectory: () => repoRoot, getNewLine: () => '\n' });
    if (dir) out.get(dir)!.push(text);
    else for (const list of out.values()) list.push(text);
  }
  return out;
}
