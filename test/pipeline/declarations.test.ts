/**
 * Every file of a generated client is isolated-declarations clean, so the
 * build writes its `.d.ts` with oxc in milliseconds (with the JavaScript, from
 * the same transform). One file that is not
 * (an exported `const x = 1024 * 1024` without a type, a symbol key without
 * `unique symbol`) silently sends every build through a full `tsc` program,
 * seconds per build, and disables the incremental client build. The build
 * itself: its outputs, that fallback, and a syntax error's location.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isolatedDeclarationSync } from 'oxc-transform';
import { buildClient } from '../../generator/build/client.js';
import { compileSource, compileWhileWaiting, dropCompiled, oxc, takeCompiled } from '../../generator/build/client-compile.js';
import { contentHash } from '../../generator/build/cache.js';
import { emitAll } from '../../generator/commands/generate.js';
import { GeneratorError } from '../../generator/errors.js';
import { loadSpec } from '../../generator/ir/serialize.js';
import { generateAndBuild, importAll, scratchDir } from '../support/pipeline.js';
import { otherSpecsDir } from '../support/shared.js';

describe('generated client declarations', () => {
  it('every client source file (runtime core included) passes the isolated-declarations emitter', () => {
    const files = [...emitAll(loadSpec('openai-admin'))].filter(([path]) => path.startsWith('client/src/') && path.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(40);
    const problems = files.flatMap(([path, text]) => isolatedDeclarationSync(path, text, {}).errors.map((e) => `${path}: ${e.message}`));
    expect(problems).toEqual([]);
  });
});

describe('client build', () => {
  const dir = join(scratchDir, `test-client-build-${process.pid}`);
  const src = (rel: string) => join(dir, 'client/src', rel);
  const dist = (rel: string) => join(dir, 'client/dist', rel);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes each ES module and its declarations (twice: ESM and CommonJS) from one transform, and a CommonJS bundle', async () => {
    const { spec } = await importAll(join(otherSpecsDir, 'oai-petstore.yaml'));
    await generateAndBuild(spec, dir);
    for (const rel of ['index.js', 'index.d.ts', 'cjs/index.d.ts', 'cjs/index.js', 'core/client.js', 'core/client.d.ts']) expect(existsSync(dist(rel)), rel).toBe(true);
    // The bundle ends by making the client class the module itself (openai-node's `const OpenAI = require('openai')`).
    expect(readFileSync(dist('cjs/index.js'), 'utf8')).toMatch(/module\.exports = entry;\n\}\s*$/);
    expect(readFileSync(dist('core/client.d.ts'), 'utf8')).toBe(readFileSync(dist('cjs/core/client.d.ts'), 'utf8'));
    // Types gone, code kept.
    expect(readFileSync(dist('core/client.js'), 'utf8')).toMatch(/export class APIClient \{/);
    expect(readFileSync(dist('core/client.js'), 'utf8')).not.toMatch(/: ClientMeta/);
  }, 120_000);

  it('a file whose declarations need type information sends them through a full TypeScript program', async () => {
    writeFileSync(src('extra.ts'), 'export function pick(flag: boolean) {\n  return flag ? 1 : "one";\n}\n');
    writeFileSync(src('index.ts'), `${readFileSync(src('index.ts'), 'utf8')}export * from './extra.js';\n`);
    const result = await buildClient(join(dir, 'client'));
    expect(result.fallbackReason).toMatch(/^src\/extra\.ts: /);
    expect(readFileSync(dist('extra.d.ts'), 'utf8')).toContain('export declare function pick(flag: boolean): 1 | "one";');
    expect(readFileSync(dist('extra.js'), 'utf8')).toContain('return flag ? 1 : "one";');
  }, 120_000);

  it('a syntax error is one error at its file and line', async () => {
    writeFileSync(src('extra.ts'), 'export const ok: number = 1;\nexport const broken = (;\n');
    const error = await buildClient(join(dir, 'client')).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(GeneratorError);
    expect((error as GeneratorError).location).toMatchObject({ file: src('extra.ts'), line: 2 });
  }, 120_000);

  it('takes what was compiled while the emission waited for its worker: for the same file and bytes only, once', async () => {
    // Compiled ahead, as emitTarget does while its worker emits the MCP table.
    const text = 'export const answer: number = 42;\n';
    const sources: Array<[string, string]> = [[src('ahead.ts'), text], [src('later.ts'), 'export const later: string = "x";\n']];
    let compiledBeforeStop = 0;
    await compileWhileWaiting(sources, () => compiledBeforeStop++ >= 1);
    const { transformSync } = await oxc();
    const expected = compileSource(transformSync, src('ahead.ts'), text);
    expect(takeCompiled(src('later.ts'), contentHash('export const later: string = "x";\n'))).toBeUndefined(); // stopped before it
    expect(takeCompiled(src('ahead.ts'), contentHash('other text'))).toBeUndefined(); // other bytes: not this result (and it is gone)
    await compileWhileWaiting(sources, () => false);
    expect(takeCompiled(src('ahead.ts'), contentHash(text))).toMatchObject({ code: expected.code, declaration: expected.declaration });
    expect(takeCompiled(src('ahead.ts'), contentHash(text))).toBeUndefined(); // taken once
    dropCompiled();

    // The build takes a result compiled ahead instead of compiling the file again, and says so.
    writeFileSync(src('extra.ts'), text);
    await compileWhileWaiting([[src('extra.ts'), text]], () => false);
    const taken = await buildClient(join(dir, 'client'));
    expect(taken.compiledAhead).toBe(1);
    expect(readFileSync(dist('extra.js'), 'utf8')).toBe(compileSource(transformSync, src('extra.ts'), text).code);
    // Compiled ahead from bytes the file no longer holds: compiled again, from the file.
    const edited = 'export const answer: number = 43;\n';
    writeFileSync(src('extra.ts'), edited);
    await compileWhileWaiting([[src('extra.ts'), text]], () => false);
    const stale = await buildClient(join(dir, 'client'));
    expect(stale).toMatchObject({ compiled: 1, compiledAhead: 0 });
    expect(readFileSync(dist('extra.js'), 'utf8')).toContain('43');
  }, 120_000);
});
