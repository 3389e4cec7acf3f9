/**
 * An example's placeholder for a scalar deep in a body is of the scalar's own
 * type: Portfolio Optimizer's `portfolios[].portfolioValues[]` (numbers, five
 * levels below the body) got `'x'`, and the README example did not
 * type-check. Arrays and objects that deep are still `[]` and `{}`. An enum's
 * placeholder is its first value that is not empty: Brex's `dataset` path
 * param lists `''` first, and the README's first example was a call that
 * fails before a request.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emitClient } from '../../generator/emit/client/index.js';
import { importTree, tempDir } from './support.js';

// `portfolios[].holdings[].values[]`: the numbers sit five levels below the field.
const values = { type: 'array', items: { type: 'number', minimum: 0, exclusiveMinimum: true } };
const holding = { type: 'object', required: ['values', 'live'], properties: { values, live: { type: 'boolean' } } };
const portfolio = { type: 'object', required: ['holdings'], properties: { holdings: { type: 'array', items: holding } } };
const body = { type: 'object', required: ['portfolios'], properties: { portfolios: { type: 'array', items: portfolio } } };

describe('example placeholders deep in a body', () => {
  it('keep the type of a number or boolean five levels down', async () => {
    const { spec } = await importTree(join(tempDir('deep-examples'), 'doc'), {
      'openapi.yaml': {
        openapi: '3.0.3',
        info: { title: 'Portfolios', version: '1' },
        servers: [{ url: 'https://api.example.test' }],
        paths: {
          '/analysis': {
            post: {
              operationId: 'analyze',
              requestBody: { required: true, content: { 'application/json': { schema: body } } },
              responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { ok: { type: 'boolean' } } } } } } },
            },
          },
        },
      },
    });
    const readme = emitClient(spec).get('client/README.md')!;
    expect(readme).toContain('portfolios: [{ holdings: [{ values: [0], live: true }] }]');
    expect(readme).not.toContain("'x'");
  });

  it('take the first value of an enum that is not empty', async () => {
    const { spec } = await importTree(join(tempDir('deep-examples'), 'doc'), {
      'openapi.yaml': {
        openapi: '3.0.3',
        info: { title: 'Companies', version: '1' },
        servers: [{ url: 'https://api.example.test' }],
        paths: {
          '/company/{id}/{dataset}': {
            get: {
              operationId: 'getCompany',
              parameters: [
                { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
                { name: 'dataset', in: 'path', required: true, schema: { type: 'string', enum: ['', 'mini', 'full'] } },
              ],
              responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } },
            },
          },
        },
      },
    });
    const readme = emitClient(spec).get('client/README.md')!;
    expect(readme).toContain("await client.company.retrieve('mini', { id: 'id' });");
  });
});
