/**
 * The base client. Generated code subclasses it (mapping its own option
 * names, e.g. `adminAPIKey`, onto `apiKey`) and hangs resource objects on it;
 * every resource method ends in `request()` or `requestPage()`.
 */
import { APIPromise } from './api-promise.js';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, ClientError } from './errors.js';
import {
  isLogLevel,
  LOG_LEVELS,
  levelLogger,
  makeScrubber,
  redactHeaders,
  redactValue,
  type Logger,
  type LogLevel,
} from './log.js';
import type { FormStyle, HttpMethod, OperationSpec } from './operation.js';
import { Credentials, type AuthKind, type AuthParts, type AuthSchemeSpec, type KeyInput } from './auth.js';
import { ArrayPagePromise, PagePromise, cursorParamName, type PageClient } from './pagination.js';
import { authQueryForLink, checkLinkOrigin, linkRequestOp, linkRequestOptions, resolveLink } from './links.js';
import {
  buildRequest,
  parseHeaderLines,
  uuid4,
  type BuiltRequest,
  type FetchOptions,
  type HeadersInput,
  type RequestOptions,
} from './request.js';
import { acceptFor, afterFirstChunk, isStreamingCall, readAnyBody, responseParser, streamParser } from './responses.js';
import { uploadFetchInit } from './body.js';
import { randomBoundary } from './multipart.js';
import { retryDelayMs, shouldRetry, sleep } from './retry.js';

export type { ApiKeySetter } from './auth.js';

export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface ClientOptions {
  /**
   * The API key; when undefined, read from `meta.apiKeyEnv`. Required when the
   * meta names `apiKeyOption` or `apiKeyEnv`; otherwise requests carry no auth.
   * A function (`async () => token`) is called before each request that sends
   * the key, for tokens that expire.
   */
  apiKey?: KeyInput;
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
  /** Extra `fetch` init fields for every request (e.g. an undici `dispatcher`); per-request `fetchOptions` merge over them. */
  fetchOptions?: FetchOptions | undefined;
  /** Keys by security scheme name, for an API with several schemes (the generated subclass fills it). */
  credentials?: Record<string, KeyInput> | undefined;
  /** Secret for `webhooks.unwrap()`/`verifySignature()`; when undefined, read from `meta.webhookSecretEnv`. */
  webhookSecret?: string | null | undefined;
  /**
   * A client that holds a key refuses to be made in a browser, where the key
   * would reach everyone who loads the page (as openai-node refuses); `true`
   * allows it (a key a proxy swaps for the real one, say).
   */
  dangerouslyAllowBrowser?: boolean | undefined;
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
  /** Headers for every request, one `Name: value` a line, beneath `defaultHeaders`; e.g. `OPENAI_CUSTOM_HEADERS`. */
  customHeadersEnv?: string;
  /** Default `Idempotency-Key`; null disables the header. */
  idempotencyHeader?: string | null;
  /**
   * How multipart and form bodies spell arrays and objects: OpenAPI's rules
   * (default), or openai-node's `key[]`/`key[prop]` (`brackets`).
   */
  formStyle?: FormStyle;
  /**
   * How the key is sent (default a bearer token): `basic` takes `user:password`
   * and sends it base64-encoded; `apiKeyHeader`/`apiKeyQuery` send it as-is in
   * the header or query parameter `name`, `apiKeyCookie` as the cookie `name`.
   */
  auth?: { kind: AuthKind; name?: string };
  /** Several schemes, in preference order; replaces apiKeyOption/apiKeyEnv/auth (see auth.ts). */
  schemes?: AuthSchemeSpec[];
  /**
   * Some operations need no key: a client without one is made, calls them, and
   * fails only on the others (naming the key). Else, as openai-node, the
   * constructor asks for the key.
   */
  keyOptional?: boolean;
  /** e.g. `OPENAI_WEBHOOK_SECRET`: read when no `webhookSecret` option is passed. */
  webhookSecretEnv?: string;
  /**
   * Options sent as a header on every request (openai-node's `organization` →
   * `OpenAI-Organization`): the option, else the env var; null sends none.
   */
  headerOptions?: Array<{ option: string; header: string; env?: string }>;
}

export const DEFAULT_TIMEOUT_MS: number = 10 * 60 * 1000;
export const DEFAULT_MAX_RETRIES: number = 2;

/** Reads an environment variable where one exists (Node, Deno, Bun); undefined in browsers. */
export function readEnv(name: string): string | undefined {
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  const v = proc?.env?.[name]?.trim();
  return v === '' ? undefined : v;
}

/** A browser page (a window with a document, and a navigator), as openai-node tells one; not a worker, Node, Deno or Bun. */
function inBrowser(): boolean {
  const g = globalThis as { window?: { document?: unknown }; navigator?: unknown };
  return (
    typeof g.window === 'object' && g.window !== null && g.window.document !== undefined && g.navigator !== undefined
  );
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
  /** The custom headers of the environment (meta.customHeadersEnv), read once. */
  #envHeaders: Array<[string, string]>;
  #defaultQuery: Record<string, unknown> | undefined;
  #fetchOptions: FetchOptions | undefined;
  /** Redacts every key the client holds; rebuilt when a key function gives a new key (#scrubber). */
  #scrub: (text: string) => string = (text) => this.#scrubber(text);
  #scrubber: (text: string) => string;
  /** Debug lines build redacted header copies: skip that work unless they are printed. */
  #debug: boolean;
  #webhookSecret: string | null;
  /** True when the base URL was given (option or env var): it then serves operations with servers of their own too. */
  #baseURLGiven: boolean;
  /** The `headerOptions` that have a value, as headers (under defaultHeaders and per-request headers). */
  #optionHeaders: Record<string, string>;

  constructor(options: ClientOptions, meta: ClientMeta) {
    this.meta = meta;
    this.#credentials = Credentials.resolve(options, schemesOf(meta), meta.packageName, readEnv, meta.keyOptional);
    this.#scrubber = makeScrubber(this.#credentials.secrets());
    if (this.#credentials.any && !options.dangerouslyAllowBrowser && inBrowser())
      throw new ClientError(
        `The ${meta.packageName} client holds an API key and looks to be running in a browser, where the key would be exposed to everyone who loads the page. If you understand the risk (the key is one a proxy swaps for the real one, say), pass \`dangerouslyAllowBrowser: true\`.`,
      );
    this.#optionHeaders = {};
    for (const { option, header, env } of meta.headerOptions ?? []) {
      const given = (options as Record<string, unknown>)[option];
      const value = given === undefined ? (env ? readEnv(env) : undefined) : given;
      if (value !== null && value !== undefined && value !== '') this.#optionHeaders[header] = String(value);
    }
    const givenBaseURL = options.baseURL || (meta.baseURLEnv ? readEnv(meta.baseURLEnv) : undefined);
    this.#baseURLGiven = Boolean(givenBaseURL);
    this.baseURL = givenBaseURL || meta.defaultBaseURL;
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
    this.#envHeaders = meta.customHeadersEnv ? parseHeaderLines(readEnv(meta.customHeadersEnv)) : [];
    this.#defaultQuery = options.defaultQuery;
    this.#fetchOptions = options.fetchOptions;
    const envLevel = meta.logLevelEnv && options.logLevel === undefined ? readEnv(meta.logLevelEnv) : undefined;
    const level = options.logLevel ?? (isLogLevel(envLevel) ? envLevel : 'warn');
    this.logLevel = isLogLevel(level) ? level : 'warn';
    this.logger = levelLogger(this.logLevel, options.logger ?? console, this.#scrub);
    this.#debug = this.logLevel === 'debug';
    this.#webhookSecret =
      options.webhookSecret ?? (meta.webhookSecretEnv ? readEnv(meta.webhookSecretEnv) : undefined) ?? null;
    if (!isLogLevel(level)) this.logger.warn(`Unknown logLevel ${JSON.stringify(level)}; using 'warn'.`);
    // An env var that names no level is said, as openai-node says it (a valid logLevel option leaves it unread).
    else if (envLevel !== undefined && !isLogLevel(envLevel))
      this.logger.warn(
        `process.env['${meta.logLevelEnv}'] was set to ${JSON.stringify(envLevel)}, expected one of ${JSON.stringify(LOG_LEVELS)}`,
      );
  }

  /**
   * The first scheme's key (for a key function, the last key it gave; an
   * accessor, so it is not an own enumerable property and never printed with the client).
   */
  get apiKey(): string | null {
    return this.#credentials.primary;
  }

  /**
   * The key given as option `option` (or read from its env var; for a key
   * function, the last key it gave): the generated client's `adminAPIKey` and
   * other key getters read it.
   */
  protected keyOf(option: string): string | null {
    return this.#credentials.keyOfOption(option);
  }

  /** The value of a header option (`organization`): given, or read from its env var; null when none. */
  protected headerOption(option: string): string | null {
    const spec = this.meta.headerOptions?.find((h) => h.option === option);
    return (spec && this.#optionHeaders[spec.header]) ?? null;
  }

  /** The secret webhooks are verified with (an accessor: never printed with the client). */
  get webhookSecret(): string | null {
    return this.#webhookSecret;
  }

  /** @internal Where a webhook secret can come from, for the missing-secret error. */
  _webhookSecretHint(): string {
    const env = this.meta.webhookSecretEnv;
    return `pass \`webhookSecret\` to the client${env ? ` or set the ${env} environment variable` : ''}`;
  }

  /** A fresh multipart boundary; tests override it to compare exact bytes. */
  protected multipartBoundary(): string {
    return randomBoundary();
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

  /**
   * Sends `op` and resolves to what its table entry says: parsed JSON, text,
   * the raw Response (binary), undefined (empty), or a `Stream` of events when
   * the call streams (`stream: true`), typed by the generated overloads.
   */
  request<T>(op: OperationSpec, params?: object | null, options?: RequestOptions): APIPromise<T> {
    const opts = options ?? {};
    if (!isStreamingCall(op, params)) return new APIPromise<T>(this.send(op, params, opts), responseParser<T>(op));
    // One controller for the whole call: it aborts the attempt in flight and, later, the body the Stream reads.
    const controller = new AbortController();
    const signal = opts.signal;
    if (signal?.aborted) controller.abort();
    else signal?.addEventListener('abort', () => controller.abort(), { once: true });
    return new APIPromise<T>(
      this.send(op, params, { ...opts, signal: controller.signal }, true),
      streamParser<T>(controller, this.#scrub),
    );
  }

  /**
   * Requests an endpoint the API's methods do not cover, as openai-node's
   * `client.get('/some/path', { query, body, headers })`: the client's base
   * URL, key, headers, retries and timeout apply; `path` is relative to the
   * base URL (or absolute), an object `body` goes as JSON. Resolves to the
   * parsed JSON (the text when the response is not JSON; undefined when empty).
   */
  get<Rsp = unknown>(path: string, options?: RequestOptions): APIPromise<Rsp> {
    return this.methodRequest<Rsp>('get', path, options);
  }

  post<Rsp = unknown>(path: string, options?: RequestOptions): APIPromise<Rsp> {
    return this.methodRequest<Rsp>('post', path, options);
  }

  put<Rsp = unknown>(path: string, options?: RequestOptions): APIPromise<Rsp> {
    return this.methodRequest<Rsp>('put', path, options);
  }

  patch<Rsp = unknown>(path: string, options?: RequestOptions): APIPromise<Rsp> {
    return this.methodRequest<Rsp>('patch', path, options);
  }

  delete<Rsp = unknown>(path: string, options?: RequestOptions): APIPromise<Rsp> {
    return this.methodRequest<Rsp>('delete', path, options);
  }

  private methodRequest<Rsp>(method: HttpMethod, path: string, options: RequestOptions | undefined): APIPromise<Rsp> {
    // An endpoint the document does not describe: the key the client holds goes with it, if any.
    const op: OperationSpec = {
      key: `${method.toUpperCase()} ${path}`,
      method,
      path,
      pathParams: [],
      auth: true,
      authOptional: true,
    };
    const opts = { ...options, path: options?.path ?? path };
    return new APIPromise<Rsp>(this.send(op, undefined, opts), readAnyBody as (response: Response) => Promise<Rsp>);
  }

  requestPage<Item>(op: OperationSpec, params?: object | null, options?: RequestOptions): PagePromise<Item> {
    const seen = new Set<string>();
    // A walk resumed from a link an earlier page gave (a relative one is relative to the base URL).
    if (options?.pageURL !== undefined && (op.pagination?.style === 'next_link' || op.pagination?.linkHeader)) {
      const { pageURL, ...rest } = options;
      const link = resolveLink(pageURL, this.#baseFor(op)) ?? pageURL;
      seen.add(link);
      return this._requestPage<Item>(op, params, rest, seen, link);
    }
    if (op.pagination && params) {
      const first = (params as Record<string, unknown>)[cursorParamName(op, op.pagination)];
      if (typeof first === 'string' && first !== '') seen.add(first);
    }
    return this._requestPage<Item>(op, params, options, seen);
  }

  /**
   * A bare-array list: awaiting gives the first page's array (`Items`), as
   * `request()` would; iterating walks every item of every page.
   */
  requestArrayPages<Items extends unknown[]>(
    op: OperationSpec,
    params?: object | null,
    options?: RequestOptions,
  ): ArrayPagePromise<Items> {
    return new ArrayPagePromise<Items>(this.requestPage<Items[number]>(op, params, options));
  }

  /**
   * @internal Used by Page.getNextPage to carry the cursors seen so far; `link`
   * is a next page's URL, requested as it is (links.ts), on the base URL's origin only.
   */
  _requestPage<Item>(
    op: OperationSpec,
    params: object | null | undefined,
    options: RequestOptions | undefined,
    seenCursors: ReadonlySet<string>,
    link?: string,
  ): PagePromise<Item> {
    // Checked before sending so a misuse fires no request.
    if (!op.pagination) throw new ClientError(`${op.key} is not paginated; use request() instead of requestPage().`);
    if (link !== undefined) checkLinkOrigin(op, link, this.#baseFor(op));
    const p = (params ?? undefined) as Record<string, unknown> | undefined;
    let url = '';
    // A next link is fetched with GET and no body, whatever the list's own method (links.ts).
    const sent =
      link === undefined
        ? this.send(op, params, options ?? {}, false, { onBuilt: (built) => (url = built) })
        : this.send(linkRequestOp(op), params, linkRequestOptions(options), false, {
            link,
            onBuilt: (built) => (url = built),
          });
    return new PagePromise<Item>(this, sent, op, p, options, seenCursors, () => url);
  }

  /** The base URL `op` is sent to: its own server, unless the client was given one. */
  #baseFor(op: OperationSpec): string {
    return op.baseURL && !this.#baseURLGiven ? op.baseURL : this.baseURL;
  }

  /** The auth of a request for `op`, after its key functions ran; a key they gave for the first time joins the redaction. */
  async #authForRequest(op: OperationSpec): Promise<AuthParts> {
    const { parts, changed } = await this.#credentials.forRequest(op);
    if (changed) this.#scrubber = makeScrubber(this.#credentials.secrets());
    return parts;
  }

  /**
   * `req` again with the keys its key functions give now, for a retry (a token
   * may have expired meanwhile; openai-node asks again too), and the same
   * idempotency key.
   */
  async #withFreshKeys(
    req: BuiltRequest,
    op: OperationSpec,
    params: object | null | undefined,
    options: RequestOptions,
    link: string | undefined,
  ): Promise<BuiltRequest> {
    const header = this.#idempotencyHeader();
    const idempotencyKey = (header && req.headers.get(header)) || undefined;
    return this.build(
      op,
      params,
      idempotencyKey ? { ...options, idempotencyKey } : options,
      link,
      await this.#authForRequest(op),
    );
  }

  /** The header a write's idempotency key goes in, or null for none. */
  #idempotencyHeader(): string | null {
    return this.meta.idempotencyHeader === undefined ? 'Idempotency-Key' : this.meta.idempotencyHeader;
  }

  private build(
    op: OperationSpec,
    params: object | null | undefined,
    options: RequestOptions,
    link?: string,
    auth: AuthParts = this.authParts(op),
  ): BuiltRequest {
    const idempotencyHeader = this.#idempotencyHeader();
    const idempotencyKey =
      op.method !== 'get' && op.method !== 'head' && idempotencyHeader
        ? (options.idempotencyKey ?? `${this.meta.packageName}-retry-${uuid4()}`)
        : undefined;
    // A next link's own query says what to list: no query param, default or option goes in again (buildRequest's
    // `linked`), only missing auth.
    const linked = link !== undefined;
    return buildRequest(op, params, {
      baseURL: this.#baseFor(op),
      baseHeaders: {
        accept: acceptFor(op, isStreamingCall(op, params)),
        'user-agent': this.userAgent(),
        ...this.#optionHeaders,
        ...auth.headers,
      },
      envHeaders: this.#envHeaders,
      defaultHeaders: this.#defaultHeaders,
      defaultQuery: linked ? undefined : this.#defaultQuery,
      headers: options.headers,
      query: linked
        ? authQueryForLink(link, auth.query)
        : auth.query
          ? { ...options.query, ...auth.query }
          : options.query,
      idempotencyKey,
      idempotencyHeader: idempotencyHeader ?? undefined,
      path: link ?? options.path,
      linked,
      body: options.body,
      boundary: () => this.multipartBoundary(),
      formStyle: this.meta.formStyle,
    });
  }

  /**
   * Sends with retries; resolves with a 2xx Response whose body is unread.
   * With `firstChunk` (streams) an attempt lasts until the body's first chunk,
   * so retries and the timeout cover that wait too, and never anything after it.
   */
  private async send(
    op: OperationSpec,
    params: object | null | undefined,
    options: RequestOptions,
    firstChunk = false,
    /** A list page: `link` is the next link to request, `onBuilt` hears the URL the request goes to. */
    page?: { link?: string | undefined; onBuilt(url: string): void },
  ): Promise<Response> {
    // Key functions run now (only those of the schemes this operation sends); a new key joins the redaction.
    let req = this.build(op, params, options, page?.link, await this.#authForRequest(op));
    page?.onBuilt(req.url);
    // A document without servers (or with a relative one, outside a browser) leaves the base URL to the user.
    if (!/^[a-z][a-z\d+.-]*:/i.test(req.url) && (globalThis as { location?: unknown }).location === undefined) {
      const what = this.baseURL ? `The base URL \`${this.baseURL}\` is relative` : 'No base URL';
      throw new ClientError(
        `${what}: pass an absolute \`baseURL\` option${this.meta.baseURLEnv ? ` or set ${this.meta.baseURLEnv}` : ''}.`,
      );
    }
    // An upload streamed from its source cannot be sent twice.
    const maxRetries = req.replayable ? (options.maxRetries ?? this.maxRetries) : 0;
    const timeout = options.timeout ?? this.timeout;
    // A signal in fetchOptions works too (as in openai-node); the request's own signal wins.
    const signal = options.signal ?? options.fetchOptions?.signal ?? undefined;
    const fetchOptions =
      this.#fetchOptions || options.fetchOptions ? { ...this.#fetchOptions, ...options.fetchOptions } : undefined;
    const abortError = () => new APIUserAbortError();
    for (let attempt = 0; ; attempt++) {
      const retriesLeft = maxRetries - attempt;
      if (signal?.aborted) throw abortError();
      if (attempt > 0 && this.#credentials.callsSetter(op))
        req = await this.#withFreshKeys(req, op, params, options, page?.link);
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
        // Upload bodies get `duplex` (streams) and, on Node, no redirect replay copy (body.ts); fetchOptions may override the latter.
        const init: RequestInit = {
          ...uploadFetchInit(req.body),
          ...fetchOptions,
          method: req.method,
          headers: req.headers,
          body: (req.body ?? null) as BodyInit | null,
          signal: controller.signal,
        };
        response = await this.#fetch(req.url, init);
        if (firstChunk && response.ok) response = await afterFirstChunk(response);
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
