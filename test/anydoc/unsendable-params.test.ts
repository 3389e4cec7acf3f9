/**
 * A parameter no request can carry: an empty name (a placeholder row an
 * exporter left in `parameters`), or a header or cookie name that is no HTTP
 * token (`Headers.set` throws on `X Trace`). It used to become a param of the
 * operation, and every call of the operation then threw before it was sent;
 * now it is left out with a warning at its pointer, and the call goes out.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { operationSpec } from '../../generator/emit/client/operations.js';
import { buildRequest } from '../../runtime/client/request.js';
import type { Imported } from '../support/pipeline.js';
import { entries, importTree, op, tempDir } from './support.js';

const str = { type: 'string' };

describe('a parameter with an empty or unsendable name', () => {
  let imported: Imported;
  beforeAll(async () => {
    imported = await importTree(join(tempDir('unsendable-params'), 'doc'), {
      'openapi.yaml': {
        openapi: '3.0.3',
        info: { title: 'Unsendable', version: '1' },
        servers: [{ url: 'https://api.example.test' }],
        paths: {
          '/notes/{id}': {
            parameters: [{ name: 'id', in: 'path', required: true, schema: str }],
            get: {
              parameters: [
                { name: 'Api-Version', in: 'header', schema: str },
                { name: '', in: 'header', schema: str },
                { name: 'X Trace', in: 'header', schema: str },
                { name: '', in: 'query', schema: str },
                { name: 'session id', in: 'cookie', schema: str },
                { name: 'fields', in: 'query', schema: str },
              ],
              responses: { '200': { description: 'ok' } },
            },
          },
        },
      },
    });
  });

  it('is left out, each one reported where it is declared', () => {
    expect(op(imported.spec, 'get', '/notes/{id}').params.map((p) => `${p.in}:${p.wireName}`)).toEqual(['path:id', 'header:Api-Version', 'query:fields']);
    const at = (i: number) => `/paths/~1notes~1{id}/get/parameters/${i}`;
    expect(entries(imported.report, 'param-unsendable')).toEqual([
      `${at(1)}: The header parameter has an empty name: no request can carry it, so it is left out.`,
      `${at(2)}: The header parameter has the name \`X Trace\`, which is no HTTP token: no request can carry it, so it is left out.`,
      `${at(3)}: The query parameter has an empty name: no request can carry it, so it is left out.`,
      `${at(4)}: The cookie parameter has the name \`session id\`, which is no HTTP token: no request can carry it, so it is left out.`,
    ]);
  });

  it('no longer stops the call: the request is built with every other param', () => {
    const operation = op(imported.spec, 'get', '/notes/{id}');
    const params = Object.fromEntries(operation.params.map((p) => [p.name, 'v1']));
    const req = buildRequest(operationSpec(operation), params, { baseURL: imported.spec.info.baseURL, baseHeaders: {} });
    expect(req.url).toBe('https://api.example.test/notes/v1?fields=v1');
    expect(req.headers.get('Api-Version')).toBe('v1');
  });
});
