/**
 * `npm run diff` end to end: the real command in a child process (Markdown and
 * --json), the same document against itself, and a copy of the newest
 * document whose descriptions were edited in a temp folder.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { diffDocuments, renderMarkdown } from '../../generator/commands/diff.js';
import type { ChangeReport } from '../../generator/diff/model.js';
import { newestOpenaiSpecJson, openaiSpecHistory, repoRoot } from '../support/shared.js';

const run = promisify(execFile);
const tsx = join(repoRoot, 'node_modules/tsx/dist/cli.mjs');
const tmp = mkdtempSync(join(tmpdir(), 'diff-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function diffCommand(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [tsx, 'generator/main.ts', 'diff', ...args], { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

/** Every `description`/`summary` string in the admin paths and all schemas gets a sentence appended. */
function editDescriptions(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(editDescriptions);
  if (!node || typeof node !== 'object') return;
  const obj = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(obj)) {
    if ((key === 'description' || key === 'summary') && typeof value === 'string') obj[key] = `${value} Edited for the diff test.`;
    else editDescriptions(value);
  }
}

describe('npm run diff', () => {
  it('exits 3 with --fail-on-breaking when a change is breaking, 0 when none is', async () => {
    const history = openaiSpecHistory();
    const pick = (date: string) => history.find((d) => d.includes(date))!;
    const breaking = await diffCommand(pick('2026-08-08'), pick('2026-08-21'), '--fail-on-breaking', '--target', 'openai-admin');
    expect(breaking.code).toBe(3);
    expect(breaking.stdout.trimEnd().split('\n').at(-1)).toMatch(/^Summary: [1-9]\d* breaking,/);
    const safe = await diffCommand(pick('2026-07-23'), pick('2026-08-08'), '--fail-on-breaking', '--target', 'openai-admin');
    expect(safe.code).toBe(0);
  });

  it('reports nothing for a document against itself, in Markdown', async () => {
    const doc = newestOpenaiSpecJson();
    const { stdout, code } = await diffCommand(doc, doc, '--target', 'openai-admin');
    expect(code).toBe(0);
    expect(stdout).toContain('No changes on any surface.');
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('Summary: 0 breaking, 0 non-breaking, 0 docs-only');
  });

  it('gives the same data and counts as JSON with --json', async () => {
    const history = openaiSpecHistory();
    const [before, after] = [history.find((d) => d.includes('2026-07-23'))!, history.find((d) => d.includes('2026-08-08'))!];
    const { stdout, code } = await diffCommand(before, after, '--json', '--target', 'openai-admin');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as ChangeReport;
    expect(report.counts).toEqual({ breaking: 0, nonBreaking: 1, docsOnly: 0 });
    expect(report.changes.map((c) => [c.section, c.action, c.subject, c.severity])).toEqual([['client', 'added', 'AuditLog.source', 'non-breaking']]);
    expect(report.packages.cli.counts.nonBreaking).toBe(1);
    expect(renderMarkdown(report).trimEnd().split('\n').at(-1)).toBe('Summary: 0 breaking, 1 non-breaking, 0 docs-only');
  });

  it('fails with a usage hint when a document is missing', async () => {
    const { code, stderr } = await diffCommand(newestOpenaiSpecJson());
    expect(code).toBe(1);
    expect(stderr).toContain('diff needs two documents, got 1');
    expect(stderr).toContain('Hint: usage: npm run diff');
  });
});

describe('a change only to descriptions', () => {
  it('is docs-only on every surface', async () => {
    const original = newestOpenaiSpecJson();
    const doc = JSON.parse(readFileSync(original, 'utf8')) as { paths: Record<string, unknown>; components: { schemas: unknown } };
    for (const [path, item] of Object.entries(doc.paths)) if (/^\/(organization|projects)\b/.test(path)) editDescriptions(item);
    editDescriptions(doc.components.schemas);
    const edited = join(tmp, 'edited.json');
    writeFileSync(edited, JSON.stringify(doc));

    const report = await diffDocuments(original, edited, { target: 'openai-admin' });
    expect(report.counts.breaking).toBe(0);
    expect(report.counts.nonBreaking).toBe(0);
    expect(report.counts.docsOnly).toBeGreaterThan(50);
    expect(new Set(report.changes.map((c) => c.severity))).toEqual(new Set(['docs-only']));
    const elements = new Set(report.changes.map((c) => c.element));
    expect(elements.has('docs')).toBe(true);
    expect(report.packages.client.bump).toBe('patch');
    expect(renderMarkdown(report).trimEnd().split('\n').at(-1)).toBe(`Summary: 0 breaking, 0 non-breaking, ${report.counts.docsOnly} docs-only`);
  });
});
