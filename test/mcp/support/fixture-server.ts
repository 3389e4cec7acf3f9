/**
 * A small generated MCP server for the io tests: test/mcp/fixtures/media-io.yaml
 * (a JSON-or-stream operation, an always-streaming one, uploads, a binary
 * download and a text response) imported, emitted and bundled into a scratch
 * folder inside the repo (the bundler resolves the repo's node_modules).
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { importDocument } from '../../../generator/commands/import.js';
import { emitAll } from '../../../generator/commands/generate.js';
import { replaceDirectory } from '../../../generator/write.js';
import { buildMcp } from '../../../generator/build/mcp.js';
import { buildClient } from '../../../generator/build/client.js';
import type { ToolTable } from '../../../runtime/mcp/table.js';
import { repoRoot } from '../../support/shared.js';

export interface FixtureServer {
  bin: string;
  table: ToolTable;
  /** The server's environment for an API at `baseURL`. */
  env: (baseURL: string) => Record<string, string>;
}

/** Builds the fixture server into `.tmp/<scratch>` (one folder per test file: files run in parallel). */
export async function buildFixtureServer(scratch: string): Promise<FixtureServer> {
  const dir = join(repoRoot, '.tmp', scratch);
  rmSync(dir, { recursive: true, force: true });
  const { spec } = await importDocument({ from: join(import.meta.dirname, '../fixtures/media-io.yaml'), target: 'media-io', root: join(dir, 'root'), relock: true });
  const pkgs = join(dir, 'generated/media-io');
  replaceDirectory(pkgs, emitAll(spec));
  await buildClient(join(pkgs, 'client'));
  await buildMcp(join(pkgs, 'mcp'));
  const table = JSON.parse(readFileSync(join(pkgs, 'mcp/src/tools.json'), 'utf8')) as ToolTable;
  return {
    bin: join(pkgs, 'mcp/bin/media-io-mcp.js'),
    table,
    env: (baseURL) => ({ [table.env.key]: 'sk-io-test', [table.env.baseURL]: baseURL }),
  };
}
