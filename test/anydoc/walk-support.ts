/**
 * The zero-config walk (walk.test.ts, walk-examples.test.ts): every OpenAPI or
 * Swagger document under some folders, with no per-file code: `import --scope
 * all` (an inferred target), generate and build all three packages, run the
 * CLI's `--help`, list the MCP server's tools with the SDK client (one per
 * operation, every one lint-clean for MCP clients) and type-check the client
 * under strict.
 *
 * Documents are found by content (a top-level `openapi` or `swagger` key), so
 * the files a multi-file document pulls in are not walked on their own.
 * Copies are walked once: identical bytes, or the same name with another
 * extension and the same parsed content (the JSON copy of a YAML document).
 * The type-check of every client runs last, in programs of up to 150 clients.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parseText } from '../../generator/load/load.js';
import type { ToolTable } from '../../runtime/mcp/table.js';
import { lintToolTable } from '../mcp/lint.js';
import { connectMcp, generateAndBuild, importAll, listAllTools, runBin, scratchDir, typecheckClients } from '../support/pipeline.js';

/**
 * Clients per TypeScript program: one program binds the lib files once for
 * all of them, but a program of some 400 clients runs out of the default heap
 * (a folder of APIs.guru documents), so larger walks check them in batches.
 */
const TYPECHECK_BATCH = 150;

function listFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      return statSync(full).isDirectory() ? listFiles(full) : [full];
    });
}

/** Every OpenAPI/Swagger document under `dir`, copies left out. */
function documentsIn(dir: string): string[] {
  // A top-level `openapi:`/`swagger:` key (YAML, unindented) or a `"openapi": "3…"` version (JSON).
  const isDocument = (text: string) => /^["']?(openapi|swagger)["']?\s*:/m.test(text) || /"(openapi|swagger)"\s*:\s*"\d/.test(text);
  const docs = listFiles(dir).filter((f) => /\.(ya?ml|json)$/i.test(f) && isDocument(readFileSync(f, 'utf8')));
  const byBytes = new Map<string, string>();
  for (const f of docs) {
    const hash = createHash('sha256').update(readFileSync(f)).digest('hex');
    if (!byBytes.has(hash)) byBytes.set(hash, f);
  }
  const unique = [...byBytes.values()].sort();
  const stem = (f: string) => f.slice(0, -extname(f).length);
  const parsed = new Map<string, unknown>();
  const content = (f: string) => parsed.get(f) ?? parsed.set(f, parseText(readFileSync(f, 'utf8'), f)).get(f);
  return unique.filter((f, i) => !unique.slice(0, i).some((g) => stem(g) === stem(f) && isDeepStrictEqual(content(g), content(f))));
}

/**
 * The walk as a describe block: `title` names it, `root` is what document
 * names are relative to (their targets are named from them), `atLeast` the
 * fewest documents it must find, `scratchName` its build folder.
 */
export function walkDocuments(title: string, root: string, dirs: string[], atLeast: number, scratchName: string): void {
  const documents = dirs.flatMap((dir) => documentsIn(dir));
  const clientDirs = new Map<string, string>();
  const scratch = join(scratchDir, scratchName);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  describe(title, () => {
    it('finds the documents and leaves copies out', () => {
      expect(documents.length).toBeGreaterThanOrEqual(atLeast);
      const names = documents.map((d) => relative(root, d));
      expect(new Set(names.map((n) => n.replace(/\.(ya?ml|json)$/, ''))).size).toBe(names.length);
    });

    it.each(documents.map((d) => [relative(root, d), d] as const))('%s', async (name, file) => {
      const target = name.replace(/\.(ya?ml|json)$/i, '').replace(/[^a-z0-9]+/gi, '-').toLowerCase();
      const { spec, report } = await importAll(file, target);
      // A document may define no operation (3.1 webhooks alone, an empty `paths`): that is reported, and the rest still holds.
      if (spec.operations.length === 0) expect(report.map((r) => r.code), 'operations').toContain('empty-scope');
      // What is not representable is listed with a pointer, never dropped silently.
      for (const entry of report.filter((r) => r.level !== 'info')) expect(typeof entry.pointer, JSON.stringify(entry)).toBe('string');

      const built = await generateAndBuild(spec, join(scratch, target));
      clientDirs.set(name, join(built.dir, 'client'));

      const help = await runBin(built.cliBin, ['--help']);
      expect(help.code, help.stderr).toBe(0);
      const groups = [...new Set(spec.operations.map((o) => o.names.cliGroup))];
      for (const group of groups) expect(help.stdout, `group ${group}`).toContain(group);

      // --tools all: a large API's default start is the dynamic mode (its listing passes --listing-budget).
      const mcp = await connectMcp(built.mcpBin, ['--tools', 'all']);
      try {
        const tools = await listAllTools(mcp.client);
        expect(tools.map((t) => t.name).sort()).toEqual(spec.operations.map((o) => o.names.mcpTool).sort());
      } finally {
        await mcp.close();
      }
      const table = JSON.parse(readFileSync(join(built.dir, 'mcp/src/tools.json'), 'utf8')) as ToolTable;
      expect(lintToolTable(table)).toEqual([]);
    }, 240_000);

    it('every client type-checks under strict', () => {
      // The clients that built are checked even when some document failed before (its own test says why).
      const entries = [...clientDirs];
      for (let at = 0; at < entries.length; at += TYPECHECK_BATCH) {
        const batch = entries.slice(at, at + TYPECHECK_BATCH);
        const diagnostics = typecheckClients(batch.map(([, dir]) => dir));
        for (const [name, dir] of batch) expect.soft(diagnostics.get(dir), basename(name)).toEqual([]);
      }
      expect(clientDirs.size).toBe(documents.length);
    }, 600_000);
  });
}
