/**
 * The `openai-tri` CLI (the real bin, as a child process) against the steady
 * mock server: every command outside the Admin API and one per Admin resource
 * (see surfaceSample), with its required flags and a `@PATH` file for each upload
 * field: exit 0, JSON (or the binary or text response) on stdout, and neither key printed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockServer, type MockServer } from '../support/mock-server.js';
import { pool, runCli, type CliResult } from '../cli/support/cli.js';
import { loadOpenaiSpec, loadOpenaiTable, openaiCliArgs, openaiCliBin, pendingReason, sendsUpload, surfaceSample, TEST_KEYS } from './support.js';
import type { Operation } from '../../generator/ir/types.js';

const spec = loadOpenaiSpec();
const table = loadOpenaiTable();
let mock: MockServer;
const uploadDir = mkdtempSync(join(tmpdir(), 'openai-cli-uploads-'));

beforeAll(async () => {
  if (!existsSync(openaiCliBin)) throw new Error(`${openaiCliBin} is missing: run \`npm run generate\` first`);
  mock = await startMockServer();
});
afterAll(async () => {
  await mock?.close();
  rmSync(uploadDir, { recursive: true, force: true });
});

describe('openai-tri commands against the mock server', () => {
  it('has one command per operation', () => {
    expect(table.commands).toHaveLength(spec.operations.length);
    expect(new Set(table.commands.map((c) => `${c.group} ${c.command}`)).size).toBe(spec.operations.length);
  });

  it('runs the sampled commands with their required flags and uploads', async () => {
    const env = { ...TEST_KEYS, OPENAI_BASE_URL: mock.url };
    const byKey = new Map(table.commands.map((c) => [c.key, c]));
    const ops = surfaceSample(spec);
    const results = await pool(ops, 4, async (op) => {
      const args = [...openaiCliArgs(op, byKey.get(op.key)!, spec, uploadDir), '--max-items', '1', '--max-retries', '0'];
      return { op, args, res: await runCli(args, { env, bin: openaiCliBin }) };
    });
    let pendingFailed = 0;
    const failures = results.flatMap(({ op, args, res }) => {
      const problem = check(op, res);
      const pending = pendingReason(op.key, 'required');
      if (pending && problem) pendingFailed++;
      if (pending) return problem ? [] : [`openai-tri ${args.join(' ')}: listed as pending (${pending}) but passes; remove it from PENDING`];
      return problem ? [`openai-tri ${args.join(' ')}\n  ${problem}`] : [];
    });
    const uploads = results.filter(({ op }) => sendsUpload(op)).length;
    console.log(`openai-tri: ${results.length - failures.length - pendingFailed}/${results.length} sampled commands (of ${table.commands.length}) pass against the mock (${uploads} with uploads), ${pendingFailed} pending`);
    expect(ops.length).toBeGreaterThan(180);
    expect(uploads).toBeGreaterThan(10);
    expect(failures, failures.join('\n') + '\n' + mock.log().slice(-2000)).toEqual([]);
  }, 300_000);
});

/** Exit 0 and the response on stdout: JSON, or the bytes or text of a binary or text response; no key printed. */
function check(op: Operation, res: CliResult): string | undefined {
  if (res.code !== 0) return `exit ${res.code}: ${res.stderr.trim().slice(0, 500)}`;
  for (const key of Object.values(TEST_KEYS)) if (res.stdout.includes(key) || res.stderr.includes(key)) return 'a key leaked';
  if (op.responseKind === 'binary' || op.responseKind === 'text') return res.stdout.length > 0 ? undefined : 'nothing on stdout';
  if (op.responseKind === 'empty') return undefined;
  try {
    JSON.parse(res.stdout);
  } catch {
    return `stdout is not JSON: ${res.stdout.slice(0, 200)}`;
  }
  return undefined;
}
