/**
 * The acceptance data: every consecutive pair of the real OpenAI documents.
 * Each document is imported once, locked to the names of the one before (as a
 * maintainer's re-import is), and the pairs are compared with the real CLI and
 * MCP tables.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { importDocument, type ImportResult } from '../../generator/commands/import.js';
import { diffImportedSpecs } from '../../generator/commands/diff.js';
import type { Change, ChangeReport } from '../../generator/diff/model.js';
import { renderMarkdown } from '../../generator/diff/render.js';
import { openaiSpecHistory } from '../support/shared.js';

const docs = openaiSpecHistory();
const reports = new Map<string, ChangeReport>();
const imports: ImportResult[] = [];

function reportFor(from: string, to: string): ChangeReport {
  const index = docs.findIndex((d) => d.includes(from));
  expect(index, `${from} is in the history`).toBeGreaterThanOrEqual(0);
  expect(docs[index + 1], `${to} follows ${from}`).toContain(to);
  return reports.get(docs[index + 1]!)!;
}

function find(report: ChangeReport, match: Partial<Change> & { subjectIncludes?: string }): Change[] {
  return report.changes.filter(
    (c) =>
      (match.section === undefined || c.section === match.section) &&
      (match.element === undefined || c.element === match.element) &&
      (match.action === undefined || c.action === match.action) &&
      (match.severity === undefined || c.severity === match.severity) &&
      (match.subject === undefined || c.subject === match.subject) &&
      (match.subjectIncludes === undefined || c.subject.includes(match.subjectIncludes)),
  );
}

beforeAll(async () => {
  expect(docs.map((d) => d.split('/').pop()!.slice(0, 10))).toEqual(['2026-05-13', '2026-07-15', '2026-07-22', '2026-07-23', '2026-08-08', '2026-08-21']);
  for (const doc of docs) {
    const previous = imports.at(-1)?.spec;
    imports.push(await importDocument({ from: doc, target: 'openai-admin', ...(previous ? { previous } : {}) }));
  }
  for (let i = 1; i < docs.length; i++) {
    reports.set(docs[i]!, await diffImportedSpecs(imports[i - 1]!.spec, imports[i]!.spec, { currentVersions: { client: '0.1.0', cli: '0.1.0', mcp: '0.1.0' } }));
  }
}, 120_000);

describe('2026-05-13 → 2026-07-15', () => {
  it('adds the new endpoints as methods, commands and tools without breaking anything that existed', () => {
    const r = reportFor('2026-05-13', '2026-07-15');
    const added = find(r, { section: 'client', element: 'method', action: 'added' }).map((c) => c.subject);
    for (const method of [
      'admin.organization.dataRetention.retrieve()',
      'admin.organization.dataRetention.update()',
      'admin.organization.spendAlerts.create()',
      'admin.organization.spendAlerts.list()',
      'admin.organization.groups.retrieve()',
      'admin.organization.projects.modelPermissions.retrieve()',
      'admin.organization.projects.hostedToolPermissions.update()',
      'admin.organization.projects.spendAlerts.delete()',
    ]) {
      expect(added, method).toContain(method);
    }
    expect(added.length).toBeGreaterThanOrEqual(30);
    expect(find(r, { section: 'cli', element: 'command', action: 'added' })).toHaveLength(added.length);
    expect(find(r, { section: 'mcp', element: 'tool', action: 'added' })).toHaveLength(added.length);
    expect(find(r, { action: 'removed' })).toEqual([]);
    expect(r.counts.breaking).toBe(0);
    expect(r.sources).toEqual({ cli: 'emitter', mcp: 'emitter' });
  });

  it('reports the new fields of existing types as non-breaking', () => {
    const r = reportFor('2026-05-13', '2026-07-15');
    const fields = find(r, { element: 'field', action: 'added' });
    for (const subject of ['AdminAPIKey.expires_at', 'ProjectAPIKey.owner_project_access', 'UsageCompletionsResult.input_cached_text_tokens', 'UsageCompletionsResult.output_image_tokens']) {
      const hit = fields.find((c) => c.subject === subject);
      expect(hit, subject).toBeDefined();
      expect(hit!.severity).toBe('non-breaking');
      expect(hit!.pointers.new).toMatch(/^\/components\/schemas\//);
    }
  });

  it('reports new audit-log event types and their payloads', () => {
    const r = reportFor('2026-05-13', '2026-07-15');
    const events = find(r, { element: 'enum', action: 'added', subjectIncludes: 'AuditLogEventType = ' });
    expect(events.length).toBeGreaterThan(5);
    expect(events.every((c) => c.severity === 'non-breaking')).toBe(true);
    const payloads = find(r, { element: 'field', action: 'added', subjectIncludes: 'AuditLog."workload_identity_provider' });
    expect(payloads.length).toBeGreaterThan(0);
  });
});

describe('2026-07-15 → 2026-07-22', () => {
  it('keeps every generated name when the operationId is renamed, and says so', () => {
    const r = reportFor('2026-07-15', '2026-07-22');
    const kept = find(r, { element: 'operation-id', action: 'kept' });
    expect(kept).toHaveLength(1);
    expect(kept[0]!.subject).toBe('admin.organization.projects.serviceAccounts.apiKeys.create()');
    expect(kept[0]!.reason).toContain('create-project-service-account-api-key → CreateanAPIkeyforaserviceaccount');
    expect(kept[0]!.pointers.old).toBe('/paths/~1organization~1projects~1{project_id}~1service_accounts~1{service_account_id}~1api_keys/post');
    expect(find(r, { action: 'renamed', section: 'cli' })).toEqual([]);
    expect(find(r, { action: 'renamed', section: 'mcp' })).toEqual([]);
    expect(find(r, { element: 'method' })).toEqual([]);
  });

  it('reports the replaced request body schema for what it is: same fields under a new schema name', () => {
    const r = reportFor('2026-07-15', '2026-07-22');
    const body = find(r, { element: 'body', subjectIncludes: 'serviceAccounts.apiKeys.create' });
    expect(body).toHaveLength(1);
    expect(body[0]!.severity).toBe('non-breaking');
    expect(body[0]!.reason).toMatch(/ProjectServiceAccountAPIKeyCreateRequest → CreateProjectServiceAccountAPIKeyBody, identical shape/);
    // No param, flag or tool input changed.
    expect(find(r, { element: 'param' })).toEqual([]);
    expect(find(r, { section: 'cli', element: 'flag' })).toEqual([]);
    expect(find(r, { section: 'mcp', element: 'input' })).toEqual([]);
    // The exported TS type of the old schema name is gone: that alone is breaking, for the client only.
    const renamed = find(r, { element: 'type', action: 'renamed' });
    expect(renamed.map((c) => [c.subject, c.severity, c.affects])).toEqual([['ProjectServiceAccountAPIKeyCreateRequest', 'breaking', ['client']]]);
    expect(r.packages.cli.counts.breaking).toBe(0);
    expect(r.packages.mcp.counts.breaking).toBe(0);
  });
});

describe('2026-07-22 → 2026-07-23', () => {
  it('adds six spend-limit operations on every surface, nothing breaking', () => {
    const r = reportFor('2026-07-22', '2026-07-23');
    const methods = find(r, { element: 'method', action: 'added' }).map((c) => c.subject);
    expect(methods).toEqual([
      'admin.organization.projects.spendLimit.delete()',
      'admin.organization.projects.spendLimit.retrieve()',
      'admin.organization.projects.spendLimit.update()',
      'admin.organization.spendLimit.delete()',
      'admin.organization.spendLimit.retrieve()',
      'admin.organization.spendLimit.update()',
    ]);
    expect(find(r, { element: 'command', action: 'added' })).toHaveLength(6);
    expect(find(r, { element: 'tool', action: 'added' })).toHaveLength(6);
    expect(r.counts.breaking).toBe(0);
    expect(r.packages.client.bump).toBe('patch'); // 0.x rules: additions are a patch
  });
});

describe('2026-07-23 → 2026-08-08', () => {
  it('reports the new audit-log source field as non-breaking', () => {
    const r = reportFor('2026-07-23', '2026-08-08');
    const source = find(r, { subject: 'AuditLog.source' });
    expect(source).toHaveLength(1);
    expect(source[0]).toMatchObject({ action: 'added', severity: 'non-breaking', pointers: { new: '/components/schemas/AuditLog/properties/source' } });
    expect(r.counts.breaking).toBe(0);
  });
});

describe('2026-08-08 → 2026-08-21', () => {
  it('reports the removed source field as breaking', () => {
    const r = reportFor('2026-08-08', '2026-08-21');
    const source = find(r, { subject: 'AuditLog.source' });
    expect(source).toHaveLength(1);
    expect(source[0]).toMatchObject({ action: 'removed', severity: 'breaking', pointers: { old: '/components/schemas/AuditLog/properties/source' } });
  });

  it('reports CostsResult.quantity_unit and Project.residency as added, non-breaking', () => {
    const r = reportFor('2026-08-08', '2026-08-21');
    for (const subject of ['CostsResult.quantity_unit', 'Project.residency']) {
      expect(find(r, { subject, action: 'added', severity: 'non-breaking' }), subject).toHaveLength(1);
    }
  });

  it('reports geography removed from the project create and update bodies as breaking on every surface', () => {
    const r = reportFor('2026-08-08', '2026-08-21');
    const removed = find(r, { action: 'removed', severity: 'breaking', subjectIncludes: 'geography' });
    const bySection = (s: string) => removed.filter((c) => c.section === s).map((c) => c.subject);
    expect(bySection('client')).toEqual(
      expect.arrayContaining(['admin.organization.projects.create({ geography })', 'admin.organization.projects.update({ geography })']),
    );
    expect(bySection('cli')).toEqual(['openai-admin admin:organization:projects create --geography', 'openai-admin admin:organization:projects update --geography']);
    expect(bySection('mcp')).toHaveLength(2);
    expect(removed.every((c) => c.pointers.old?.includes('geography'))).toBe(true);
    expect(r.packages.client.bump).toBe('minor'); // 0.x rules: breaking is a minor
    expect(r.packages.client.next).toBe('0.2.0');
  });

  it('renders Markdown with the breaking changes first, then grouped per surface, ending with the summary line', () => {
    const r = reportFor('2026-08-08', '2026-08-21');
    const md = renderMarkdown(r);
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    expect(headings.map((h) => h.split(' (')[0])).toEqual(['## Breaking changes', '## All surfaces', '## TypeScript client', '## CLI', '## MCP server', '## Suggested version bumps']);
    const lines = md.trimEnd().split('\n');
    expect(lines.at(-1)).toBe(`Summary: ${r.counts.breaking} breaking, ${r.counts.nonBreaking} non-breaking, ${r.counts.docsOnly} docs-only`);
    expect(r.counts.breaking).toBe(r.changes.filter((c) => c.severity === 'breaking').length);
  });
});

describe('every pair', () => {
  it('is deterministic: diffing the same imports again gives the identical report', async () => {
    const again = await diffImportedSpecs(imports[4]!.spec, imports[5]!.spec, { currentVersions: { client: '0.1.0', cli: '0.1.0', mcp: '0.1.0' } });
    expect(JSON.stringify(again)).toBe(JSON.stringify(reports.get(docs[5]!)));
  });

  it('carries a reason and at least one pointer on every change', () => {
    for (const report of reports.values()) {
      for (const c of report.changes) {
        expect(c.reason.length, c.subject).toBeGreaterThan(5);
        expect(c.pointers.old ?? c.pointers.new, c.subject).toMatch(/^\//);
      }
    }
  });
});
