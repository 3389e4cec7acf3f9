/**
 * API reports from built declarations: two real documents (2026-08-08 and
 * 2026-08-21) imported, their clients emitted and built, both reports read.
 * What the change report calls unchanged must not change in the declarations;
 * an emitter bug the IR cannot see (edited here in a built .d.ts) is caught.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openaiSpecHistory } from '../support/shared.js';
import { emitInto } from '../client/support.js';
import { importDocument } from '../../generator/commands/import.js';
import { diffImportedSpecs } from '../../generator/commands/diff.js';
import { buildClient } from '../../generator/build/client.js';
import { readApiModel, renderApiReport, type ApiModel } from '../../generator/api-report/report.js';
import { crossCheckApiReports } from '../../generator/api-report/cross-check.js';
import type { ChangeReport } from '../../generator/diff/model.js';
import type { NormalizedSpec } from '../../generator/ir/types.js';

const scratch = mkdtempSync(join(tmpdir(), 'trigen-api-report-'));
const doc = (date: string) => openaiSpecHistory().find((d) => d.includes(date))!;
let specs: { old: NormalizedSpec; new: NormalizedSpec };
let models: { old: ApiModel; new: ApiModel };
let report: ChangeReport;

async function built(spec: NormalizedSpec, name: string): Promise<ApiModel> {
  const dir = emitInto(spec, join(scratch, name));
  await buildClient(dir);
  return readApiModel(spec.packages.client, join(dir, 'dist'));
}

beforeAll(async () => {
  const before = await importDocument({ from: doc('2026-08-08'), target: 'openai-admin', relock: true });
  const after = await importDocument({ from: doc('2026-08-21'), target: 'openai-admin', previous: before.spec });
  specs = { old: before.spec, new: after.spec };
  models = { old: await built(specs.old, 'old'), new: await built(specs.new, 'new') };
  report = await diffImportedSpecs(specs.old, specs.new, { target: 'openai-admin', currentVersions: { client: '0.1.0', cli: '0.1.0', mcp: '0.1.0' } });
}, 240_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the API report', () => {
  it('lists the exports and every resource with its methods, as API Extractor lays a report out', () => {
    const text = renderApiReport(models.new);
    expect(text.split('\n').slice(0, 2)).toEqual(['## API Report File for "openai-admin"', '']);
    expect(text).toMatch(/\n```ts\n[\s\S]*\n```\n$/);
    expect(text).toContain('// exported as default\nexport class OpenAIAdmin extends APIClient {');
    expect(text).toMatch(/\/\/ client\.admin\.organization\.projects \(resources\/admin\/organization\/projects\/projects\.d\.ts\)\nclass Projects extends APIResource \{\n[\s\S]*?    create\(params: ProjectCreateParams, options\?: RequestOptions\): APIPromise<Project>;/);
    const methodCount = models.new.resources.reduce((n, r) => n + [...r.members.values()].filter((m) => /^\w+\(/.test(m)).length, 0);
    // One method per operation, and a pollable retrieve's helpers (`poll`, `createAndPoll`…: normalize/polling.ts;
    // the Admin API has none: its invites' `poll: false`).
    const helpers = specs.new.operations.reduce((n, op) => n + (op.poll ? Number(op.poll.method) + (op.poll.after?.length ?? 0) + (op.poll.wait ? 1 : 0) : 0), 0);
    expect(methodCount).toBe(specs.new.operations.length + helpers);
    // Comments are left out, so a description change leaves the report alone.
    expect(text.slice(text.indexOf('```ts'))).not.toContain('/**');
    // The client's namespace of aliases repeats the exports (`export import X = $file.X`): left out. A type's names
    // of its inner objects are its own API: kept.
    expect(text).not.toContain('export import ');
    expect(text).not.toMatch(/namespace OpenAIAdmin \{/);
    expect(text).toContain("export namespace Invite {\n    type Project = NonNullable<Invite[\"projects\"]>[number];");
    expect(renderApiReport(models.new)).toBe(text);
  });

  it('shows the real change between the two documents', () => {
    expect(models.old.exports.get('ProjectCreateParams')).toContain('geography?:');
    expect(models.new.exports.get('ProjectCreateParams')).toContain('residency?:');
    expect(models.new.exports.get('ProjectCreateParams')).not.toContain('geography?:');
    expect(models.old.exports.has('PublicProjectResidency')).toBe(false);
    expect(models.new.exports.has('PublicProjectResidency')).toBe(true);
  });
});

describe('the change report cross-checked against the declarations', () => {
  it('finds no method or type that the diff calls unchanged but whose declaration changed', () => {
    const result = crossCheckApiReports(report, models.old, models.new, specs.new);
    expect(result.violations).toEqual([]);
    expect(result.methodsCompared).toBeGreaterThan(100);
    expect(result.typesCompared).toBeGreaterThan(100);
  });

  it('catches an emitter change the diff cannot see', () => {
    const file = join(scratch, 'new', 'dist', 'resources/admin/organization/projects/projects.d.ts');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('retrieve(projectID: string,');
    writeFileSync(file, text.replace('retrieve(projectID: string,', 'retrieve(projectID: number,'));
    const broken = readApiModel('openai-admin', join(scratch, 'new', 'dist'));
    const result = crossCheckApiReports(report, models.old, broken, specs.new);
    expect(result.violations.map((v) => [v.kind, v.name])).toEqual([['method', 'admin.organization.projects.retrieve']]);
  });
});
