/**
 * Every command of the table, run by the real bin against the real OpenAPI
 * mock server (which validates each request against the newest spec), with
 * only its required flags: exit 0 and JSON on stdout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../support/mock-server.js';
import { assertBuilt, loadTable, pool, runCli, type CliResult } from './support/cli.js';
import { requiredArgs } from './support/samples.js';

const table = loadTable();
let mock: MockServer;

beforeAll(async () => {
  assertBuilt();
  mock = await startMockServer();
});
afterAll(async () => {
  await mock?.close();
});

describe('every command against the mock server', () => {
  it('has one command per admin operation', () => {
    expect(table.commands).toHaveLength(119);
    expect(new Set(table.commands.map((c) => `${c.group} ${c.command}`)).size).toBe(119);
  });

  it('runs all 119 commands with their required flags', async () => {
    const env = { OPENAI_ADMIN_KEY: 'sk-admin-mock-0123456789', OPENAI_BASE_URL: mock.url };
    const results = await pool(table.commands, 4, async (cmd) => {
      const args = [...requiredArgs(cmd), '--max-items', '1', '--max-retries', '0'];
      return { cmd, args, res: await runCli(args, { env }) };
    });
    const failures: string[] = [];
    for (const { args, res } of results) {
      const problem = check(res);
      if (problem) failures.push(`openai-admin ${args.join(' ')}\n  ${problem}`);
    }
    expect(failures, failures.join('\n') + '\n' + mock.log().slice(-2000)).toEqual([]);
  }, 300_000);
});

function check(res: CliResult): string | undefined {
  if (res.code !== 0) return `exit ${res.code}: ${res.stderr.trim()}`;
  try {
    JSON.parse(res.stdout);
  } catch {
    return `stdout is not JSON: ${res.stdout.slice(0, 200)}`;
  }
  if (res.stdout.includes('sk-admin-mock-0123456789') || res.stderr.includes('sk-admin-mock-0123456789')) return 'the key leaked';
  return undefined;
}
