/**
 * What generator/long-lived.ts gives the daemon: values derived from files
 * (the generated tree's texts, the minified tool table, the build inputs'
 * hashes) read again exactly when their file was replaced or rewritten, and
 * always outside the daemon; the work left for idle time, run in order, one
 * item at a time, giving way when a command comes in, and the work left for a
 * quiet time (caches on disk) kept apart from it; and the outputs of pure
 * text functions reused for the same input (generator/emit/same-input.ts).
 */
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { afterReply, derivedFromFile, keptFromFile, markLongLived, rememberDerived, runAfterReply, runWhenQuiet, whenQuiet, type FileDerived } from '../../generator/long-lived.js';
import { sameInputSameOutput } from '../../generator/emit/same-input.js';

const dir = mkdtempSync(join(tmpdir(), 'trigen-derived-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the daemon’s long-lived state', () => {
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
    expect(keptFromFile(cache, file)).toBe('written');
    writeFileSync(file, 'rewritten by another writer');
    expect(keptFromFile(cache, file)).toBeUndefined();
    rmSync(file);
    expect(() => derivedFromFile(cache, file, () => { throw new Error('gone'); })).toThrow('gone');
  });

  it('runs the work left for idle time in order, and stops between items when a command comes in', async () => {
    markLongLived();
    const ran: string[] = [];
    afterReply(() => ran.push('a'));
    afterReply(() => ran.push('b'));
    afterReply(() => ran.push('c'));
    expect(ran).toEqual([]);
    // A command comes in after the first item: the rest waits for the next idle time.
    await runAfterReply(() => ran.length >= 1);
    expect(ran).toEqual(['a']);
    // Before stopping, all of it at once.
    await runAfterReply();
    expect(ran).toEqual(['a', 'b', 'c']);
  });

  it('keeps the work left for a quiet time apart from the idle-time work', async () => {
    markLongLived();
    const ran: string[] = [];
    const left = { quiet: ['cache 1', 'cache 2'], idle: ['idle'] };
    for (const item of left.quiet) whenQuiet(() => ran.push(item));
    for (const item of left.idle) afterReply(() => ran.push(item));
    // Idle time runs only its own work; a quiet time stops between items when a command comes in, as idle time does.
    await runAfterReply();
    await runWhenQuiet(() => ran.length >= 2);
    expect(ran).toEqual(['idle', 'cache 1']);
    await runWhenQuiet();
    expect(ran).toEqual([...left.idle, ...left.quiet]);
  });

  it('reuses the output of a pure text function for the same input text, in the daemon only', () => {
    let calls = 0;
    const layout = (input: string) => sameInputSameOutput(() => input, () => `${input.toUpperCase()} #${++calls}`);
    markLongLived();
    expect(layout('{"a":1}')).toBe('{"A":1} #1');
    expect(layout('{"a":1}')).toBe('{"A":1} #1');
    expect(layout('{"a":2}')).toBe('{"A":2} #2');
    // A bounded number of inputs is kept: the oldest goes first.
    for (let i = 0; i < 20; i++) layout(`x${i}`);
    expect(layout('{"a":1}')).toBe('{"A":1} #23');
  });
});
