/**
 * The request half of an invocation, loaded only when a command runs: build
 * the client (with a recording or logging fetch when asked), call the method,
 * walk the pages up to --max-items, and print the result or the error.
 */
import type { CommandSpec, CommandTable } from './table.js';
import type { GlobalOptions } from './globals.js';
import type { BuiltCall } from './values.js';
import type { CliDeps, Host } from './run.js';
import { debugFetch, dryRunFetch, DryRunStop, formatRequest, type CapturedRequest } from './http.js';
import { render, resolveFormat, type OutputContext } from './output.js';
import { transform } from './transform.js';
import { installLiteHeaders } from './lite-headers.js';
import { walkPages } from './paginate.js';
import { PageProgress } from './progress.js';

type Obj = Record<string, unknown>;

export interface RequestJob {
  host: Host;
  table: CommandTable;
  cmd: CommandSpec;
  call: BuiltCall;
  globals: GlobalOptions;
  key?: string;
  baseURL?: string;
  /** The client module, already loading. */
  client: ReturnType<CliDeps['loadClient']>;
  out(s: string): void;
  err(s: string): void;
  width: number;
  maxItems: number;
  resolvePath(client: unknown, path: string[]): { target: Obj; fn: (...args: unknown[]) => unknown };
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export async function runRequest(job: RequestJob): Promise<number> {
  const { table, cmd, globals: g } = job;
  const options: Obj = {};
  if (table.auth && job.key !== undefined) options[table.auth.clientOption] = job.key;
  // Other schemes' keys (an API with several): flag, else env var; the client picks one per operation.
  for (const a of table.moreAuth ?? []) {
    const key = g.moreKeys?.[a.clientOption] ?? job.host.env[a.env];
    if (key) options[a.clientOption] = key;
  }
  for (const v of table.serverVariables ?? []) {
    const value = g.serverVars?.[v.clientOption] ?? job.host.env[v.env];
    if (value) options[v.clientOption] = value;
  }
  if (job.baseURL) options['baseURL'] = job.baseURL;
  if (g.timeoutMs !== undefined) options['timeout'] = g.timeoutMs;
  if (g.maxRetries !== undefined) options['maxRetries'] = g.maxRetries;
  let captured: CapturedRequest | undefined;
  const baseFetch = job.host.fetch ?? globalThis.fetch;
  if (g.dryRun) {
    // Nothing is sent: skip loading Node's HTTP stack (see lite-headers.ts).
    if (!job.host.fetch) installLiteHeaders();
    options['fetch'] = dryRunFetch((r) => (captured = r));
    options['maxRetries'] = 0;
  } else if (g.debug) {
    options['fetch'] = debugFetch(baseFetch, (line) => job.err(`[debug] ${line}\n`));
  } else if (job.host.fetch) options['fetch'] = job.host.fetch;

  const mod = await job.client;
  // Bundled as CommonJS, the module namespace may wrap the exports once more.
  const Client =
    typeof mod.default === 'function'
      ? mod.default
      : (mod.default as unknown as { default: typeof mod.default }).default;
  const client = new Client(options);
  const { target, fn } = job.resolvePath(client, cmd.clientPath);
  const args: unknown[] = [];
  if (cmd.positional) args.push(job.call.positional);
  if (cmd.takesParams) args.push(job.call.params);
  const invoke = (extra?: Obj) =>
    fn.apply(target, extra ? [...args.slice(0, cmd.positional ? 1 : 0), { ...job.call.params, ...extra }] : args);

  let result: unknown;
  let truncated = false;
  let repeatedCursor: string | undefined;
  let pages = 0;
  const progress = new PageProgress(job.host.stderr);
  try {
    if (cmd.pagination) {
      const firstCursor = job.call.params[cmd.pagination.requestParam];
      ({ result, truncated, repeatedCursor, pages } = await walkPages(invoke, cmd, job.maxItems, {
        firstCursor,
        progress,
      }));
    } else result = await invoke();
  } catch (e) {
    progress.clear();
    if (g.dryRun && (captured || e instanceof DryRunStop || findCause(e, DryRunStop))) {
      const r = captured ?? (findCause(e, DryRunStop) as DryRunStop).request;
      if (g.format === 'json') {
        const headers = Object.fromEntries(r.headers);
        let body: unknown = r.body;
        try {
          body = r.body === undefined ? undefined : JSON.parse(r.body);
        } catch {
          /* keep text */
        }
        job.out(JSON.stringify({ method: r.method, url: r.url, headers, body }, null, 2) + '\n');
      } else job.out(formatRequest(r));
      return 0;
    }
    return reportError(e, job);
  }
  progress.clear();
  if (g.dryRun) {
    job.err('error: dry run finished without a request being built\n');
    return 1;
  }
  const ctx: OutputContext = {
    itemsField: cmd.pagination && !g.transform ? cmd.pagination.itemsField : undefined,
    isTTY: !!job.host.stdout.isTTY,
    color: !!job.host.stdout.isTTY && !job.host.env['NO_COLOR'],
    columns: job.width,
  };
  // An empty response body (204) prints as null rather than nothing, so pipes always get JSON.
  let value: unknown = result === undefined ? null : result;
  if (g.transform) value = transform(value, g.transform);
  const format = resolveFormat(g.format, ctx, value);
  job.out(await render(value, format, ctx));
  if (repeatedCursor !== undefined) {
    const n = ((result as Obj)[cmd.pagination!.itemsField] as unknown[]).length;
    job.err(
      `warning: the server sent the cursor "${repeatedCursor}" again; stopped after ${pages} page${pages === 1 ? '' : 's'} with the ${n} item${n === 1 ? '' : 's'} received (duplicates dropped).\n`,
    );
  }
  if (truncated) {
    job.err(
      `note: stopped after ${job.maxItems} item${job.maxItems === 1 ? '' : 's'} (--max-items); more are available. Use --max-items -1 for all.\n`,
    );
  }
  return 0;
}

function findCause(e: unknown, cls: new (...a: never[]) => unknown): unknown {
  for (let cur = e, depth = 0; cur && depth < 5; cur = (cur as { cause?: unknown }).cause, depth++)
    if (cur instanceof cls) return cur;
  return undefined;
}

function reportError(e: unknown, job: RequestJob): number {
  const err = e as {
    status?: unknown;
    message?: string;
    request_id?: unknown;
    requestID?: unknown;
    headers?: { get?: (k: string) => string | null };
    error?: unknown;
    cause?: unknown;
  };
  const status = typeof err?.status === 'number' ? err.status : undefined;
  const requestId = err?.request_id ?? err?.requestID ?? err?.headers?.get?.('x-request-id') ?? undefined;
  const name = (e as Error)?.name ?? 'Error';
  if (status !== undefined) {
    const inner = isObj(err.error) ? err.error : undefined;
    const apiMessage = typeof inner?.['message'] === 'string' ? inner['message'] : (err.message ?? '');
    const msg = apiMessage.startsWith(String(status)) ? apiMessage : `${status} ${apiMessage}`.trim();
    job.err(`error: ${name}: ${msg}\n`);
    const extra: string[] = [];
    if (requestId) extra.push(`request id: ${String(requestId)}`);
    if (inner && typeof inner['type'] === 'string') extra.push(`type: ${inner['type']}`);
    if (inner && typeof inner['code'] === 'string') extra.push(`code: ${inner['code']}`);
    if (extra.length) job.err(`${extra.join(', ')}\n`);
    return 1;
  }
  const cause =
    err?.cause instanceof Error ? ` (${(err.cause as Error & { code?: string }).code ?? err.cause.message})` : '';
  job.err(`error: ${name}: ${err?.message ?? String(e)}${cause}\n`);
  return 1;
}
