/**
 * OpenAPI's delimited query styles: an array parameter with `style:
 * pipeDelimited` or `spaceDelimited` goes on the wire as `k=a|b` / `k=a%20b`
 * (not exploded, OpenAPI's default for them) from the client and the CLI
 * alike, and is no longer reported as sent as form. A param whose schema
 * says `type: string` beside stray `properties` is a plain string (form), not
 * an object sent as deepObject.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recorder } from '../support/http-recorder.js';
import { runBin, type Built, type Imported } from '../support/pipeline.js';
import { entries, op, recordedApi, tempDir } from './support.js';

const array = { type: 'array', items: { type: 'string' } };

const dir = tempDir('query-styles');

describe('delimited query styles', () => {
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('query-styles', join(dir, 'doc'), (url) => ({
      openapi: '3.0.3',
      info: { title: 'Styles', version: '1' },
      servers: [{ url: `${url}/v1` }],
      paths: {
        '/search': {
          get: {
            operationId: 'search',
            parameters: [
              { name: 'tags', in: 'query', style: 'pipeDelimited', schema: array },
              { name: 'words', in: 'query', style: 'spaceDelimited', schema: array },
              { name: 'ids', in: 'query', style: 'pipeDelimited', explode: true, schema: array },
              // Stripe's `created`: a range object or a timestamp.
              { name: 'created', in: 'query', style: 'deepObject', explode: true, schema: { anyOf: [{ type: 'object', properties: { gt: { type: 'integer' }, lt: { type: 'integer' } } }, { type: 'integer' }] } },
              // byautomata.io's `terms`: a string whose schema also lists properties.
              { name: 'terms', in: 'query', schema: { type: 'string', properties: { link: { type: 'string' } }, required: ['terms'] } },
            ],
            responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } },
          },
        },
      },
    })));
  }, 120_000);
  afterAll(async () => rec?.close());

  it('keeps the style (not exploded unless the document says so), with nothing reported', () => {
    expect(op(imported.spec, 'get', '/search').params.map((p) => [p.name, p.style, p.explode])).toEqual([
      ['tags', 'pipeDelimited', false],
      ['words', 'spaceDelimited', false],
      ['ids', 'pipeDelimited', true],
      ['created', 'deepObject', true],
      ['terms', 'form', true],
    ]);
    expect(entries(imported.report, 'param-style')).toEqual([]);
    expect(entries(imported.report, 'deepobject-inferred')).toEqual([]);
  });

  it('client and CLI send `|` and spaces between the items', async () => {
    const { default: Styles } = (await import(pathToFileURL(join(built.dir, 'client/dist/index.js')).href)) as { default: new (o?: object) => Record<string, any> };
    await new Styles().search.retrieve({ tags: ['a', 'b'], words: ['x', 'y'], ids: ['1', '2'] });
    expect(rec.requests.at(-1)!.url).toBe('/v1/search?tags=a|b&words=x%20y&ids=1&ids=2');
    const cli = await runBin(built.cliBin, ['search', 'retrieve', '--tags', 'a', '--tags', 'b', '--words', 'x']);
    expect(cli.code, cli.stderr).toBe(0);
    expect(rec.requests.at(-1)!.url).toBe('/v1/search?tags=a|b&words=x');
  });

  it('a deepObject param whose schema is a composition with an object member: `k[sub]=v`, a scalar as is', async () => {
    const { default: Styles } = (await import(pathToFileURL(join(built.dir, 'client/dist/index.js')).href)) as { default: new (o?: object) => Record<string, any> };
    await new Styles().search.retrieve({ created: { gt: 5, lt: 9 } });
    expect(rec.requests.at(-1)!.url).toBe('/v1/search?created[gt]=5&created[lt]=9');
    await new Styles().search.retrieve({ created: 7 });
    expect(rec.requests.at(-1)!.url).toBe('/v1/search?created=7');
  });

  it('a string param with stray `properties` goes as `k=v` from the client and the CLI', async () => {
    const { default: Styles } = (await import(pathToFileURL(join(built.dir, 'client/dist/index.js')).href)) as { default: new (o?: object) => Record<string, any> };
    await new Styles().search.retrieve({ terms: 'cloud,security' });
    expect(rec.requests.at(-1)!.url).toBe('/v1/search?terms=cloud%2Csecurity');
    const cli = await runBin(built.cliBin, ['search', 'retrieve', '--terms', 'cloud']);
    expect(cli.code, cli.stderr).toBe(0);
    expect(rec.requests.at(-1)!.url).toBe('/v1/search?terms=cloud');
  });
});
