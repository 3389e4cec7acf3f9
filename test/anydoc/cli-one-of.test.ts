/**
 * The CLI checks a body's one-of choice as the MCP server does: a command
 * whose body needs one of several fields (urlbox's `url` or `html`) refuses a
 * call that gives none of them before any request (usage error, exit 2,
 * naming the flags), counts fields given in --data, says the choice in
 * --help, and sends each form alone.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recorder } from '../support/http-recorder.js';
import { runBin, type Built, type Imported } from '../support/pipeline.js';
import { buildCommandTable } from '../../generator/emit/cli/table.js';
import { op, recordedApi, tempDir } from './support.js';

const str = { type: 'string' };
const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } };
const body = (schema: object) => ({ required: true, content: { 'application/json': { schema } } });

describe('a CLI command whose body needs one of several fields', () => {
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('cli-one-of', join(tempDir('cli-one-of'), 'doc'), (url) => ({
      openapi: '3.1.0',
      info: { title: 'One of', version: '1' },
      servers: [{ url }],
      paths: {
        '/screenshots': {
          post: {
            operationId: 'createScreenshot',
            requestBody: body({ type: 'object', properties: { url: str, html: str, width: { type: 'integer' } }, oneOf: [{ required: ['url'] }, { required: ['html'] }] }),
            responses: ok,
          },
        },
        '/people': {
          post: {
            operationId: 'addPerson',
            requestBody: body({
              type: 'object',
              properties: { first_name: str, last_name: str, email: str },
              anyOf: [{ required: ['first_name', 'last_name'] }, { required: ['email'] }],
            }),
            responses: ok,
          },
        },
        // One member requires nothing the other does not: no rule.
        '/notes': {
          post: {
            operationId: 'addNote',
            requestBody: body({ type: 'object', properties: { text: str, title: str }, anyOf: [{ required: ['text'] }, { required: ['text', 'title'] }] }),
            responses: ok,
          },
        },
      },
    })));
    rec.route('POST', /./, () => ({ body: { ok: true } }));
  }, 120_000);
  afterAll(async () => rec?.close());

  const words = (path: string) => {
    const { cliGroup, cliCommand } = op(imported.spec, 'post', path).names;
    return [cliGroup, cliCommand];
  };
  const run = (path: string, args: string[]) => runBin(built.cliBin, [...words(path), ...args], { [imported.spec.packages.baseURLEnv]: rec.url });

  it('puts the forms in the command table by param name, as the MCP call spec has them in input keys', () => {
    const table = buildCommandTable(imported.spec);
    const cmd = (path: string) => table.commands.find((c) => c.key === op(imported.spec, 'post', path).key)!;
    expect(cmd('/screenshots').requiredAnyOf).toEqual([['url'], ['html']]);
    expect(cmd('/people').requiredAnyOf).toEqual([['first_name', 'last_name'], ['email']]);
    expect(cmd('/notes').requiredAnyOf).toBeUndefined();
  });

  it('refuses a call with none of the forms before any request, naming the flags', async () => {
    const before = rec.requests.length;
    const none = await run('/screenshots', ['--width', '800']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(`error: '${words('/screenshots').join(' ')}' needs --url or --html`);
    expect(none.stderr).toMatch(/for example --url VALUE/);
    const half = await run('/people', ['--first-name', 'Ada']);
    expect(half.code).toBe(2);
    expect(half.stderr).toContain('needs --first-name and --last-name, or --email');
    // A --data body with none of the fields is refused too, and so is a dry run.
    const data = await run('/screenshots', ['--data', '{"width": 800}']);
    expect([data.code, data.stderr]).toEqual([2, expect.stringContaining('needs --url or --html')]);
    const dry = await run('/screenshots', ['--dry-run']);
    expect(dry.code).toBe(2);
    expect(rec.requests.length).toBe(before);
  });

  it('sends each form alone, by flags or in the --data body', async () => {
    const sent = async (path: string, args: string[]) => {
      const r = await run(path, args);
      expect(r.code, r.stderr).toBe(0);
      const last = rec.requests.at(-1)!;
      return [last.path, last.json()];
    };
    expect(await sent('/screenshots', ['--url', 'https://example.com'])).toEqual(['/screenshots', { url: 'https://example.com' }]);
    expect(await sent('/screenshots', ['--html', '<p>hi</p>', '--width', '800'])).toEqual(['/screenshots', { html: '<p>hi</p>', width: 800 }]);
    expect(await sent('/screenshots', ['--data', '{"html": "<p>hi</p>"}'])).toEqual(['/screenshots', { html: '<p>hi</p>' }]);
    expect(await sent('/people', ['--data', '{"first_name": "Ada"}', '--last-name', 'Lovelace'])).toEqual(['/people', { first_name: 'Ada', last_name: 'Lovelace' }]);
    expect(await sent('/people', ['--email', 'ada@example.com'])).toEqual(['/people', { email: 'ada@example.com' }]);
    expect(await sent('/notes', ['--text', 'hi'])).toEqual(['/notes', { text: 'hi' }]);
  });

  it('says the choice in the command help', async () => {
    const help = await run('/screenshots', ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Needs --url or --html (flags or --data fields).');
    expect((await run('/people', ['--help'])).stdout).toContain('Needs --first-name and --last-name, or --email (flags or --data fields).');
    expect((await run('/notes', ['--help'])).stdout).not.toContain('Needs ');
  });
});
