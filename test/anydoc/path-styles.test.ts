/**
 * OpenAPI's path styles (`simple`, `label`, `matrix`, exploded or not) and
 * array and object values in a path or header (ReadMe's parameters-style
 * example): each goes on the wire as the specification's table spells it,
 * from the client, the CLI and the MCP server alike. The client used to
 * refuse any array or object in a path ("must be a string or number") that
 * its own types and the MCP tool's schema accepted.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { styledValue } from '../../runtime/client/styled.js';
import type { Recorder } from '../support/http-recorder.js';
import { connectMcp, runBin, type Built, type Imported } from '../support/pipeline.js';
import { entries, op, recordedApi, tempDir } from './support.js';

const array = { type: 'array', items: { type: 'string' } };
const object = { type: 'object', properties: { R: { type: 'integer' }, G: { type: 'integer' } } };
const path = (name: string, schema: object, style?: string, explode?: boolean) => ({ name, in: 'path', required: true, schema, ...(style ? { style } : {}), ...(explode !== undefined ? { explode } : {}) });
const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } };

describe('styledValue: the table of OpenAPI 3.1 §4.8.12.4 (color = "blue", ["blue","black"], {R:100,G:200})', () => {
  const enc = encodeURIComponent;
  it.each([
    ['simple', false, 'blue', 'blue,black', 'R,100,G,200'],
    ['simple', true, 'blue', 'blue,black', 'R=100,G=200'],
    ['label', false, '.blue', '.blue,black', '.R,100,G,200'],
    ['label', true, '.blue', '.blue.black', '.R=100.G=200'],
    ['matrix', false, ';color=blue', ';color=blue,black', ';color=R,100,G,200'],
    ['matrix', true, ';color=blue', ';color=blue;color=black', ';R=100;G=200'],
  ] as const)('%s, explode %s', (style, explode, primitive, list, record) => {
    expect(styledValue('blue', style, explode, 'color', enc)).toBe(primitive);
    expect(styledValue(['blue', 'black'], style, explode, 'color', enc)).toBe(list);
    expect(styledValue({ R: 100, G: 200 }, style, explode, 'color', enc)).toBe(record);
  });

  it('escapes values, never the separators', () => {
    expect(styledValue(['a,b', 'c d'], 'label', true, 'x', enc)).toBe('.a%2Cb.c%20d');
    expect(styledValue({ 'k;1': 'v=1' }, 'matrix', true, 'x', enc)).toBe(';k%3B1=v%3D1');
  });
});

describe('path and header styles on the wire', () => {
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('path-styles', join(tempDir('path-styles'), 'doc'), (url) => ({
      openapi: '3.1.0',
      info: { title: 'Styles', version: '1' },
      servers: [{ url: `${url}/v1` }],
      paths: {
        '/label/{id}/{tags}': { get: { operationId: 'getLabel', parameters: [path('id', { type: 'string' }, 'label'), path('tags', array, 'label', true)], responses: ok } },
        '/matrix/{tags}/{color}': { get: { operationId: 'getMatrix', parameters: [path('tags', array, 'matrix'), path('color', object, 'matrix', true)], responses: ok } },
        '/simple/{tags}/{color}': {
          get: {
            operationId: 'getSimple',
            parameters: [path('tags', array), path('color', object), { name: 'x-colors', in: 'header', schema: object, explode: true }, { name: 'x-tags', in: 'header', schema: array }],
            responses: ok,
          },
        },
        '/odd/{id}': { get: { operationId: 'getOdd', parameters: [path('id', { type: 'string' }, 'form')], responses: ok } },
      },
    })));
  }, 120_000);
  afterAll(async () => rec?.close());

  it('keeps each path style in the IR; a style a path cannot have is reported', () => {
    expect(op(imported.spec, 'get', '/matrix/{tags}/{color}').params.map((p) => [p.name, p.style, p.explode])).toEqual([
      ['tags', 'matrix', false],
      ['color', 'matrix', true],
    ]);
    expect(entries(imported.report, 'param-style')).toEqual(['/paths/~1odd~1{id}/get/parameters/0: Path style `form` treated as simple.']);
  });

  it('the client expands arrays and objects as each style says', async () => {
    const { default: Styles } = (await import(pathToFileURL(join(built.dir, 'client/dist/index.js')).href)) as { default: new (o?: object) => Record<string, any> };
    const client = new Styles();
    await client.label.retrieve(['a', 'b c'], { id: 'x' });
    expect(rec.requests.at(-1)!.url).toBe('/v1/label/.x/.a.b%20c');
    await client.matrix.retrieve({ R: 1, G: 2 }, { tags: ['a', 'b'] });
    expect(rec.requests.at(-1)!.url).toBe('/v1/matrix/;tags=a,b/;R=1;G=2');
    await client.simple.retrieve({ R: 1, G: 2 }, { tags: ['a', 'b'], x_colors: { R: 3, G: 4 }, x_tags: ['p', 'q'] });
    const sent = rec.requests.at(-1)!;
    expect(sent.url).toBe('/v1/simple/a,b/R,1,G,2');
    expect([sent.headers['x-colors'], sent.headers['x-tags']]).toEqual(['R=3,G=4', 'p,q']);
    // An empty array leaves an empty segment, as an empty string would: refused before any request.
    const count = rec.requests.length;
    await expect(client.simple.retrieve({ R: 1 }, { tags: [] })).rejects.toThrow(/Missing required path parameter "tags"/);
    expect(rec.requests.length).toBe(count);
  });

  it('the CLI and the MCP server send the same request', async () => {
    const cli = await runBin(built.cliBin, ['label', 'retrieve', '--id', 'x', '--tags', 'a', '--tags', 'b c']);
    expect(cli.code, cli.stderr).toBe(0);
    expect(rec.requests.at(-1)!.url).toBe('/v1/label/.x/.a.b%20c');
    const mcp = await connectMcp(built.mcpBin, [], { STYLES_BASE_URL: `${rec.url}/v1` });
    try {
      const tool = op(imported.spec, 'get', '/matrix/{tags}/{color}').names.mcpTool;
      const result = await mcp.client.callTool({ name: tool, arguments: { tags: ['a', 'b'], color: { R: 1, G: 2 } } });
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      expect(rec.requests.at(-1)!.url).toBe('/v1/matrix/;tags=a,b/;R=1;G=2');
    } finally {
      await mcp.close();
    }
  });
});
