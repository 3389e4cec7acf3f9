/**
 * generator/launch.cjs runs the bundled generator from a V8 code cache per
 * command. A cache V8 rejects (corrupt, another Node, other flags) is never
 * fatal: the run compiles as usual and writes a fresh one.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';

const launcher = join(repoRoot, 'generator/launch.cjs');
// `--help` is no command name, so its runs share the `other` cache, which no test or user command relies on.
const cacheFile = join(repoRoot, 'node_modules/.cache/openapi-tri-gen/generator.other.v8cache');

describe('launcher code cache', () => {
  it('replaces a cache V8 rejects, and runs the command all the same', () => {
    const run = () => execFileSync(process.execPath, [launcher, '--help'], { cwd: repoRoot, encoding: 'utf8' });
    run();
    writeFileSync(cacheFile, 'not a V8 code cache');
    expect(run()).toContain('usage: npm run <command>');
    const rewritten = readFileSync(cacheFile);
    expect(rewritten.toString('latin1')).not.toBe('not a V8 code cache');
    expect(rewritten.length).toBeGreaterThan(1000);
    expect(run()).toContain('usage: npm run <command>');
  }, 60_000);
});
