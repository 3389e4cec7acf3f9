/**
 * The newest OpenAI document → the Admin API spec: the operation set, every
 * resource/method name (irregular ones included), pagination styles, unions,
 * parameter serialization and the stable names the seeds fix.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../generator/commands/import.js';
import type { NormalizedSpec, ObjectShape, Operation, Shape, UnionShape } from '../../generator/ir/types.js';
import { newestOpenaiSpecJson, sharedDir } from '../support/shared.js';

let spec: NormalizedSpec;
let files: Map<string, string>;
const byRoute = new Map<string, Operation>();

beforeAll(async () => {
  // The JSON copy parses 10× faster than the YAML; the format does not matter here.
  const result = await importDocument({ from: newestOpenaiSpecJson(), target: 'openai-admin', relock: true });
  spec = result.spec;
  files = result.files;
  for (const op of spec.operations) byRoute.set(`${op.httpMethod.toUpperCase()} ${op.path}`, op);
});

/** Route → resource.method (after `admin.organization.`) and pagination style. Written from the seeds and the inventory. */
const TABLE: Array<[string, string, string | null]> = [
  ['DELETE /organization/admin_api_keys/{key_id}', 'admin_api_keys.delete', null],
  ['GET /organization/admin_api_keys/{key_id}', 'admin_api_keys.retrieve', null],
  ['GET /organization/admin_api_keys', 'admin_api_keys.list', 'cursor'],
  ['POST /organization/admin_api_keys', 'admin_api_keys.create', null],
  ['GET /organization/audit_logs', 'audit_logs.list', 'cursor_before'],
  ['POST /organization/certificates/activate', 'certificates.activate', null],
  ['POST /organization/certificates/deactivate', 'certificates.deactivate', null],
  ['DELETE /organization/certificates/{certificate_id}', 'certificates.delete', null],
  ['GET /organization/certificates/{certificate_id}', 'certificates.retrieve', null],
  ['POST /organization/certificates/{certificate_id}', 'certificates.update', null],
  ['GET /organization/certificates', 'certificates.list', 'cursor'],
  ['POST /organization/certificates', 'certificates.create', null],
  ['GET /organization/costs', 'usage.costs', 'page_token'],
  ['GET /organization/data_retention', 'data_retention.retrieve', null],
  ['POST /organization/data_retention', 'data_retention.update', null],
  ['DELETE /organization/groups/{group_id}/roles/{role_id}', 'groups.roles.delete', null],
  ['GET /organization/groups/{group_id}/roles/{role_id}', 'groups.roles.retrieve', null],
  ['GET /organization/groups/{group_id}/roles', 'groups.roles.list', 'next_cursor'],
  ['POST /organization/groups/{group_id}/roles', 'groups.roles.create', null],
  ['DELETE /organization/groups/{group_id}/users/{user_id}', 'groups.users.delete', null],
  ['GET /organization/groups/{group_id}/users/{user_id}', 'groups.users.retrieve', null],
  ['GET /organization/groups/{group_id}/users', 'groups.users.list', 'next_cursor'],
  ['POST /organization/groups/{group_id}/users', 'groups.users.create', null],
  ['DELETE /organization/groups/{group_id}', 'groups.delete', null],
  ['GET /organization/groups/{group_id}', 'groups.retrieve', null],
  ['POST /organization/groups/{group_id}', 'groups.update', null],
  ['GET /organization/groups', 'groups.list', 'next_cursor'],
  ['POST /organization/groups', 'groups.create', null],
  ['DELETE /organization/invites/{invite_id}', 'invites.delete', null],
  ['GET /organization/invites/{invite_id}', 'invites.retrieve', null],
  ['GET /organization/invites', 'invites.list', 'cursor'],
  ['POST /organization/invites', 'invites.create', null],
  ['DELETE /organization/projects/{project_id}/api_keys/{api_key_id}', 'projects.api_keys.delete', null],
  ['GET /organization/projects/{project_id}/api_keys/{api_key_id}', 'projects.api_keys.retrieve', null],
  ['GET /organization/projects/{project_id}/api_keys', 'projects.api_keys.list', 'cursor'],
  ['POST /organization/projects/{project_id}/archive', 'projects.archive', null],
  ['POST /organization/projects/{project_id}/certificates/activate', 'projects.certificates.activate', null],
  ['POST /organization/projects/{project_id}/certificates/deactivate', 'projects.certificates.deactivate', null],
  ['GET /organization/projects/{project_id}/certificates', 'projects.certificates.list', 'cursor'],
  ['GET /organization/projects/{project_id}/data_retention', 'projects.data_retention.retrieve', null],
  ['POST /organization/projects/{project_id}/data_retention', 'projects.data_retention.update', null],
  ['DELETE /organization/projects/{project_id}/groups/{group_id}', 'projects.groups.delete', null],
  ['GET /organization/projects/{project_id}/groups/{group_id}', 'projects.groups.retrieve', null],
  ['GET /organization/projects/{project_id}/groups', 'projects.groups.list', 'next_cursor'],
  ['POST /organization/projects/{project_id}/groups', 'projects.groups.create', null],
  ['GET /organization/projects/{project_id}/hosted_tool_permissions', 'projects.hosted_tool_permissions.retrieve', null],
  ['POST /organization/projects/{project_id}/hosted_tool_permissions', 'projects.hosted_tool_permissions.update', null],
  ['DELETE /organization/projects/{project_id}/model_permissions', 'projects.model_permissions.delete', null],
  ['GET /organization/projects/{project_id}/model_permissions', 'projects.model_permissions.retrieve', null],
  ['POST /organization/projects/{project_id}/model_permissions', 'projects.model_permissions.update', null],
  ['POST /organization/projects/{project_id}/rate_limits/{rate_limit_id}', 'projects.rate_limits.update_rate_limit', null],
  ['GET /organization/projects/{project_id}/rate_limits', 'projects.rate_limits.list_rate_limits', 'cursor_before'],
  ['POST /organization/projects/{project_id}/service_accounts/{service_account_id}/api_keys', 'projects.service_accounts.api_keys.create', null],
  ['DELETE /organization/projects/{project_id}/service_accounts/{service_account_id}', 'projects.service_accounts.delete', null],
  ['GET /organization/projects/{project_id}/service_accounts/{service_account_id}', 'projects.service_accounts.retrieve', null],
  ['POST /organization/projects/{project_id}/service_accounts/{service_account_id}', 'projects.service_accounts.update', null],
  ['GET /organization/projects/{project_id}/service_accounts', 'projects.service_accounts.list', 'cursor'],
  ['POST /organization/projects/{project_id}/service_accounts', 'projects.service_accounts.create', null],
  ['DELETE /organization/projects/{project_id}/spend_alerts/{alert_id}', 'projects.spend_alerts.delete', null],
  ['GET /organization/projects/{project_id}/spend_alerts/{alert_id}', 'projects.spend_alerts.retrieve', null],
  ['POST /organization/projects/{project_id}/spend_alerts/{alert_id}', 'projects.spend_alerts.update', null],
  ['GET /organization/projects/{project_id}/spend_alerts', 'projects.spend_alerts.list', 'cursor_before'],
  ['POST /organization/projects/{project_id}/spend_alerts', 'projects.spend_alerts.create', null],
  ['DELETE /organization/projects/{project_id}/spend_limit', 'projects.spend_limit.delete', null],
  ['GET /organization/projects/{project_id}/spend_limit', 'projects.spend_limit.retrieve', null],
  ['POST /organization/projects/{project_id}/spend_limit', 'projects.spend_limit.update', null],
  ['DELETE /organization/projects/{project_id}/users/{user_id}', 'projects.users.delete', null],
  ['GET /organization/projects/{project_id}/users/{user_id}', 'projects.users.retrieve', null],
  ['POST /organization/projects/{project_id}/users/{user_id}', 'projects.users.update', null],
  ['GET /organization/projects/{project_id}/users', 'projects.users.list', 'cursor'],
  ['POST /organization/projects/{project_id}/users', 'projects.users.create', null],
  ['GET /organization/projects/{project_id}', 'projects.retrieve', null],
  ['POST /organization/projects/{project_id}', 'projects.update', null],
  ['GET /organization/projects', 'projects.list', 'cursor'],
  ['POST /organization/projects', 'projects.create', null],
  ['DELETE /organization/roles/{role_id}', 'roles.delete', null],
  ['GET /organization/roles/{role_id}', 'roles.retrieve', null],
  ['POST /organization/roles/{role_id}', 'roles.update', null],
  ['GET /organization/roles', 'roles.list', 'next_cursor'],
  ['POST /organization/roles', 'roles.create', null],
  ['DELETE /organization/spend_alerts/{alert_id}', 'spend_alerts.delete', null],
  ['GET /organization/spend_alerts/{alert_id}', 'spend_alerts.retrieve', null],
  ['POST /organization/spend_alerts/{alert_id}', 'spend_alerts.update', null],
  ['GET /organization/spend_alerts', 'spend_alerts.list', 'cursor_before'],
  ['POST /organization/spend_alerts', 'spend_alerts.create', null],
  ['DELETE /organization/spend_limit', 'spend_limit.delete', null],
  ['GET /organization/spend_limit', 'spend_limit.retrieve', null],
  ['POST /organization/spend_limit', 'spend_limit.update', null],
  ['GET /organization/usage/audio_speeches', 'usage.audio_speeches', 'page_token'],
  ['GET /organization/usage/audio_transcriptions', 'usage.audio_transcriptions', 'page_token'],
  ['GET /organization/usage/code_interpreter_sessions', 'usage.code_interpreter_sessions', 'page_token'],
  ['GET /organization/usage/completions', 'usage.completions', 'page_token'],
  ['GET /organization/usage/embeddings', 'usage.embeddings', 'page_token'],
  ['GET /organization/usage/file_search_calls', 'usage.file_search_calls', 'page_token'],
  ['GET /organization/usage/images', 'usage.images', 'page_token'],
  ['GET /organization/usage/moderations', 'usage.moderations', 'page_token'],
  ['GET /organization/usage/vector_stores', 'usage.vector_stores', 'page_token'],
  ['GET /organization/usage/web_search_calls', 'usage.web_search_calls', 'page_token'],
  ['DELETE /organization/users/{user_id}/roles/{role_id}', 'users.roles.delete', null],
  ['GET /organization/users/{user_id}/roles/{role_id}', 'users.roles.retrieve', null],
  ['GET /organization/users/{user_id}/roles', 'users.roles.list', 'next_cursor'],
  ['POST /organization/users/{user_id}/roles', 'users.roles.create', null],
  ['DELETE /organization/users/{user_id}', 'users.delete', null],
  ['GET /organization/users/{user_id}', 'users.retrieve', null],
  ['POST /organization/users/{user_id}', 'users.update', null],
  ['GET /organization/users', 'users.list', 'cursor'],
  ['DELETE /projects/{project_id}/groups/{group_id}/roles/{role_id}', 'projects.groups.roles.delete', null],
  ['GET /projects/{project_id}/groups/{group_id}/roles/{role_id}', 'projects.groups.roles.retrieve', null],
  ['GET /projects/{project_id}/groups/{group_id}/roles', 'projects.groups.roles.list', 'next_cursor'],
  ['POST /projects/{project_id}/groups/{group_id}/roles', 'projects.groups.roles.create', null],
  ['DELETE /projects/{project_id}/roles/{role_id}', 'projects.roles.delete', null],
  ['GET /projects/{project_id}/roles/{role_id}', 'projects.roles.retrieve', null],
  ['POST /projects/{project_id}/roles/{role_id}', 'projects.roles.update', null],
  ['GET /projects/{project_id}/roles', 'projects.roles.list', 'next_cursor'],
  ['POST /projects/{project_id}/roles', 'projects.roles.create', null],
  ['DELETE /projects/{project_id}/users/{user_id}/roles/{role_id}', 'projects.users.roles.delete', null],
  ['GET /projects/{project_id}/users/{user_id}/roles/{role_id}', 'projects.users.roles.retrieve', null],
  ['GET /projects/{project_id}/users/{user_id}/roles', 'projects.users.roles.list', 'next_cursor'],
  ['POST /projects/{project_id}/users/{user_id}/roles', 'projects.users.roles.create', null],
];

describe('admin scope', () => {
  it('has exactly 119 operations, sorted by key, with unique keys', () => {
    expect(spec.operations).toHaveLength(119);
    const keys = spec.operations.map((o) => o.key);
    expect(new Set(keys).size).toBe(119);
    expect([...keys].sort()).toEqual(keys);
    expect(TABLE).toHaveLength(119);
  });

  it.each(TABLE)('%s is admin.organization.%s', (route, name, _style) => {
    const op = byRoute.get(route);
    expect(op, route).toBeDefined();
    expect(op!.key).toBe(`admin.organization.${name}`);
    expect([...op!.resource, op!.method].join('.')).toBe(op!.key);
  });

  it.each(TABLE)('%s paginates as %s', (route, _name, style) => {
    expect(byRoute.get(route)!.pagination?.style ?? null).toBe(style);
  });

  it('records how each pagination style reads its cursor', () => {
    const p = (route: string) => byRoute.get(route)!.pagination!;
    expect(p('GET /organization/admin_api_keys')).toMatchObject({ requestParam: 'after', cursorField: 'last_id', itemsField: 'data', hasMoreField: 'has_more', item: { kind: 'ref', name: 'AdminAPIKey' } });
    expect(p('GET /organization/groups')).toMatchObject({ requestParam: 'after', cursorField: 'next' });
    expect(p('GET /organization/costs')).toMatchObject({ requestParam: 'page', cursorField: 'next_page', item: { kind: 'ref', name: 'UsageTimeBucket' } });
  });
});

describe('stable names', () => {
  it('contains every MCP tool name of seed 002', () => {
    const seed = readFileSync(join(sharedDir, 'seeds/002_bd8ad9a6ddbaf0f4.txt'), 'utf8');
    const tools = [...new Set(seed.match(/^openai_admin_[a-z_]+$/gm))];
    expect(tools).toHaveLength(47);
    const ours = new Set(spec.operations.map((o) => o.names.mcpTool));
    expect(tools.filter((t) => !ours.has(t))).toEqual([]);
  });

  it('derives readable names for ugly operationIds from config', () => {
    const names = (route: string) => byRoute.get(route)!.names;
    expect(names('GET /organization/spend_limit').mcpTool).toBe('openai_admin_retrieve_organization_spend_limit');
    expect(names('POST /organization/projects/{project_id}/spend_limit').mcpTool).toBe('openai_admin_update_project_spend_limit');
    expect(names('POST /organization/projects/{project_id}/service_accounts/{service_account_id}/api_keys').mcpTool).toBe('openai_admin_create_project_service_account_api_key');
  });

  it('derives CLI, client and type names from the resource path', () => {
    const list = byRoute.get('GET /organization/admin_api_keys')!.names;
    expect(list).toMatchObject({ cliGroup: 'admin:organization:admin-api-keys', cliCommand: 'list', clientPath: ['admin', 'organization', 'adminAPIKeys', 'list'], typePrefix: 'AdminAPIKeyList' });
    const rl = byRoute.get('GET /organization/projects/{project_id}/rate_limits')!.names;
    expect(rl).toMatchObject({ cliGroup: 'admin:organization:projects:rate-limits', cliCommand: 'list-rate-limits', clientPath: ['admin', 'organization', 'projects', 'rateLimits', 'listRateLimits'] });
    expect(byRoute.get('GET /organization/projects/{project_id}/users/{user_id}')!.names.typePrefix).toBe('ProjectUserRetrieve');
  });

  it('keeps every user-visible name unique and MCP names within 64 characters', () => {
    for (const field of ['mcpTool', 'typePrefix'] as const) {
      const values = spec.operations.map((o) => o.names[field]);
      expect(new Set(values).size, field).toBe(values.length);
    }
    expect(spec.operations.filter((o) => o.names.mcpTool.length > 64)).toEqual([]);
  });
});

function resolve(shape: Shape): Shape {
  return shape.kind === 'ref' ? resolve(spec.types[shape.name]!.shape) : shape;
}
function prop(shape: Shape, name: string): Shape {
  const obj = resolve(shape) as ObjectShape;
  expect(obj.kind).toBe('object');
  const p = obj.properties.find((x) => x.name === name);
  expect(p, name).toBeDefined();
  return p!.shape;
}

describe('unions', () => {
  it('discriminates the usage/costs result union by `object` with 11 members, from member literals', () => {
    const results = resolve(prop({ kind: 'ref', name: 'UsageTimeBucket' }, 'results'));
    expect(results.kind).toBe('array');
    const union = (results as { items: Shape }).items as UnionShape;
    expect(union.kind).toBe('union');
    expect(union.members).toHaveLength(11);
    expect(union.discriminator?.property).toBe('object');
    const mapping = union.discriminator!.mapping;
    expect(Object.keys(mapping)).toHaveLength(11);
    // Wire values, not schema names: file_search_calls' result says `file_searches`.
    expect(mapping['organization.usage.file_searches.result']).toBe(union.members.findIndex((m) => m.kind === 'ref' && m.name === 'UsageFileSearchCallsResult'));
    expect(mapping['organization.costs.result']).toBe(union.members.findIndex((m) => m.kind === 'ref' && m.name === 'CostsResult'));
  });

  it('records the audit-log tag → payload pattern', () => {
    const log = resolve({ kind: 'ref', name: 'AuditLog' }) as ObjectShape;
    expect(log.taggedPayloads?.tagProperty).toBe('type');
    const payloads = log.taggedPayloads!.payloads;
    expect(payloads['project.created']).toBe('project.created');
    expect(payloads['role.bound_to_resource']).toBe('role.bound_to_resource');
    expect(payloads['tunnel.created']).toBeNull();
    for (const target of Object.values(payloads)) if (target) expect(log.properties.some((p) => p.name === target)).toBe(true);
  });

  it('records API-key owners as selected by `type`', () => {
    const owner = resolve(prop({ kind: 'ref', name: 'ProjectAPIKey' }, 'owner')) as ObjectShape;
    expect(owner.taggedPayloads).toEqual({ tagProperty: 'type', payloads: { user: 'user', service_account: 'service_account' } });
  });

  it('folds anyOf-with-null into nullable and x-stainless-const into literals', () => {
    const key = resolve({ kind: 'ref', name: 'AdminAPIKey' });
    expect(prop(key, 'name')).toMatchObject({ kind: 'string', nullable: true });
    expect(prop(key, 'object')).toMatchObject({ kind: 'literal', value: 'organization.admin_api_key' });
  });
});

describe('params', () => {
  it('keeps bracket wire names and serializes object query params as deepObject', () => {
    const params = byRoute.get('GET /organization/audit_logs')!.params;
    expect(params.find((p) => p.wireName === 'project_ids[]')).toMatchObject({ name: 'project_ids', in: 'query', style: 'brackets' });
    expect(params.find((p) => p.name === 'effective_at')).toMatchObject({ style: 'deepObject', schema: { kind: 'object' } });
  });

  it('orders path params first, then query, then flattened body fields', () => {
    const op = byRoute.get('POST /organization/projects/{project_id}/rate_limits/{rate_limit_id}')!;
    expect(op.params.slice(0, 2).map((p) => [p.name, p.in])).toEqual([['project_id', 'path'], ['rate_limit_id', 'path']]);
    expect(op.params.slice(2).every((p) => p.in === 'body' && p.style === 'json')).toBe(true);
    expect(op.body).toMatchObject({ contentType: 'application/json', flattened: true });
  });

  it('records auth, hints and examples', () => {
    expect(spec.auth).toEqual([expect.objectContaining({ name: 'AdminApiKeyAuth', kind: 'bearer', envVar: 'OPENAI_ADMIN_KEY', clientOption: 'adminAPIKey' })]);
    const del = byRoute.get('DELETE /organization/users/{user_id}')!;
    expect(del.hints).toEqual({ readOnly: false, destructive: true, idempotent: true });
    expect(del.security).toEqual(['AdminApiKeyAuth']);
    expect(byRoute.get('GET /organization/users')!.hints.readOnly).toBe(true);
    expect(byRoute.get('POST /organization/projects/{project_id}/archive')!.examples?.request?.curl).toContain('/archive');
  });
});

describe('output', () => {
  it('is byte-identical across two imports', async () => {
    const again = await importDocument({ from: newestOpenaiSpecJson(), target: 'openai-admin', relock: true });
    expect([...again.files.keys()]).toEqual([...files.keys()]);
    for (const [path, text] of files) expect(again.files.get(path) === text, path).toBe(true);
  });

  it('writes spec.json and report.md only (the config is hand-written)', () => {
    expect([...files.keys()].sort()).toEqual(['spec/openai-admin/report.md', 'spec/openai-admin/spec.json']);
    expect(files.get('spec/openai-admin/report.md')).toContain('union-discriminated');
  });

  it('matches the YAML import of the same document', async () => {
    const yaml = await importDocument({ from: newestOpenaiSpecJson().replace(/\.json$/, '.yaml'), target: 'openai-admin', relock: true });
    const strip = (s: string) => s.replace(/2026-08-21-f85dbe2\.(json|yaml)/g, 'SOURCE');
    expect(strip(yaml.files.get('spec/openai-admin/spec.json')!) === strip(files.get('spec/openai-admin/spec.json')!)).toBe(true);
  });
});
