/**
 * The base client. Generated code subclasses it (mapping its own option
 * names, e.g. `adminAPIKey`, onto `apiKey`) and hangs resource objects on it;
 * every resource method ends in `request()` or `requestPage()`.
 */
import { APIPromise, parseResponseBody } from './api-promise.js';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, ClientError } from './errors.js';
import {
  isLogLevel,
  levelLogger,
  makeScrubber,
  redactHeaders,
  redactValue,
  type Logger,
  type LogLevel,
} from './log.js';
import type { OperationSpec } from './operation.js';
import { Credentials, type AuthKind, type AuthSchemeSpec } from './auth.js';
import { PagePromise, cursorParamName, type PageClient } from './pagination.js';
import { buildRequest, uuid4, type BuiltRequest, type HeadersInput, type RequestOptions } from './request.js';
import { retryDelayMs, shouldRetry, sleep } from './retry.js';

export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface ClientOptions {
  /**
   * The API key; when undefined, read from `meta.apiKeyEnv`. Required when the
   * meta names `apiKeyOption` or `apiKeyEnv`; otherwise requests carry no auth.
   */
  apiKey?: string | null | undefined;
  /** When undefined, read from `meta.baseURLEnv`, then `meta.defaultBaseURL`. */
  baseURL?: string | null | undefined;
  /** Milliseconds per attempt; default 10 minutes. */
  timeout?: number | undefined;
  /** Default 2. */
  maxRetries?: number | undefined;
  fetch?: Fetch | undefined;
  defaultHeaders?: HeadersInput | undefined;
  defaultQuery?: Record<string, unknown> | undefined;
  /** Default: `meta.logLevelEnv` from the environment, else 'warn'. */
  logLevel?: LogLevel | undefined;
  /** Default: the global console. */
  logger?: Logger | undefined;
  /** Keys by security scheme name, for an API with several schemes (the generated subclass fills it). */
  credentials?: Record<string, string | null | undefined> | undefined;
}

/** Fixed facts the generated subclass supplies about its package. */
export interface ClientMeta {
  /** e.g. `openai-admin`; used in User-Agent. */
  packageName: string;
  version: string;
  defaultBaseURL: string;
  /** e.g. `OPENAI_ADMIN_KEY`: read when no key is passed, and named in the missing-key error. */
  apiKeyEnv?: string;
  /** The constructor option name users pass the key as, e.g. `adminAPIKey`. */
  apiKeyOption?: string;
  /** e.g. `OPENAI_BASE_URL`. */
  baseURLEnv?: string;
  /** e.g. `OPENAI_ADMIN_LOG`. */
  logLevelEnv?: string;
  /** Default `Idempotency-Key`; null disables the header. */
  idempotencyHeader?: string | null;
  /**
   * How the key is sent (default a bearer token): `basic` takes `user:password`
   * and sends it base64-encoded; `apiKeyHeader`/`apiKeyQuery` send it as-is in
   * the header or query parameter `name`.
   */
  auth?: { kind: AuthKind; name?: string };
  /** Several schemes, in preference order; replaces apiKeyOption/apiKeyEnv/auth (see auth.ts). */
  schemes?: AuthSchemeSpec[];
}

export const DEFAULT_TIMEOUT_MS: number = 10 * 60 * 1000;
export const DEFAULT_MAX_RETRIES: number = 2;

/** Reads an environment variable where one exists (Node, Deno, Bun); undefined in browsers. */
export function readEnv(name: string): string | undefined {
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  const v = proc?.env?.[name]?.trim();
  return v === '' ? undefined : v;
}

/** The meta's schemes; a single-scheme meta (apiKeyOption/apiKeyEnv/auth) is one scheme. */
function schemesOf(meta: ClientMeta): AuthSchemeSpec[] {
  if (meta.schemes) return meta.schemes;
  // Only an API with an auth scheme (the meta names a key option or env var) requires a key.
  if (meta.apiKeyOption === undefined && meta.apiKeyEnv === undefined) return [];
  return [
    {
      name: 'default',
      option: meta.apiKeyOption ?? 'apiKey',
      env: meta.apiKeyEnv,
      kind: meta.auth?.kind ?? 'bearer',
      param: meta.auth?.name,
    },
  ];
}

function runtimeTag(): string {
  const proc = (globalThis as { process?: { version?: string } }).process;
  return typeof proc?.version === 'string' ? `node/${proc.version}` : 'js';
}

export class APIClient implements PageClient {
  readonly baseURL: string;
  readonly timeout: number;
  readonly maxRetries: number;
  readonly logLevel: LogLevel;
  /** Levelled and redacting: safe to pass anything. */
  readonly logger: Logger;
  protected readonly meta: ClientMeta;
  // #private fields: never shown by console.log/util.inspect or JSON.stringify.
  #credentials: Credentials;
  #fetch: Fetch;
  #defaultHeaders: HeadersInput | undefined;
  #defaultQuery: Record<string, unknown> | undefined;
  #scrub: (text: string) => string;
  /** Debug lines build redacted header copies: skip that work unless they are printed. */
  #debug: boolean;

  constructor(options: ClientOptions, meta: ClientMeta) {
    this.meta = meta;
    this.#credentials = Credentials.resolve(options, schemesOf(meta), meta.packageName, readEnv);
    this.#scrub = makeScrubber(this.#credentials.secrets());
    this.baseURL = options.baseURL || (meta.baseURLEnv ? readEnv(meta.baseURLEnv) : undefined) || meta.defaultBaseURL;
    this.timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isFinite(this.timeout) || this.timeout < 0)
      throw new ClientError(`timeout must be a non-negative number of milliseconds.`);
    this.maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    if (!Number.isInteger(this.maxRetries) || this.maxRetries < 0)
      throw new ClientError(`maxRetries must be a non-negative integer.`);
    const f = options.fetch ?? (globalThis as { fetch?: Fetch }).fetch;
    if (!f) throw new ClientError('No global fetch: use Node 18+ or pass the `fetch` option.');
    // Unbound global fetch throws "Illegal invocation" in some runtimes.
    this.#fetch = options.fetch ?? ((input, init) => f.call(globalThis, input, init));
    this.#defaultHeaders = options.defaultHeaders;
    this.#defaultQuery = options.defaultQuery;
    const envLevel = meta.logLevelEnv ? readEnv(meta.logLevelEnv) : undefined;
    const level = options.logLevel ?? (isLogLevel(envLevel) ? envLevel : 'warn');
    this.logLevel = isLogLevel(level) ? level : 'warn';
    this.logger = levelLogger(this.logLevel, options.logger ?? console, this.#scrub);
    this.#debug = this.logLevel === 'debug';
    if (!isLogLevel(level)) this.logger.warn(`Unknown logLevel ${JSON.stringify(level)}; using 'warn'.`);
  }

  /** The first scheme's key (an accessor, so it is not an own enumerable property). */
  protected get apiKey(): string | null {
    return this.#credentials.primary;
  }

  /** Replaces the API key in any text (error messages, logs) with `***`. */
  redact(text: string): string {
    return this.#scrub(text);
  }

  protected userAgent(): string {
    return `${this.meta.packageName}/${this.meta.version} ${runtimeTag()}`;
  }

  /** Headers and query params that authenticate `op` (see auth.ts). */
  protected authParts(op: OperationSpec): { headers: Record<string, string>; query?: Record<string, string> } {
    return this.#credentials.forOperation(op);
  }

  /** Builds the request a call would send (for dry runs and tests); header secrets are masked. */
  describeRequest(
    op: OperationSpec,
    params?: object | null,
    options?: RequestOptions,
  ): { method: string; url: string; headers: Record<string, string>; body: unknown } {
    const req = this.build(op, params, options ?? {});
    const body = typeof req.body === 'string' ? this.#scrub(req.body) : req.body;
    return { method: req.method, url: this.#scrub(req.url), headers: redactHeaders(req.headers, this.#scrub), body };
  }

  request<T>(op: OperationSpec, params?: object | null, options?: RequestOptions): APIPromise<T> {
    return new APIPromise<T>(
      this.send(op, params, options ?? {}),
      async (response) => (await parseResponseBody(response)) as T,
    );
  }

  requestPage<Item>(op: OperationSpec, params?: object | null, options?: RequestOptions): PagePromise<Item> {
    const seen = new Set<string>();
    if (op.pagination && params) {
      const first = (params as Record<string, unknown>)[cursorParamName(op, op.pagination)];
      if (typeof first === 'string' && first !== '') seen.add(first);
    }
    return this._requestPage<Item>(op, params, options, seen);
  }

  /** @internal Used by Page.getNextPage to carry the cursors seen so far. */
  _requestPage<Item>(
    op: OperationSpec,
    params: object | null | undefined,
    options: RequestOptions | undefined,
    seenCursors: ReadonlySet<string>,
  ): PagePromise<Item> {
    // Checked before sending so a misuse fires no request.
    if (!op.pagination) throw new ClientError(`${op.key} is not paginated; use request() instead of requestPage().`);
    const p = (params ?? undefined) as Record<string, unknown> | undefined;
    return new PagePromise<Item>(this, this.send(op, params, options ?? {}), op, p, options, seenCursors);
  }

  private build(op: OperationSpec, params: object | null | undefined, options: RequestOptions): BuiltRequest {
    const idempotencyHeader =
      this.meta.idempotencyHeader === undefined ? 'Idempotency-Key' : this.meta.idempotencyHeader;
    const idempotencyKey =
      op.method !== 'get' && op.method !== 'head' && idempotencyHeader
        ? (options.idempotencyKey ?? `${this.meta.packageName}-retry-${uuid4()}`)
        : undefined;
    const auth = this.authParts(op);
    return buildRequest(op, params, {
      baseURL: this.baseURL,
      baseHeaders: { accept: 'application/json', 'user-agent': this.userAgent(), ...auth.headers },
      defaultHeaders: this.#defaultHeaders,
      defaultQuery: this.#defaultQuery,
      headers: options.headers,
      query: auth.query ? { ...options.query, ...auth.query } : options.query,
      idempotencyKey,
      idempotencyHeader: idempotencyHeader ?? undefined,
    });
  }

  /** Sends with retries; resolves with a 2xx Response whose body is unread. */
  private async send(op: OperationSpec, params: object | null | undefined, options: RequestOptions): Promise<Response> {
    const req = this.build(op, params, options);
    const maxRetries = options.maxRetries ?? this.maxRetries;
    const timeout = options.timeout ?? this.timeout;
    const signal = options.signal ?? undefined;
    const abortError = () => new APIUserAbortError();
    for (let attempt = 0; ; attempt++) {
      const retriesLeft = maxRetries - attempt;
      if (signal?.aborted) throw abortError();
      if (this.#debug) {
        this.logger.debug(`[${op.key}] request attempt ${attempt + 1}`, {
          method: req.method,
          url: req.url,
          headers: redactHeaders(req.headers, this.#scrub),
          body: req.body,
        });
      }
      const controller = new AbortController();
      let timedOut = false;
      const timer: ReturnType<typeof setTimeout> = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeout);
      // Stays linked after the headers arrive so the caller can also abort body reading.
      const onAbort = () => controller.abort();
      signal?.addEventListener('abort', onAbort, { once: true });
      const started = this.#debug ? Date.now() : 0;
      let response: Response;
      try {
        response = await this.#fetch(req.url, {
          method: req.method,
          headers: req.headers,
          body: req.body ?? null,
          signal: controller.signal,
        });
      } catch (err) {
        signal?.removeEventListener('abort', onAbort);
        if (signal?.aborted) throw abortError();
        const what = timedOut
          ? `timed out after ${timeout} ms`
          : `connection error (${this.#scrub(String((err as Error)?.message ?? err))})`;
        if (retriesLeft > 0) {
          const wait = retryDelayMs(attempt, undefined);
          this.logger.info(`[${op.key}] ${what}; retrying in ${Math.round(wait)} ms (${retriesLeft} left)`);
          await sleep(wait, signal, abortError);
          continue;
        }
        this.logger.debug(`[${op.key}] ${what}; no retries left`);
        if (timedOut) throw new APIConnectionTimeoutError();
        throw new APIConnectionError({ cause: err });
      } finally {
        clearTimeout(timer);
      }
      if (this.#debug) {
        this.logger.debug(`[${op.key}] response ${response.status} in ${Date.now() - started} ms`, {
          url: req.url,
          headers: redactHeaders(response.headers, this.#scrub),
        });
      }
      if (response.ok) return response;
      if (retriesLeft > 0 && shouldRetry(response)) {
        // Drain the body so the connection is reused.
        await response.body?.cancel().catch(() => {});
        const wait = retryDelayMs(attempt, response.headers);
        this.logger.info(
          `[${op.key}] status ${response.status}; retrying in ${Math.round(wait)} ms (${retriesLeft} left)`,
        );
        await sleep(wait, signal, abortError);
        continue;
      }
      signal?.removeEventListener('abort', onAbort);
      const text = await response.text().catch(() => '');
      let parsed: unknown;
      try {
        parsed = text ? (JSON.parse(text) as unknown) : undefined;
      } catch {
        parsed = undefined;
      }
      const error = APIError.generate(
        response.status,
        parsed,
        parsed === undefined ? text || undefined : undefined,
        response.headers,
        this.#scrub,
      );
      this.logger.debug(`[${op.key}] failed: ${error.message}`);
      throw error;
    }
  }

  /** For subclasses' logging of arbitrary values. */
  protected redactValue(v: unknown): unknown {
    return redactValue(v, this.#scrub);
  }
}
