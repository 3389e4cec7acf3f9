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

describe('mixed-case words (brands and terms written with inner capitals)', () => {
  it.each([
    ['OAuth2Token', 'oauth2_token', 'OAuth2Token'],
    ['OAuthApp', 'oauth_app', 'OAuthApp'],
    ['getOAuthClient', 'get_oauth_client', 'GetOAuthClient'],
    ['listGitHubRepos', 'list_github_repos', 'ListGitHubRepos'],
    ['GitLabProject', 'gitlab_project', 'GitLabProject'],
    ['YouTubeVideo', 'youtube_video', 'YouTubeVideo'],
    ['LinkedInProfile', 'linkedin_profile', 'LinkedInProfile'],
    ['PayPalPayment', 'paypal_payment', 'PayPalPayment'],
    ['eBayItem', 'ebay_item', 'EBayItem'],
    ['getEBayItems', 'get_ebay_items', 'GetEBayItems'],
    ['iOSDevice', 'ios_device', 'IOSDevice'],
    ['macOSVersion', 'macos_version', 'MacOSVersion'],
    ['IPv4Address', 'ipv4_address', 'IPv4Address'],
    ['allowedIPv6Ranges', 'allowed_ipv6_ranges', 'AllowedIPv6Ranges'],
    ['GraphQLQuery', 'graphql_query', 'GraphQLQuery'],
    ['JavaScriptSnippet', 'javascript_snippet', 'JavaScriptSnippet'],
    ['TypeScriptTypes', 'typescript_types', 'TypeScriptTypes'],
    ['PostgreSQLDatabase', 'postgresql_database', 'PostgreSQLDatabase'],
    ['MySQLInstance', 'mysql_instance', 'MySQLInstance'],
    ['SQLiteFile', 'sqlite_file', 'SQLiteFile'],
    // From snake case too, and back.
    ['github_token', 'github_token', 'GitHubToken'],
    ['oauth2_client_id', 'oauth2_client_id', 'OAuth2ClientID'],
  ])('%s → %s, %s', (input, snake, pascal) => {
    expect(snakeCase(input)).toBe(snake);
    expect(kebabCase(input)).toBe(snake.replace(/_/g, '-'));
    expect(pascalCase(input)).toBe(pascal);
    // The Pascal spelling splits back into the same words.
    expect(words(pascal)).toEqual(words(input));
  });

  it('keeps them one word only where they stand as a word', () => {
    // Going on in lower case, or inside a lower-case run, they are not the word.
    expect(snakeCase('LinkedInvoice')).toBe('linked_invoice');
    expect(snakeCase('getiOS')).toBe('geti_os');
    // An all-capitals word is not cut by a mixed-case one inside it.
    expect(snakeCase('BIOSVersion')).toBe('bios_version');
    // Splits that read right stay as they were (the OpenAI names depend on them).
    expect(snakeCase('OpenAIFile')).toBe('open_ai_file');
    expect(snakeCase('ResponsesWebSocketStreamEvent')).toBe('responses_web_socket_stream_event');
    expect(snakeCase('OpenIDConnect')).toBe('open_id_connect');
  });

  it('spells them as written in camel case and titles', () => {
    expect(camelCase('create_oauth2_token')).toBe('createOAuth2Token');
    expect(camelCase('GitHubApp')).toBe('githubApp');
    expect(sentenceCase('listGitHubRepos')).toBe('List GitHub repos');
    expect(sentenceCase('eBayItems')).toBe('eBay items');
    expect(sentenceCase('ios_devices')).toBe('iOS devices');
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
