/**
 * `x-stainless-param`: the name a document gives a param for SDKs. The OpenAI
 * document's beta Responses routes take an `openai-beta` header whose schema
 * says `x-stainless-param: betas`, and openai-node's users write `betas: [...]`
 * (examples/responses/multi-agent-streaming.ts). The param takes that name on
 * every surface and is still sent under the document's name; a value that is
 * no identifier is ignored with a warning.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entries, importTree, op, surfaces, tempDir } from './support.js';

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } };

describe('x-stainless-param', () => {
  it('names the param on every surface; the wire name stays', async () => {
    const { spec, report } = await importTree(join(tempDir('sdk-param-names'), 'doc'), {
      'openapi.yaml': {
        openapi: '3.0.3',
        info: { title: 'Beta', version: '1' },
        servers: [{ url: 'https://api.example.com' }],
        paths: {
          '/answers': {
            post: {
              operationId: 'createAnswer',
              parameters: [
                { in: 'header', name: 'openai-beta', schema: { type: 'array', 'x-stainless-param': 'betas', items: { type: 'string', enum: ['multi_agent=v1'] } } },
                { in: 'query', name: 'mode', 'x-stainless-param': 'answer mode', schema: { type: 'string' } },
              ],
              requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { q: { type: 'string' } } } } } },
              responses: ok,
            },
          },
        },
      },
    });
    const names = surfaces(spec, op(spec, 'post', '/answers'));
    // The CLI's flag for an array is singular (`--beta a --beta b`), as for any other array param.
    expect(names.find((n) => n.wire === 'openai-beta')).toEqual({ wire: 'openai-beta', in: 'header', client: 'betas', flag: 'beta', mcp: 'betas' });
    expect(names.find((n) => n.wire === 'mode')?.client).toBe('mode');
    expect(entries(report, 'sdk-param-name')).toEqual([
      expect.stringContaining('"answer mode" is no identifier'),
      expect.stringContaining('Parameter `openai-beta` is `betas` in the client'),
    ]);
  });
});
