/**
 * What real documents get wrong and a zero-config tool must still read: a
 * path template naming a param no `parameters` entry declares becomes a
 * required string param (reported), on every surface, and is sent in the path.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Imported } from '../support/pipeline.js';
import { importTree, op, surfaces, tempDir } from './support.js';

describe('an undeclared path template param', () => {
  let imported: Imported;
  beforeAll(async () => {
    imported = await importTree(join(tempDir('sloppy'), 'doc'), {
      'openapi.yaml': {
        openapi: '3.0.0',
        info: { title: 'Sloppy', version: '1' },
        paths: { '/users/{id}': { get: { operationId: 'getUser', responses: { '200': { description: 'ok' } } } } },
      },
    });
  });

  it('is a required string path param, reported where the operation is', () => {
    const param = op(imported.spec, 'get', '/users/{id}').params.find((p) => p.wireName === 'id');
    expect(param).toMatchObject({ in: 'path', required: true, schema: { kind: 'string' } });
    expect(imported.report.filter((r) => r.code === 'path-param-undeclared').map((r) => r.pointer)).toEqual(['/paths/~1users~1{id}/get']);
    expect(surfaces(imported.spec, op(imported.spec, 'get', '/users/{id}'))).toContainEqual(expect.objectContaining({ wire: 'id', in: 'path', flag: 'id' }));
  });
});
