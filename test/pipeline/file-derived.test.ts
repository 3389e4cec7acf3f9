/**
 * Values the daemon keeps by file identity (generator/long-lived.ts
 * `derivedFromFile`): the generated tree's texts, the minified tool table and
 * the build inputs' hashes are read again exactly when their file was
 * replaced or rewritten, and always outside the daemon.
 */
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { derivedFromFile, markLongLived, rememberDerived, type FileDerived } from '../../generator/long-lived.js';

const dir = mkdtempSync(join(tmpdir(), 'trigen-derived-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('values derived from files', () => {
  const file = join(dir, 'table.json');
  let reads = 0;
  const derive = () => {
    reads++;
    return `read ${reads}`;
  };

  it('outside the daemon, derives every time', () => {
    writeFileSync(file, 'a');
    const cache: FileDerived<string> = new Map();
    expect(derivedFromFile(cache, file, derive)).toBe('read 1');
    expect(derivedFromFile(cache, file, derive)).toBe('read 2');
    expect(cache.size).toBe(0);
  });

  it('in the daemon, keeps the value while the file is the same, and derives again once it is replaced or rewritten', () => {
    markLongLived();
    const cache: FileDerived<string> = new Map();
    reads = 0;
    expect(derivedFromFile(cache, file, derive)).toBe('read 1');
    expect(derivedFromFile(cache, file, derive)).toBe('read 1');
    // Replaced by a rename (as every writer here does): another inode.
    writeFileSync(`${file}.tmp`, 'b');
    renameSync(`${file}.tmp`, file);
    expect(derivedFromFile(cache, file, derive)).toBe('read 2');
    // Rewritten in place with other bytes: another size.
    writeFileSync(file, 'longer');
    expect(derivedFromFile(cache, file, derive)).toBe('read 3');
    // What a writer remembers is taken as the file's value until it changes.
    rememberDerived(cache, file, 'written');
    expect(derivedFromFile(cache, file, derive)).toBe('written');
    rmSync(file);
    expect(() => derivedFromFile(cache, file, () => { throw new Error('gone'); })).toThrow('gone');
  });
});
