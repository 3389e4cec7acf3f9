/**
 * The release rules on the committed spec, edited in memory (no import, no
 * build): which package bumps and why, the changelog entry as users read it,
 * the versions the packages get, the date.
 */
import { describe, expect, it } from 'vitest';
import { loadSpecJson } from '../../generator/ir/serialize.js';
import { kebabCase } from '../../generator/names.js';
import { diffSpecs } from '../../generator/diff/index.js';
import type { NormalizedSpec } from '../../generator/ir/types.js';
import { fingerprints, hasRelease, planRelease } from '../../generator/release/plan.js';
import { changelogLines, prependEntry, renderEntry } from '../../generator/release/changelog.js';
import { releaseDate } from '../../generator/commands/release.js';
import { emitAll } from '../../generator/commands/generate.js';
import { emitChangelogs, packageVersion } from '../../generator/emit/release-files.js';

const committed = loadSpecJson('openai-admin');
const fixtureSpec = (): NormalizedSpec => structuredClone(committed);
const clone = (s: NormalizedSpec): NormalizedSpec => structuredClone(s);
/** An operation with an optional body param, and that param. */
const victim = committed.operations.find((o) => o.params.some((p) => p.in === 'body' && !p.required))!;
const victimParam = victim.params.find((p) => p.in === 'body' && !p.required)!;
const versions = (v: string) => ({ client: v, cli: v, mcp: v });

function plan(before: NormalizedSpec, after: NormalizedSpec, v = '0.3.0', released = fingerprints(before)) {
  const report = diffSpecs(before, after, { currentVersions: versions(v) });
  return { report, plan: planRelease({ report, current: after, baseline: before, versions: versions(v), released, now: fingerprints(after) }) };
}

/** The spec with that optional body param removed: breaking on every surface. */
function withoutParam(): NormalizedSpec {
  const s = clone(fixtureSpec());
  const op = s.operations.find((o) => o.key === victim.key)!;
  op.params = op.params.filter((p) => p.name !== victimParam.name);
  return s;
}

describe('planRelease', () => {
  it('bumps every package the change report names, below 1.0 a breaking change as a minor', () => {
    const { plan: p } = plan(fixtureSpec(), withoutParam());
    expect([p.client.to, p.cli.to, p.mcp.to]).toEqual(['0.4.0', '0.4.0', '0.4.0']);
    const cli = p.cli.lines.filter((l) => l.section === 'Breaking').map((l) => l.markdown);
    const flag = `${committed.packages.cliBin} ${victim.names.cliGroup} ${victim.names.cliCommand} --${kebabCase(victimParam.name)}`;
    expect(cli).toContain(`\`${flag}\`: flag removed: invocations passing it fail (\`${victimParam.pointer}\`)`);
    expect(p.mcp.lines.some((l) => l.markdown.startsWith(`\`${victim.names.mcpTool}.${victimParam.name}\``))).toBe(true);
    expect(p.client.lines.some((l) => l.markdown.startsWith(`\`${victim.names.clientPath.join('.')}({ ${victimParam.name} })\``))).toBe(true);
  });

  it('bumps a major from 1.0 on', () => {
    const { plan: p } = plan(fixtureSpec(), withoutParam(), '1.2.3');
    expect(p.client.to).toBe('2.0.0');
    expect(p.client.bump).toBe('major');
  });

  it('moves the CLI and MCP packages at least a patch when the client they bundle moves, and says so', () => {
    const after = clone(fixtureSpec());
    // A new exported type changes only the client's surface.
    after.types.Extra = { name: 'Extra', usage: 'response', pointer: '/components/schemas/Extra', shape: { kind: 'object', properties: [] } };
    const { report, plan: p } = plan(fixtureSpec(), after);
    expect(report.packages.cli.bump).toBe('none');
    expect(p.client.to).toBe('0.3.1');
    expect(p.cli.to).toBe('0.3.1');
    expect(p.cli.lines).toEqual([{ section: 'Changed', markdown: 'Bundles `openai-admin` 0.3.1 (pinned exactly as a devDependency).' }]);
  });

  it('patches a package whose generated code changed with no surface change', () => {
    const before = fixtureSpec();
    const stale = { ...fingerprints(before), mcp: 'sha256-older' };
    const { plan: p } = plan(before, clone(before), '0.3.0', stale);
    expect([p.client.bump, p.cli.bump, p.mcp.bump]).toEqual(['none', 'none', 'patch']);
    expect(p.mcp.lines.map((l) => l.section)).toEqual(['Changed']);
  });

  it('has nothing to release when neither the surface nor the code changed', () => {
    const { report, plan: p } = plan(fixtureSpec(), clone(fixtureSpec()));
    expect(report.changes).toEqual([]);
    expect(hasRelease(p)).toBe(false);
  });
});

describe('fingerprints', () => {
  it('ignore versions and changelogs, and follow the emitted code', () => {
    const base = fixtureSpec();
    const released = { ...base, release: { versions: versions('9.9.9'), changelogs: { client: '## [9.9.9] - 2026-01-01\n' } } };
    expect(fingerprints(released)).toEqual(fingerprints(base));
    const edited = clone(base);
    edited.info.description = 'Another description.';
    expect(fingerprints(edited).client).not.toBe(fingerprints(base).client);
  });
});

describe('changelog entries', () => {
  it('list Keep a Changelog sections in order and escape spec text', () => {
    const entry = renderEntry({
      version: '1.0.0',
      date: '2026-12-01',
      intro: 'From `doc.yaml`.',
      lines: [
        { section: 'Documentation', markdown: 'doc' },
        { section: 'Added', markdown: 'add' },
        { section: 'Breaking', markdown: 'break' },
      ],
    });
    expect(entry.split('\n').filter((l) => l.startsWith('#'))).toEqual(['## [1.0.0] - 2026-12-01', '### Breaking', '### Added', '### Documentation']);
    const hostile = clone(fixtureSpec());
    const report = diffSpecs(fixtureSpec(), withoutParam());
    report.changes[0]!.reason = 'gone <script>alert(1)</script> *now*';
    const [first] = changelogLines(report, 'client', [hostile]);
    expect(first!.markdown).toContain('gone \\<script\\>alert(1)\\</script\\> \\*now\\*');
  });

  it('prepend the new entry above the older ones', () => {
    const older = '## [0.1.0] - 2026-01-01\n\nFirst release.\n';
    expect(prependEntry(older, '## [0.2.0] - 2026-02-01\n\nSecond.\n')).toBe('## [0.2.0] - 2026-02-01\n\nSecond.\n\n## [0.1.0] - 2026-01-01\n\nFirst release.\n');
    expect(prependEntry(undefined, '## [0.1.0] - 2026-01-01\n')).toBe('## [0.1.0] - 2026-01-01\n');
  });

  it('reach the packages through the release state: versions everywhere, CHANGELOG.md in each package', () => {
    const spec = { ...fixtureSpec(), release: { versions: { client: '0.4.0', cli: '0.4.1', mcp: '0.5.0' }, changelogs: { cli: '## [0.4.1] - 2026-12-01\n\nCLI entry.\n' } } };
    const files = emitAll(spec);
    expect(JSON.parse(files.get('client/package.json')!).version).toBe('0.4.0');
    const cli = JSON.parse(files.get('cli/package.json')!);
    expect([cli.version, cli.devDependencies]).toEqual(['0.4.1', { 'openai-admin': '0.4.0' }]);
    const mcp = JSON.parse(files.get('mcp/package.json')!);
    expect([mcp.version, mcp.devDependencies]).toEqual(['0.5.0', { 'openai-admin': '0.4.0' }]);
    expect(JSON.parse(files.get('cli/src/commands.json')!).version).toBe('0.4.1');
    expect(JSON.parse(files.get('mcp/src/tools.json')!).server.version).toBe('0.5.0');
    expect(files.get('client/src/client.ts')).toContain("version: '0.4.0'");
    expect([...emitChangelogs(spec).keys()]).toEqual(['cli/CHANGELOG.md']);
    expect(files.get('cli/CHANGELOG.md')).toMatch(/^<!-- .*spec\/openai-admin\/release\/cli\.changelog\.md -->\n\n# Changelog\n[\s\S]*\n## \[0\.4\.1\] - 2026-12-01\n\nCLI entry\.\n$/);
    expect(packageVersion(fixtureSpec(), 'mcp')).toBe('0.1.0');
  });

  it('carry the repository and license from the config into every package.json, as npm provenance needs', () => {
    const spec = fixtureSpec();
    spec.packages = { ...spec.packages, repository: 'https://github.com/acme/sdks', license: 'MIT' };
    const files = emitAll(spec);
    for (const pkg of ['client', 'cli', 'mcp']) {
      const manifest = JSON.parse(files.get(`${pkg}/package.json`)!);
      expect([manifest.license, manifest.repository]).toEqual(['MIT', { type: 'git', url: 'https://github.com/acme/sdks', directory: `generated/openai-admin/${pkg}` }]);
    }
    expect(JSON.parse(emitAll(fixtureSpec()).get('cli/package.json')!).repository).toBeUndefined();
  });
});

describe('release date', () => {
  it('is --date, else SOURCE_DATE_EPOCH, else today in UTC', () => {
    expect(releaseDate(['--date', '2026-12-24'], {})).toBe('2026-12-24');
    expect(releaseDate([], { SOURCE_DATE_EPOCH: '1767225600' })).toBe('2026-01-01');
    expect(releaseDate([], {})).toBe(new Date().toISOString().slice(0, 10));
    expect(() => releaseDate(['--date', '24/12/2026'], {})).toThrow(/--date must be a day written YYYY-MM-DD/);
  });
});
