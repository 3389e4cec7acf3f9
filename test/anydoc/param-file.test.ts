/**
 * A file in a query, header or path param: Sinao's `image` query param is a
 * binary file or a URL (`oneOf`), and a client given a file dropped it from
 * the request without a word. No such param can carry a file, so the file
 * member is left out (a URL still goes), a param that is only a file takes
 * a string, and each is reported where it is declared.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { operationSpec } from '../../generator/emit/client/operations.js';
import { buildRequest } from '../../runtime/client/request.js';
import type { Imported } from '../support/pipeline.js';
import { entries, importTree, op, tempDir } from './support.js';

const file = { type: 'string', format: 'binary' };

describe('a param typed as a file', () => {
  let imported: Imported;
  beforeAll(async () => {
    imported = await importTree(join(tempDir('param-file'), 'doc'), {
      'openapi.yaml': {
        openapi: '3.0.3',
        info: { title: 'Products', version: '1' },
        servers: [{ url: 'https://api.example.test' }],
        paths: {
          '/products': {
            post: {
              parameters: [
                { name: 'name', in: 'query', schema: { type: 'string' } },
                { name: 'image', in: 'query', schema: { oneOf: [file, { type: 'string', format: 'uri' }] } },
                { name: 'X-Scan', in: 'header', schema: file },
              ],
              responses: { '200': { description: 'ok' } },
            },
          },
        },
      },
    });
  });

  it('has no file member, reported', () => {
    const params = op(imported.spec, 'post', '/products').params;
    expect(params.map((p) => [p.wireName, p.schema.kind, p.schema.kind === 'string' ? p.schema.format : undefined])).toEqual([
      ['name', 'string', undefined],
      ['image', 'string', 'uri'],
      ['X-Scan', 'string', undefined],
    ]);
    expect(entries(imported.report, 'param-file')).toEqual([
      '/paths/~1products/post/parameters/1: The query parameter may be a file, which no query can carry: that member is left out.',
      '/paths/~1products/post/parameters/2: The header parameter is typed as a file, which no header can carry: it takes a string.',
    ]);
  });

  it('sends the URL or text it is given', () => {
    const operation = op(imported.spec, 'post', '/products');
    const scan = operation.params.find((p) => p.wireName === 'X-Scan')!.name;
    const req = buildRequest(operationSpec(operation), { name: 'mug', image: 'https://e.test/mug.png', [scan]: 'id-1' }, { baseURL: imported.spec.info.baseURL, baseHeaders: {} });
    expect(req.url).toBe('https://api.example.test/products?name=mug&image=https%3A%2F%2Fe.test%2Fmug.png');
    expect(req.headers.get('X-Scan')).toBe('id-1');
  });
});
