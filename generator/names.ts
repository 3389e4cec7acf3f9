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
 * Split any identifier into lower-case words: `admin_api_keys`, `admin-api-keys`,
 * `adminAPIKeys`, `AdminApiKeys`, `project_ids[]`, `effective_at.gt` → words.
 */
export function words(input: string): string[] {
  return input
    .replace(/\[\]$/, '')
    // A plural acronym is one word: `APIs`, `getIDs`, `URLs` (not `AP Is`).
    .replace(/([A-Z]{2,})s(?=$|[^a-z])/g, (_, acronym: string) => `${acronym.charAt(0)}${acronym.slice(1).toLowerCase()}s`)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

function capitalize(word: string): string {
  return ACRONYMS.get(word) ?? word.charAt(0).toUpperCase() + word.slice(1);
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
  if (IRREGULAR_SINGULARS[lower]) return IRREGULAR_SINGULARS[lower];
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

/** Valid JS identifier check, for choosing between `a.b` and `a['b']` or quoted keys. */
export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);
}

/** Human title: `admin_api_keys` → `Admin API keys`, `project users`. Acronyms stay upper. */
export function sentenceCase(input: string): string {
  const parts = words(input).map((w) => (ACRONYMS.has(w) ? ACRONYMS.get(w)! : w));
  if (parts.length === 0) return '';
  parts[0] = parts[0]!.charAt(0).toUpperCase() + parts[0]!.slice(1);
  return parts.join(' ');
}
