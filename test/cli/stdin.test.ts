/**
 * Stdin as a request body: an open stdin that nobody writes to (how execFile,
 * agent frameworks and CI runners start children) never blocks a command;
 * piped YAML/JSON and a redirected file are still read; `--data -` waits for
 * a slow writer. The real bin against a node:http recorder, plus the poll
 * itself on an in-memory stream.
 */
import { closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pollStream } from '../../runtime/cli/stdin.js';
import { startRecorder, type Recorder } from '../support/http-recorder.js';
import { assertBuilt, loadTable, pool, runCli } from './support/cli.js';
import { sampleArgs } from './support/samples.js';

let rec: Recorder;
let env: Record<string, string>;
const dir = mkdtempSync(join(tmpdir(), 'cli-stdin-'));

beforeAll(async () => {
  assertBuilt();
  rec = await startRecorder({ fallback: () => ({ body: { id: 'x', object: 'thing' } }) });
  env = { OPENAI_ADMIN_KEY: 'sk-admin-STDIN-1', OPENAI_BASE_URL: rec.url };
});
afterAll(async () => {
  await rec?.close();
});
beforeEach(() => rec.reset());

describe('an open stdin that nobody writes to', () => {
  // Body commands that can run with no body flag: exactly the ones that used to read stdin to its end.
  const commands = loadTable().commands.filter((c) => (c.body || c.flags.some((f) => f.in === 'body')) && !c.flags.some((f) => f.in === 'body' && f.required));

  it('never blocks a body command given no body flags: every request reaches the server', async () => {
    expect(commands.length).toBeGreaterThanOrEqual(10);
    const results = await pool(commands, 4, async (cmd) => {
      const args = [cmd.group, cmd.command, ...cmd.flags.filter((f) => f.required).flatMap(sampleArgs), '--max-retries', '0'];
      // Stdin is a pipe that stays open and empty until the child exits.
      return { args, res: await runCli(args, { env, openStdin: true, timeoutMs: 20_000 }) };
    });
    for (const { args, res } of results) expect(res.code, `${args.join(' ')}\n${res.stderr}`).toBe(0);
    expect(rec.requests).toHaveLength(commands.length);
    for (const c of commands) {
      const route = new RegExp(`^${c.http} ${c.path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      expect(rec.requests.some((r) => route.test(`${r.method} ${r.path}`)), `${c.group} ${c.command}`).toBe(true);
    }
    // No body arrived, so the body is empty (the API applies its defaults).
    for (const r of rec.requests) expect(r.json() ?? {}).toEqual({});
  }, 120_000);

  it('still reads YAML or JSON piped in', async () => {
    const yaml = await runCli(['admin:organization:projects', 'update', '--project-id', 'p1'], { env, input: 'name: from yaml\nexternal_key_id: k1\n' });
    const json = await runCli(['admin:organization:projects', 'update', 'p1'], { env, input: '{"name": "from json"}' });
    expect([yaml.code, json.code]).toEqual([0, 0]);
    expect(rec.requests.map((r) => r.json())).toEqual([{ name: 'from yaml', external_key_id: 'k1' }, { name: 'from json' }]);
  });

  it('reads a redirected non-empty file, and treats an empty one as no body', async () => {
    const body = join(dir, 'body.yaml');
    writeFileSync(body, 'name: from a file\n');
    const empty = join(dir, 'empty');
    writeFileSync(empty, '');
    for (const file of [body, empty]) {
      const fd = openSync(file, 'r');
      try {
        const res = await runCli(['admin:organization:projects', 'update', 'p1'], { env, stdinFd: fd });
        expect(res.code, res.stderr).toBe(0);
      } finally {
        closeSync(fd);
      }
    }
    expect(rec.requests.map((r) => r.json())).toEqual([{ name: 'from a file' }, {}]);
  });

  it('--data - waits for stdin, however late the writer is', async () => {
    const res = await runCli(['admin:organization:projects', 'update', 'p1', '--data', '-'], {
      env,
      feed: (stdin) => setTimeout(() => stdin.end('name: late\n'), 1500),
    });
    expect(res.code, res.stderr).toBe(0);
    expect(rec.requests.map((r) => r.json())).toEqual([{ name: 'late' }]);
  });
});

describe('pollStream', () => {
  it('gives up on a silent stream after the poll and lets it go', async () => {
    const stream = new PassThrough();
    expect(await pollStream(stream, 10)).toBeUndefined();
    expect(stream.destroyed).toBe(true);
  });

  it('reads everything when the first byte comes within the poll, however long the rest takes', async () => {
    const stream = new PassThrough();
    const text = pollStream(stream, 10);
    stream.write('name: ');
    setTimeout(() => stream.end('x\n'), 100);
    expect(await text).toBe('name: x\n');
  });

  it('reads data already waiting, and treats an immediate end as no body', async () => {
    const waiting = new PassThrough();
    waiting.end('{"a":1}');
    expect(await pollStream(waiting, 10)).toBe('{"a":1}');
    const ended = new PassThrough();
    ended.end();
    expect(await pollStream(ended, 10_000)).toBeUndefined();
  });

  it('ignores data that arrives after the poll (use --data - for a slow writer)', async () => {
    const stream = new PassThrough();
    const text = pollStream(stream, 10);
    await new Promise((r) => setTimeout(r, 60));
    if (!stream.destroyed) stream.write('late');
    expect(await text).toBeUndefined();
  });
});
