/**
 * An API without security schemes (Ideal Postcodes' document takes its key as
 * an ordinary `api_key` query param): the CLI has no global key flag, which it
 * used to accept and never send, and the document's own `api_key` param keeps
 * the plain `--api-key` flag instead of `--query-api-key`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recorder } from '../support/http-recorder.js';
import { runBin, type Built, type Imported } from '../support/pipeline.js';
import { op, recordedApi, surfaces, tempDir } from './support.js';

describe('an API without security schemes', () => {
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('no-auth', join(tempDir('no-auth'), 'doc'), (url) => ({
      openapi: '3.0.3',
      info: { title: 'Nokey', version: '1' },
      servers: [{ url }],
      paths: {
        '/things': {
          get: {
            operationId: 'listThings',
            parameters: [{ name: 'api_key', in: 'query', schema: { type: 'string' } }],
            responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } },
          },
        },
      },
    })));
  }, 120_000);
  afterAll(async () => rec?.close());

  it('has no key flag or key env var in the CLI, its help or its README', async () => {
    expect(imported.spec.auth).toEqual([]);
    const help = await runBin(built.cliBin, ['--help']);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).not.toMatch(/API key|NOKEY_API_KEY/);
    expect(readFileSync(join(built.dir, 'cli/README.md'), 'utf8')).not.toMatch(/export NOKEY_API_KEY|--api-key on each call/);
  });

  it("gives the document's api_key param the plain flag, sent on the wire", async () => {
    const things = op(imported.spec, 'get', '/things');
    expect(surfaces(imported.spec, things)).toEqual([expect.objectContaining({ wire: 'api_key', flag: 'api-key' })]);
    const r = await runBin(built.cliBin, [things.names.cliGroup, things.names.cliCommand, '--api-key', 'k1']);
    expect(r.code, r.stderr).toBe(0);
    expect(rec.requests.at(-1)!.url).toBe('/things?api_key=k1');
  });
});
