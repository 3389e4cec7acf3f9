/**
 * Every file of a generated client is isolated-declarations clean, so the
 * build writes its `.d.ts` with oxc in milliseconds. One file that is not
 * (an exported `const x = 1024 * 1024` without a type, a symbol key without
 * `unique symbol`) silently sends every build through a full `tsc` program,
 * seconds per build, and disables the incremental client build.
 */
import { describe, expect, it } from 'vitest';
import { isolatedDeclarationSync } from 'oxc-transform';
import { emitAll } from '../../generator/commands/generate.js';
import { loadSpec } from '../../generator/ir/serialize.js';

describe('generated client declarations', () => {
  it('every client source file (runtime core included) passes the isolated-declarations emitter', () => {
    const files = [...emitAll(loadSpec('openai-admin'))].filter(([path]) => path.startsWith('client/src/') && path.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(40);
    const problems = files.flatMap(([path, text]) => isolatedDeclarationSync(path, text, {}).errors.map((e) => `${path}: ${e.message}`));
    expect(problems).toEqual([]);
  });
});
