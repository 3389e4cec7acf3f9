/**
 * A server URL that names its host but no scheme (`//api.example.test/v1`, a
 * network-path reference, as converters write a Swagger 2.0 `host` without
 * `schemes`; or the bare host `api.calorieninjas.com`). It used to be a
 * relative base URL: the packages' default then failed every call (fetch
 * cannot resolve `//…`), or there was none. Now `https:` is assumed, with an
 * info entry, for the document's server, its template and an operation's own
 * server alike. A relative path (`v1.2/api`, `/v1`) stays relative.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Imported } from '../support/pipeline.js';
import { entries, importTree, op, tempDir } from './support.js';

const ok = { '200': { description: 'ok' } };

describe('a server URL without a scheme', () => {
  let imported: Imported;
  let templated: Imported;
  let bare: Imported;
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
    bare = await importTree(join(dir, 'bare'), {
      'openapi.yaml': {
        openapi: '3.0.3',
        info: { title: 'Bare', version: '1' },
        servers: [{ url: 'api.example.test:8443/v1' }],
        paths: {
          '/notes': { get: { responses: ok } },
          '/files': { servers: [{ url: 'files.example.test' }], get: { responses: ok } },
          '/old': { servers: [{ url: 'v1.2/api' }], get: { responses: ok } },
        },
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

  it('holds for a URL that starts with a host name, and not for a relative path', () => {
    expect(bare.spec.info.baseURL).toBe('https://api.example.test:8443/v1');
    expect(op(bare.spec, 'get', '/files').baseURL).toBe('https://files.example.test');
    expect(op(bare.spec, 'get', '/old').baseURL).toBeUndefined();
    expect(entries(bare.report, 'server-scheme-assumed')).toEqual(['/servers/0: Server URL `api.example.test:8443/v1` names no scheme; `https:` is assumed (another one is given with the base URL option).']);
    expect(entries(bare.report, 'relative-server')).toEqual([]);
    expect(entries(bare.report, 'operation-server-relative')).toEqual(['/paths/~1old/servers: The operation\'s own server `v1.2/api` is relative; the document\'s base URL is used for it.']);
  });
});
