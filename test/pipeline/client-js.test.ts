/**
 * `generate` compiles the client's new ES modules ahead, in a worker, from the
 * emitted text (generator/build/client-js.ts). The client build must write the
 * same bytes with or without that head start, and must ignore a head start
 * made from other source bytes or another tsconfig.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildClient } from '../../generator/build/client.js';
import { precompileClientJs, type PrecompiledJs } from '../../generator/build/client-js.js';
import { repoRoot } from '../support/shared.js';

const scratch = join(repoRoot, '.tmp/test-client-js', `run-${process.pid}`);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function files(dir: string, keep: (rel: string) => boolean = () => true): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      const full = join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (keep(relative(dir, full))) out.set(relative(dir, full).split('\\').join('/'), readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

/** A fresh copy of the committed Admin client's sources (no dist/), so every file is compiled. */
function freshClient(name: string): string {
  const dir = join(scratch, name, 'client');
  mkdirSync(dir, { recursive: true });
  for (const entry of ['src', 'package.json', 'tsconfig.json']) cpSync(join(repoRoot, 'generated/openai-admin/client', entry), join(dir, entry), { recursive: true });
  return dir;
}

describe('client ES modules compiled ahead', () => {
  const plain = freshClient('plain');
  const sources = files(join(plain, 'src'), (rel) => rel.endsWith('.ts'));
  const tsconfig = readFileSync(join(plain, 'tsconfig.json'), 'utf8');
  let expected: Map<string, string>;

  it('compiles every source as the build would', async () => {
    await buildClient(plain);
    expected = files(join(plain, 'dist'));
    const ahead = await precompileClientJs(plain, sources, tsconfig);
    expect(ahead?.files.size).toBe(sources.size);
    for (const [rel, { js }] of ahead!.files) expect(js, rel).toBe(expected.get(rel.replace(/\.ts$/, '.js')));
  }, 120_000);

  it('a build given the head start writes the same bytes', async () => {
    const dir = freshClient('ahead');
    const result = await buildClient(dir, precompileClientJs(dir, sources, tsconfig));
    expect(result.compiled).toBe(sources.size);
    // The CommonJS bundle's comments name the folder it was built in.
    const built = new Map([...files(join(dir, 'dist'))].map(([rel, text]) => [rel, text.replaceAll('/ahead/client/', '/plain/client/')]));
    expect(built).toEqual(expected);
  }, 120_000);

  it('a head start from other bytes or another tsconfig is not used', async () => {
    const rel = 'client.ts';
    const forged = (hash: string, withTsconfig: string): Promise<PrecompiledJs> =>
      Promise.resolve({ tsconfig: withTsconfig, files: new Map([[rel, { hash, js: 'export const forged = 1;\n' }]]) });
    const realHash = (await precompileClientJs(plain, new Map([[rel, sources.get(rel)!]]), tsconfig))!.files.get(rel)!.hash;
    for (const [name, ahead] of [
      ['other-bytes', forged('not-the-hash', tsconfig)],
      ['other-tsconfig', forged(realHash, `${tsconfig} `)],
    ] as const) {
      const dir = freshClient(name);
      await buildClient(dir, ahead);
      expect(readFileSync(join(dir, 'dist/client.js'), 'utf8'), name).toBe(expected.get('client.js'));
    }
    // The control: the same forged entry with the real hash and tsconfig is taken as is.
    const dir = freshClient('control');
    await buildClient(dir, forged(realHash, tsconfig)).catch(() => undefined);
    expect(readFileSync(join(dir, 'dist/client.js'), 'utf8')).toBe('export const forged = 1;\n');
  }, 120_000);
});
