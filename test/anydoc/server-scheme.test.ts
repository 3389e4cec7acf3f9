/**
 * A server URL that names its host but no scheme (`//api.example.test/v1`, a
 * network-path reference, as converters write a Swagger 2.0 `host` without
 * `schemes`). It used to be a relative base URL: the packages' default then
 * failed every call (fetch cannot resolve `//…`). Now `https:` is assumed,
 * with an info entry, for the document's server, its template and an
 * operation's own server alike.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Imported } from '../support/pipeline.js';
import { entries, importTree, op, tempDir } from './support.js';

const ok = { '200': { description: 'ok' } };

describe('a server URL without a scheme', () => {
  let imported: Imported;
  let templated: Imported;
  beforeAll(async () => {
    const dir = tempDir('server-scheme');
    imported = await importTree(join(dir, 'plain'), {
      'openapi.yaml': {
        openapi: '3.0.3',
        info: { title: 'Schemeless', version: '1' },
        servers: [{ url: '//api.example.test/v1/' }],
        paths: {
          '/notes': { get: { responses: ok } },
          '/files': { servers: [{ url: '//files.example.test' }], get: { responses: ok } },
        },
      },
    });
    templated = await importTree(join(dir, 'templated'), {
      'openapi.yaml': {
        openapi: '3.0.3',
        info: { title: 'Regional', version: '1' },
        servers: [{ url: '//{region}.example.test', variables: { region: { default: 'eu' } } }],
        paths: { '/notes': { get: { responses: ok } } },
      },
    });
  });

  it('is sent over https, reported as an assumption and no longer as relative', () => {
    expect(imported.spec.info.baseURL).toBe('https://api.example.test/v1');
    expect(entries(imported.report, 'server-scheme-assumed')).toEqual(['/servers/0: Server URL `//api.example.test/v1/` names no scheme; `https:` is assumed (another one is given with the base URL option).']);
    expect(entries(imported.report, 'relative-server')).toEqual([]);
  });

  it('holds for an operation\'s own server and a server template', () => {
    expect(op(imported.spec, 'get', '/files').baseURL).toBe('https://files.example.test');
    expect(entries(imported.report, 'operation-server-relative')).toEqual([]);
    expect(templated.spec.info).toMatchObject({ baseURL: 'https://eu.example.test', baseURLTemplate: 'https://{region}.example.test' });
  });
});
