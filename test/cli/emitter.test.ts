/**
 * The CLI emitter on the committed normalized spec: deterministic output,
 * one command per operation with the IR's names, flag naming rules, escaping
 * of spec text, and headers on every generated file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NormalizedSpec, Operation, Param } from '../../generator/ir/types.js';
import type { CommandTable } from '../../runtime/cli/table.js';
import { emitCli } from '../../generator/emit/cli/index.js';
import { buildCommandTable } from '../../generator/emit/cli/table.js';
import { codeHeader, JSON_NOTICE_KEY, markdownHeader } from '../../generator/emit/header.js';
import { repoRoot } from '../support/shared.js';

const spec = JSON.parse(readFileSync(join(repoRoot, 'spec/openai-admin/spec.json'), 'utf8')) as NormalizedSpec;
const clone = (): NormalizedSpec => JSON.parse(JSON.stringify(spec)) as NormalizedSpec;

describe('emitCli', () => {
  const files = emitCli(spec);

  it('is deterministic and sorted', () => {
    const again = emitCli(clone());
    expect([...again]).toEqual([...files]);
    const keys = [...files.keys()];
    expect(keys).toEqual([...keys].sort());
  });

  it('emits the table, entry, runtime, package.json and README under cli/', () => {
    for (const path of ['cli/src/commands.json', 'cli/src/index.ts', 'cli/src/runtime/run.ts', 'cli/src/runtime/main.ts', 'cli/package.json', 'cli/README.md']) {
      expect(files.has(path), path).toBe(true);
    }
    const pkg = JSON.parse(files.get('cli/package.json')!);
    expect(pkg.name).toBe('openai-admin-cli');
    expect(pkg.bin).toEqual({ 'openai-admin': 'bin/openai-admin.js' });
    expect(pkg.dependencies).toBeUndefined();
    expect(files.get('cli/src/index.ts')!.startsWith(codeHeader('openai-admin'))).toBe(true);
    expect(files.get('cli/README.md')!.startsWith(markdownHeader('openai-admin'))).toBe(true);
    expect(Object.keys(JSON.parse(files.get('cli/src/commands.json')!))[0]).toBe(JSON_NOTICE_KEY);
  });

  it('has one command per operation, named and addressed as the IR says', () => {
    const table = JSON.parse(files.get('cli/src/commands.json')!) as CommandTable;
    expect(table.commands).toHaveLength(spec.operations.length);
    const byKey = new Map(table.commands.map((c) => [c.key, c]));
    for (const op of spec.operations) {
      const c = byKey.get(op.key)!;
      expect(c.group).toBe(op.names.cliGroup);
      expect(c.command).toBe(op.names.cliCommand);
      expect(c.clientPath).toEqual(op.names.clientPath);
      expect(c.flags.map((f) => f.name)).toEqual(op.params.map((p) => p.name));
      const path = op.params.filter((p) => p.in === 'path');
      expect(c.positional).toBe(path[path.length - 1]?.name);
    }
    expect(table.auth).toEqual({ flag: 'admin-api-key', env: 'OPENAI_ADMIN_KEY', clientOption: 'adminAPIKey' });
    expect(table.baseURL.env).toBe('OPENAI_BASE_URL');
  });

  it('names array flags singular and repeatable, keeps the plural as alias, and gives objects their fields', () => {
    const table = buildCommandTable(spec);
    const audit = table.commands.find((c) => c.key === 'admin.organization.audit_logs.list')!;
    const ev = audit.flags.find((f) => f.name === 'event_types')!;
    expect(ev).toMatchObject({ flag: 'event-type', aliases: ['event-types'], type: 'array', items: 'string', in: 'query' });
    expect(ev.choices).toContain('project.created');
    const eff = audit.flags.find((f) => f.name === 'effective_at')!;
    expect(eff.type).toBe('object');
    expect(eff.properties!.map((p) => p.name).sort()).toEqual(['gt', 'gte', 'lt', 'lte']);
    const invite = table.commands.find((c) => c.key === 'admin.organization.invites.create')!;
    expect(invite.flags.find((f) => f.name === 'projects')).toMatchObject({ flag: 'project', type: 'array', items: 'object' });
  });

  it('README documents the transform syntax, global flags and every group', () => {
    const readme = files.get('cli/README.md')!;
    expect(readme).toContain('### `--transform`');
    expect(readme).toContain('`data.#.id`');
    expect(readme).toContain('`.data[].id`');
    for (const g of new Set(spec.operations.map((o) => o.names.cliGroup))) expect(readme).toContain(`### \`${g}\``);
    for (const f of ['--admin-api-key', '--dry-run', '--max-items', '--format']) expect(readme).toContain(f);
  });
});

describe('edge cases on a modified spec', () => {
  function withOp(mutate: (op: Operation) => void): NormalizedSpec {
    const s = clone();
    mutate(s.operations.find((o) => o.key === 'admin.organization.projects.users.list')!);
    return s;
  }
  const param = (name: string, extra: Partial<Param> = {}): Param => ({
    name,
    wireName: name,
    in: 'query',
    required: false,
    schema: { kind: 'array', items: { kind: 'string' } },
    style: 'form',
    explode: true,
    deprecated: false,
    pointer: '/x',
    ...extra,
  });

  it('keeps the plural when the singular is a path param, and prefixes names that clash with global flags', () => {
    const s = withOp((op) => op.params.push(param('project_ids'), param('format', { schema: { kind: 'string' } })));
    const cmd = buildCommandTable(s).commands.find((c) => c.key === 'admin.organization.projects.users.list')!;
    expect(cmd.flags.find((f) => f.name === 'project_id')!.flag).toBe('project-id');
    expect(cmd.flags.find((f) => f.name === 'project_ids')!.flag).toBe('project-ids');
    expect(cmd.flags.find((f) => f.name === 'format')!.flag).toBe('query-format');
  });

  it('escapes spec text in the README', () => {
    const s = withOp((op) => {
      op.summary = 'List | users <script>alert(1)</script> *bold* `tick`';
    });
    const readme = emitCli(s).get('cli/README.md')!;
    const row = readme.split('\n').find((l) => l.includes('alert(1)'))!;
    expect(row).toContain('&lt;script&gt;');
    expect(row).toContain('List \\| users');
    expect(row).not.toContain('<script>');
    expect(row.split(/(?<!\\)\|/).length).toBe(5);
  });

  it('rejects two operations that map to the same command', () => {
    const s = clone();
    const [a, b] = s.operations.filter((o) => o.names.cliGroup === 'admin:organization:projects');
    b!.names.cliCommand = a!.names.cliCommand;
    expect(() => buildCommandTable(s)).toThrow(/both map to the command/);
  });
});
