/**
 * Drop-in: every invocation of the official CLI's published admin command set
 * (extracted at run time from ../shared/seeds/003_*.txt) runs with our bin
 * against the real OpenAPI mock server. It must succeed, except where a flag
 * names a field the normalized spec's operation no longer has: that one is
 * refused with exit 2. The exception is decided by a rule over the spec,
 * never by a list of flags.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../generator/commands/import.js';
import type { NormalizedSpec } from '../../generator/ir/types.js';
import { kebabCase } from '../../generator/names.js';
import { indexTable } from '../../runtime/cli/argv.js';
import { startMockServer, type MockServer } from '../support/mock-server.js';
import { openaiSpecHistory, repoRoot } from '../support/shared.js';
import { assertBuilt, loadTable, pool, runCli } from './support/cli.js';
import { flagNames, isParameterFlag, officialInvocations, officialReferenceFile, operationOf, shellWords } from './support/official.js';
import { requiredArgs } from './support/samples.js';

const spec = JSON.parse(readFileSync(`${repoRoot}/spec/openai-admin/spec.json`, 'utf8')) as NormalizedSpec;
const table = loadTable();
const globalFlags = new Set(indexTable(table).globals.map((g) => g.flag));
/** The published command set we implement: invocations under the roots of our groups (`admin:…`). */
const roots = new Set(table.commands.map((c) => c.group.split(':')[0]!));
const invocations = officialInvocations(readFileSync(officialReferenceFile(), 'utf8')).filter((i) => roots.has(i.args[0]!.split(':')[0]!));

/** The flags of an invocation that the rule says our CLI must refuse. */
function staleFlags(args: string[]): string[] {
  const op = operationOf(spec, args);
  return flagNames(args).filter((f) => !globalFlags.has(f) && !(op && isParameterFlag(spec, op, f)));
}

let mock: MockServer;
beforeAll(async () => {
  assertBuilt();
  mock = await startMockServer();
});
afterAll(async () => {
  await mock?.close();
});

describe('the official CLI examples', () => {
  it('are found in the reference, with their flags', () => {
    expect(invocations.length).toBeGreaterThan(0);
    expect(invocations.every((i) => flagNames(i.args).length > 0)).toBe(true);
  });

  it('each succeeds against the mock server, or is refused with exit 2 when a flag names a field the spec no longer has', async () => {
    const env = { OPENAI_ADMIN_KEY: 'sk-admin-official-0123' };
    const results = await pool(invocations, 4, async (inv) => ({
      inv,
      stale: staleFlags(inv.args),
      known: !!operationOf(spec, inv.args),
      res: await runCli([...inv.args, '--base-url', mock.url, '--max-items', '1', '--max-retries', '0'], { env }),
    }));
    const problems: string[] = [];
    for (const { inv, stale, known, res } of results) {
      if (!known || stale.length) {
        const named = known ? stale.some((f) => res.stderr.includes(`--${f.split('.')[0]}`)) : /unknown command/.test(res.stderr);
        if (res.code !== 2 || !named) problems.push(`${inv.text}\n  expected exit 2 naming ${stale.join(', ') || 'the command'}, got ${res.code}: ${res.stderr.trim()}`);
      } else if (res.code !== 0) {
        problems.push(`${inv.text}\n  exit ${res.code}: ${res.stderr.trim()}`);
      } else {
        try {
          JSON.parse(res.stdout);
        } catch {
          problems.push(`${inv.text}\n  stdout is not JSON: ${res.stdout.slice(0, 200)}`);
        }
      }
    }
    expect(problems, problems.join('\n') + '\n' + mock.log().slice(-1500)).toEqual([]);
  }, 300_000);
});

describe('the refusal rule', () => {
  it('reads quoted shell words as the shell does', () => {
    expect(shellWords(`admin:x create --name 'New Admin Key' --note "a \\"b\\"" --path a\\ b`)).toEqual(['admin:x', 'create', '--name', 'New Admin Key', '--note', 'a "b"', '--path', 'a b']);
  });

  it('accepts kebab, singular and dotted flags of parameters the spec has', () => {
    const has = (args: string[]) => staleFlags(args);
    expect(has(['admin:organization:audit-logs', 'list', '--event-type', 'x', '--effective-at.gte', '1', '--admin-api-key', 'k'])).toEqual([]);
    expect(has(['admin:organization:spend-alerts', 'update', '--notification-channel.subject-prefix', 'x'])).toEqual([]);
    expect(has(['admin:organization:spend-alerts', 'update', '--notification-channel.colour', 'x', '--colour', 'y'])).toEqual(['notification-channel.colour', 'colour']);
  });

  it('flags of fields that older documents had and the newest dropped are refused with exit 2', async () => {
    // The spec history, not a hand list, says which fields went away (e.g. projects' `geography`).
    const { spec: oldest } = await importDocument({ from: openaiSpecHistory()[0]!, target: 'openai-admin' });
    const dropped: Array<{ args: string[]; flag: string }> = [];
    for (const old of oldest.operations) {
      const current = operationOf(spec, [old.names.cliGroup, old.names.cliCommand]);
      const cmd = table.commands.find((c) => c.group === old.names.cliGroup && c.command === old.names.cliCommand);
      if (!current || !cmd) continue;
      for (const p of old.params) {
        const flag = kebabCase(p.name);
        if (!isParameterFlag(spec, current, flag) && !globalFlags.has(flag)) dropped.push({ args: [...requiredArgs(cmd), `--${flag}`, 'x'], flag });
      }
    }
    expect(dropped.map((d) => d.flag)).toContain('geography');
    const env = { OPENAI_ADMIN_KEY: 'sk-admin-official-0123' };
    const results = await pool(dropped, 4, async (d) => ({ d, res: await runCli([...d.args, '--dry-run'], { env }) }));
    for (const { d, res } of results) {
      expect(res.code, `${d.args.join(' ')}: ${res.stderr}`).toBe(2);
      expect(res.stderr).toContain(`unknown flag --${d.flag}`);
    }
  }, 120_000);
});
