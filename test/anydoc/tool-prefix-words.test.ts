/**
 * Google's operationIds begin with the API's name (`gmail.users.drafts.create`,
 * `vmwareengine.projects.locations.list`), which the MCP tool prefix already
 * says: the tool is `vmware_engine_projects_locations_list`, no longer
 * `vmware_engine_vmwareengine_projects_locations_list` (or, too long, cut and
 * hashed). An operationId that only starts like the prefix keeps its words.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildToolTable } from '../../generator/emit/mcp/index.js';
import { importTree, op, tempDir } from './support.js';

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } };
const name = [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }];

describe('operationIds that begin with the API name', () => {
  it('name MCP tools without the prefix twice', async () => {
    const { spec, report } = await importTree(join(tempDir('tool-prefix-words'), 'doc'), {
      'openapi.yaml': {
        openapi: '3.0.3',
        info: { title: 'VMware Engine', version: 'v1' },
        paths: {
          '/v1/projects/{name}/locations': { get: { operationId: 'vmwareengine.projects.locations.list', parameters: name, responses: ok } },
          '/v1/projects/{name}/privateClouds/clusters': {
            post: { operationId: 'vmwareengine.projects.locations.privateClouds.clusters.create', parameters: name, responses: ok },
          },
          '/v1/{name}:reset': { post: { operationId: 'vmwareEngineer.reset', parameters: name, responses: ok } },
        },
      },
    });
    expect(spec.packages.toolPrefix).toBe('vmware_engine_');
    const tool = (method: string, path: string) => op(spec, method, path).names.mcpTool;
    expect(tool('get', '/v1/projects/{name}/locations')).toBe('vmware_engine_projects_locations_list');
    expect(tool('post', '/v1/projects/{name}/privateClouds/clusters')).toBe('vmware_engine_projects_locations_private_clouds_clusters_create');
    expect(tool('post', '/v1/{name}:reset')).toBe('vmware_engine_vmware_engineer_reset');
    expect(report.filter((e) => e.code === 'mcp-name-truncated')).toEqual([]);
    expect(buildToolTable(spec).table.tools.map((t) => t.name).sort()).toEqual(spec.operations.map((o) => o.names.mcpTool).sort());
  });
});
