/**
 * The build cache's manifests (generator/build/cache.ts): a one-shot process
 * writes each at once; the daemon keeps them in memory until no command has
 * come for a while (reading them back from there meanwhile), then writes
 * them; a dropped one is gone from both.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCacheDir, contentHash, dropManifest, readManifest, writeManifest } from '../../generator/build/cache.js';
import { markLongLived, runAfterReply, runWhenQuiet } from '../../generator/long-lived.js';

describe('build manifests', () => {
  const pkg = mkdtempSync(join(tmpdir(), 'trigen-manifest-'));
  // The manifest's file (other tests write theirs to the same folder meanwhile).
  const onDisk = (part: string) => existsSync(join(buildCacheDir, `${contentHash(`${resolve(pkg)}\0${part}`)}.json`));

  it('are written at once by a one-shot process', () => {
    writeManifest(pkg, 'once', { n: 1 });
    expect(onDisk('once')).toBe(true);
    expect(readManifest(pkg, 'once')).toEqual({ n: 1 });
    dropManifest(pkg, 'once');
    expect(readManifest(pkg, 'once')).toBeUndefined();
  });

  it('wait for idle time in the daemon, and are read back meanwhile', async () => {
    markLongLived();
    writeManifest(pkg, 'later', { n: 1 });
    writeManifest(pkg, 'later', { n: 2 });
    expect(readManifest(pkg, 'later')).toEqual({ n: 2 });
    expect(onDisk('later')).toBe(false);
    await runAfterReply();
    expect(onDisk('later')).toBe(false);
    await runWhenQuiet();
    expect(onDisk('later')).toBe(true);
    expect(readManifest(pkg, 'later')).toEqual({ n: 2 });
    writeManifest(pkg, 'later', { n: 3 });
    dropManifest(pkg, 'later');
    expect(readManifest(pkg, 'later')).toBeUndefined();
    await runWhenQuiet();
    expect(onDisk('later')).toBe(false);
    expect(readManifest(pkg, 'later')).toBeUndefined();
  });
});
