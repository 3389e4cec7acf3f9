/**
 * What real documents get wrong and a zero-config tool must still read: a
 * path template naming a param no `parameters` entry declares becomes a
 * required string param (reported), on every surface, and is sent in the path;
 * a key written twice in one YAML mapping keeps its last value, as JSON
 * parsers do, with a warning that says where; a body of `type: array` that
 * lists `properties` too is the array (its properties were the params, and
 * an object went out where the server takes a list); a template operator
 * `{.format}` is label style (`reports.json`; it was sent as `reportsjson`),
 * and a declaration named `.format` is its param (it was left unused).
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Imported } from '../support/pipeline.js';
import { writeFileSync } from 'node:fs';
import { importAll } from '../support/pipeline.js';
import { entries, importTree, op, surfaces, tempDir } from './support.js';
import { operationSpec } from '../../generator/emit/client/operations.js';
import { buildRequest } from '../../runtime/client/request.js';
import { buildToolTable } from '../../generator/emit/mcp/index.js';

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

describe('a template operator `{.format}` (RFC 6570 label expansion)', () => {
  it('is a label-style param, also when a declaration is named `.format`, and its value follows a dot', async () => {
    const str = { type: 'string' };
    const { spec, report } = await importTree(join(tempDir('sloppy-label'), 'doc'), {
      'openapi.yaml': {
        openapi: '3.0.0',
        info: { title: 'Formats', version: '1' },
        servers: [{ url: 'https://api.example.test' }],
        paths: {
          '/reports{.format}': { get: { operationId: 'listReports', responses: { '200': { description: 'ok' } } } },
          '/reports/{id}{.format}': {
            get: {
              operationId: 'getReport',
              parameters: [{ name: 'id', in: 'path', required: true, schema: str }, { name: '.format', in: 'path', required: true, description: 'json or csv', schema: str }],
              responses: { '200': { description: 'ok' } },
            },
          },
        },
      },
    });
    const one = op(spec, 'get', '/reports/{id}{.format}');
    expect(one.params.map((p) => [p.name, p.style, p.description])).toEqual([['id', 'simple', undefined], ['format', 'label', 'json or csv']]);
    expect(entries(report, 'path-param-unused')).toEqual([]);
    expect(entries(report, 'path-param-undeclared')).toEqual(['/paths/~1reports{.format}/get: Path template parameter `{format}` of `GET /reports{.format}` has no declaration; it is a required string.']);
    const url = (path: string, params: object) => buildRequest(operationSpec(op(spec, 'get', path)), params, { baseURL: spec.info.baseURL, baseHeaders: {} }).url;
    expect(url('/reports/{id}{.format}', { id: '7', format: 'csv' })).toBe('https://api.example.test/reports/7.csv');
    expect(url('/reports{.format}', { format: 'json' })).toBe('https://api.example.test/reports.json');
  });
});

describe('a key written twice in one YAML mapping', () => {
  it('keeps the last value and says where the second one is', async () => {
    const file = join(tempDir('dup-keys'), 'dup.yaml');
    writeFileSync(file, `openapi: 3.0.0\ninfo:\n  title: Dup\n  version: '1'\npaths:\n  /a:\n    get:\n      operationId: getA\n      description: first\n      description: second\n      responses:\n        '200':\n          description: ok\n`);
    const { spec, report } = await importAll(file, 'dup');
    expect(spec.operations[0]!.description).toBe('second');
    const entry = report.find((r) => r.code === 'duplicate-key');
    expect(entry).toMatchObject({ level: 'warning' });
    expect(entry!.message).toContain('dup.yaml:10:7');
  });
});

describe('body fields the server owns (readOnly)', () => {
  it('are no params, readOnly on the field or on the schema it refers to, and rename no other param', async () => {
    const { spec, report } = await importTree(join(tempDir('read-only'), 'doc'), {
      'openapi.yaml': {
        openapi: '3.0.3',
        info: { title: 'Owned', version: '1' },
        paths: {
          '/notes/{id}': {
            put: {
              operationId: 'putNote',
              parameters: [
                { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
                { name: 'revision', in: 'query', schema: { type: 'integer' } },
              ],
              requestBody: {
                content: {
                  'application/json': {
                    schema: {
                      type: 'object',
                      properties: {
                        id: { type: 'string', readOnly: true },
                        revision: { type: 'integer', readOnly: true },
                        createdTime: { $ref: '#/components/schemas/ServerTimestamp' },
                        text: { type: 'string' },
                      },
                    },
                  },
                },
              },
              responses: { '200': { description: 'ok' } },
            },
          },
        },
        components: { schemas: { ServerTimestamp: { type: 'string', format: 'date-time', readOnly: true } } },
      },
    });
    const params = op(spec, 'put', '/notes/{id}').params.map((p) => [p.name, p.in]);
    expect(params).toEqual([['id', 'path'], ['revision', 'query'], ['text', 'body']]);
    expect(report.filter((r) => r.code === 'param-renamed')).toEqual([]);
  });
});

describe('an array body that also lists properties', () => {
  it('is the array its type says (one whole-body param), not an object of those properties', async () => {
    // FormAPI's batch body: `type: array`, `items`, and the single submission's `properties` beside them.
    const { spec } = await importTree(join(tempDir('array-body-properties'), 'doc'), {
      'openapi.yaml': {
        openapi: '3.0.3',
        info: { title: 'Batch', version: '1' },
        paths: {
          '/submissions/batch': {
            post: {
              operationId: 'batchSubmissions',
              requestBody: {
                required: true,
                content: {
                  'application/json': {
                    schema: { type: 'array', items: { type: 'object', properties: { data: { type: 'object' } } }, properties: { data: { type: 'object' }, test: { type: 'boolean' } }, required: ['data'] },
                  },
                },
              },
              responses: { '200': { description: 'ok' } },
            },
          },
        },
      },
    });
    const batch = op(spec, 'post', '/submissions/batch');
    expect(batch.body?.flattened).toBe(false);
    const schema = batch.body!.schema;
    expect(schema.kind === 'ref' ? spec.types[schema.name]!.shape.kind : schema.kind).toBe('array');
    expect(batch.params.map((p) => p.name)).toEqual([]);
    const tool = buildToolTable(spec).table.tools.find((t) => t.name === batch.names.mcpTool)!;
    expect((tool.inputSchema.properties as Record<string, { type?: unknown }>).body?.type).toBe('array');
  });
});
