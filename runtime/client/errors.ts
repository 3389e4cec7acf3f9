/**
 * Error classes of the client core. Names and fields follow the official
 * openai-node SDK so that `catch (e) { if (e instanceof NotFoundError) … }`
 * code ports unchanged.
 */

/** Root of every error the client throws (request building, pagination, HTTP). */
export class ClientError extends Error {
  constructor(message?: string, options?: { cause?: unknown }) {
    super(message);
    // `cause` is set by hand: the ES2022 Error option is not in every target lib.
    if (options && 'cause' in options) (this as { cause?: unknown }).cause = options.cause;
    this.name = new.target.name;
  }
}

/** A page walk saw the same cursor twice: stopping beats looping forever. */
export class PaginationError extends ClientError {}

/** A key the client needs, by its constructor option and environment variable. */
export interface NeededKey {
  option: string;
  env?: string;
}

/**
 * The client has no key (or not every key) an operation accepts. `needs`
 * lists the alternatives, each the keys that go together, so a CLI or an MCP
 * server can say which flag or environment variable to set.
 */
export class MissingKeyError extends ClientError {
  constructor(
    message: string,
    readonly needs: NeededKey[][],
  ) {
    super(message);
  }
}

type Scrub = (text: string) => string;
const keep: Scrub = (text) => text;

/** Any failed HTTP exchange: status errors and connection errors alike. */
export class APIError<
  TStatus extends number | undefined = number | undefined,
  THeaders extends Headers | undefined = Headers | undefined,
> extends ClientError {
  /** HTTP status; undefined for connection errors. */
  readonly status: TStatus;
  /** Response headers; undefined for connection errors. */
  readonly headers: THeaders;
  /**
   * The parsed error object: `body.error` for OpenAI-style bodies
   * (`{"error": {message, type, param, code}}`), else the whole parsed body
   * (e.g. `{"code": 404, "message": "…"}`), else undefined.
   */
  readonly error: unknown;
  readonly code: string | number | null | undefined;
  readonly param: string | null | undefined;
  readonly type: string | null | undefined;
  /** From the `x-request-id` response header. */
  readonly request_id: string | null | undefined;
  /** The same, under the name openai-node (v5 and later) gives it. */
  readonly requestID: string | null | undefined;

  constructor(status: TStatus, error: unknown, message: string | undefined, headers: THeaders, scrub: Scrub = keep) {
    super(scrub(APIError.makeMessage(status, error, message)));
    this.status = status;
    this.headers = headers;
    this.request_id = headers?.get('x-request-id');
    this.requestID = this.request_id;
    this.error = error;
    const obj = isObject(error) ? error : undefined;
    const code = obj?.['code'];
    this.code = typeof code === 'string' || typeof code === 'number' ? code : code === null ? null : undefined;
    this.param = stringOrNull(obj?.['param']);
    this.type = stringOrNull(obj?.['type']);
  }

  private static makeMessage(status: number | undefined, error: unknown, message: string | undefined): string {
    const inner = isObject(error) ? error['message'] : undefined;
    const msg =
      inner !== undefined && inner !== null && inner !== ''
        ? typeof inner === 'string'
          ? inner
          : JSON.stringify(inner)
        : error !== undefined && error !== null
          ? JSON.stringify(error)
          : message;
    if (status && msg) return `${status} ${msg}`;
    if (status) return `${status} status code (no body)`;
    if (msg) return msg;
    return '(no status code or body)';
  }

  /**
   * Builds the class for a status from a parsed body. `scrub` removes the API
   * key from anything the server echoed back before it reaches a message.
   */
  static generate(
    status: number | undefined,
    body: unknown,
    message: string | undefined,
    headers: Headers | undefined,
    scrub: Scrub = keep,
  ): APIError {
    if (!status || !headers) return new APIConnectionError({ message: message ? scrub(message) : undefined });
    const cleanBody = scrubDeep(body, scrub);
    const inner = isObject(cleanBody) && isObject(cleanBody['error']) ? cleanBody['error'] : cleanBody;
    const Cls = statusClass(status);
    return new Cls(status, inner, message === undefined ? undefined : scrub(message), headers, scrub);
  }
}

export class BadRequestError extends APIError<400, Headers> {}
export class AuthenticationError extends APIError<401, Headers> {}
export class PermissionDeniedError extends APIError<403, Headers> {}
export class NotFoundError extends APIError<404, Headers> {}
export class ConflictError extends APIError<409, Headers> {}
export class UnprocessableEntityError extends APIError<422, Headers> {}
export class RateLimitError extends APIError<429, Headers> {}
export class InternalServerError extends APIError<number, Headers> {}

/** The request never got a response (DNS, refused, reset, …). */
export class APIConnectionError extends APIError<undefined, undefined> {
  constructor({ message, cause }: { message?: string | undefined; cause?: unknown } = {}) {
    super(undefined, undefined, message || 'Connection error.', undefined);
    if (cause !== undefined) (this as { cause?: unknown }).cause = cause;
  }
}

export class APIConnectionTimeoutError extends APIConnectionError {
  constructor({ message }: { message?: string } = {}) {
    super({ message: message ?? 'Request timed out.' });
  }
}

/** The caller's AbortSignal fired; never retried. */
export class APIUserAbortError extends APIError<undefined, undefined> {
  constructor({ message }: { message?: string } = {}) {
    super(undefined, undefined, message || 'Request was aborted.', undefined);
  }
}

/**
 * An error event inside a stream whose response was a 2xx: an SSE `event:
 * error`, a payload with an `error` object, or one whose `type` is `error`.
 * `error` holds the error object, `data` the whole payload.
 */
export class APIStreamError extends APIError<undefined, Headers | undefined> {
  /** The SSE event name, or null when only the payload marked the error. */
  readonly event: string | null;
  readonly data: unknown;

  constructor(
    error: unknown,
    message: string | undefined,
    headers: Headers | undefined,
    event: string | null,
    data: unknown,
    scrub: Scrub = keep,
  ) {
    super(undefined, scrubDeep(error, scrub), message === undefined ? undefined : scrub(message), headers, scrub);
    this.event = event;
    this.data = scrubDeep(data, scrub);
  }
}

type StatusErrorClass = new (
  status: number,
  error: unknown,
  message: string | undefined,
  headers: Headers,
  scrub?: Scrub,
) => APIError;

function statusClass(status: number): StatusErrorClass {
  switch (status) {
    case 400:
      return BadRequestError as unknown as StatusErrorClass;
    case 401:
      return AuthenticationError as unknown as StatusErrorClass;
    case 403:
      return PermissionDeniedError as unknown as StatusErrorClass;
    case 404:
      return NotFoundError as unknown as StatusErrorClass;
    case 409:
      return ConflictError as unknown as StatusErrorClass;
    case 422:
      return UnprocessableEntityError as unknown as StatusErrorClass;
    case 429:
      return RateLimitError as unknown as StatusErrorClass;
    default:
      return (status >= 500 ? InternalServerError : APIError) as unknown as StatusErrorClass;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringOrNull(v: unknown): string | null | undefined {
  if (v === null) return null;
  if (v === undefined) return undefined;
  return typeof v === 'string' ? v : String(v);
}

/** Applies `scrub` to every string inside a parsed JSON value. */
function scrubDeep(v: unknown, scrub: Scrub): unknown {
  if (scrub === keep) return v;
  if (typeof v === 'string') return scrub(v);
  if (Array.isArray(v)) return v.map((x) => scrubDeep(x, scrub));
  if (isObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = scrubDeep(x, scrub);
    return out;
  }
  return v;
}
