/**
 * The MCP server: tool selection, `tools/list`, `tools/call`, and the stdio or
 * Streamable HTTP transport. The generated entry file passes in the tool table
 * and a loader for the generated client; nothing else is generated here.
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import {
  backwardCursorParams,
  cursorParams,
  wholePageStyles,
  type SharedArgument,
  type ToolDef,
  type ToolTable,
} from './table.js';
import { parseOptions, USAGE, UsageError, type ServerOptions } from './options.js';
import { selectTools } from './select.js';
import { Executor, type LoadClient } from './execute.js';
import { callMetaTool, metaToolDefs } from './dynamic.js';
import { sharedDocsLine } from './shared-docs.js';
import { expandTable } from './shared-schemas.js';
import { listingOverBudget, listingPages, staticListing, type OverBudget } from './listing.js';

export { listedDefs } from './listing.js';
import { FileAccess } from './files.js';
import { ioLines } from './io-docs.js';

export interface MainConfig {
  table: ToolTable;
  loadClient: LoadClient;
  bin: string;
}

/** What one server instance exposes; shared by every HTTP session. */
export interface ToolSet {
  table: ToolTable;
  listed: ToolDef[];
  selected: Map<string, ToolDef>;
  dynamic: boolean;
  /** Why the default start is dynamic: the static listing's size and the budget it passes. */
  overBudget?: OverBudget;
  /** Argument descriptions the instructions carry instead of the listed tools. */
  shared: SharedArgument[];
  options: ServerOptions;
  files: FileAccess;
  executor: Executor;
}

/**
 * The listing: one tool per selected operation, unless `--tools dynamic`, or
 * unless (the default, `auto`) that listing would pass the budget, when the
 * server starts with the three meta-tools instead and its instructions say
 * how to get the static listing. Filters apply first, so a narrowed listing
 * under the budget is static.
 */
export function buildToolSet(config: MainConfig, options: ServerOptions): ToolSet {
  // The schemas tools.json stores once, back in every tool that uses them.
  const table = expandTable(config.table);
  const selectedDefs = selectTools(table, options);
  const selected = new Map(selectedDefs.map((t) => [t.name, t]));
  const listing = staticListing(table, selectedDefs, options);
  const overBudget = options.mode === 'auto' ? listingOverBudget(listing.listed, options.listingBudget) : undefined;
  const dynamic = options.mode === 'dynamic' || overBudget !== undefined;
  const files = FileAccess.create(options.allowFileDirs);
  return {
    table,
    listed: dynamic ? metaToolDefs(table, options.readOnly) : listing.listed,
    selected,
    dynamic,
    ...(overBudget ? { overBudget } : {}),
    shared: dynamic ? [] : listing.shared,
    options,
    files,
    // Server URL flags reach the client as the env vars it reads.
    executor: new Executor(
      table,
      config.loadClient,
      { ...process.env, ...options.serverVars },
      {
        files,
        maxBinaryBytes: options.maxBinaryBytes,
        maxStreamBytes: options.maxStreamBytes,
        outputSchemasListed: !dynamic && options.outputSchemas !== 'none',
      },
      options.headerOptions,
    ),
  };
}

/** The server never elicits, so the SDK's JSON Schema validator is never needed: skip building Ajv at startup. */
const noValidator = {
  getValidator: () => (input: unknown) => ({ valid: true as const, data: input, errorMessage: undefined }),
};

/** Page-token, next-link, page-number and offset lists can only stop at a page boundary. */
function pageTokenNote(table: ToolTable): string {
  const styles = wholePageStyles(table);
  if (!styles.length) return '';
  const names = styles.length === 1 ? styles[0] : `${styles.slice(0, -1).join(', ')} and ${styles.at(-1)}`;
  return `; ${names} lists stop at whole pages`;
}

function cursorArgs(table: ToolTable): string {
  return cursorParams(table).join(' or ') || 'after';
}

/** How a walk that starts with a backward cursor goes on, when some list has one. */
function backwardNote(table: ToolTable): string {
  const before = backwardCursorParams(table).join(' or ');
  return before ? `; a call with ${before} walks backwards, and its next_cursor goes back as ${before}` : '';
}

/** Sent once at initialize: what every tool has in common, so descriptions need not repeat it. */
function instructionsFor(set: ToolSet): string {
  const { table } = set;
  const lines = [
    table.env.key
      ? `Tools call the ${table.server.title} with the server's key (${table.env.key}); never pass keys as arguments.`
      : `Tools call the ${table.server.title}.`,
    `List tools fetch pages up to max_items items (default ${table.maxItems.default}, at most ${table.maxItems.max}${pageTokenNote(table)}) and return {data, has_more, truncated, next_cursor}; to continue, pass next_cursor as the cursor argument (${cursorArgs(table)})${backwardNote(table)}. A limit without max_items returns at most limit items.`,
    'Annotations omit MCP defaults: a tool without readOnlyHint changes data, one without idempotentHint is not idempotent; all reach the remote API.',
  ];
  const shared = sharedDocsLine(
    set.shared,
    set.listed.map((t) => t.name),
  );
  if (shared) lines.push(shared);
  lines.push(...ioLines(set));
  if (set.dynamic)
    lines.push(
      `Find endpoints with ${table.prefix}search_endpoints, read one with ${table.prefix}get_endpoint_schema, call it with ${table.prefix}invoke_endpoint.`,
    );
  if (set.overBudget) lines.push(overBudgetLine(set.overBudget));
  return lines.join('\n');
}

/** Why this server lists meta-tools, and how to get one tool per endpoint. */
export function overBudgetLine({ tools, bytes, budget }: NonNullable<ToolSet['overBudget']>): string {
  return (
    `The static listing (${tools} tools, ${bytes} bytes) passes this server's budget of ${budget} bytes, so it lists these 3 tools instead. ` +
    'For one tool per endpoint, start the server with --tools all, or narrow it under the budget with --resource GLOB, --tool NAME or --read-only, or raise --listing-budget.'
  );
}

type SendNotification = (notification: {
  method: 'notifications/progress';
  params: { progressToken: string | number; progress: number; message: string };
}) => Promise<void>;

/**
 * Progress for a client that sent a progress token: one notification per page
 * of a list walk or per event of a stream, increasing as MCP requires. `flushed` waits until they are
 * written, so they reach the client before the result (a client drops
 * progress for a request it has already answered).
 */
function progressReporter(token: string | number | undefined, send: SendNotification) {
  let last = 0;
  const sent: Array<Promise<unknown>> = [];
  const onProgress =
    token === undefined
      ? undefined
      : (progress: number, message = `${progress} items so far`) => {
          if (progress <= last) return;
          last = progress;
          sent.push(
            send({ method: 'notifications/progress', params: { progressToken: token, progress, message } }).catch(
              () => undefined,
            ),
          );
        };
  return { onProgress, flushed: async <T>(result: T): Promise<T> => (await Promise.all(sent), result) };
}

export function createServer(set: ToolSet): Server {
  const { table } = set;
  const server = new Server(
    { name: table.server.name, version: table.server.version, title: table.server.title },
    {
      capabilities: { tools: { listChanged: false } },
      instructions: instructionsFor(set),
      jsonSchemaValidator: noValidator as never,
    },
  );
  // Page i is asked for with the cursor `i` (opaque to clients, which pass back the one they were given); the first
  // with none. Split at the first tools/list, which pays the sizing, not the server's start.
  let pages: ToolDef[][] | undefined;
  server.setRequestHandler(ListToolsRequestSchema, (request) => {
    pages ??= listingPages(set.listed, set.options.listingPageBytes);
    const cursor = request.params?.cursor;
    const index = cursor === undefined ? 0 : /^[1-9][0-9]*$/.test(cursor) ? Number(cursor) : -1;
    if (index < 0 || index >= pages.length) throw new McpError(ErrorCode.InvalidParams, `Invalid cursor: ${cursor}`);
    return { tools: pages[index], ...(index + 1 < pages.length ? { nextCursor: String(index + 1) } : {}) } as never;
  });
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const { name } = request.params;
    const args = (request.params.arguments ?? {}) as Record<string, unknown>;
    const progress = progressReporter(request.params._meta?.progressToken, extra.sendNotification);
    const context = { signal: extra.signal, onProgress: progress.onProgress };
    if (set.dynamic) {
      const result = await callMetaTool(table, set.selected, set.executor, name, args, context);
      if (result) return (await progress.flushed(result)) as never;
    } else {
      const tool = set.selected.get(name);
      if (tool) return (await progress.flushed(await set.executor.call(tool, args, context))) as never;
    }
    throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${name}`);
  });
  server.onerror = (error) => process.stderr.write(`mcp: ${error instanceof Error ? error.message : String(error)}\n`);
  return server;
}

export async function main(config: MainConfig, argv: string[] = process.argv.slice(2)): Promise<void> {
  let options: ServerOptions;
  let set: ToolSet;
  const usage = () => USAGE(config.bin, config.table.serverVariables, config.table.headerOptions);
  try {
    options = parseOptions(argv, process.env, config.table.serverVariables, config.table.headerOptions);
    if (options.help) return void process.stdout.write(usage() + '\n');
    if (options.version) return void process.stdout.write(`${config.table.server.version}\n`);
    set = buildToolSet(config, options);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${config.bin}: ${error.message}\n\n${usage()}\n`);
    process.exitCode = 2;
    return;
  }
  if (options.listTools) return void process.stdout.write(set.listed.map((t) => t.name).join('\n') + '\n');
  if (set.overBudget) {
    const { tools, bytes, budget } = set.overBudget;
    process.stderr.write(
      `${config.bin}: ${tools} tools would list ${bytes} bytes, over --listing-budget ${budget}: serving the dynamic mode (search, schema, invoke); --tools all lists every tool\n`,
    );
  }

  // A bug in one call must not take the server (and the client's session) down.
  process.on('uncaughtException', (error) => process.stderr.write(`mcp: uncaught: ${error?.stack ?? error}\n`));
  process.on('unhandledRejection', (error) =>
    process.stderr.write(`mcp: unhandled: ${(error as Error)?.stack ?? error}\n`),
  );

  if (options.transport === 'http') {
    const { startHttp } = await import('./http.js');
    await startHttp(() => createServer(set), options, config.bin);
    return;
  }
  await createServer(set).connect(new StdioServerTransport());
}
