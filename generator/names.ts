/**
 * Every user-visible name is derived here and nowhere else: word splitting,
 * the official acronym casing (`adminAPIKeys`, `keyID`), kebab flags and
 * singular forms for repeatable CLI array flags.
 */

/** Words written in capitals in camel/Pascal case, as the official SDKs do. */
const ACRONYMS = new Map<string, string>([
  ['api', 'API'],
  ['apis', 'APIs'],
  ['id', 'ID'],
  ['ids', 'IDs'],
  ['url', 'URL'],
  ['urls', 'URLs'],
  ['ip', 'IP'],
  ['ips', 'IPs'],
  ['mcp', 'MCP'],
  ['json', 'JSON'],
  ['http', 'HTTP'],
  ['sso', 'SSO'],
  ['scim', 'SCIM'],
]);

/**
 * Mixed-case names that are one word although their capitals say two:
 * brands (`GitHub`, `PayPal`, `eBay`) and terms (`OAuth`, `IPv4`, `GraphQL`),
 * as documents write them in identifiers (`OAuth2Token`, `listGitHubApps`,
 * `IPv6Address`). The camel-case split cut them (`o_auth2_token`, `git_hub`,
 * `i_pv6`). Only words whose split reads wrong: `OpenAI` (`open_ai`),
 * `OpenID` and `WebSocket` split as people write them.
 */
const MIXED_CASE_WORDS = [
  'OAuth', 'GitHub', 'GitLab', 'YouTube', 'LinkedIn', 'PayPal', 'eBay', 'iOS', 'macOS',
  'IPv4', 'IPv6', 'GraphQL', 'JavaScript', 'TypeScript', 'PostgreSQL', 'MySQL', 'SQLite',
];

/** A mixed-case word's spelling in prose (`iOS`). */
const MIXED_CASE_TEXT = new Map(MIXED_CASE_WORDS.map((w) => [w.toLowerCase(), w]));

/** A mixed-case word's spelling in camel and Pascal case, a capital first so that it splits back: `OAuth`, `EBay`, `IOS`. */
const MIXED_CASE = new Map(MIXED_CASE_WORDS.map((w) => [w.toLowerCase(), w.charAt(0).toUpperCase() + w.slice(1)]));

/**
 * Where a mixed-case word stands as a word: as spelled (one that starts in
 * lower case, `eBay`, only where no letter or digit precedes it), or in its
 * Pascal spelling (`EBay`, `MacOS`; an all-capitals one, `IOS`, splits
 * right already), and not going on in lower case (`OAuth2`, `GitHubApp`).
 */
const MIXED_CASE_PATTERN = new RegExp(
  `(?:${MIXED_CASE_WORDS.flatMap((w) => {
    if (!/^[a-z]/.test(w)) return [w];
    const pascal = MIXED_CASE.get(w.toLowerCase())!;
    return [`(?<![A-Za-z0-9])${w}`, ...(/[a-z]/.test(pascal) ? [pascal] : [])];
  }).join('|')})(?![a-z])`,
  'g',
);

/**
 * Split any identifier into lower-case words: `admin_api_keys`, `admin-api-keys`,
 * `adminAPIKeys`, `AdminApiKeys`, `project_ids[]`, `effective_at.gt` → words.
 */
export function words(input: string): string[] {
  // The same identifiers are split again and again (every name of every surface); the copy keeps callers free to mutate.
  let found = splitWords.get(input);
  if (!found) splitWords.set(input, (found = splitIntoWords(input)));
  return found.slice();
}

const splitWords = new Map<string, string[]>();

function splitIntoWords(input: string): string[] {
  return input
    .replace(/\[\]$/, '')
    // `OAuth2Token` reads `Oauth2Token` to the splits below: one word, and its digits stay with it as usual.
    .replace(MIXED_CASE_PATTERN, (w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())
    // A plural acronym is one word: `APIs`, `getIDs`, `URLs` (not `AP Is`).
    .replace(/([A-Z]{2,})s(?=$|[^a-z])/g, (_, acronym: string) => `${acronym.charAt(0)}${acronym.slice(1).toLowerCase()}s`)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

function capitalize(word: string): string {
  return ACRONYMS.get(word) ?? mixedCase(word, MIXED_CASE) ?? word.charAt(0).toUpperCase() + word.slice(1);
}

/** A mixed-case word in `spellings`, also with a version after it (`oauth2` → `OAuth2`); undefined for other words. */
function mixedCase(word: string, spellings: Map<string, string>): string | undefined {
  const versioned = /^([a-z]+)(\d+)$/.exec(word);
  return spellings.get(word) ?? (versioned && spellings.has(versioned[1]!) ? spellings.get(versioned[1]!)! + versioned[2] : undefined);
}

/** `admin_api_keys` → `adminAPIKeys`; `service_accounts` → `serviceAccounts`. */
export function camelCase(input: string): string {
  const [first = '', ...rest] = words(input);
  return first + rest.map(capitalize).join('');
}

/** `admin_api_key` → `AdminAPIKey`. */
export function pascalCase(input: string): string {
  return words(input).map(capitalize).join('');
}

/** `adminAPIKeys` → `admin_api_keys`. */
export function snakeCase(input: string): string {
  return words(input).join('_');
}

/**
 * The prefix of a package's env vars: `1password-connect` → `_1PASSWORD_CONNECT`. A shell name never starts with a
 * digit (`export 1PASSWORD_CONNECT_API_KEY=…` is an error), so such a prefix takes a leading `_`.
 */
export function envPrefix(packageName: string): string {
  const upper = snakeCase(packageName).toUpperCase();
  return /^[0-9]/.test(upper) ? `_${upper}` : upper;
}

/** `admin_api_keys` → `admin-api-keys`. */
export function kebabCase(input: string): string {
  return words(input).join('-');
}

const IRREGULAR_SINGULARS: Record<string, string> = {
  statuses: 'status',
  aliases: 'alias',
  addresses: 'address',
  indices: 'index',
  people: 'person',
  children: 'child',
  data: 'data',
  metadata: 'metadata',
  series: 'series',
  news: 'news',
};

/** Singular of one English word: `types` → `type`, `policies` → `policy`, `sizes` → `size`. */
export function singularWord(word: string): string {
  const lower = word.toLowerCase();
  // Own keys only: `constructor` is a word, not Object's constructor.
  if (Object.hasOwn(IRREGULAR_SINGULARS, lower)) return IRREGULAR_SINGULARS[lower]!;
  if (/ies$/.test(lower) && lower.length > 4) return lower.slice(0, -3) + 'y';
  if (/(ss|us|is)$/.test(lower)) return lower;
  if (/(ches|shes|xes|sses|zes)$/.test(lower) && !/(izes|azes)$/.test(lower)) return lower.slice(0, -2);
  if (/s$/.test(lower)) return lower.slice(0, -1);
  return lower;
}

/**
 * Singular of a snake/kebab name by its last word: `event_types` → `event_type`,
 * `project_ids[]` → `project_id`, `emails` → `email`.
 */
export function singularName(input: string): string {
  const parts = words(input);
  if (parts.length === 0) return input;
  parts[parts.length - 1] = singularWord(parts[parts.length - 1]!);
  return parts.join('_');
}

/**
 * Comparison operators that real APIs glue to parameter names (`DateCreated<`,
 * `StartTime>=`, `created[gte]`, `price.gt`), as the words every surface uses
 * for them: one scheme everywhere, so `X<` and `X[lt]` read the same.
 */
const OPERATOR_WORDS: Array<[string, string]> = [
  ['<=', 'lte'],
  ['>=', 'gte'],
  ['!=', 'ne'],
  ['<>', 'ne'],
  ['<', 'lt'],
  ['>', 'gt'],
  ['=', 'eq'],
  ['!', 'not'],
];

/**
 * Names that are members of every JS object: as param names they would read
 * inherited values (`params.constructor`) or, for `__proto__`, set the prototype.
 */
const OBJECT_MEMBERS = new Set([
  '__proto__', 'constructor', 'prototype', 'toString', 'toLocaleString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf',
  'propertyIsEnumerable', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__',
]);

/**
 * The clean name of a parameter or body field (client params key, MCP
 * argument; its kebab case is the CLI flag) from its wire name, which stays
 * exact on the wire:
 * - an identifier stays as it is (`project_id`, `PageSize`);
 * - `project_ids[]` → `project_ids`;
 * - an identifier with an operator or a bracket/dot suffix keeps its spelling and
 *   gains the suffix as words: `ValidUntilDate<` → `ValidUntilDate_lt`,
 *   `created[gte]` → `created_gte`, `price.gt` → `price_gt`, `filter[name]` → `filter_name`;
 * - anything else is snake case (`X-Request-ID` → `x_request_id`, `$top` → `top`);
 * - never a member of every object (`constructor` → `constructor_`) and never
 *   starting with a digit (`2fa` → `_2fa`).
 */
export function paramName(wire: string): string {
  const stripped = wire.replace(/\[\]$/, '');
  let name: string;
  const split = /^([A-Za-z_][A-Za-z0-9_]*)(.+)$/.exec(stripped);
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(stripped)) name = stripped;
  else if (split && /^(\s*(<=|>=|!=|<>|<|>|=|!)\s*|\[[^\]]*\]|\.[^.[\]]+)+$/.test(split[2]!)) {
    const suffix = snakeCase(operatorWords(split[2]!));
    name = suffix ? `${split[1]}_${suffix}` : split[1]!;
  } else name = snakeCase(operatorWords(stripped));
  if (!name) name = 'param';
  if (/^[0-9]/.test(name)) name = `_${name}`;
  if (OBJECT_MEMBERS.has(name)) name = `${name.replace(/^_+|_+$/g, '')}_`;
  return name;
}

/** `<=` → ` lte `, `!x` → ` not x`: operators become words before case conversion. */
function operatorWords(text: string): string {
  let out = text;
  for (const [op, word] of OPERATOR_WORDS) out = out.split(op).join(` ${word} `);
  return out;
}

/** Words JavaScript and TypeScript reserve: no local name (argument, destructured option, class) may be one. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set(
  ('break case catch class const continue debugger default delete do else enum export extends false finally for function if import in ' +
    'instanceof new null return super switch this throw true try typeof var void while with implements interface let package private ' +
    'protected public static yield await arguments eval').split(' '),
);

/**
 * Global names generated code uses (or a user's code expects to mean the
 * global): a type or class named `Array` or `Record` would shadow them in the
 * file that declares it.
 */
export const GLOBAL_NAMES: ReadonlySet<string> = new Set([
  'Array', 'ArrayBuffer', 'AsyncIterable', 'AsyncIterableIterator', 'AsyncIterator', 'Awaited', 'BigInt', 'Blob', 'Boolean', 'Date',
  'Error', 'Exclude', 'Extract', 'File', 'FormData', 'Function', 'Headers', 'Iterable', 'Iterator', 'JSON', 'Map', 'Math',
  'NonNullable', 'Number', 'Object', 'Omit', 'Partial', 'Pick', 'Promise', 'PromiseLike', 'Readonly', 'ReadonlyArray',
  'ReadableStream', 'Record', 'Request', 'RequestInit', 'Required', 'Response', 'ReturnType', 'Set', 'String', 'Symbol',
  'TextDecoder', 'TextEncoder', 'URL', 'URLSearchParams', 'Uint8Array', 'AbortSignal', 'AbortController', 'globalThis',
]);

/** Valid JS identifier check, for choosing between `a.b` and `a['b']` or quoted keys. */
export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);
}

/** Human title: `admin_api_keys` → `Admin API keys`, `project users`. Acronyms stay upper, mixed-case words as spelled (`GitHub`). */
export function sentenceCase(input: string): string {
  const plain = words(input);
  const parts = plain.map((w) => ACRONYMS.get(w) ?? mixedCase(w, MIXED_CASE_TEXT) ?? w);
  if (parts.length === 0) return '';
  // Only a plain word takes a capital in front: acronyms and mixed-case words keep their spelling (`eBay items`).
  if (parts[0] === plain[0]) parts[0] = parts[0]!.charAt(0).toUpperCase() + parts[0]!.slice(1);
  return parts.join(' ');
}
