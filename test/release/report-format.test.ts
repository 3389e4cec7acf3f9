/**
 * The change report as a PR comment and job summary: summary lines first,
 * breaking changes next, long lists folded, under GitHub's comment limit with
 * a note when cut, `Summary: …` last; `--summary-file` appends the same text.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Change, ChangeReport } from '../../generator/diff/model.js';
import { countChanges } from '../../generator/diff/model.js';
import { GITHUB_COMMENT_LIMIT, renderMarkdown, renderReports } from '../../generator/diff/render.js';
import { repoRoot } from '../support/shared.js';

function change(i: number, severity: Change['severity'], section: Change['section']): Change {
  return {
    section,
    element: 'field',
    action: severity === 'breaking' ? 'removed' : 'added',
    subject: `Type${i}.field_${i}`,
    severity,
    reason: `reason ${i} <b>not html</b>`,
    pointers: { old: `/components/schemas/Type${i}/properties/field_${i}`, new: `/components/schemas/Type${i}` },
    affects: ['client', 'cli', 'mcp'],
  };
}

function report(changes: Change[]): ChangeReport {
  const counts = countChanges(changes);
  const bump = (name: string) => ({ name, current: '0.1.0', rules: '0.x' as const, bump: counts.breaking ? ('minor' as const) : ('patch' as const), next: counts.breaking ? '0.2.0' : '0.1.1', counts });
  return {
    target: 'demo',
    old: { sourceFile: 'old.yaml', version: '1', operations: 1, types: 1 },
    new: { sourceFile: 'new.yaml', version: '2', operations: 1, types: 1 },
    sources: { cli: 'emitter', mcp: 'emitter' },
    changes,
    counts,
    packages: { client: bump('demo'), cli: bump('demo-cli'), mcp: bump('demo-mcp') },
  };
}

describe('the PR-ready change report', () => {
  const small = report([change(1, 'breaking', 'client'), change(2, 'non-breaking', 'cli'), change(3, 'docs-only', 'mcp')]);
  const md = renderMarkdown(small);
  const lines = md.trimEnd().split('\n');

  it('opens with one line per package: its bump and counts', () => {
    expect(lines.slice(0, 5)).toEqual([
      '# API change report: demo',
      '',
      '- `demo` (client): **minor** 0.1.0 → 0.2.0 (0.x rules): 1 breaking, 1 non-breaking, 1 docs-only',
      '- `demo-cli` (cli): **minor** 0.1.0 → 0.2.0 (0.x rules): 1 breaking, 1 non-breaking, 1 docs-only',
      '- `demo-mcp` (mcp): **minor** 0.1.0 → 0.2.0 (0.x rules): 1 breaking, 1 non-breaking, 1 docs-only',
    ]);
  });

  it('lists breaking changes before every other section, docs folded, and ends with the summary line', () => {
    const headings = lines.filter((l) => l.startsWith('## '));
    expect(headings[0]).toBe('## Breaking changes (1)');
    expect(md.indexOf('Type1.field_1')).toBeLessThan(md.indexOf('Type2.field_2'));
    expect(md).toMatch(/<details>\n<summary>Docs-only \(1\)<\/summary>\n\n- \*\*added\*\* field `Type3\.field_3`/);
    expect(md).toContain('reason 1 \\<b\\>not html\\</b\\>');
    expect(lines.at(-1)).toBe('Summary: 1 breaking, 1 non-breaking, 1 docs-only');
    expect(md).not.toContain('Cut to fit');
  });

  it('folds a long non-breaking list', () => {
    const many = renderMarkdown(report(Array.from({ length: 12 }, (_, i) => change(i, 'non-breaking', 'client'))));
    expect(many).toContain('<summary>Non-breaking (12)</summary>');
  });

  it('stays under 65,536 characters, says what was cut, and keeps the full counts', () => {
    const huge = report([
      ...Array.from({ length: 400 }, (_, i) => change(i, 'breaking', 'client')),
      ...Array.from({ length: 1500 }, (_, i) => change(1000 + i, 'non-breaking', 'cli')),
      ...Array.from({ length: 1500 }, (_, i) => change(5000 + i, 'docs-only', 'mcp')),
    ]);
    const full = renderMarkdown(huge, { limit: 10_000_000 });
    expect(full.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT);
    const cut = renderReports([huge, huge]);
    expect(cut.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(cut).toMatch(/Cut to fit GitHub's 65,536-character limit:\*\* \d+ of 6800 change lines are not shown/);
    expect(cut.split('<details>').length).toBe(cut.split('</details>').length);
    expect(cut.trimEnd().split('\n').at(-1)).toBe('Summary: 800 breaking, 3000 non-breaking, 3000 docs-only');
    // The breaking changes come first, so they are what survives.
    expect(cut).toContain('Type0.field_0');
    expect(cut).not.toContain('Type6499.field_6499');
  });
});

describe('npm run diff -- --base <ref> --summary-file PATH', () => {
  it('writes the report to stdout and appends it to the summary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trigen-summary-'));
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, 'earlier step\n');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), 'generator/main.ts', 'diff', '--base', 'HEAD', '--target', 'openai-admin', '--summary-file', summary],
      { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 },
    );
    expect(stdout.split('\n')[0]).toBe('# API change report: openai-admin');
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^Summary: \d+ breaking, \d+ non-breaking, \d+ docs-only$/);
    expect(readFileSync(summary, 'utf8')).toBe(`earlier step\n${stdout}\n`);
  });
});
