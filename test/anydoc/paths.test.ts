/**
 * Paths that collide once named: format suffixes (`Addresses.json` vs
 * `Addresses/{Sid}.json`), a trailing path param, `/things` vs `/things/`,
 * the same words in another case, and path keys carrying a query string
 * (`/responses?beta=true`, as in OpenAI's document). The most specific route
 * keeps the natural name; the report says who got what; the query string is
 * sent on every request.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../generator/commands/import.js';
import { generateAndBuild, runBin, scratchDir, typecheckClients, writeTree, type Built, type Imported } from '../support/pipeline.js';
import { entries, importTree, op, tempDir } from './support.js';

const str = { type: 'string' };
const path = (name: string) => ({ name, in: 'path', required: true, schema: str });
const json = (schema: object) => ({ '200': { description: 'ok', content: { 'application/json': { schema } } } });
const item = json({ type: 'object', properties: { sid: str } });
const get = (operationId: string, extra: object = {}) => ({ get: { operationId, responses: item, ...extra } });

const doc = {
  openapi: '3.1.0',
  info: { title: 'Paths Fixture', version: '1' },
  servers: [{ url: 'https://api.example.com' }],
  paths: {
    '/Accounts/{AccountSid}/Addresses.json': {
      parameters: [path('AccountSid')],
      get: { operationId: 'ListAddress', responses: json({ type: 'object', properties: { addresses: { type: 'array', items: { type: 'object' } } } }) },
      post: { operationId: 'CreateAddress', responses: item },
    },
    '/Accounts/{AccountSid}/Addresses/{Sid}.json': {
      parameters: [path('AccountSid'), path('Sid')],
      get: { operationId: 'FetchAddress', responses: item },
      post: { operationId: 'UpdateAddress', responses: item },
      delete: { operationId: 'DeleteAddress', responses: { '204': { description: 'gone' } } },
    },
    '/things': get('listThings', { responses: json({ type: 'array', items: str }) }),
    '/things/': get('listThingsSlash', { responses: json({ type: 'array', items: str }) }),
    '/Things': get('listThingsCapitalized', { responses: json({ type: 'array', items: str }) }),
    '/things.json': get('listThingsJson', { responses: json({ type: 'array', items: str }) }),
    '/things/{id}': get('getThing', { parameters: [path('id')] }),
    '/things/{id}/{version}': get('getThingVersion', { parameters: [path('id'), path('version')] }),
    '/reports/{report_id}': get('getReport', { parameters: [path('report_id')] }),
    // An operationId that is the route and a counter (Jellyfin's `GetDescriptionXml_2`): the counter alone names nothing.
    // A bare number is an item's fixed id (Box's root folder), no resource named `0`.
    '/users/{user_id}/folders/0': { put: { operationId: 'put_users_id_folders_0', parameters: [path('user_id')], responses: item } },
    '/description': get('GetDescriptionXml'),
    '/description.xml': get('GetDescriptionXml_2'),
    // A bulk delete and update beside the item's (Directus): the item's route keeps the name.
    '/comments': {
      patch: { operationId: 'updateComments', responses: item },
      delete: { operationId: 'deleteComments', responses: { '204': { description: 'gone' } } },
    },
    '/comments/{id}': {
      parameters: [path('id')],
      patch: { operationId: 'updateComment', responses: item },
      delete: { operationId: 'deleteComment', responses: { '204': { description: 'gone' } } },
    },
    '/reports/summary': get('getReportSummary'),
    '/jobs/{job_id}:cancel': { post: { operationId: 'jobs.cancel', parameters: [path('job_id')], responses: item } },
    '/jobs:batchGet': { get: { operationId: 'jobs.batchGet', responses: item } },
    '/v1/{+name}:publish': { post: { operationId: 'topics.publish', parameters: [path('name')], responses: item } },
    '/responses': { post: { operationId: 'createResponse', responses: item } },
    '/responses?beta=true': { post: { operationId: 'beta_createResponse', parameters: [{ name: 'include', in: 'query', schema: str }], responses: item } },
    // Query params written into the path key as templates (icons8): no variant, so no namespace.
    '/icons/total?since={since}': { get: { operationId: 'Totals', parameters: [path('since')], responses: item } },
  },
};

let imported: Imported;
const dir = tempDir('paths');
const key = (method: string, p: string) => op(imported.spec, method, p).key;

beforeAll(async () => {
  imported = await importTree(dir, { 'openapi.json': doc });
});

describe('paths that collide after naming', () => {
  it('format suffixes are not words: `Addresses.json` is the collection, `Addresses/{Sid}.json` its items', () => {
    expect(['get', 'post'].map((m) => key(m, '/Accounts/{AccountSid}/Addresses.json'))).toEqual(['accounts.addresses.list', 'accounts.addresses.create']);
    expect(['get', 'post', 'delete'].map((m) => key(m, '/Accounts/{AccountSid}/Addresses/{Sid}.json'))).toEqual(['accounts.addresses.retrieve', 'accounts.addresses.update', 'accounts.addresses.delete']);
    expect(op(imported.spec, 'get', '/Accounts/{AccountSid}/Addresses/{Sid}.json').names).toMatchObject({ cliGroup: 'accounts:addresses', cliCommand: 'retrieve', clientPath: ['accounts', 'addresses', 'retrieve'] });
  });

  it('`/things` keeps `list` over `/things/`, `/Things` and `/things.json`, which are named by their operationIds', () => {
    expect(key('get', '/things')).toBe('things.list');
    expect(key('get', '/things/')).toBe('things.list_things_slash');
    expect(key('get', '/Things')).toBe('things.list_things_capitalized');
    expect(key('get', '/things.json')).toBe('things.list_things_json');
    const report = entries(imported.report, 'name-collision-resolved');
    expect(report).toContainEqual(expect.stringMatching(/^\/paths\/~1things\/get: `GET \/things` and .* all become `things.list`; this one keeps it/));
    expect(report).toContainEqual(expect.stringMatching(/^\/paths\/~1things~1\/get: .* this one is named `things.list_things_slash` after its operationId/));
    expect(report).toContainEqual(expect.stringMatching(/^\/paths\/~1Things\/get: .* this one is named `things.list_things_capitalized`/));
    expect(report).toContainEqual(expect.stringMatching(/^\/paths\/~1things.json\/get: .* this one is named `things.list_things_json`/));
  });

  it('an operationId that restates the route but for a number names the clash by the whole id, never by the number', () => {
    expect(key('get', '/description')).toBe('description.retrieve');
    expect(key('get', '/description.xml')).toBe('description.get_description_xml_2');
    expect(op(imported.spec, 'get', '/description.xml').names).toMatchObject({ clientPath: ['description', 'getDescriptionXml2'], cliCommand: 'get-description-xml-2' });
  });

  it('a bare-number segment names an item, as a path param would', () => {
    expect(op(imported.spec, 'put', '/users/{user_id}/folders/0').names).toMatchObject({ clientPath: ['users', 'folders', 'update'], cliGroup: 'users:folders', cliCommand: 'update' });
  });

  it('a trailing path param: `/things/{id}` keeps `retrieve`; a literal segment does not collide at all', () => {
    expect(key('get', '/things/{id}')).toBe('things.retrieve');
    expect(key('get', '/things/{id}/{version}')).toBe('things.get_thing_version');
    expect(entries(imported.report, 'name-collision-resolved')).toContainEqual(expect.stringMatching(/^\/paths\/~1things~1\{id\}~1\{version\}\/get: `GET \/things\/\{id\}` and `GET \/things\/\{id\}\/\{version\}` both become `things.retrieve`; this one is named `things.get_thing_version`/));
    expect(key('get', '/reports/{report_id}')).toBe('reports.retrieve');
    expect(key('get', '/reports/summary')).toBe('reports.summary.retrieve');
  });

  it("an item's method (`delete`, `update`) stays with the route that ends at the item; the bulk one is named by its operationId", () => {
    expect([key('delete', '/comments/{id}'), key('patch', '/comments/{id}')]).toEqual(['comments.delete', 'comments.update']);
    expect([key('delete', '/comments'), key('patch', '/comments')]).toEqual(['comments.delete_comments', 'comments.update_comments']);
    expect(entries(imported.report, 'name-collision-resolved')).toContainEqual(
      '/paths/~1comments~1{id}/delete: `DELETE /comments` and `DELETE /comments/{id}` both become `comments.delete`; this one keeps it (the most specific route: fewest suffixes, slashes, query strings and capitals, ending at an item for an item\'s method, most literal segments).',
    );
  });

  it('type prefixes the same after naming take their operationIds, reported once and truly', async () => {
    // Two routes whose type prefix is `ConfigSecretRetrieve`, in a target without config (Doppler's document).
    const secrets = await importTree(join(dir, 'secrets'), {
      'openapi.json': { ...doc, paths: { '/config/secret': { get: { operationId: 'secretsGet', responses: item } }, '/config/secrets': { get: { operationId: 'secretsList', responses: item } } } },
    });
    expect(['/config/secret', '/config/secrets'].map((p) => op(secrets.spec, 'get', p).names.typePrefix)).toEqual(['SecretsGet', 'SecretsList']);
    expect(entries(secrets.report, 'type-prefix-expanded')).toEqual([]);
    expect(entries(secrets.report, 'name-collision-resolved')).toEqual([
      expect.stringMatching(/^\/paths\/~1config~1secret\/get: typePrefix `ConfigSecretRetrieve` is shared by 2 operations; this one is `SecretsGet` \(after its operationId\)/),
      expect.stringMatching(/^\/paths\/~1config~1secrets\/get: typePrefix `ConfigSecretRetrieve` is shared by 2 operations; this one is `SecretsList`/),
    ]);
  });

  it('custom methods (`/jobs/{job_id}:cancel`, `/jobs:batchGet`) are named by their verb', () => {
    expect(op(imported.spec, 'post', '/jobs/{job_id}:cancel').names).toMatchObject({ clientPath: ['jobs', 'cancel'], cliGroup: 'jobs', cliCommand: 'cancel' });
    expect(key('get', '/jobs:batchGet')).toBe('jobs.batch_get');
    // An RFC 6570 operator in the template names the declared param.
    expect(op(imported.spec, 'post', '/v1/{+name}:publish').params.map((p) => `${p.in}:${p.name}`)).toEqual(['path:name']);
    expect(key('post', '/v1/{+name}:publish')).toBe('v1.publish');
  });

  it('a query string in a path key: named under a namespace from the query, reported, the plain route keeps its name', () => {
    expect(key('post', '/responses')).toBe('responses.create');
    expect(key('post', '/responses?beta=true')).toBe('beta.responses.create');
    expect(entries(imported.report, 'path-query-namespace')).toEqual([expect.stringMatching(/^\/paths\/~1responses\?beta=true\/post: Path key has the fixed query `\?beta=true`: named under `beta`/)]);
  });

  it('a query of params in a path key (`?since={since}`) names nothing: no `since_since` namespace', () => {
    expect(op(imported.spec, 'get', '/icons/total?since={since}').names).toMatchObject({ clientPath: ['icons', 'total', 'retrieve'], cliGroup: 'icons:total' });
  });
});

describe('a target with a hand-written config', () => {
  it('resolves clashes that have a most specific route the same way (a tie still fails, see bad-input.test.ts)', async () => {
    const configDir = join(dir, 'configured');
    writeTree(configDir, { 'config.yaml': "target: configured\nscope: { include: ['/**'] }\npackages: { client: x, cli: x-cli, mcp: x-mcp, clientClass: X, cliBin: x, mcpBin: x-mcp, toolPrefix: x_, baseURLEnv: X_BASE_URL }\nauth: []\n" });
    const { spec, report } = await importDocument({ from: join(dir, 'openapi.json'), target: 'configured', configDir, root: join(dir, 'configured-root') });
    expect(op(spec, 'post', '/responses?beta=true').key).toBe('beta.responses.create');
    expect(op(spec, 'get', '/things').key).toBe('things.list');
    expect(entries(report, 'name-collision-resolved').length).toBeGreaterThan(0);
  });
});

describe('built', () => {
  let built: Built;
  beforeAll(async () => {
    built = await generateAndBuild(imported.spec, join(scratchDir, 'test-anydoc-paths'));
  }, 120_000);

  it('sends a path key’s own query string on every request, before the params', async () => {
    const plain = await runBin(built.cliBin, ['beta:responses', 'create', '--dry-run', '--format', 'json']);
    expect(plain.code, plain.stderr).toBe(0);
    expect(JSON.parse(plain.stdout).url).toBe('https://api.example.com/responses?beta=true');
    const withQuery = await runBin(built.cliBin, ['beta:responses', 'create', '--include', 'usage', '--dry-run', '--format', 'json']);
    expect(JSON.parse(withQuery.stdout).url).toBe('https://api.example.com/responses?beta=true&include=usage');
    const total = await runBin(built.cliBin, ['icons:total', 'retrieve', '--since', '2020-01-01', '--dry-run', '--format', 'json']);
    expect(JSON.parse(total.stdout).url).toBe('https://api.example.com/icons/total?since=2020-01-01');
  });

  it('the client type-checks', () => {
    const dirClient = join(built.dir, 'client');
    expect(typecheckClients([dirClient]).get(dirClient)).toEqual([]);
  }, 120_000);
});
