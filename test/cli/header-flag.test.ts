/**
 * The global `--header 'NAME: VALUE'` flag on the real Admin bin against a
 * local recorder: extra headers on every request (repeatable, a repeated name
 * comma-joined), one that replaces what the CLI would send (Authorization, for
 * an API whose document declares no scheme), credentials in it never printed
 * by --dry-run or --debug, and a malformed value refused before any request.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRecorder, type Recorder } from '../support/http-recorder.js';
import { assertBuilt, runCli } from './support/cli.js';

const KEY = 'sk-admin-HEADER-secret-42';
let rec: Recorder;
let env: Record<string, string>;

beforeAll(async () => {
  assertBuilt();
  rec = await startRecorder();
  env = { OPENAI_ADMIN_KEY: KEY, OPENAI_BASE_URL: rec.url };
});
afterAll(async () => rec?.close());
beforeEach(() => {
  rec.reset();
  rec.setFallback(() => ({ body: { object: 'list', data: [], has_more: false } }));
});

const list = ['admin:organization:projects', 'list', '--max-retries', '0'];

describe('--header', () => {
  it('adds headers to the request; a repeated name sends both values', async () => {
    const res = await runCli([...list, '--header', 'X-Request-Source: cli', '--header=x-trace: a', '--header', 'X-Trace: b'], { env });
    expect(res.code, res.stderr).toBe(0);
    const h = rec.requests[0]!.headers;
    expect(h['x-request-source']).toBe('cli');
    expect(h['x-trace']).toBe('a, b');
    expect(h.authorization).toBe(`Bearer ${KEY}`);
  });

  it('replaces a header the CLI sends, and never prints a credential given in it', async () => {
    const token = 'ghp_HEADER_token_123456';
    const res = await runCli([...list, '--header', `Authorization: Bearer ${token}`, '--debug'], { env });
    expect(res.code, res.stderr).toBe(0);
    expect(rec.requests[0]!.headers.authorization).toBe(`Bearer ${token}`);
    expect(res.stderr).toContain('[debug]');
    expect(res.stderr + res.stdout).not.toContain(token);
    const dry = await runCli([...list, '--header', `X-Api-Key: ${token}`, '--dry-run'], { env });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/x-api-key/i);
    expect(dry.stdout + dry.stderr).not.toContain(token);
  });

  it('refuses a value that is not NAME: VALUE before any request', async () => {
    for (const bad of ['no-colon', ': empty-name', 'bad name: x']) {
      const res = await runCli([...list, '--header', bad], { env });
      expect(res.code).toBe(2);
      expect(res.stderr).toContain("--header expects 'NAME: VALUE'");
    }
    expect(rec.requests).toHaveLength(0);
  });

  it('a malformed value is not echoed: a credential written without its colon stays unprinted', async () => {
    const token = 'ghp_TYPO_token_123456';
    for (const bad of [`Authorization Bearer ${token}`, `X-Api-Key=${token}`, `X-Api-Key=${token}:x`]) {
      const res = await runCli([...list, '--header', bad], { env });
      expect(res.code).toBe(2);
      expect(res.stderr).toContain("--header expects 'NAME: VALUE'");
      expect(res.stderr + res.stdout).not.toContain(token);
    }
    expect(rec.requests).toHaveLength(0);
  });
});
