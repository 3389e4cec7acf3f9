/**
 * API versions and where-the-API-lives prefixes name no resource, on every
 * surface, while requests keep the document's paths. Jira writes most paths
 * under `/rest/api/3/` and its Connect API under `/rest/atlassian-connect/1/`:
 * the shared `/rest/` used to be the only prefix left out, so every name
 * carried the version (`client.api.3.issues.list()`, CLI `api:3:issues`). A
 * prefix nine in ten paths share now goes whole for them, the others lose
 * their version segments (bare numbers too), and a version in the middle of
 * the leading segments (`/apis/batch/v1/jobs`) goes as well, unless two paths
 * would then be named alike.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Recorder } from '../support/http-recorder.js';
import { connectMcp, runBin, type Built, type Imported } from '../support/pipeline.js';
import { op, recordedApi, tempDir } from './support.js';

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { ok: { type: 'boolean' } } } } } } };
const key = { name: 'key', in: 'path', required: true, schema: { type: 'string' } };
const get = { get: { responses: ok } };

/** The `pathRewrites` of the config.yaml the import wrote, where a maintainer sees and edits them. */
function rewrites(imported: Imported): unknown {
  return parse(imported.files.get('spec/fixture/config.yaml')!).pathRewrites;
}

/** Client path, CLI group and command, MCP tool and type prefix of `GET path`. */
function names(imported: Imported, path: string): string[] {
  const o = op(imported.spec, 'get', path);
  return [o.names.clientPath.join('.'), `${o.names.cliGroup} ${o.names.cliCommand}`, o.names.mcpTool, o.names.typePrefix];
}

/** Calls `GET path` (no params) on the client, the CLI and the MCP server; the recorder's request URLs. */
async function callEverywhere(imported: Imported, built: Built, rec: Recorder, env: string, path: string): Promise<string[]> {
  const o = op(imported.spec, 'get', path);
  rec.requests.length = 0;
  const { default: Client } = (await import(pathToFileURL(join(built.dir, 'client/dist/index.js')).href)) as { default: new (o?: object) => Record<string, any> };
  const owner = o.names.clientPath.slice(0, -1).reduce((x: Record<string, any>, k) => x[k], new Client({ baseURL: rec.url }));
  await owner[o.names.clientPath[o.names.clientPath.length - 1]!]();
  const cli = await runBin(built.cliBin, [o.names.cliGroup, o.names.cliCommand], { [env]: rec.url });
  expect(cli.code, cli.stderr).toBe(0);
  const mcp = await connectMcp(built.mcpBin, [], { [env]: rec.url });
  try {
    const result = await mcp.client.callTool({ name: o.names.mcpTool, arguments: {} });
    expect(result.isError).toBeFalsy();
  } finally {
    await mcp.close();
  }
  return rec.requests.map((r) => `${r.method} ${r.url}`);
}

describe('a document with a majority prefix /api/3/ and a side API under /api/connect/1/', () => {
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('version-majority', join(tempDir('version-majority'), 'doc'), (url) => ({
      openapi: '3.0.3',
      info: { title: 'Tracker', version: '3' },
      servers: [{ url }],
      paths: {
        // Ten of eleven paths: the majority.
        ...Object.fromEntries(['issues', 'projects', 'fields', 'filters', 'groups', 'labels', 'myself', 'priorities', 'statuses', 'workflows'].map((r) => [`/api/3/${r}`, get])),
        '/api/connect/1/addons/{key}/properties': { get: { parameters: [key], responses: ok } },
      },
    })));
  }, 120_000);
  afterAll(async () => rec?.close());

  it('names the majority without /api/3/ and the side API without its version, on every surface', () => {
    expect(rewrites(imported)).toEqual([
      { from: '/api/connect/1/', to: '/connect/' },
      { from: '/api/3/', to: '/' },
    ]);
    expect(names(imported, '/api/3/issues')).toEqual(['issues.retrieve', 'issues retrieve', 'tracker_retrieve_issue', 'IssueRetrieve']);
    expect(names(imported, '/api/3/myself')).toEqual(['myself.retrieve', 'myself retrieve', 'tracker_retrieve_myself', 'MyselfRetrieve']);
    expect(names(imported, '/api/connect/1/addons/{key}/properties')).toEqual([
      'connect.addons.properties.retrieve',
      'connect:addons:properties retrieve',
      'tracker_retrieve_connect_addons_property',
      'ConnectAddonPropertyRetrieve',
    ]);
  });

  it('requests the paths as the document writes them', async () => {
    expect(await callEverywhere(imported, built, rec, 'TRACKER_BASE_URL', '/api/3/issues')).toEqual(Array(3).fill('GET /api/3/issues'));
    const o = op(imported.spec, 'get', '/api/connect/1/addons/{key}/properties');
    rec.requests.length = 0;
    const cli = await runBin(built.cliBin, [o.names.cliGroup, o.names.cliCommand, 'jira-addon'], { TRACKER_BASE_URL: rec.url });
    expect(cli.code, cli.stderr).toBe(0);
    expect(rec.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /api/connect/1/addons/jira-addon/properties']);
  });
});

describe('a side API whose names, without its version, would be the majority’s', () => {
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('version-clash', join(tempDir('version-clash'), 'doc'), (url) => ({
      openapi: '3.0.3',
      info: { title: 'Tracker', version: '3' },
      servers: [{ url }],
      paths: {
        ...Object.fromEntries(['issues', 'projects', 'fields', 'filters', 'groups', 'labels', 'myself', 'priorities', 'statuses'].map((r) => [`/rest/api/3/${r}`, get])),
        '/rest/api/3/connect/addons': get,
        '/rest/connect/1/addons': get,
      },
    })));
  }, 120_000);
  afterAll(async () => rec?.close());

  it('keeps the side API’s version, spelled v1; the majority keeps its names; every operation has its own', () => {
    expect(rewrites(imported)).toEqual([
      { from: '/rest/connect/1/', to: '/connect/v1/' },
      { from: '/rest/api/3/', to: '/' },
    ]);
    expect(names(imported, '/rest/api/3/connect/addons')).toEqual(['connect.addons.retrieve', 'connect:addons retrieve', 'tracker_retrieve_connect_addon', 'ConnectAddonRetrieve']);
    expect(names(imported, '/rest/connect/1/addons')).toEqual(['connect.v1.addons.retrieve', 'connect:v1:addons retrieve', 'tracker_retrieve_connect_v1_addon', 'ConnectV1AddonRetrieve']);
    const clientPaths = imported.spec.operations.map((o) => o.names.clientPath.join('.'));
    expect(new Set(clientPaths).size).toBe(11);
  });

  it('requests each one’s own path', async () => {
    expect(await callEverywhere(imported, built, rec, 'TRACKER_BASE_URL', '/rest/connect/1/addons')).toEqual(Array(3).fill('GET /rest/connect/1/addons'));
    expect(await callEverywhere(imported, built, rec, 'TRACKER_BASE_URL', '/rest/api/3/connect/addons')).toEqual(Array(3).fill('GET /rest/api/3/connect/addons'));
  });
});

describe('versions in the middle of the leading segments, no majority', () => {
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('version-middle', join(tempDir('version-middle'), 'doc'), (url) => ({
      openapi: '3.0.3',
      info: { title: 'Cluster', version: '1' },
      servers: [{ url }],
      paths: {
        '/api/v1/pods': get,
        '/apis/batch/v1/jobs': get,
        // Two versions of one resource: without them the two would be one name, so they keep them.
        '/apis/apps/v1/deployments': get,
        '/apis/apps/v1beta1/deployments': get,
      },
    })));
  }, 120_000);
  afterAll(async () => rec?.close());

  it('leaves the versions out of names where no two paths would be named alike', () => {
    expect(rewrites(imported)).toEqual([
      { from: '/apis/batch/v1/', to: '/apis/batch/' },
      { from: '/api/v1/', to: '/api/' },
    ]);
    expect(names(imported, '/apis/batch/v1/jobs')).toEqual(['apis.batch.jobs.retrieve', 'apis:batch:jobs retrieve', 'cluster_retrieve_apis_batch_job', 'APIsBatchJobRetrieve']);
    expect(names(imported, '/api/v1/pods')).toEqual(['api.pods.retrieve', 'api:pods retrieve', 'cluster_retrieve_api_pod', 'APIPodRetrieve']);
    expect(names(imported, '/apis/apps/v1/deployments')[0]).toBe('apis.apps.v1.deployments.retrieve');
    expect(names(imported, '/apis/apps/v1beta1/deployments')[0]).toBe('apis.apps.v1beta1.deployments.retrieve');
  });

  it('requests the paths as written', async () => {
    expect(await callEverywhere(imported, built, rec, 'CLUSTER_BASE_URL', '/apis/batch/v1/jobs')).toEqual(Array(3).fill('GET /apis/batch/v1/jobs'));
  });
});
