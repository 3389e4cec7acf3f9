/**
 * How a bin folder is written (generator/build/parts.ts assembleBin): a new
 * folder is moved in whole; in an existing one only the files whose bytes
 * changed are replaced (each written aside and renamed in, so the others keep
 * their inode and time), files no longer wanted go with their empty folders,
 * the start-up file keeps mode 755, and nothing is written when nothing
 * changed.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleBin } from '../../generator/build/parts.js';

const inode = (path: string) => statSync(path).ino;

describe('bin folder assembly', () => {
  const pkg = mkdtempSync(join(tmpdir(), 'trigen-bin-'));
  const bin = join(pkg, 'bin');
  const files = (entries: Record<string, string>) => () => new Map(Object.entries(entries));

  it('writes a new folder whole, the start-up file executable', async () => {
    const result = await assembleBin(pkg, bin, [], files({ 'run.js': 'start v1', 'lib/a.js': 'a v1', 'chunks/c1.js': 'c1', 'tools.json': '{}' }), 'run.js');
    expect(result.written).toBe(true);
    expect(readFileSync(join(bin, 'lib/a.js'), 'utf8')).toBe('a v1');
    expect(statSync(join(bin, 'run.js')).mode & 0o777).toBe(0o755);
    expect(readdirSync(pkg).sort()).toEqual(['bin']);
  });

  it('replaces only the changed files and removes the stale ones', async () => {
    const kept = inode(join(bin, 'lib/a.js'));
    const before = inode(join(bin, 'tools.json'));
    const result = await assembleBin(pkg, bin, [], files({ 'run.js': 'start v2', 'lib/a.js': 'a v1', 'chunks/c2.js': 'c2', 'tools.json': '{"x":1}' }), 'run.js');
    expect(result.written).toBe(true);
    expect(inode(join(bin, 'lib/a.js'))).toBe(kept);
    expect(inode(join(bin, 'tools.json'))).not.toBe(before);
    expect(readFileSync(join(bin, 'tools.json'), 'utf8')).toBe('{"x":1}');
    expect(readFileSync(join(bin, 'run.js'), 'utf8')).toBe('start v2');
    expect(statSync(join(bin, 'run.js')).mode & 0o777).toBe(0o755);
    expect(readdirSync(join(bin, 'chunks'))).toEqual(['c2.js']);
    // No temp file is left beside them.
    expect(readdirSync(bin).sort()).toEqual(['chunks', 'lib', 'run.js', 'tools.json']);
  });

  it('removes folders left empty and writes nothing when nothing changed', async () => {
    await assembleBin(pkg, bin, [], files({ 'run.js': 'start v2', 'lib/a.js': 'a v1', 'chunks/deep/c3.js': 'c3', 'tools.json': '{"x":1}' }), 'run.js');
    expect(readdirSync(join(bin, 'chunks'))).toEqual(['deep']);
    await assembleBin(pkg, bin, [], files({ 'run.js': 'start v2', 'lib/a.js': 'a v1', 'tools.json': '{"x":1}' }), 'run.js');
    expect(existsSync(join(bin, 'chunks'))).toBe(false);
    const times = ['run.js', 'lib/a.js', 'tools.json'].map((f) => statSync(join(bin, f)).mtimeMs);
    const result = await assembleBin(pkg, bin, [], files({ 'run.js': 'start v2', 'lib/a.js': 'a v1', 'tools.json': '{"x":1}' }), 'run.js');
    expect(result.written).toBe(false);
    expect(['run.js', 'lib/a.js', 'tools.json'].map((f) => statSync(join(bin, f)).mtimeMs)).toEqual(times);
  });
});
