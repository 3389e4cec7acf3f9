/**
 * A new target's next imports. The first import of a document infers the
 * target's config and writes it (config.yaml, with an `inferred:` section);
 * every later import reads that file and the spec it wrote. For every real
 * document in ../shared, the second import succeeds and writes the same
 * spec.json, and the third the same files as the second: a maintainer's
 * re-import of an unchanged document changes nothing. Removing the section
 * makes the config a hand-written one, whose name clashes stop the import.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importDocument } from '../../generator/commands/import.js';
import { GeneratorError } from '../../generator/errors.js';
import { loadDocument } from '../../generator/load/load.js';
import { inferConfig, readConfig, renderConfigYaml } from '../../generator/normalize/config.js';
import { writeFilesAtomically } from '../../generator/write.js';
import { newestOpenaiSpec, otherSpecs } from '../support/shared.js';

/** Import `from` as target `target` into `root`, and write what it gives as `npm run import` does. */
async function importInto(root: string, from: string, target: string): Promise<Map<string, string>> {
  const { files } = await importDocument({ from, target, root });
  writeFilesAtomically(root, files);
  return files;
}

describe("a new target's next imports", () => {
  it.each([...otherSpecs(), newestOpenaiSpec()].map((file) => [file.split('/').pop()!, file]))('%s: the same spec, then the same files', async (_, file) => {
    const root = mkdtempSync(join(tmpdir(), 'trigen-reimport-'));
    const first = await importInto(root, file, 'next');
    expect([...first.keys()]).toContain('spec/next/config.yaml');
    const second = await importInto(root, file, 'next');
    // The config is the user's now: read, never written again.
    expect(second.has('spec/next/config.yaml')).toBe(false);
    expect(second.get('spec/next/spec.json')).toBe(first.get('spec/next/spec.json'));
    const third = await importInto(root, file, 'next');
    expect(third).toEqual(second);
    // Where the first import resolved no clash, the names locked since change nothing in the report either.
    const report = first.get('spec/next/report.md')!;
    if (!/name-collision-resolved|type-prefix-expanded/.test(report)) expect(second.get('spec/next/report.md')).toBe(report);
  }, 60_000);

  it('reads back the config it wrote as it was inferred (what the daemon compares before replaying)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trigen-config-'));
    const { doc, source } = await loadDocument(join(otherSpecs().find((f) => f.endsWith('together.yaml'))!));
    const inferred = inferConfig(doc, 'together', source);
    writeFileSync(join(dir, 'config.yaml'), renderConfigYaml(inferred));
    const read = await readConfig(dir, 'together');
    expect(JSON.stringify(read)).toBe(JSON.stringify(inferred));
    expect(read).toMatchObject({ inferred: true, namedFrom: expect.stringContaining('title') });
  });

  it('stops at a name clash once the `inferred:` section is removed, and says where', async () => {
    const root = mkdtempSync(join(tmpdir(), 'trigen-reimport-hand-'));
    const box = otherSpecs().find((f) => f.endsWith('box.json'))!;
    await importInto(root, box, 'box');
    const configFile = join(root, 'spec/box/config.yaml');
    const text = readFileSync(configFile, 'utf8');
    expect(text).toMatch(/^inferred:\n {2}packagesNamedFrom: /m);
    writeFileSync(configFile, text.replace(/^inferred:\n(?: {2}.*\n)*/m, ''));
    rmSync(join(root, 'spec/box/spec.json'));
    const error = await importDocument({ from: box, target: 'box', root }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GeneratorError);
    expect((error as GeneratorError).message).toMatch(/^Name collision: /);
    expect((error as GeneratorError).location.pointer).toMatch(/^\/paths\//);
  }, 60_000);
});
