/**
 * Hand-built OperationSpecs and a client factory for the client-runtime tests.
 * The specs mimic what the generator emits for admin operations.
 */
import { APIClient, type ClientOptions, type Logger } from '../../../runtime/client/index.js';
import type { OperationSpec, PaginationSpec } from '../../../runtime/client/operation.js';

export const KEY = 'sk-admin-TESTKEY-0123456789abcdef';

export const META = {
  packageName: 'openai-admin',
  version: '0.0.0-test',
  defaultBaseURL: 'http://127.0.0.1:9/never-used',
  apiKeyEnv: 'OPENAI_ADMIN_KEY_TEST_UNSET',
  apiKeyOption: 'adminAPIKey',
};

export function makeClient(baseURL: string, options: ClientOptions = {}): APIClient {
  return new APIClient({ apiKey: KEY, baseURL, maxRetries: 2, ...options }, META);
}

/** A logger that keeps every line (message plus JSON of the extra args). */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const add = (level: string) => (message: string, ...rest: unknown[]) => {
    lines.push(`${level} ${message} ${rest.map((r) => JSON.stringify(r)).join(' ')}`);
  };
  return { lines, error: add('error'), warn: add('warn'), info: add('info'), debug: add('debug') };
}

export const retrieveProjectUser: OperationSpec = {
  key: 'admin.organization.projects.users.retrieve',
  method: 'get',
  path: '/organization/projects/{project_id}/users/{user_id}',
  pathParams: ['project_id', 'user_id'],
  auth: true,
};

export const listAuditLogs: OperationSpec = {
  key: 'admin.organization.auditLogs.list',
  method: 'get',
  path: '/organization/audit_logs',
  pathParams: [],
  query: {
    project_ids: { wire: 'project_ids[]', style: 'brackets' },
    event_types: { wire: 'event_types[]', style: 'brackets' },
    effective_at: { wire: 'effective_at', style: 'deepObject', explode: true },
    limit: { wire: 'limit', style: 'form', explode: true },
    after: { wire: 'after', style: 'form', explode: true },
  },
  auth: true,
};

export const usageQueryOp: OperationSpec = {
  key: 'admin.organization.usage.completions',
  method: 'get',
  path: '/organization/usage/completions',
  pathParams: [],
  query: {
    start_time: { wire: 'start_time', style: 'form', explode: true },
    models: { wire: 'models', style: 'form', explode: true },
    group_by: { wire: 'group_by', style: 'form', explode: false },
    batch: { wire: 'batch', style: 'form', explode: true },
  },
  auth: true,
};

export const createProject: OperationSpec = {
  key: 'admin.organization.projects.create',
  method: 'post',
  path: '/organization/projects',
  pathParams: [],
  body: { contentType: 'application/json', fields: { name: 'name', geography: 'geography', external_key_id: 'external_key_id' } },
  auth: true,
};

export const updateRateLimit: OperationSpec = {
  key: 'admin.organization.projects.rateLimits.updateRateLimit',
  method: 'post',
  path: '/organization/projects/{project_id}/rate_limits/{rate_limit_id}',
  pathParams: ['project_id', 'rate_limit_id'],
  body: { contentType: 'application/json', whole: 'body' },
  auth: true,
};

export const deleteUser: OperationSpec = {
  key: 'admin.organization.users.delete',
  method: 'delete',
  path: '/organization/users/{user_id}',
  pathParams: ['user_id'],
  auth: true,
};

function paged(key: string, path: string, pagination: PaginationSpec): OperationSpec {
  const cursor = pagination.requestParam;
  return {
    key,
    method: 'get',
    path,
    pathParams: [],
    query: {
      limit: { wire: 'limit', style: 'form', explode: true },
      [cursor]: { wire: cursor, style: 'form', explode: true },
      ...(pagination.style === 'cursor_before' ? { before: { wire: 'before', style: 'form' as const, explode: true } } : {}),
    },
    pagination,
    auth: true,
  };
}

export const listUsers = paged('admin.organization.users.list', '/organization/users', {
  style: 'cursor', requestParam: 'after', cursorField: 'last_id', itemsField: 'data', hasMoreField: 'has_more',
});
export const listAdminKeys = paged('admin.organization.adminAPIKeys.list', '/organization/admin_api_keys', {
  style: 'cursor_before', requestParam: 'after', cursorField: 'last_id', itemsField: 'data', hasMoreField: 'has_more',
});
export const listGroups = paged('admin.organization.groups.list', '/organization/groups', {
  style: 'next_cursor', requestParam: 'after', cursorField: 'next', itemsField: 'data', hasMoreField: 'has_more',
});
export const usageCosts = paged('admin.organization.usage.costs', '/organization/costs', {
  style: 'page_token', requestParam: 'page', cursorField: 'next_page', itemsField: 'data', hasMoreField: 'has_more',
});
/** A list the request cannot ask past (`GET /models`): one page, iterable. */
export const listModels: OperationSpec = {
  key: 'models.list',
  method: 'get',
  path: '/models',
  pathParams: [],
  query: {},
  pagination: { style: 'single', requestParam: '', cursorField: '', itemsField: 'data', hasMoreField: 'has_more' },
  auth: true,
};
