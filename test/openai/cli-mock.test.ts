/**
 * The `openai-tri` CLI (the real bin, as a child process) against the steady
 * mock server: every command outside the Admin API and one per Admin resource
 * (see surfaceSample), with its required flags: exit 0, JSON on stdout, and
 * neither key printed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { startMockServer, type MockServer } from '../support/mock-server.js';
import { pool, runCli, type CliResult } from '../cli/support/cli.js';
import { carriesUpload, loadOpenaiSpec, loadOpenaiTable, openaiCallArgs, openaiCliArgs, openaiCliBin, pendingReason, surfaceSample, TEST_KEYS, UPLOAD_REFUSED } from './support.js';

const spec = loadOpenaiSpec();
const table = loadOpenaiTable();
let mock: MockServer;

beforeAll(async () => {
  if (!existsSync(openaiCliBin)) throw new Error(`${openaiCliBin} is missing: run \`npm run generate\` first`);
  mock = await startMockServer();
});
afterAll(async () => {
  await mock?.close();
});

describe('openai-tri commands against the mock server', () => {
  it('has one command per operation', () => {
    expect(table.commands).toHaveLength(spec.operations.length);
    expect(new Set(table.commands.map((c) => `${c.group} ${c.command}`)).size).toBe(spec.operations.length);
  });

  it('runs the sampled commands with their required flags', async () => {
    const env = { ...TEST_KEYS, OPENAI_BASE_URL: mock.url };
    const byKey = new Map(table.commands.map((c) => [c.key, c]));
    const ops = surfaceSample(spec);
    const results = await pool(ops, 4, async (op) => {
      const args = [...openaiCliArgs(op, byKey.get(op.key)!, spec), '--max-items', '1', '--max-retries', '0'];
      return { op, args, res: await runCli(args, { env, bin: openaiCliBin }) };
    });
    let pendingFailed = 0;
    let uploads = 0;
    const failures = results.flatMap(({ op, args, res }) => {
      if (carriesUpload(op, uploadArgs(op))) {
        // No CLI upload flag yet (`--file @path`): the command must fail naming the upload field.
        uploads++;
        return res.code !== 0 && UPLOAD_REFUSED.test(res.stderr) ? [] : [`openai-tri ${args.join(' ')}: expected the upload to be refused, got exit ${res.code}: ${res.stderr.slice(0, 200)}`];
      }
      const problem = check(res);
      const pending = pendingReason(op.key, 'no-upload');
      if (pending && problem) pendingFailed++;
      if (pending) return problem ? [] : [`openai-tri ${args.join(' ')}: listed as pending (${pending}) but passes; remove it from PENDING`];
      return problem ? [`openai-tri ${args.join(' ')}\n  ${problem}`] : [];
    });
    console.log(`openai-tri: ${results.length - failures.length - pendingFailed - uploads}/${results.length} sampled commands (of ${table.commands.length}) pass against the mock, ${uploads} refuse an upload (no CLI upload flag yet), ${pendingFailed} pending`);
    expect(ops.length).toBeGreaterThan(180);
    expect(failures, failures.join('\n') + '\n' + mock.log().slice(-2000)).toEqual([]);
  }, 300_000);
});

/** The params a command's required flags carry (as the CLI args are built from them). */
function uploadArgs(op: Parameters<typeof openaiCallArgs>[0]): Record<string, unknown> {
  return openaiCallArgs(op, spec, 'required', false).params ?? {};
}

function check(res: CliResult): string | undefined {
  if (res.code !== 0) return `exit ${res.code}: ${res.stderr.trim().slice(0, 500)}`;
  try {
    JSON.parse(res.stdout);
  } catch {
    return `stdout is not JSON: ${res.stdout.slice(0, 200)}`;
  }
  for (const key of Object.values(TEST_KEYS)) if (res.stdout.includes(key) || res.stderr.includes(key)) return 'a key leaked';
  return undefined;
}
