/**
 * A one-shot import of a large YAML document (above the size at which a
 * worker pays, see recordOnWorker in generator/load/yaml-chunks.ts) parses it
 * whole on the main thread and leaves the entry cache to a worker thread. The
 * real launcher, one process: when it has exited, the cache is on disk and
 * holds exactly the entries the next import needs (every entry from the
 * cache, the same value as js-yaml's), and the spec is what the same import
 * writes from the already cached entries.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as yaml from 'js-yaml';
import { afterAll, expect, it } from 'vitest';
import { writeMultiplied } from '../../bench/lib/synthesize.js';
import { ChunkedParse, readChunkCache } from '../../generator/load/yaml-chunks.js';
import { entryId } from '../../generator/load/yaml-entries.js';
import { newestOpenaiSpec, repoRoot } from '../support/shared.js';

const launcher = join(repoRoot, 'generator/launch.cjs');
const scratch = join(repoRoot, `.tmp/test-yaml-cache-worker-${process.pid}`);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function importOnce(root: string, doc: string) {
  const result = spawnSync(process.execPath, [launcher, 'import', '--from', doc, '--target', 'big', '--scope', 'all'], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, TRIGEN_ROOT: root, TRIGEN_DAEMON: '0', TRIGEN_THREADS: undefined },
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
}

it('a one-shot import of a large document leaves a complete entry cache, written by its worker before the process ends', () => {
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(join(scratch, 'spec'), { recursive: true });
  // The newest document four times over: some 12 MB of YAML.
  const doc = writeMultiplied(newestOpenaiSpec(), 4, scratch, 'yaml').path;
  const text = readFileSync(doc, 'utf8');
  expect(text.length).toBeGreaterThan(8 * 1024 * 1024);
  const key = join(scratch, 'spec/big');
  const cacheFile = join(repoRoot, 'node_modules/.cache/openapi-tri-gen/yaml', `${entryId(resolve(key))}.json`);
  rmSync(cacheFile, { force: true });

  importOnce(scratch, doc);
  expect(existsSync(cacheFile)).toBe(true);
  const entries = readChunkCache(key);
  expect(Object.keys(entries).length).toBeGreaterThan(100);
  const warm = new ChunkedParse(entries);
  expect(warm.parse(text)).toEqual(yaml.load(text, { schema: yaml.CORE_SCHEMA }));
  expect(warm.parsed).toBe(0);

  // The next import reads every entry from that cache, and writes the same spec.
  const first = readFileSync(join(key, 'spec.json'), 'utf8');
  importOnce(scratch, doc);
  expect(readFileSync(join(key, 'spec.json'), 'utf8')).toBe(first);
  rmSync(cacheFile, { force: true });
}, 120_000);
