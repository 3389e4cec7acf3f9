/**
 * generator/names.ts: the one place user-visible names are derived (word
 * splitting, official acronym casing, kebab flags, singular array flags).
 */
import { describe, expect, it } from 'vitest';
import { camelCase, kebabCase, paramName, pascalCase, sentenceCase, singularName, singularWord, snakeCase, words } from '../../generator/names.js';
import { reservedAccessors } from '../../generator/normalize/reserved.js';
import { APIClient } from '../../runtime/client/client.js';
import { APIResource } from '../../runtime/client/resource.js';

describe('words', () => {
  it.each([
    ['admin_api_keys', ['admin', 'api', 'keys']],
    ['admin-api-keys', ['admin', 'api', 'keys']],
    ['adminAPIKeys', ['admin', 'api', 'keys']],
    ['AdminApiKeys', ['admin', 'api', 'keys']],
    ['project_ids[]', ['project', 'ids']],
    ['effective_at.gt', ['effective', 'at', 'gt']],
    ['max_requests_per_1_minute', ['max', 'requests', 'per', '1', 'minute']],
    // A plural acronym is one word, wherever it stands.
    ['Together APIs', ['together', 'apis']],
    ['getIDs', ['get', 'ids']],
    ['URLsForAPIs', ['urls', 'for', 'apis']],
    ['HTTPSConnection', ['https', 'connection']],
  ])('%s', (input, expected) => {
    expect(words(input)).toEqual(expected);
  });
});

describe('casing', () => {
  it('writes acronyms as the official SDKs do', () => {
    expect(camelCase('admin_api_keys')).toBe('adminAPIKeys');
    expect(pascalCase('admin_api_key')).toBe('AdminAPIKey');
    expect(camelCase('key_id')).toBe('keyID');
    expect(camelCase('project_ids')).toBe('projectIDs');
    expect(pascalCase('Together APIs')).toBe('TogetherAPIs');
    expect(sentenceCase('admin_api_keys_get')).toBe('Admin API keys get');
  });

  it('gives snake and kebab forms of any spelling', () => {
    expect(snakeCase('adminAPIKeys')).toBe('admin_api_keys');
    expect(snakeCase('Together APIs')).toBe('together_apis');
    expect(kebabCase('admin:organization')).toBe('admin-organization');
    expect(kebabCase('ServiceAccounts')).toBe('service-accounts');
  });
});

describe('singular forms (repeatable CLI flags)', () => {
  it.each([
    ['event_types', 'event_type'],
    ['project_ids[]', 'project_id'],
    ['policies', 'policy'],
    ['statuses', 'status'],
    ['addresses', 'address'],
    ['boxes', 'box'],
    ['sizes', 'size'],
    ['metadata', 'metadata'],
  ])('%s → %s', (input, expected) => {
    expect(singularName(input)).toBe(expected);
  });

  it('leaves words that only look plural', () => {
    expect(singularWord('status')).toBe('status');
    expect(singularWord('analysis')).toBe('analysis');
  });
});

describe('param names (client key, MCP argument; kebab case is the CLI flag)', () => {
  it.each([
    ['project_id', 'project_id'],
    ['PageSize', 'PageSize'],
    ['project_ids[]', 'project_ids'],
    ['DateCreated<', 'DateCreated_lt'],
    ['DateCreated>', 'DateCreated_gt'],
    ['StartTime<=', 'StartTime_lte'],
    ['StartTime>=', 'StartTime_gte'],
    ['Status!=', 'Status_ne'],
    ['created[gte]', 'created_gte'],
    ['price.gt', 'price_gt'],
    ['filter[name]', 'filter_name'],
    ['Filter[Created][gte]', 'Filter_created_gte'],
    ['!status', 'not_status'],
    ['$top', 'top'],
    ['X-Request-ID', 'x_request_id'],
    ['first name', 'first_name'],
    ['2fa', '_2fa'],
    ['__proto__', 'proto_'],
    ['constructor', 'constructor_'],
    ['toString', 'toString_'],
    ['', 'param'],
  ])('%j → %s', (wire, clean) => {
    expect(paramName(wire)).toBe(clean);
  });
});

describe('reserved accessors', () => {
  it('cover every member of the client core and of resources, read from their source', () => {
    const client = new APIClient({ apiKey: null }, { packageName: 'x', version: '0', defaultBaseURL: 'https://x.test' });
    const members = (o: object) => [...Object.getOwnPropertyNames(o), ...Object.getOwnPropertyNames(Object.getPrototypeOf(o))];
    const { root, member } = reservedAccessors();
    for (const name of members(client)) expect(root.has(name), name).toBe(true);
    class Some extends APIResource {}
    for (const name of members(new Some(client))) expect(member.has(name), name).toBe(true);
    expect(root.has('withOptions') && root.has('request') && !member.has('request')).toBe(true);
  });
});
