/**
 * `computed:` in a target config: properties the API never sends that the
 * client fills in from the rest of the response, as openai-node fills in a
 * Responses `Response`'s `output_text` (examples/responses/*.ts print it).
 * Each operation that resolves to the type carries the path in its
 * OperationSpec (the core applies it: test/client-runtime/computed.test.ts);
 * a wrong entry fails at its line, an unknown type or property is a warning.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { emitAll } from '../../generator/commands/generate.js';
import { importDocument } from '../../generator/commands/import.js';
import { GeneratorError } from '../../generator/errors.js';
import { newestOpenaiSpecJson, repoRoot } from '../support/shared.js';

function configDirWith(computed: unknown): string {
  const config = parse(readFileSync(join(repoRoot, 'spec/openai-admin/config.yaml'), 'utf8'));
  config.computed = computed;
  const dir = mkdtempSync(join(tmpdir(), 'import-computed-'));
  writeFileSync(join(dir, 'config.yaml'), stringify(config));
  return dir;
}

const importWith = (computed: unknown) => importDocument({ from: newestOpenaiSpecJson(), target: 'openai-admin', configDir: configDirWith(computed), relock: true });

describe('computed', () => {
  it('goes on each operation that resolves to the type, and into its OperationSpec; not on lists of it', async () => {
    const { spec, report } = await importWith({ 'Project.name': 'residency.region', 'Project.nickname': 'name', 'NoSuchType.x': 'y' });
    const marked = spec.operations.filter((o) => o.computed).map((o) => o.key);
    expect(marked).toEqual(['admin.organization.projects.archive', 'admin.organization.projects.create', 'admin.organization.projects.retrieve', 'admin.organization.projects.update']);
    expect(spec.operations.find((o) => o.key === 'admin.organization.projects.retrieve')!.computed).toEqual({ name: 'residency.region' });
    expect(report.filter((e) => e.code === 'computed-unused').map((e) => e.message)).toEqual([
      'Config computes `NoSuchType.x`, but the document has no such type.',
      'Config computes `Project.nickname`, but the document has no such property.',
    ]);
    const operations = emitAll(spec).get('client/src/operations.ts')!;
    expect(operations).toContain("computed: { name: 'residency.region' },");
  }, 60_000);

  it.each([
    [{ Project: 'name' }, /`computed.Project` must name a type and its property/],
    [{ 'Project.name': 'output[type=message' }, /`computed.Project.name` must be a path of `key` or `key\[field=value\]` steps/],
    [{ 'Project.name': 3 }, /must be a path/],
    [['Project.name'], /`computed` must be a mapping/],
  ])('refuses %j', async (computed, message) => {
    const err = await importWith(computed).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(GeneratorError);
    expect((err as GeneratorError).message).toMatch(message);
    expect((err as GeneratorError).location?.line).toBeGreaterThan(0);
  });
});
