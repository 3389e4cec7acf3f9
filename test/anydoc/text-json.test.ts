/**
 * `text/json` is JSON (ASP.NET offers it beside `application/json`; some
 * documents offer it alone, rumble.run's scan options). A request body of
 * only `text/json` was a raw text body: its object schema became a string
 * the caller had to serialize, and a `text/json` response was returned as a
 * string. Now both are JSON, sent and read with the document's type; where
 * `application/json` is offered too, it is the one used.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Imported } from '../support/pipeline.js';
import type { Built } from '../support/pipeline.js';
import type { Recorder } from '../support/http-recorder.js';
import { clientMethod, op, recordedApi, tempDir } from './support.js';

const scan = { type: 'object', required: ['rate'], properties: { rate: { type: 'integer' }, targets: { type: 'array', items: { type: 'string' } } } };
const site = [{ name: 'site', in: 'query', required: true, schema: { type: 'string' } }];

describe('text/json', () => {
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('text-json', join(tempDir('text-json'), 'doc'), (url) => ({
      openapi: '3.0.3',
      info: { title: 'Scans', version: '1' },
      servers: [{ url }],
      paths: {
        '/scans': {
          put: {
            operationId: 'scanSite',
            parameters: site,
            requestBody: { required: true, content: { 'text/json': { schema: scan } } },
            responses: { '200': { description: 'ok', content: { 'text/json': { schema: { type: 'object', properties: { id: { type: 'string' } } } } } } },
          },
        },
        '/sites': {
          post: {
            operationId: 'createSite',
            requestBody: { content: { 'text/json': { schema: scan }, 'application/json': { schema: scan }, 'text/plain': { schema: { type: 'string' } } } },
            responses: { '200': { description: 'ok', content: { 'text/plain': { schema: { type: 'string' } }, 'text/json': { schema: scan }, 'application/json': { schema: scan } } } },
          },
        },
      },
    })));
  });
  afterAll(() => rec.close());

  it('is a JSON body and a JSON response', () => {
    const put = op(imported.spec, 'put', '/scans');
    expect([put.body?.contentType, put.body?.encoding, put.responseKind, put.response?.contentType]).toEqual(['text/json', undefined, undefined, 'text/json']);
    expect(put.params.map((p) => `${p.in}:${p.name}`)).toEqual(['query:site', 'body:rate', 'body:targets']);
  });

  it('gives way to application/json when both are offered', () => {
    const post = op(imported.spec, 'post', '/sites');
    expect([post.body?.contentType, post.responseKind, post.response?.contentType]).toEqual(['application/json', undefined, 'application/json']);
  });

  it('is sent as JSON with its own type, and its response parsed', async () => {
    rec.route('PUT', /./, () => ({ headers: { 'content-type': 'text/json' }, body: '{"id":"scan_1"}' }));
    const scanSite = await clientMethod(built, op(imported.spec, 'put', '/scans'));
    expect(await scanSite({ site: 's1', rate: 5, targets: ['10.0.0.0/24'] })).toEqual({ id: 'scan_1' });
    const sent = rec.requests.at(-1)!;
    expect([sent.url, sent.headers['content-type'], sent.json()]).toEqual(['/scans?site=s1', 'text/json', { rate: 5, targets: ['10.0.0.0/24'] }]);
  });
});
