/**
 * A prefix every path shares that says where the API lives (`/api/v2/`,
 * `/v1/`, Twilio's `/2010-04-01/`, Google's `/gmail/v1/`) names nothing: a new target's inferred
 * config rewrites it away for naming (`client.users.list()`, as Stripe's SDK
 * names `/v1/customers` `customers`), while requests keep the path. A prefix
 * that is a resource, or that some path does not share, stays.
 */
import { describe, expect, it } from 'vitest';
import { inferConfig } from '../../generator/normalize/config.js';
import { structuralPrefix } from '../../generator/normalize/path-prefix.js';
import { op, importTree, tempDir } from './support.js';

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } };
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

describe('structuralPrefix', () => {
  it('finds the shared api/version/date segments that each path follows with a static one', () => {
    expect(structuralPrefix(['/api/v2/users', '/api/v2/users/{id}', '/api/v2/orders'])).toBe('/api/v2/');
    expect(structuralPrefix(['/v1/charges', '/v1/customers/{id}'])).toBe('/v1/');
    expect(structuralPrefix(['/2010-04-01/Accounts.json', '/2010-04-01/Accounts/{Sid}/Calls.json'])).toBe('/2010-04-01/');
    expect(structuralPrefix(['/v1beta2/models', '/v1beta2/tunedModels'])).toBe('/v1beta2/');
    expect(structuralPrefix(['/rest/api/3/issue', '/rest/api/3/project'])).toBe('/rest/api/');
    // The API's name before its version, as Google's documents write them.
    expect(structuralPrefix(['/gmail/v1/users/{userId}/drafts', '/gmail/v1/users/{userId}/messages'])).toBe('/gmail/v1/');
    expect(structuralPrefix(['/youtube/v3/videos', '/youtube/v3/api/channels'])).toBe('/youtube/v3/');
  });

  it('keeps a prefix that is a resource, one some path lacks, or one a path ends at or follows with a param', () => {
    expect(structuralPrefix(['/pets', '/pets/{id}'])).toBeUndefined();
    expect(structuralPrefix(['/v1/users', '/v2/users'])).toBeUndefined();
    expect(structuralPrefix(['/api/users', '/health'])).toBeUndefined();
    expect(structuralPrefix(['/v1', '/v1/users'])).toBeUndefined();
    expect(structuralPrefix(['/v1/{+name}:publish', '/v1/topics'])).toBeUndefined();
    expect(structuralPrefix(['/api/v1/users', '/api/v1/{id}'])).toBe('/api/');
    expect(structuralPrefix(['/api/v1/users', '/api/v2/users'])).toBe('/api/');
    expect(structuralPrefix(['/gmail/v1/users', '/drive/v1/files'])).toBeUndefined();
    expect(structuralPrefix(['/users/v1', '/users/v1/{id}'])).toBeUndefined();
    expect(structuralPrefix(['/users/{id}/v1/x', '/users/{id}/v1/y'])).toBeUndefined();
    expect(structuralPrefix([])).toBeUndefined();
  });

  it('goes into a new target inferred config as a path rewrite, and only when found', () => {
    const doc = (paths: string[]) => ({ info: { title: 'Shop' }, paths: Object.fromEntries(paths.map((p) => [p, {}])) });
    expect(inferConfig(doc(['/api/v2/users', '/api/v2/orders']), 'shop').pathRewrites).toEqual([{ from: '/api/v2/', to: '/' }]);
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
