/**
 * Method names of the writes on one path. A PUT beside a PATCH is `update`
 * and the PATCH `edit` (as Stainless's SDKs name them); a POST beside a PUT or
 * PATCH on a path that is no collection makes something new (`create`), the
 * PUT or PATCH updates. Each pair used to share `update` and fall back to
 * operationId names (`networkServicesPartialUpdate`, `postV3ProjectsIdLabels`).
 * A POST alone on a singleton still updates it (`settings.update`).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importTree, op, tempDir } from './support.js';

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string' } } } } } } };
const body = { content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string' } } } } } };
const id = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];

describe('the writes of one path', () => {
  it('are named apart: PUT update and PATCH edit; POST create beside them', async () => {
    const { spec, report } = await importTree(join(tempDir('write-verbs'), 'doc'), {
      'openapi.yaml': {
        openapi: '3.0.3',
        info: { title: 'Writes', version: '1' },
        servers: [{ url: 'https://api.example.com' }],
        paths: {
          '/projects/{id}/labels': {
            parameters: id,
            get: { operationId: 'getV3ProjectsIdLabels', responses: ok },
            post: { operationId: 'postV3ProjectsIdLabels', requestBody: body, responses: ok },
            put: { operationId: 'putV3ProjectsIdLabels', requestBody: body, responses: ok },
          },
          '/network-services/{id}': {
            parameters: id,
            get: { operationId: 'networkServicesRead', responses: ok },
            put: { operationId: 'networkServicesUpdate', requestBody: body, responses: ok },
            patch: { operationId: 'networkServicesPartialUpdate', requestBody: body, responses: ok },
          },
          '/settings': {
            get: { operationId: 'getSettings', responses: ok },
            post: { operationId: 'setSettings', requestBody: body, responses: ok },
          },
        },
      },
    });
    const name = (method: string, path: string) => op(spec, method, path).names.clientPath.join('.');
    expect([name('get', '/projects/{id}/labels'), name('post', '/projects/{id}/labels'), name('put', '/projects/{id}/labels')]).toEqual(['projects.labels.retrieve', 'projects.labels.create', 'projects.labels.update']);
    expect([name('put', '/network-services/{id}'), name('patch', '/network-services/{id}')]).toEqual(['networkServices.update', 'networkServices.edit']);
    expect(op(spec, 'patch', '/network-services/{id}').kind).toBe('update');
    expect(name('post', '/settings')).toBe('settings.update');
    expect(report.filter((r) => r.code === 'name-collision-resolved')).toEqual([]);
  });
});
