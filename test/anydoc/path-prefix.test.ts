/**
 * A prefix every path shares that says where the API lives (`/api/v2/`,
 * `/v1/`, Twilio's `/2010-04-01/`, Google's `/gmail/v1/`) names nothing: a new target's inferred
 * config rewrites it away for naming (`client.users.list()`, as Stripe's SDK
 * names `/v1/customers` `customers`), while requests keep the path. A prefix
 * that is a resource, or that some path does not share, stays.
 */
import { describe, expect, it } from 'vitest';
import { inferConfig } from '../../generator/normalize/config.js';
import { structuralRewrites } from '../../generator/normalize/path-prefix.js';
import { op, importTree, tempDir } from './support.js';

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } };
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

/** The rewrites of a new target whose document has `paths`. */
const rewrites = (paths: string[]) => Object.fromEntries(structuralRewrites(paths).map((r) => [r.from, r.to]));
const under = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}r${i}`);

describe('structuralRewrites', () => {
  it('leaves out the shared api/version/date segments that each path follows with a static one', () => {
    expect(rewrites(['/api/v2/users', '/api/v2/users/{id}', '/api/v2/orders'])).toEqual({ '/api/v2/': '/' });
    expect(rewrites(['/v1/charges', '/v1/customers/{id}'])).toEqual({ '/v1/': '/' });
    expect(rewrites(['/2010-04-01/Accounts.json', '/2010-04-01/Accounts/{Sid}/Calls.json'])).toEqual({ '/2010-04-01/': '/' });
    expect(rewrites(['/v1beta2/models', '/v1beta2/tunedModels'])).toEqual({ '/v1beta2/': '/' });
    // The API's name before its version, as Google's documents write them.
    expect(rewrites(['/gmail/v1/users/{userId}/drafts', '/gmail/v1/users/{userId}/messages'])).toEqual({ '/gmail/v1/': '/' });
    expect(rewrites(['/youtube/v3/videos', '/youtube/v3/api/channels'])).toEqual({ '/youtube/v3/': '/' });
  });

  it('takes a bare number after a structural word or an API name, or first, for a version', () => {
    expect(rewrites(['/rest/api/3/issue', '/rest/api/3/project'])).toEqual({ '/rest/api/3/': '/' });
    expect(rewrites(['/api/3/issue', '/api/3/project'])).toEqual({ '/api/3/': '/' });
    expect(rewrites(['/2.0/repositories', '/2.0/users/{name}'])).toEqual({ '/2.0/': '/' });
    expect(rewrites(['/search/1/indexes', '/search/1/keys'])).toEqual({ '/search/1/': '/' });
    // Further in, a number is a name: Box's root folder.
    expect(rewrites(['/users/{id}/folders/0', '/users/{id}/folders/0/items'])).toEqual({});
  });

  it('leaves out the prefix nine in ten paths share for those, and only the versions of the others', () => {
    expect(rewrites([...under('/rest/api/3/', 18), '/rest/atlassian-connect/1/addons', '/rest/atlassian-connect/1/addons/{key}'])).toEqual({
      '/rest/atlassian-connect/1/': '/atlassian-connect/',
      '/rest/api/3/': '/',
    });
    expect(rewrites([...under('/api/v1/', 9), '/webhook_example/alarm'])).toEqual({ '/api/v1/': '/' });
    // Eight in ten is no majority: each prefix loses its version only.
    expect(rewrites([...under('/api/v1/', 8), '/hooks/v1/a', '/hooks/v1/b'])).toEqual({ '/api/v1/': '/api/', '/hooks/v1/': '/hooks/' });
  });

  it('leaves out a version in the middle of the leading segments', () => {
    expect(rewrites(['/apis/batch/v1/jobs', '/apis/apps/v1/deployments', '/api/v1/pods'])).toEqual({
      '/api/v1/': '/api/',
      '/apis/apps/v1/': '/apis/apps/',
      '/apis/batch/v1/': '/apis/batch/',
    });
    expect(rewrites(['/gmail/v1/users', '/drive/v1/files'])).toEqual({ '/drive/v1/': '/drive/', '/gmail/v1/': '/gmail/' });
  });

  it('keeps the versions where leaving them out would name two paths alike; the majority keeps its names', () => {
    expect(rewrites(['/v2/feeds', '/v3/feeds', '/v3/feeds/{id}'])).toEqual({});
    expect(rewrites(['/api/v1/users', '/api/v2/users'])).toEqual({ '/api/': '/' });
    expect(rewrites(['/apis/apps/v1/deployments', '/apis/apps/v1beta1/deployments', '/apis/batch/v1/jobs', '/api/v1/pods'])).toEqual({
      '/api/v1/': '/api/',
      '/apis/batch/v1/': '/apis/batch/',
    });
    // Beside the majority's `/rest/api/3/atlassian-connect/addons`, the minority keeps its version, spelled `v1`.
    expect(rewrites([...under('/rest/api/3/', 8), '/rest/api/3/atlassian-connect/addons', '/rest/atlassian-connect/1/addons'])).toEqual({
      '/rest/atlassian-connect/1/': '/atlassian-connect/v1/',
      '/rest/api/3/': '/',
    });
    // A path no rewrite moves wins over the majority.
    expect(rewrites([...under('/v1/', 9), '/users', '/v1/users'])).toEqual({});
  });

  it('keeps a prefix that is a resource, one a path ends at or follows with a param', () => {
    expect(rewrites(['/pets', '/pets/{id}'])).toEqual({});
    expect(rewrites(['/api/users', '/health'])).toEqual({});
    expect(rewrites(['/v1', '/v1/users'])).toEqual({});
    expect(rewrites(['/v1/{+name}:publish', '/v1/topics'])).toEqual({});
    expect(rewrites(['/api/v1/users', '/api/v1/{id}'])).toEqual({ '/api/': '/' });
    // `/api/{id}` keeps `api`, so `/api/v2/x` does too.
    expect(rewrites([...under('/api/v1/', 18), '/api/{id}', '/api/v2/x'])).toEqual({ '/api/v1/': '/', '/api/v2/': '/api/' });
    expect(rewrites(['/users/v1', '/users/v1/{id}'])).toEqual({});
    expect(rewrites(['/users/{id}/v1/x', '/users/{id}/v1/y'])).toEqual({});
    expect(rewrites([])).toEqual({});
  });

  it('goes into a new target inferred config as path rewrites, longest first, and only when found', () => {
    const doc = (paths: string[]) => ({ info: { title: 'Shop' }, paths: Object.fromEntries(paths.map((p) => [p, {}])) });
    expect(inferConfig(doc(['/api/v2/users', '/api/v2/orders']), 'shop').pathRewrites).toEqual([{ from: '/api/v2/', to: '/' }]);
    expect(inferConfig(doc([...under('/rest/api/3/', 9), '/rest/atlassian-connect/1/addons']), 'shop').pathRewrites).toEqual([
      { from: '/rest/atlassian-connect/1/', to: '/atlassian-connect/' },
      { from: '/rest/api/3/', to: '/' },
    ]);
    expect(inferConfig(doc(['/users', '/orders']), 'shop')).not.toHaveProperty('pathRewrites');
  });
});

describe('a document whose paths all begin /api/v2/', () => {
  it('names resources without the prefix on every surface; the requests keep it', async () => {
    const { spec } = await importTree(tempDir('path-prefix'), {
      'openapi.yaml': {
        openapi: '3.0.3',
        info: { title: 'Shop', version: '1' },
        paths: {
          '/api/v2/users': { get: { operationId: 'listUsers', responses: ok } },
          '/api/v2/users/{id}': { get: { operationId: 'getUser', parameters: [id], responses: ok } },
          '/api/v2/orders': { post: { operationId: 'createOrder', responses: ok } },
        },
      },
    });
    const names = (method: string, path: string) => {
      const o = op(spec, method, path);
      return [o.names.clientPath.join('.'), `${o.names.cliGroup} ${o.names.cliCommand}`, o.names.typePrefix, o.path];
    };
    expect(names('get', '/api/v2/users')).toEqual(['users.list', 'users list', 'UserList', '/api/v2/users']);
    expect(names('get', '/api/v2/users/{id}')).toEqual(['users.retrieve', 'users retrieve', 'UserRetrieve', '/api/v2/users/{id}']);
    expect(names('post', '/api/v2/orders')).toEqual(['orders.create', 'orders create', 'OrderCreate', '/api/v2/orders']);
    expect(spec.resources.map((r) => r.key)).toEqual(['orders', 'users']);
  });
});
