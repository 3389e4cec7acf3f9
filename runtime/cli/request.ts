/**
 * The request half of an invocation: build the client (with a recording or
 * logging fetch when asked), open the uploads, call the method with an abort
 * signal tied to Ctrl-C, then print: events as they arrive, bytes to
 * --output or a pipe, text as it is, JSON walking pages up to --max-items;
 * or the error.
 */
import type { CommandSpec, CommandTable } from './table.js';
import type { GlobalOptions } from './globals.js';
import type { BuiltCall } from './values.js';
import type { CliDeps, Host } from './run.js';
import { debugFetch, dryRunFetch, DryRunStop, formatRequest, type CapturedRequest } from './http.js';
import { render, resolveFormat, type OutputContext } from './output.js';
import { clientStreams, printStream } from './events.js';
import { writeBinary } from './download.js';
import { Interrupt } from './interrupt.js';
import { fileSink, stdoutSink } from './sink.js';
import { openUploads, type UploadHelpers } from './uploads.js';
import { transform } from './transform.js';
import { installLiteHeaders } from './lite-headers.js';
import { walkPages, type WalkResult } from './paginate.js';
import { lineLogger } from '../shared/line-logger.js';
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
  redact(s: string): string;
  width: number;
  maxItems: number;
  /** Whether this call streams events (events.ts). */
  streaming: boolean;
  resolvePath(client: unknown, path: string[]): { target: Obj; fn: (...args: unknown[]) => unknown };
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The client module's exports the CLI uses besides the class. */
interface ClientModule {
  default: new (options: Record<string, unknown>) => unknown;
  Stream?: { fromSSEResponse(response: Response, controller: AbortController): AsyncIterable<unknown> };
  toStreamingFile?: UploadHelpers['toStreamingFile'];
}

function clientOptions(job: RequestJob, onCapture: (r: CapturedRequest) => void): Obj {
  const { table, globals: g } = job;
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
  // Header options (OpenAI's organization): flag, else env var (what the client itself falls back to).
  for (const h of table.headerOptions ?? []) {
    const value = g.headerOptions?.[h.clientOption] ?? (h.env ? job.host.env[h.env] : undefined);
    if (value) options[h.clientOption] = value;
  }
  if (job.baseURL) options['baseURL'] = job.baseURL;
  // The client's log lines (its level from the environment, e.g. OPENAI_LOG) go to stderr: stdout is the response.
  options['logger'] = lineLogger(job.err);
  if (g.headers?.length) options['defaultHeaders'] = headerRecord(g.headers);
  if (g.timeoutMs !== undefined) options['timeout'] = g.timeoutMs;
  if (g.maxRetries !== undefined) options['maxRetries'] = g.maxRetries;
  const baseFetch = job.host.fetch ?? globalThis.fetch;
  if (g.dryRun) {
    // Nothing is sent: skip loading Node's HTTP stack (see lite-headers.ts).
    if (!job.host.fetch) installLiteHeaders();
    options['fetch'] = dryRunFetch(onCapture);
    options['maxRetries'] = 0;
  } else if (g.debug) {
    options['fetch'] = debugFetch(baseFetch, (line) => job.err(`[debug] ${line}\n`));
  } else if (job.host.fetch) options['fetch'] = job.host.fetch;
  return options;
}

/** `--header` pairs as one record; a name given twice sends both values, comma-joined (RFC 9110 field lines). */
function headerRecord(pairs: Array<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  const byLower = new Map<string, string>();
  for (const [name, value] of pairs) {
    const seen = byLower.get(name.toLowerCase());
    if (seen === undefined) {
      byLower.set(name.toLowerCase(), name);
      out[name] = value;
    } else out[seen] = `${out[seen]}, ${value}`;
  }
  return out;
}

export async function runRequest(job: RequestJob): Promise<number> {
  const { cmd, globals: g } = job;
  let captured: CapturedRequest | undefined;
  const options = clientOptions(job, (r) => (captured = r));
  // The destination is opened before the request, so a bad --output path is a usage error that sends nothing.
  const sink = g.output && g.output !== '-' && !g.dryRun ? fileSink(g.output) : stdoutSink(job.host.stdout, job.out);
  const interrupt = g.dryRun ? undefined : new Interrupt(() => sink.discard());
  let mod: ClientModule;
  try {
    mod = (await job.client) as unknown as ClientModule;
    await openUploads(job.call.params, mod);
  } catch (e) {
    sink.discard();
    interrupt?.dispose();
    throw e;
  }
  // Bundled as CommonJS, the module namespace may wrap the exports once more.
  const Client =
    typeof mod.default === 'function'
      ? mod.default
      : (mod.default as unknown as { default: typeof mod.default }).default;
  const client = new Client(options);
  const { target, fn } = job.resolvePath(client, cmd.clientPath);
  const head: unknown[] = cmd.positional ? [job.call.positional] : [];
  const requestOptions: Obj = interrupt ? { signal: interrupt.controller.signal } : {};
  // A next-link list resumed where an earlier walk stopped (run.ts checked that the command is one).
  if (g.pageURL !== undefined) requestOptions['pageURL'] = g.pageURL;
  // A switch the client does not know (`stream_format: sse`): ask for events; runStream reads them from the raw response.
  if (job.streaming && !clientStreams(cmd)) requestOptions['headers'] = { accept: 'text/event-stream' };
  const invoke = (extra?: Obj) =>
    fn.apply(target, [
      ...head,
      ...(cmd.takesParams ? [extra ? { ...job.call.params, ...extra } : job.call.params] : []),
      requestOptions,
    ]);
  const ctx: OutputContext = {
    itemsField: cmd.pagination && !g.transform ? cmd.pagination.itemsField : undefined,
    isTTY: sink.isTTY,
    color: sink.isTTY && !job.host.env['NO_COLOR'],
    columns: job.width,
  };
  const progress = new PageProgress(job.host.stderr);
  const write = (s: string) => sink.text(job.redact(s));
  try {
    if (g.dryRun) {
      // The recording fetch stops the client with DryRunStop once the request is built.
      await invoke();
      job.err('error: dry run finished without a request being built\n');
      return 1;
    }
    let code: number;
    if (job.streaming) code = await runStream(job, invoke, mod, interrupt!, write, ctx);
    else if (cmd.response === 'binary') code = await writeBinary((await invoke()) as Response, sink, job.host.stderr);
    else code = await runPlain(job, invoke, progress, write, ctx);
    if (interrupt?.received) {
      sink.discard();
      return interrupt.exitCode;
    }
    if (code === 0) sink.commit();
    else sink.discard();
    return code;
  } catch (e) {
    progress.clear();
    sink.discard();
    if (g.dryRun && (captured || e instanceof DryRunStop || findCause(e, DryRunStop))) {
      printDryRun(captured ?? (findCause(e, DryRunStop) as DryRunStop).request, job);
      return 0;
    }
    if (interrupt?.received) return interrupt.exitCode;
    return reportError(e, job);
  } finally {
    interrupt?.dispose();
  }
}

function printDryRun(r: CapturedRequest, job: RequestJob): void {
  if (job.globals.format === 'json') {
    const headers = Object.fromEntries(r.headers);
    let body: unknown = r.body;
    try {
      body = r.body === undefined ? undefined : JSON.parse(r.body);
    } catch {
      /* keep text */
    }
    job.out(JSON.stringify({ method: r.method, url: r.url, headers, body }, null, 2) + '\n');
  } else job.out(formatRequest(r));
}

/** Events printed as they arrive (events.ts). The client returns a Stream, or the CLI reads the raw response as one. */
async function runStream(
  job: RequestJob,
  invoke: () => unknown,
  mod: ClientModule,
  interrupt: Interrupt,
  write: (s: string) => void,
  ctx: OutputContext,
): Promise<number> {
  let events: AsyncIterable<unknown>;
  if (clientStreams(job.cmd)) events = (await invoke()) as AsyncIterable<unknown>;
  else {
    const response = await (invoke() as { asResponse(): Promise<Response> }).asResponse();
    const type = response.headers.get('content-type') ?? '';
    if (!/event-stream/i.test(type)) {
      await response.body?.cancel().catch(() => undefined);
      throw new Error(`asked for an event stream, the server answered ${type || 'without a content type'}`);
    }
    if (!mod.Stream) throw new Error('the bundled client has no Stream; regenerate the client and CLI together');
    events = mod.Stream.fromSSEResponse(response, interrupt.controller);
  }
  await printStream(events, { format: job.globals.format, transform: job.globals.transform, write, ctx });
  return 0;
}

/** A response that is not a stream or bytes: JSON (walking pages for lists), text, or nothing. */
async function runPlain(
  job: RequestJob,
  invoke: (extra?: Obj) => unknown,
  progress: PageProgress,
  write: (s: string) => void,
  ctx: OutputContext,
): Promise<number> {
  const { cmd, globals: g } = job;
  let result: unknown;
  let truncated = false;
  let repeatedCursor: string | undefined;
  let stopped: string | undefined;
  let resume: WalkResult['resume'];
  let pages = 0;
  if (cmd.pagination) {
    // A walk that starts with the backward cursor goes on with it (the client's Page does so).
    const before = cmd.pagination.beforeParam;
    const backwards = before !== undefined && job.call.params[before] != null;
    const firstCursor = job.call.params[backwards ? before : cmd.pagination.requestParam];
    ({ result, truncated, repeatedCursor, stopped, pages, resume } = await walkPages(invoke, cmd, job.maxItems, {
      firstCursor,
      cursorParam: backwards ? before : cmd.pagination.requestParam,
      progress,
    }));
  } else result = await invoke();
  progress.clear();
  if (
    cmd.response === 'text' &&
    typeof result === 'string' &&
    (!g.format || g.format === 'auto' || g.format === 'pretty')
  ) {
    // Text (an SDP answer, a transcript as text) prints as it came; a terminal gets a final newline.
    write(ctx.isTTY && !result.endsWith('\n') ? result + '\n' : result);
    return 0;
  }
  // An empty response body (204) prints as null rather than nothing, so pipes always get JSON.
  let value: unknown = result === undefined ? null : result;
  if (g.transform) value = transform(value, g.transform);
  const format = resolveFormat(g.format, ctx, value);
  write(await render(value, format, ctx));
  if (repeatedCursor !== undefined) {
    const n = (Array.isArray(result) ? result : ((result as Obj)[cmd.pagination!.itemsField] as unknown[])).length;
    job.err(
      `warning: the server sent the cursor "${repeatedCursor}" again; stopped after ${pages} page${pages === 1 ? '' : 's'} with the ${n} item${n === 1 ? '' : 's'} received (duplicates dropped).\n`,
    );
  }
  if (stopped !== undefined) job.err(`warning: ${stopped}\n`);
  if (truncated) {
    const from = resumeFlags(cmd, resume);
    job.err(
      job.redact(
        `note: stopped after ${job.maxItems} item${job.maxItems === 1 ? '' : 's'} (--max-items); more are available. ${from ? `Go on from here with ${from}, or use` : 'Use'} --max-items -1 for all.\n`,
      ),
    );
  }
  return 0;
}

/** The flags that go on where a walk stopped (`--after proj_3`, `--page-url '…'`), or undefined when none can. */
function resumeFlags(cmd: CommandSpec, resume: WalkResult['resume']): string | undefined {
  if (!resume) return undefined;
  if ('url' in resume) return `--page-url ${shellWord(resume.url)}`;
  const flag = cmd.flags.find((f) => f.name === resume.param);
  return flag ? `--${flag.flag} ${shellWord(String(resume.value))}` : undefined;
}

/** A word a POSIX shell reads back as it is: quoted unless it is plainly safe. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

function findCause(e: unknown, cls: new (...a: never[]) => unknown): unknown {
  for (let cur = e, depth = 0; cur && depth < 5; cur = (cur as { cause?: unknown }).cause, depth++)
    if (cur instanceof cls) return cur;
  return undefined;
}

/**
 * What to give for the keys a MissingKeyError lists (duck-typed: the class
 * lives in the bundled client), as CLI flags and env vars rather than the
 * client's constructor options; undefined for any other error.
 */
function missingKeys(e: unknown, table: CommandTable): string | undefined {
  const needs = (e as { needs?: unknown } | null)?.needs;
  if (!Array.isArray(needs)) return undefined;
  const byOption = new Map<string, { flag: string; env: string }>();
  if (table.auth) byOption.set(table.auth.clientOption, table.auth);
  for (const more of table.moreAuth ?? []) byOption.set(more.clientOption, more);
  const one = (key: { option: string; env?: string }) => {
    const flag = byOption.get(key.option);
    return flag ? `--${flag.flag} (or ${flag.env})` : (key.env ?? key.option);
  };
  return (needs as Array<Array<{ option: string; env?: string }>>)
    .map((set) => set.map(one).join(' and '))
    .join(', or ');
}

function reportError(e: unknown, job: RequestJob): number {
  const keys = missingKeys(e, job.table);
  if (keys) {
    // As the missing-key check before a request: a usage error.
    job.err(`error: '${job.cmd.group} ${job.cmd.command}' needs a key you did not give\nhint: pass ${keys}\n`);
    return 2;
  }
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
  const inner = isObj(err?.error) ? err.error : undefined;
  // An HTTP error, or an error event in a stream (no status, the API's error object).
  if (status !== undefined || inner) {
    const apiMessage = typeof inner?.['message'] === 'string' ? inner['message'] : (err.message ?? '');
    const msg =
      status === undefined || apiMessage.startsWith(String(status)) ? apiMessage : `${status} ${apiMessage}`.trim();
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
