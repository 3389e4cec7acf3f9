/**
 * Global flags: accepted before or after the command. Kept as data so that
 * help, completion and the parser share one list.
 */

export type Format = 'auto' | 'json' | 'jsonl' | 'yaml' | 'pretty' | 'table';
export const FORMATS: Format[] = ['auto', 'json', 'jsonl', 'yaml', 'pretty', 'table'];

export interface GlobalFlag {
  flag: string;
  /** Key in `GlobalOptions`. */
  key: keyof GlobalOptions;
  /** `header`: `NAME: VALUE`, repeatable, collected in order. */
  kind: 'string' | 'boolean' | 'duration' | 'integer' | 'header';
  value?: string;
  choices?: string[];
  description: string;
  /** A key flag of another security scheme, or a server variable: its value goes to `<key>[option]` (the client option). */
  option?: string;
}

/** A variable of the API's server URL (`https://{region}.api.example.com`): a global flag and an env var. */
export interface ServerVarFlag {
  flag: string;
  env: string;
  clientOption: string;
  default: string;
  choices?: string[];
}

/**
 * A client option the client sends as a header on every request (the target
 * config's `clientHeaders`, e.g. OpenAI's organization): a global flag, else
 * its env var.
 */
export interface HeaderOptionFlag {
  flag: string;
  clientOption: string;
  header: string;
  env?: string;
}

/** The key flag and env var of a security scheme other than the first. */
export interface MoreAuth {
  flag: string;
  env: string;
  clientOption: string;
  /** HTTP basic credentials: the value is `user:password`. */
  basic?: boolean;
}

/** The API's first security scheme as a flag: its env var, and whether it takes `user:password`. */
export interface KeyFlag {
  flag: string;
  env: string;
  basic?: boolean;
}

/** What a key flag's value is, for help. */
function keyWhat(basic: boolean | undefined): { value: string; what: string } {
  return basic
    ? { value: 'USER:PASSWORD', what: 'HTTP basic credentials as user:password' }
    : { value: 'KEY', what: 'API key' };
}

export interface GlobalOptions {
  apiKey?: string;
  /** Keys of the API's other security schemes, by client option. */
  moreKeys?: Record<string, string>;
  /** Server variables, by client option. */
  serverVars?: Record<string, string>;
  /** Header options (`--organization`), by client option. */
  headerOptions?: Record<string, string>;
  baseURL?: string;
  /** `--header 'NAME: VALUE'`, in the order given. */
  headers?: Array<[string, string]>;
  timeoutMs?: number;
  maxRetries?: number;
  format?: string;
  transform?: string;
  maxItems?: number;
  /** `--page-url URL`: a list paged by next links starts at that page (where an earlier walk stopped). */
  pageURL?: string;
  dryRun?: boolean;
  debug?: boolean;
  data?: string;
  /** `--output FILE`: the result goes to FILE (atomically), `-` = stdout. */
  output?: string;
  help?: boolean;
  version?: boolean;
}

/** A list whose pages come by next links (the body's, or the `Link` header's): `--page-url` resumes it. */
export function pagesByLink(pagination: { style: string; linkHeader?: boolean } | undefined): boolean {
  return pagination?.style === 'next_link' || pagination?.linkHeader === true;
}

/** Items printed by a list command unless `--max-items` says otherwise. */
export const DEFAULT_MAX_ITEMS = 100;

/**
 * `auth` comes from the table (the IR auth scheme): an API without one has no
 * key flag (it would be accepted and never sent); `moreAuth` from the API's
 * other schemes.
 */
export function globalFlags(
  auth: KeyFlag | undefined,
  baseURLEnv: string,
  moreAuth: MoreAuth[] = [],
  serverVars: ServerVarFlag[] = [],
  headerOptions: HeaderOptionFlag[] = [],
  /** Whether a command lists by next links (`pagesByLink`): only then is there a `--page-url`. */
  linkLists = false,
): GlobalFlag[] {
  const key: GlobalFlag[] = auth
    ? [
        {
          flag: auth.flag,
          key: 'apiKey',
          kind: 'string',
          value: keyWhat(auth.basic).value,
          description: `${keyWhat(auth.basic).what} (default: env ${auth.env}). Never printed.`,
        },
      ]
    : [];
  return [
    ...key,
    ...moreAuth.map((a): GlobalFlag => ({
      flag: a.flag,
      key: 'moreKeys',
      option: a.clientOption,
      kind: 'string',
      value: keyWhat(a.basic).value,
      description: `${a.basic ? 'user:password' : 'Key'} for the commands that accept it (default: env ${a.env}). Never printed.`,
    })),
    {
      flag: 'base-url',
      key: 'baseURL',
      kind: 'string',
      value: 'URL',
      description: `API base URL (default: env ${baseURLEnv}, then the API's URL).`,
    },
    {
      flag: 'header',
      key: 'headers',
      kind: 'header',
      value: "'NAME: VALUE'",
      description:
        'Extra request header, repeatable; it overrides the same header the CLI would send (Authorization included). Credentials in it are never printed.',
    },
    ...serverVars.map((v): GlobalFlag => ({
      flag: v.flag,
      key: 'serverVars',
      option: v.clientOption,
      kind: 'string',
      value: 'VALUE',
      ...(v.choices ? { choices: v.choices } : {}),
      description: `Part of the API's URL (default: env ${v.env}, then ${v.default}).`,
    })),
    ...headerOptions.map((h): GlobalFlag => ({
      flag: h.flag,
      key: 'headerOptions',
      option: h.clientOption,
      kind: 'string',
      value: 'VALUE',
      description: `Sent as the ${h.header} header${h.env ? ` (default: env ${h.env})` : ''}.`,
    })),
    {
      flag: 'timeout',
      key: 'timeoutMs',
      kind: 'duration',
      value: 'DURATION',
      description: 'Per-request timeout: seconds, or with a unit (500ms, 30s, 2m).',
    },
    {
      flag: 'max-retries',
      key: 'maxRetries',
      kind: 'integer',
      value: 'N',
      description: 'Retries for failed requests (default: the client default).',
    },
    {
      flag: 'format',
      key: 'format',
      kind: 'string',
      value: 'FORMAT',
      choices: FORMATS,
      description: 'Output format: auto is pretty/table on a terminal, json when piped.',
    },
    {
      flag: 'transform',
      key: 'transform',
      kind: 'string',
      value: 'PATH',
      description: 'Project the output with a path, e.g. data.#.id or .data[].id.',
    },
    {
      flag: 'max-items',
      key: 'maxItems',
      kind: 'integer',
      value: 'N',
      description: `Lists: stop after N items, -1 for all (default: ${DEFAULT_MAX_ITEMS}).`,
    },
    ...(linkLists
      ? [
          {
            flag: 'page-url',
            key: 'pageURL',
            kind: 'string',
            value: 'URL',
            description: 'Lists paged by next links: start at this page (the URL a list stopped by --max-items names).',
          } satisfies GlobalFlag,
        ]
      : []),
    {
      flag: 'data',
      key: 'data',
      kind: 'string',
      value: '@FILE|-|JSON',
      description: 'Request body as JSON or YAML: inline, @file, or - for stdin. Flags override its fields.',
    },
    {
      flag: 'output',
      key: 'output',
      kind: 'string',
      value: 'FILE',
      description:
        'Write the result to FILE instead of stdout, atomically (nothing is left on error or Ctrl-C). Binary responses need it on a terminal.',
    },
    {
      flag: 'dry-run',
      key: 'dryRun',
      kind: 'boolean',
      description: 'Print the HTTP request (key redacted) instead of sending it.',
    },
    {
      flag: 'debug',
      key: 'debug',
      kind: 'boolean',
      description: 'Log requests and responses to stderr (key redacted).',
    },
    { flag: 'help', key: 'help', kind: 'boolean', description: 'Show help.' },
    { flag: 'version', key: 'version', kind: 'boolean', description: 'Show the version.' },
  ];
}

/** A usage error: exit code 2, one line of message and one of hint. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** `30`, `30s`, `500ms`, `2m` → milliseconds. */
export function parseDuration(raw: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(raw.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2] ?? 's';
  return Math.round(unit === 'ms' ? n : unit === 'm' ? n * 60_000 : n * 1000);
}
