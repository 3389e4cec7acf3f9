/**
 * Runs one tool call: aliases → validation → uploads → the generated client
 * method (the one request path) → a `CallToolResult` (results.ts). It never
 * throws: every failure becomes an `isError` result that names the problem.
 */
import type { CallSpec, PageSpec, ToolDef, ToolTable } from './table.js';
import { validateArgs } from './validate.js';
import { collectPages } from './paginate.js';
import { FileAccess, UploadError } from './files.js';
import { resolveUploads, UPLOAD_FORMS, type ToFile } from './uploads.js';
import {
  binaryResult,
  errorResult,
  isPlainObject,
  jsonResult,
  objectResult,
  streamResult,
  textResult,
  type CollectStream,
  type ToolResult,
} from './results.js';
import { DEFAULT_MAX_BINARY_BYTES, DEFAULT_MAX_STREAM_BYTES } from './options.js';
import { lineLogger } from '../shared/line-logger.js';

export { errorResult, type ToolResult } from './results.js';

/** What the server takes from the generated client's module: the class and two helpers of its core. */
export interface ClientModule {
  default: new (options: Record<string, unknown>) => unknown;
  toFile: ToFile;
  collectStream: CollectStream;
}

/** The generated client module, loaded on the first call (keeps startup lean). */
export type LoadClient = () => Promise<ClientModule>;

/** The operator's limits and file access for every call (command-line flags). */
export interface ExecutorLimits {
  files: FileAccess;
  maxBinaryBytes: number;
  maxStreamBytes: number;
  /**
   * Whether tools/list shows the tools' output schemas (a static listing, not
   * `--output-schemas none`): a tool listed with one owes structured content.
   */
  outputSchemasListed?: boolean;
}

/** An API error from the client (duck-typed: the class lives in the bundled client). */
export function apiErrorResult(error: unknown): ToolResult {
  const e = error as { status?: number; request_id?: string | null; message?: string; error?: unknown; name?: string };
  // The client's MissingKeyError names its constructor options: here, the server's environment.
  const needs = (error as { needs?: unknown } | null)?.needs;
  if (Array.isArray(needs)) {
    const sets = (needs as Array<Array<{ option: string; env?: string }>>).map((set) =>
      set.map((k) => k.env ?? k.option).join(' and '),
    );
    return errorResult(
      `This tool needs a key the server does not have: set ${sets.join(', or ')} in the MCP server's environment (it reads keys from there only).`,
    );
  }
  const inner = isPlainObject(e?.error) ? e.error : {};
  const message = String((typeof inner.message === 'string' && inner.message) || e?.message || error);
  if (typeof e?.status === 'number') {
    const requestId = e.request_id ?? null;
    const detail = {
      status: e.status,
      message,
      request_id: requestId,
      type: inner.type ?? null,
      code: inner.code ?? null,
      param: inner.param ?? null,
    };
    return errorResult(`API error ${e.status}: ${message}${requestId ? ` (request id ${requestId})` : ''}`, detail);
  }
  return errorResult(`${e?.name && e.name !== 'Error' ? e.name : 'Error'}: ${message}`);
}

export interface CallContext {
  signal?: AbortSignal;
  /** Items collected so far (lists) or events received (streams), with a message. */
  onProgress?: (progress: number, message?: string) => void;
}

/** Whether this call streams: the operation offers an event stream and its switch is on (or it always streams). */
export function streams(spec: CallSpec, args: Record<string, unknown>): boolean {
  return spec.stream !== undefined && (spec.stream.param === undefined || args[spec.stream.param] === true);
}

export class Executor {
  private client?: Promise<Record<string, unknown>>;
  private module?: Promise<ClientModule>;

  constructor(
    private readonly table: ToolTable,
    private readonly loadClient: LoadClient,
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly limits: ExecutorLimits = {
      files: FileAccess.create([]),
      maxBinaryBytes: DEFAULT_MAX_BINARY_BYTES,
      maxStreamBytes: DEFAULT_MAX_STREAM_BYTES,
    },
    /** Header options given as server flags, by client option (over their env vars). */
    private readonly headerValues: Record<string, string> = {},
  ) {}

  private getModule(): Promise<ClientModule> {
    this.module ??= this.loadClient();
    this.module.catch(() => (this.module = undefined));
    return this.module;
  }

  /** The client is built once, on the first call, from the environment only. */
  private getClient(): Promise<Record<string, unknown>> {
    this.client ??= (async () => {
      // An API without auth has no key variable (env.key is empty); one with several schemes has `more`.
      const { key: keyEnv, clientOption, more = [], keyOptional } = this.table.env;
      const keys: Record<string, string> = {};
      for (const { key: name, clientOption: option } of keyEnv ? [{ key: keyEnv, clientOption }, ...more] : []) {
        const value = this.env[name];
        if (value) keys[option] = value;
      }
      if (keyEnv && !keyOptional && Object.keys(keys).length === 0) {
        const names = [keyEnv, ...more.map((m) => m.key)].join(' or ');
        throw new ConfigError(`${names} is not set: the server reads the API key from the environment only.`);
      }
      const Client = (await this.getModule()).default;
      const baseURL = this.env[this.table.env.baseURL] || undefined;
      const server: Record<string, string> = {};
      for (const v of this.table.serverVariables ?? []) if (this.env[v.env]) server[v.clientOption] = this.env[v.env]!;
      // Header options (OpenAI's organization): flag, else env var.
      for (const h of this.table.headerOptions ?? []) {
        const value = this.headerValues[h.clientOption] ?? (h.env ? this.env[h.env] : undefined);
        if (value) server[h.clientOption] = value;
      }
      // The client's log lines (its level from the environment, e.g. OPENAI_LOG) go to stderr: stdout is the protocol's.
      const logger = lineLogger((line) => process.stderr.write(line));
      return new Client({ ...keys, ...server, ...(baseURL ? { baseURL } : {}), logger }) as Record<string, unknown>;
    })();
    // A failed construction is not cached: fixing the env and retrying works.
    this.client.catch(() => (this.client = undefined));
    return this.client;
  }

  /**
   * How many items a list call collects, and its page size. Models read `limit`
   * as "how many": given alone it caps the result (one page). Given `max_items`
   * alone, pages are as large as the API allows, so fewer requests are made.
   * Sets the page size in `args` when it picks one.
   */
  private pageBudget(page: PageSpec, args: Record<string, unknown>): number {
    const requested = args.max_items as number | undefined;
    const size = page.sizeParam === undefined ? undefined : args[page.sizeParam];
    if (requested === undefined && typeof size === 'number' && size >= 1)
      return Math.min(size, this.table.maxItems.max);
    const budget = requested ?? this.table.maxItems.default;
    if (
      page.sizeParam !== undefined &&
      size === undefined &&
      page.sizeMax !== undefined &&
      budget > (page.sizeDefault ?? 0)
    ) {
      args[page.sizeParam] = Math.min(budget, page.sizeMax);
    }
    return budget;
  }

  /**
   * `context.signal` aborts the HTTP request(s) when the MCP client cancels the
   * call; `context.onProgress` hears how many items a list call has collected
   * after each page (the server turns that into progress notifications).
   */
  async call(tool: ToolDef, rawArgs: unknown, context: CallContext = {}): Promise<ToolResult> {
    const { signal, onProgress } = context;
    try {
      const spec = this.table.calls[tool.name];
      if (!spec) return errorResult(`Unknown tool: ${tool.name}`);
      if (rawArgs !== undefined && !isPlainObject(rawArgs)) return errorResult('Invalid arguments: expected an object');
      const args = applyAliases({ ...(rawArgs ?? {}) }, spec);
      const problems = await validateArgs(tool, args, spec);
      if (problems.length) {
        // A file field given a string or a wrong object: say what it takes.
        const upload = spec.files?.some((f) => problems.some((p) => p.startsWith(`"${f}`) || p.includes(`"${f}.`)))
          ? `. ${UPLOAD_FORMS}`
          : '';
        return errorResult(`Invalid arguments for ${tool.name}: ${problems.join('; ')}${upload}`, {
          invalid: problems,
        });
      }
      const client = await this.getClient();
      const { target, method } = resolveMethod(client, spec);
      const module = await this.getModule();
      if (spec.files) await resolveUploads(args, spec.files, this.limits.files, module.toFile);
      const maxItems = spec.page ? this.pageBudget(spec.page, args) : 0;
      const options = signal ? { signal } : undefined;
      const invoke = (extra: Record<string, unknown> = {}, more?: Record<string, unknown>) =>
        method.apply(target, buildArguments(spec, args, extra, more ? { ...options, ...more } : options));
      if (spec.page) {
        // A call with the backward cursor (`before`) walks backwards on it; any other walks on the forward one.
        const cursorParam =
          spec.page.beforeParam !== undefined && args[spec.page.beforeParam] != null
            ? spec.page.beforeParam
            : spec.page.requestParam;
        const clientCursor = spec.args[cursorParam] ?? cursorParam;
        // A next link is no param: the client requests it as its `pageURL` option. A list paged by the `Link`
        // header besides a page number takes a URL in its link argument and a page number in its page param.
        const { linkParam } = spec.page;
        const linked = (cursor: unknown) =>
          spec.page!.style === 'next_link' || (linkParam !== undefined && typeof cursor === 'string');
        const start = linkParam !== undefined && args[linkParam] != null ? args[linkParam] : args[cursorParam];
        // A bare-array list's call awaits to its array: its Page comes from `firstPage()`.
        const pageOf = (call: unknown) => {
          const first = (call as { firstPage?: () => unknown } | null)?.firstPage;
          return typeof first === 'function' ? first.call(call) : call;
        };
        const result = await collectPages(
          spec.page,
          maxItems,
          start,
          (cursor) =>
            pageOf(
              cursor === undefined
                ? invoke()
                : linked(cursor)
                  ? invoke({}, { pageURL: cursor })
                  : invoke({ [clientCursor]: cursor }),
            ),
          onProgress,
          cursorParam !== spec.page.requestParam,
        );
        return jsonResult(result);
      }
      const streaming = streams(spec, args);
      const value = await invoke();
      if (streaming)
        return await streamResult(
          value as AsyncIterable<unknown>,
          module.collectStream,
          this.limits.maxStreamBytes,
          onProgress,
        );
      if (spec.response === 'binary')
        return await binaryResult(value as Response, tool.name, this.limits.maxBinaryBytes);
      if (spec.response === 'text' && typeof value === 'string') return textResult(value);
      return tool.outputSchema && this.limits.outputSchemasListed !== false ? objectResult(value) : jsonResult(value);
    } catch (error) {
      if (error instanceof ConfigError || error instanceof UploadError) return errorResult(error.message);
      return apiErrorResult(error);
    }
  }
}

class ConfigError extends Error {}

/** Accept other spellings of an argument (e.g. the wire name `project_ids[]`). */
function applyAliases(args: Record<string, unknown>, spec: CallSpec): Record<string, unknown> {
  for (const [alias, name] of Object.entries(spec.aliases ?? {})) {
    if (alias in args && !(name in args)) {
      args[name] = args[alias];
      delete args[alias];
    }
  }
  return args;
}

function resolveMethod(
  client: Record<string, unknown>,
  spec: CallSpec,
): { target: unknown; method: (...a: unknown[]) => unknown } {
  let target: any = client;
  for (const key of spec.client.slice(0, -1)) target = target?.[key];
  const method = target?.[spec.client[spec.client.length - 1]!];
  if (typeof method !== 'function')
    throw new ConfigError(`The client has no method ${spec.client.join('.')} (client and tool table out of sync).`);
  return { target, method };
}

/**
 * Client call convention: the last path param positional, everything else in
 * one params object (present exactly when the operation has other params),
 * then the request options.
 */
function buildArguments(
  spec: CallSpec,
  args: Record<string, unknown>,
  extra: Record<string, unknown>,
  options?: Record<string, unknown>,
): unknown[] {
  const list: unknown[] = spec.positional !== undefined ? [args[spec.positional]] : [];
  const params: Record<string, unknown> = {};
  for (const [input, name] of Object.entries(spec.args)) {
    if (args[input] !== undefined) params[name] = args[input];
  }
  Object.assign(params, extra);
  if (Object.keys(spec.args).length > 0) list.push(params);
  if (options) list.push(options);
  return list;
}
