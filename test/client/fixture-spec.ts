/**
 * A minimal hand-written normalized spec covering each feature the client
 * emitter must handle: nested resources, a parent path param, cursor and
 * page-token pagination, bracket and deepObject query params, a flattened
 * body, a discriminated union, the audit-log tagged-payload pattern, quoted
 * keys and spec text that tries to close a comment.
 */
import type { NormalizedSpec, Operation, Param, Shape } from '../../generator/ir/types.js';

const str: Shape = { kind: 'string' };
const int: Shape = { kind: 'integer' };

function param(name: string, where: Param['in'], schema: Shape, required = false, extra: Partial<Param> = {}): Param {
  const style: Param['style'] = where === 'path' ? 'simple' : where === 'body' ? 'json' : 'form';
  return { name, wireName: name, in: where, required, schema, style, explode: true, deprecated: false, pointer: `/p/${name}`, description: `The ${name}.`, ...extra };
}

function op(key: string, httpMethod: Operation['httpMethod'], path: string, kind: Operation['kind'], typePrefix: string, rest: Partial<Operation>): Operation {
  const parts = key.split('.');
  const method = parts[parts.length - 1]!;
  const resource = parts.slice(0, -1);
  const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()).replace(/Api/g, 'API').replace(/Id$/, 'ID');
  return {
    key,
    operationId: method,
    resource,
    method,
    kind,
    httpMethod,
    path,
    names: { mcpTool: `t_${method}`, cliGroup: resource.join(':'), cliCommand: method, clientPath: [...resource.map(camel), camel(method)], typePrefix },
    summary: `Summary of ${key}`,
    description: `Does ${key}. Beware */ comment closers and <b>html</b>.`,
    deprecated: false,
    hints: { readOnly: httpMethod === 'get', destructive: httpMethod === 'delete', idempotent: httpMethod !== 'post' },
    params: [],
    security: ['AdminApiKeyAuth'],
    pointer: `/paths/${key}`,
    ...rest,
  };
}

const listParams = (): Param[] => [param('after', 'query', str), param('limit', 'query', int, false, { schema: { kind: 'integer', default: 20 } })];

export function fixtureSpec(): NormalizedSpec {
  const usageResult: Shape = { kind: 'ref', name: 'UsageResult' };
  const operations: Operation[] = [
    op('admin.organization.admin_api_keys.create', 'post', '/organization/admin_api_keys', 'create', 'AdminAPIKeyCreate', {
      params: [param('name', 'body', str, true), param('expires_in_seconds', 'body', int)],
      body: { contentType: 'application/json', required: true, flattened: true, pointer: '/b', schema: { kind: 'object', properties: [] } },
      response: { status: '200', contentType: 'application/json', pointer: '/r', schema: { kind: 'ref', name: 'AdminAPIKey' } },
    }),
    op('admin.organization.admin_api_keys.delete', 'delete', '/organization/admin_api_keys/{key_id}', 'delete', 'AdminAPIKeyDelete', {
      params: [param('key_id', 'path', str, true)],
      response: {
        status: '200',
        contentType: 'application/json',
        pointer: '/r',
        schema: {
          kind: 'object',
          properties: [
            { name: 'id', required: true, shape: str },
            { name: 'deleted', required: true, shape: { kind: 'boolean' } },
            { name: 'object', required: true, shape: { kind: 'literal', value: 'organization.admin_api_key.deleted' } },
          ],
        },
      },
    }),
    op('admin.organization.admin_api_keys.list', 'get', '/organization/admin_api_keys', 'list', 'AdminAPIKeyList', {
      params: [...listParams(), param('order', 'query', { kind: 'string', enum: ['asc', 'desc'] })],
      response: { status: '200', contentType: 'application/json', pointer: '/r', schema: { kind: 'ref', name: 'APIKeyList' } },
      pagination: { style: 'cursor', requestParam: 'after', cursorField: 'last_id', itemsField: 'data', hasMoreField: 'has_more', item: { kind: 'ref', name: 'AdminAPIKey' } },
    }),
    op('admin.organization.audit_logs.list', 'get', '/organization/audit_logs', 'list', 'AuditLogList', {
      params: [
        param('effective_at', 'query', { kind: 'object', properties: [{ name: 'gt', required: false, shape: int }, { name: 'lte', required: false, shape: int }] }, false, { style: 'deepObject' }),
        param('project_ids', 'query', { kind: 'array', items: str }, false, { wireName: 'project_ids[]', style: 'brackets' }),
        param('event_types', 'query', { kind: 'array', items: { kind: 'ref', name: 'AuditLogEventType' } }, false, { wireName: 'event_types[]', style: 'brackets' }),
        ...listParams(),
        param('before', 'query', str),
      ],
      response: { status: '200', contentType: 'application/json', pointer: '/r', schema: { kind: 'object', properties: [{ name: 'data', required: true, shape: { kind: 'array', items: { kind: 'ref', name: 'AuditLog' } } }] } },
      pagination: { style: 'cursor_before', requestParam: 'after', cursorField: 'last_id', itemsField: 'data', hasMoreField: 'has_more', item: { kind: 'ref', name: 'AuditLog' } },
    }),
    op('admin.organization.projects.rate_limits.list_rate_limits', 'get', '/organization/projects/{project_id}/rate_limits', 'list', 'RateLimitListRateLimits', {
      params: [param('project_id', 'path', str, true), ...listParams()],
      response: { status: '200', contentType: 'application/json', pointer: '/r', schema: { kind: 'object', properties: [] } },
      pagination: { style: 'cursor', requestParam: 'after', cursorField: 'last_id', itemsField: 'data', hasMoreField: 'has_more', item: { kind: 'ref', name: 'ProjectRateLimit' } },
    }),
    op('admin.organization.projects.users.retrieve', 'get', '/organization/projects/{project_id}/users/{user_id}', 'retrieve', 'ProjectUserRetrieve', {
      params: [param('project_id', 'path', str, true), param('user_id', 'path', str, true)],
      response: { status: '200', contentType: 'application/json', pointer: '/r', schema: { kind: 'ref', name: 'ProjectUser' } },
    }),
    op('admin.organization.projects.users.roles.create', 'post', '/projects/{project_id}/users/{user_id}/roles', 'create', 'ProjectUserRoleCreate', {
      params: [param('project_id', 'path', str, true), param('user_id', 'path', str, true), param('role_id', 'body', str, true)],
      body: { contentType: 'application/json', required: true, flattened: true, pointer: '/b', schema: { kind: 'object', properties: [] } },
      response: { status: '200', contentType: 'application/json', pointer: '/r', schema: { kind: 'ref', name: 'ProjectUser' } },
    }),
    op('admin.organization.usage.costs', 'get', '/organization/costs', 'action', 'UsageCosts', {
      params: [
        param('start_time', 'query', int, true),
        param('group_by', 'query', { kind: 'array', items: { kind: 'string', enum: ['project_id', 'line_item'] } }),
        param('page', 'query', str),
      ],
      response: {
        status: '200',
        contentType: 'application/json',
        pointer: '/r',
        schema: {
          kind: 'object',
          properties: [
            { name: 'object', required: true, shape: { kind: 'literal', value: 'page' } },
            { name: 'data', required: true, shape: { kind: 'array', items: { kind: 'ref', name: 'UsageBucket' } } },
            { name: 'has_more', required: true, shape: { kind: 'boolean' } },
            { name: 'next_page', required: true, shape: { kind: 'string', nullable: true } },
          ],
        },
      },
      pagination: { style: 'page_token', requestParam: 'page', cursorField: 'next_page', itemsField: 'data', hasMoreField: 'has_more', item: { kind: 'ref', name: 'UsageBucket' } },
    }),
  ];
  void usageResult;
  return {
    irVersion: 1,
    target: 'openai-admin',
    info: { title: 'Fixture API', version: '1.0.0', description: 'A fixture.', baseURL: 'https://api.openai.com/v1', sourceFile: 'fixture.yaml', openapiVersion: '3.1.0' },
    packages: { client: 'openai-admin', cli: 'openai-admin-cli', mcp: 'openai-admin-mcp', clientClass: 'OpenAIAdmin', cliBin: 'openai-admin', mcpBin: 'openai-admin-mcp', toolPrefix: 'openai_admin_', baseURLEnv: 'OPENAI_BASE_URL' },
    auth: [{ name: 'AdminApiKeyAuth', kind: 'bearer', paramName: 'Authorization', envVar: 'OPENAI_ADMIN_KEY', clientOption: 'adminAPIKey', pointer: '/components/securitySchemes/AdminApiKeyAuth' }],
    resources: [
      { path: ['admin'], key: 'admin', title: 'Admin', operations: [], pointer: '' },
      { path: ['admin', 'organization'], key: 'admin.organization', title: 'Organization', operations: [], pointer: '' },
      { path: ['admin', 'organization', 'admin_api_keys'], key: 'admin.organization.admin_api_keys', title: 'Admin API keys', operations: ['admin.organization.admin_api_keys.create', 'admin.organization.admin_api_keys.delete', 'admin.organization.admin_api_keys.list'], pointer: '' },
      { path: ['admin', 'organization', 'audit_logs'], key: 'admin.organization.audit_logs', title: 'Audit logs', operations: ['admin.organization.audit_logs.list'], pointer: '' },
      { path: ['admin', 'organization', 'projects'], key: 'admin.organization.projects', title: 'Projects', operations: [], pointer: '' },
      { path: ['admin', 'organization', 'projects', 'rate_limits'], key: 'admin.organization.projects.rate_limits', title: 'Project rate limits', operations: ['admin.organization.projects.rate_limits.list_rate_limits'], pointer: '' },
      { path: ['admin', 'organization', 'projects', 'users'], key: 'admin.organization.projects.users', title: 'Project users', operations: ['admin.organization.projects.users.retrieve'], pointer: '' },
      { path: ['admin', 'organization', 'projects', 'users', 'roles'], key: 'admin.organization.projects.users.roles', title: 'Project user roles', operations: ['admin.organization.projects.users.roles.create'], pointer: '' },
      { path: ['admin', 'organization', 'usage'], key: 'admin.organization.usage', title: 'Usage', operations: ['admin.organization.usage.costs'], pointer: '' },
    ],
    operations,
    types: {
      AdminAPIKey: {
        name: 'AdminAPIKey',
        usage: 'response',
        pointer: '/components/schemas/AdminApiKey',
        description: 'Represents an admin key. */ not a comment end',
        shape: {
          kind: 'object',
          properties: [
            { name: 'id', required: true, shape: { kind: 'string', description: 'The key id' } },
            { name: 'expires_at', required: true, shape: { kind: 'integer', nullable: true } },
            { name: 'name', required: false, shape: str },
            { name: 'object', required: true, shape: { kind: 'literal', value: 'organization.admin_api_key' } },
          ],
        },
      },
      APIKeyList: {
        name: 'APIKeyList',
        usage: 'response',
        pointer: '/x',
        shape: {
          kind: 'object',
          properties: [
            { name: 'data', required: true, shape: { kind: 'array', items: { kind: 'ref', name: 'AdminAPIKey' } } },
            { name: 'has_more', required: true, shape: { kind: 'boolean' } },
            { name: 'last_id', required: false, shape: str },
          ],
        },
      },
      AuditLogEventType: { name: 'AuditLogEventType', usage: 'both', pointer: '/x', shape: { kind: 'string', enum: ['project.created', 'user.added', 'tunnel.created', "it's"] } },
      AuditLog: {
        name: 'AuditLog',
        usage: 'response',
        pointer: '/x',
        description: 'A log of a user action.',
        shape: {
          kind: 'object',
          properties: [
            { name: 'id', required: true, shape: str },
            { name: 'type', required: true, shape: { kind: 'ref', name: 'AuditLogEventType' } },
            { name: 'project.created', required: false, shape: { kind: 'object', description: 'Project created.', properties: [{ name: 'id', required: false, shape: str }, { name: 'data', required: false, shape: { kind: 'object', properties: [{ name: 'name', required: false, shape: str }] } }] } },
            { name: 'user.added', required: false, shape: { kind: 'object', properties: [{ name: 'role', required: false, shape: str }] } },
            { name: "it's", required: false, shape: { kind: 'unknown' } },
          ],
          taggedPayloads: { tagProperty: 'type', payloads: { 'project.created': 'project.created', 'user.added': 'user.added', 'tunnel.created': null, "it's": "it's" } },
        },
      },
      ProjectRateLimit: {
        name: 'ProjectRateLimit',
        usage: 'response',
        pointer: '/x',
        shape: { kind: 'object', properties: [{ name: 'id', required: true, shape: str }, { name: 'max_requests_per_1_minute', required: true, shape: int }] },
      },
      ProjectUser: {
        name: 'ProjectUser',
        usage: 'response',
        pointer: '/x',
        shape: { kind: 'object', properties: [{ name: 'id', required: true, shape: str }, { name: 'role', required: true, shape: { kind: 'string', enum: ['owner', 'member'] } }] },
      },
      UsageBucket: {
        name: 'UsageBucket',
        usage: 'response',
        pointer: '/x',
        shape: {
          kind: 'object',
          properties: [
            { name: 'object', required: true, shape: { kind: 'literal', value: 'bucket' } },
            { name: 'results', required: true, shape: { kind: 'array', items: { kind: 'ref', name: 'UsageResult' } } },
          ],
        },
      },
      UsageResult: {
        name: 'UsageResult',
        usage: 'response',
        pointer: '/x',
        shape: {
          kind: 'union',
          members: [{ kind: 'ref', name: 'UsageCompletionsResult' }, { kind: 'ref', name: 'CostsResult' }],
          discriminator: { property: 'object', mapping: { 'organization.usage.completions.result': 0, 'organization.costs.result': 1 } },
        },
      },
      UsageCompletionsResult: {
        name: 'UsageCompletionsResult',
        usage: 'response',
        pointer: '/x',
        shape: {
          kind: 'object',
          properties: [
            { name: 'object', required: true, shape: { kind: 'literal', value: 'organization.usage.completions.result' } },
            { name: 'input_tokens', required: true, shape: int },
          ],
        },
      },
      CostsResult: {
        name: 'CostsResult',
        usage: 'response',
        pointer: '/x',
        shape: {
          kind: 'object',
          properties: [
            { name: 'object', required: true, shape: { kind: 'literal', value: 'organization.costs.result' } },
            { name: 'amount', required: false, shape: { kind: 'object', properties: [{ name: 'value', required: false, shape: { kind: 'number' } }] } },
          ],
        },
      },
    },
  };
}
