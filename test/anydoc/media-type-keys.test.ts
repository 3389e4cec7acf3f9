/**
 * Response `content` keys that are no media types: converters of Swagger 2.0
 * documents sometimes write an example's fields (`cursor`, `total_count`)
 * where the media types go. Such a key made the response binary (a type
 * neither JSON nor text), so a JSON list came back as a raw `Response`, its
 * schema unused. Now the keys are left out with one warning per response:
 * the JSON entry beside them is the response, and a response with nothing
 * else is read by its Content-Type, untyped.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Imported } from '../support/pipeline.js';
import { entries, importTree, op, tempDir } from './support.js';

const example = (value: unknown) => ({ examples: { response: { value } } });

describe('content keys that are no media types', () => {
  let imported: Imported;
  beforeAll(async () => {
    imported = await importTree(join(tempDir('media-type-keys'), 'doc'), {
      'openapi.yaml': {
        openapi: '3.0.3',
        info: { title: 'Keys', version: '1' },
        paths: {
          '/hosts': {
            get: {
              operationId: 'listHosts',
              responses: {
                '200': {
                  description: 'ok',
                  content: {
                    'application/json': { schema: { type: 'object', properties: { results: { type: 'array', items: { type: 'string' } }, total: { type: 'integer' } } } },
                    results: example(['a']),
                    total: example(1),
                  },
                },
              },
            },
          },
          '/token': { post: { operationId: 'createToken', responses: { '201': { description: 'ok', content: { token: example('t'), expiry: example(60) } } } } },
        },
      },
    });
  });

  it('are left out beside a media type: the JSON entry types the response', () => {
    const list = op(imported.spec, 'get', '/hosts');
    expect(list.responseKind).toBeUndefined();
    expect(list.response).toMatchObject({ contentType: 'application/json', status: '200' });
    expect(entries(imported.report, 'media-type-invalid')).toContain('/paths/~1hosts/get/responses/200/content: `results`, `total` are no media types (`type/subtype`): left out.');
  });

  it('leave a response with no media type read by its Content-Type, never empty or binary', () => {
    const token = op(imported.spec, 'post', '/token');
    expect(token.responseKind).toBeUndefined();
    expect(token.response).toBeUndefined();
    expect(entries(imported.report, 'media-type-invalid')).toContain(
      '/paths/~1token/post/responses/201/content: `token`, `expiry` are no media types (`type/subtype`): left out, and with no media type left the response is read by its Content-Type (JSON when the server says so), untyped.',
    );
  });
});
