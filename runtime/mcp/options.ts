/**
 * Command-line options of the MCP server. Parsing is strict: an unknown flag
 * or a missing value is a usage error (exit 2), never a silently ignored typo.
 */
import type { HeaderOption } from './table.js';

export interface ServerOptions {
  transport: 'stdio' | 'http';
  port: number;
  host: string;
  authToken?: string;
  readOnly: boolean;
  resources: string[];
  tools: string[];
  /** `auto` (default): the static listing, or dynamic mode when it would pass `listingBudget` bytes. */
  mode: 'auto' | 'all' | 'dynamic';
  /** Bytes of tools/list above which `auto` starts in dynamic mode. */
  listingBudget: number;
  /** Bytes of tool definitions one tools/list page carries at most (clients follow `nextCursor`). */
  listingPageBytes: number;
  /** Directories under which upload arguments may name local files (`--allow-file-dir`, repeatable). */
  allowFileDirs: string[];
  /** Largest binary response returned as an embedded resource. */
  maxBinaryBytes: number;
  /** Cap on the JSON bytes of the events a streaming call returns. */
  maxStreamBytes: number;
  /** How tools/list shows outputSchema; results always carry structuredContent. See OUTPUT_SCHEMAS. */
  outputSchemas: OutputSchemas;
  /** Keep shared argument descriptions in every tool instead of the instructions (see shared-docs.ts). */
  inlineSharedDocs: boolean;
  help: boolean;
  version: boolean;
  listTools: boolean;
  /** Server URL variables given as flags, by env var (the client reads them from there). */
  serverVars: Record<string, string>;
  /** Header options given as flags (`--organization`), by client option. */
  headerOptions: Record<string, string>;
}

export class UsageError extends Error {}

/** A server URL variable's flag, e.g. `--region` (see ServerVariableOption in table.ts). */
export interface ServerVarFlag {
  flag: string;
  env: string;
  default: string;
  choices?: string[];
}

/**
 * outputSchema in tools/list:
 * - `full`: the response's top-level fields with their JSON types (list tools:
 *   the page envelope and the item fields), as generated in tools.json;
 * - `object`: `{"type":"object"}`, which is what most clients need (the result is
 *   structured), and saves about 30 KB of tools/list for 119 tools;
 * - `none`: no outputSchema.
 * The default is `object` to keep tools/list within its budget (issue 4:
 * at most 0.75× the openapi-mcp-generator peer); dynamic mode's schema tool
 * always returns the full one.
 */
export type OutputSchemas = 'full' | 'object' | 'none';
export const DEFAULT_OUTPUT_SCHEMAS: OutputSchemas = 'object';

/**
 * tools/list budget of the default start (bytes of the JSON result, ~25k
 * tokens): a larger listing would crowd the model's context, so the server
 * starts in dynamic mode instead (see server.ts).
 */
export const DEFAULT_LISTING_BUDGET = 100_000;

/**
 * Bytes of tool definitions one tools/list page carries at most. The official
 * SDK's stdio transport refuses a message over 10 MiB (its read buffer), so a
 * larger listing (hundreds of tools with large input schemas) is sent in pages
 * that MCP clients walk by `nextCursor`; a listing under this is one page, as
 * before.
 */
export const DEFAULT_LISTING_PAGE_BYTES = 4 * 1024 * 1024;

/** Binary responses up to this size come back as an embedded resource (base64 adds a third). */
export const DEFAULT_MAX_BINARY_BYTES = 5 * 1024 * 1024;
/** Events a streaming call returns when no final event comes, in JSON bytes. */
export const DEFAULT_MAX_STREAM_BYTES = 256 * 1024;

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  kb: 1000,
  kib: 1024,
  mb: 1000 ** 2,
  mib: 1024 ** 2,
  gb: 1000 ** 3,
  gib: 1024 ** 3,
};

/** `262144`, `256KiB`, `5MB`, `1.5MiB` → bytes. */
export function parseBytes(flag: string, text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = match ? UNITS[match[2]!.toLowerCase()] : undefined;
  const bytes = match && unit ? Math.floor(Number(match[1]) * unit) : NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1)
    throw new UsageError(`${flag} must be a size in bytes such as 262144, 256KiB or 5MB, not ${text}`);
  return bytes;
}

export const USAGE = (
  bin: string,
  serverVars: ServerVarFlag[] = [],
  headerOptions: HeaderOption[] = [],
) => `usage: ${bin} [options]

Serves the API as MCP tools. An API key is read from the environment only.

options:
  --transport stdio|http   stdio (default) or Streamable HTTP
  --port N                 HTTP port (default 3000)
  --host H                 HTTP bind address (default 127.0.0.1)
  --auth-token T           HTTP: require "Authorization: Bearer T" from clients
  --auth-token-env NAME    the same, with T read from environment variable NAME
                           (keeps the token out of the process list)
  --read-only              only tools that change nothing
  --resource GLOB          only tools of matching resources (repeatable),
                           e.g. 'admin.organization.projects*' or '*usage*'
  --tool NAME              only the named tool (repeatable)
  --tools all|dynamic      all: one tool per operation; dynamic: three meta-tools
                           (search, schema, invoke). Default: all, or dynamic
                           when tools/list would pass --listing-budget
  --listing-budget SIZE    tools/list size above which the default start is
                           dynamic (default 100000 bytes; e.g. 250KB)
  --listing-page-size SIZE tools/list page size: a larger listing comes in
                           pages that clients walk by nextCursor (default 4MiB;
                           the MCP SDK's stdio client takes up to 10MiB)
  --allow-file-dir DIR     upload arguments may name local files under DIR
                           (repeatable; symlinks and .. may not leave it);
                           without it uploads take base64 content only
  --max-binary-bytes SIZE  largest binary response returned as an embedded
                           resource (default 5MiB)
  --max-stream-bytes SIZE  cap on the events a streaming call returns when it
                           ends without a *.completed event (default 256KiB)
  --output-schemas full|object|none
                           outputSchema in tools/list: typed top-level fields,
                           {"type":"object"} (default, smallest with one), or none
  --no-output-schemas      same as --output-schemas none
  --inline-shared-docs     repeat argument descriptions shared by many tools in
                           each tool (default: once, in the server instructions)
  --list-tools             print the selected tool names and exit
${serverVars.map((v) => `  --${v.flag} VALUE`.padEnd(27) + `part of the API's URL${v.choices ? ` (${v.choices.join('|')})` : ''}; default: env ${v.env}, then ${v.default}\n`).join('')}${headerOptions.map((h) => `  --${h.flag} VALUE`.padEnd(27) + `sent as the ${h.header} header${h.env ? `; default: env ${h.env}` : ''}\n`).join('')}  --version, --help`;

export function parseOptions(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  serverVars: ServerVarFlag[] = [],
  headerOptions: HeaderOption[] = [],
): ServerOptions {
  const options: ServerOptions = {
    transport: 'stdio',
    port: 3000,
    host: '127.0.0.1',
    readOnly: false,
    resources: [],
    tools: [],
    mode: 'auto',
    listingBudget: DEFAULT_LISTING_BUDGET,
    listingPageBytes: DEFAULT_LISTING_PAGE_BYTES,
    allowFileDirs: [],
    maxBinaryBytes: DEFAULT_MAX_BINARY_BYTES,
    maxStreamBytes: DEFAULT_MAX_STREAM_BYTES,
    outputSchemas: DEFAULT_OUTPUT_SCHEMAS,
    inlineSharedDocs: false,
    help: false,
    version: false,
    listTools: false,
    serverVars: {},
    headerOptions: {},
  };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const flag = eq > 0 ? raw.slice(0, eq) : raw;
    const value = (): string => {
      if (eq > 0) return raw.slice(eq + 1);
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--transport': {
        const v = value();
        if (v !== 'stdio' && v !== 'http') throw new UsageError(`--transport must be stdio or http, not ${v}`);
        options.transport = v;
        break;
      }
      case '--port': {
        const v = value();
        const port = Number(v);
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          throw new UsageError(`--port must be 0-65535, not ${v}`);
        options.port = port;
        break;
      }
      case '--host':
        options.host = value();
        break;
      case '--auth-token':
        options.authToken = value();
        if (!options.authToken) throw new UsageError('--auth-token must not be empty');
        break;
      case '--auth-token-env': {
        const name = value();
        options.authToken = env[name];
        if (!options.authToken)
          throw new UsageError(`--auth-token-env ${name}: that environment variable is not set or empty`);
        break;
      }
      case '--read-only':
        options.readOnly = true;
        break;
      case '--resource':
        options.resources.push(value());
        break;
      case '--tool':
        options.tools.push(value());
        break;
      case '--tools': {
        const v = value();
        if (v !== 'all' && v !== 'dynamic') throw new UsageError(`--tools must be all or dynamic, not ${v}`);
        options.mode = v;
        break;
      }
      case '--listing-budget':
        options.listingBudget = parseBytes(flag, value());
        break;
      case '--listing-page-size':
        options.listingPageBytes = parseBytes(flag, value());
        break;
      case '--allow-file-dir': {
        const dir = value();
        if (!dir) throw new UsageError('--allow-file-dir must not be empty');
        options.allowFileDirs.push(dir);
        break;
      }
      case '--max-binary-bytes':
        options.maxBinaryBytes = parseBytes(flag, value());
        break;
      case '--max-stream-bytes':
        options.maxStreamBytes = parseBytes(flag, value());
        break;
      case '--output-schemas': {
        const v = value();
        if (v !== 'full' && v !== 'object' && v !== 'none')
          throw new UsageError(`--output-schemas must be full, object or none, not ${v}`);
        options.outputSchemas = v;
        break;
      }
      case '--no-output-schemas':
        options.outputSchemas = 'none';
        break;
      case '--inline-shared-docs':
        options.inlineSharedDocs = true;
        break;
      case '--list-tools':
        options.listTools = true;
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      case '--version':
        options.version = true;
        break;
      default: {
        const h = headerOptions.find((x) => `--${x.flag}` === flag);
        if (h) {
          options.headerOptions[h.clientOption] = value();
          break;
        }
        const v = serverVars.find((x) => `--${x.flag}` === flag);
        if (!v) throw new UsageError(`unknown option: ${raw}`);
        const value_ = value();
        if (v.choices && !v.choices.includes(value_))
          throw new UsageError(`--${v.flag} must be one of ${v.choices.join(', ')}, not ${value_}`);
        options.serverVars[v.env] = value_;
      }
    }
  }
  return options;
}
