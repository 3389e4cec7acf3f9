import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emitAll } from '../../generator/commands/generate.js';
import { loadSpec } from '../../generator/ir/serialize.js';
import { readEmittedTree, replaceDirectory } from '../../generator/write.js';
import { GENERATED_NOTICE, JSON_NOTICE_KEY } from '../../generator/emit/header.js';

const scratch = mkdtempSync(join(tmpdir(), 'trigen-determinism-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('generate output', () => {
  it('is byte-identical across two runs written to two folders', () => {
    const first = join(scratch, 'a');
    const second = join(scratch, 'b');
    replaceDirectory(first, emitAll(loadSpec('openai-admin')));
    replaceDirectory(second, emitAll(loadSpec('openai-admin')));
    const a = readEmittedTree(first);
    const b = readEmittedTree(second);
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [path, contents] of a) expect(b.get(path), path).toBe(contents);
    expect(a.size).toBeGreaterThan(50);
  });

  it('carries no timestamps and marks every file as generated', () => {
    const files = emitAll(loadSpec('openai-admin'));
    const year = /\b20\d\d-\d\d-\d\dT\d\d:\d\d/;
    for (const [path, contents] of files) {
      expect(year.test(contents), `${path} contains an ISO timestamp`).toBe(false);
      if (/\.(ts|js|mjs|cjs)$/.test(path)) expect(contents.startsWith(`// ${GENERATED_NOTICE}`), path).toBe(true);
      if (path.endsWith('.md')) expect(contents.includes(GENERATED_NOTICE), path).toBe(true);
      if (path.endsWith('.json') && !path.endsWith('package.json') && !/tsconfig/.test(path)) {
        expect(JSON.parse(contents)[JSON_NOTICE_KEY], path).toBeTruthy();
      }
    }
  });

  it('matches what is committed under generated/', () => {
    const committed = readEmittedTree(join(process.cwd(), 'generated/openai-admin'));
    const fresh = emitAll(loadSpec('openai-admin'));
    expect([...committed.keys()].sort()).toEqual([...fresh.keys()].sort());
    for (const [path, contents] of fresh) expect(committed.get(path) === contents, `${path} differs`).toBe(true);
    expect(readFileSync(join(process.cwd(), 'spec/openai-admin/spec.json'), 'utf8').length).toBeGreaterThan(1000);
  });
});
