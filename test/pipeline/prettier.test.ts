/**
 * Generated code is stable under prettier with the committed .prettierrc:
 * `prettier --check` (the real CLI) finds nothing to rewrite in generated/
 * (every committed target, runtime copies included), in runtime/, or in the
 * packages emitted for documents nobody tuned the emitters on: the whole
 * newest OpenAI document (--scope all) and every document in
 * ../shared/specs/other (quoted and numeric keys, long unions, deep nesting,
 * long descriptions, huge tables), plus the client fixture spec.
 * Generated Markdown is excluded by .prettierignore (see there why).
 */
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../generator/commands/import.js';
import { emitAll } from '../../generator/commands/generate.js';
import { emitClient } from '../../generator/emit/client/index.js';
import { replaceDirectory } from '../../generator/write.js';
import { fixtureSpec } from '../client/fixture-spec.js';
import { newestOpenaiSpecJson, otherSpecs, repoRoot } from '../support/shared.js';

const run = promisify(execFile);
const prettierBin = join(repoRoot, 'node_modules/prettier/bin/prettier.cjs');
const scratch = join(repoRoot, '.tmp/test-prettier');

/** Runtime copies are checked where they are committed (generated/, runtime/); here only what the emitters wrote. */
const COPIED = /\/src\/(core|runtime|shared)\//;

/**
 * `prettier --check` on `paths` (relative to the repository), with its
 * config and ignore files. Scratch files live under .tmp/, which .gitignore
 * hides from prettier, so for them only .prettierignore applies. Resolves to
 * the files prettier would rewrite.
 */
async function prettierCheck(paths: string[], ignoreFiles = ['.gitignore', '.prettierignore']): Promise<string[]> {
  // --no-color: under CI=true prettier colours its output even without a terminal, which would hide the file list.
  const args = [prettierBin, '--check', '--no-color', '--config', '.prettierrc', ...ignoreFiles.flatMap((f) => ['--ignore-path', f]), ...paths];
  try {
    await run(process.execPath, args, { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 });
    return [];
  } catch (error) {
    const { code, stdout, stderr } = error as { code?: number; stdout: string; stderr: string };
    // Exit 1: some files would change (listed as `[warn] <file>`); anything else is a failure to run.
    if (code !== 1) throw error;
    const files = `${stdout}\n${stderr}`
      .replace(/\x1b\[[0-9;]*m/g, '')
      .split('\n')
      .map((l) => /^\[warn\] (.+)$/.exec(l)?.[1])
      .filter((f): f is string => f !== undefined && !/Code style issues|Run Prettier/.test(f));
    // Exit 1 with no file named would pass every check silently: treat it as a failure to read the output.
    if (files.length === 0) throw error;
    return files;
  }
}

const emitted: string[] = [];

beforeAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  const documents: Array<[string, string]> = [
    ['openai-all', newestOpenaiSpecJson()],
    ...otherSpecs().map((file): [string, string] => [basename(file).replace(/\.(ya?ml|json)$/, '').replace(/[^a-z0-9]+/gi, '-').toLowerCase(), file]),
  ];
  const specs = await Promise.all(
    documents.map(async ([target, from]) => {
      const { spec } = await importDocument({ from, target, scope: 'all', configDir: '/nonexistent', root: join(scratch, 'root'), relock: true });
      return spec;
    }),
  );
  // The fixture spec is written for the client emitter only (its short MCP tool names collide).
  const outputs: Array<[string, Map<string, string>]> = [...specs.map((spec): [string, Map<string, string>] => [spec.target, emitAll(spec)]), ['fixture', emitClient(fixtureSpec())]];
  for (const [name, files] of outputs) {
    const dir = join(scratch, 'generated', name);
    replaceDirectory(dir, files);
    for (const path of files.keys()) if (/\.(ts|json)$/.test(path) && !COPIED.test(`/${path}`)) emitted.push(relative(repoRoot, join(dir, path)));
  }
}, 300_000);

describe('prettier --check', () => {
  it('finds nothing to rewrite in generated/ and runtime/', async () => {
    expect(await prettierCheck(['generated', 'runtime'])).toEqual([]);
  }, 120_000);

  it('finds nothing to rewrite in the packages emitted for the whole OpenAI document, every other document and the fixture', async () => {
    expect(emitted.length).toBeGreaterThan(300);
    expect(emitted.some((p) => p.endsWith('client/src/operations.ts'))).toBe(true);
    expect(await prettierCheck(emitted, ['.prettierignore'])).toEqual([]);
  }, 300_000);

  it('reports a file that is not in prettier style (the check can fail)', async () => {
    replaceDirectory(join(scratch, 'drift'), new Map([['drift.ts', 'export const x = { a: 1 , b: "two" };\n']]));
    const file = relative(repoRoot, join(scratch, 'drift/drift.ts'));
    expect(await prettierCheck([file], ['.prettierignore'])).toEqual([file]);
  }, 60_000);
});
