/**
 * The promise every client call returns. It is a real Promise (so `await`,
 * `.then`, `Promise.all` work) whose parsing is lazy: `.asResponse()` hands
 * back the untouched `Response` without reading the body.
 */
import { APIConnectionError, APIUserAbortError, ClientError } from './errors.js';
import type { Page } from './pagination.js';

/** Parsed objects carry the request id, as in openai-node; arrays, pages and primitives do not. */
export type WithRequestID<T> = T extends Array<unknown> | Response | Page<any>
  ? T
  : T extends object
    ? T & { _request_id?: string | null }
    : T;

export interface WithResponse<T> {
  data: T;
  response: Response;
  request_id: string | null;
}

/** Reads a response body: JSON when the content type says so, null for an empty body, text otherwise. */
export async function parseResponseBody(response: Response): Promise<unknown> {
  if (response.status === 204 || response.status === 205 || response.status === 304) return null;
  let text: string;
  try {
    text = await response.text();
  } catch (err) {
    // The timeout is over once headers arrive, so an abort here is the caller's.
    if ((err as { name?: unknown } | null)?.name === 'AbortError') throw new APIUserAbortError();
    throw new APIConnectionError({ message: 'Connection error while reading the response body.', cause: err });
  }
  if (text === '') return null;
  const type = response.headers.get('content-type') ?? '';
  if (/json/i.test(type)) {
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      throw new ClientError(
        `Could not parse the ${response.status} response body as JSON (content-type ${type}): ${text.slice(0, 200)}`,
        { cause: err },
      );
    }
  }
  // Some servers omit the content type on JSON: try it, keep text if it is not JSON.
  const trimmed = text.trimStart();
  if (type === '' && (trimmed.startsWith('{') || trimmed.startsWith('['))) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/** Attaches `_request_id` without making it enumerable, so JSON.stringify(data) is unchanged. */
export function addRequestID<T>(value: T, response: Response): WithRequestID<T> {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    Object.defineProperty(value, '_request_id', {
      value: response.headers.get('x-request-id'),
      enumerable: false,
      configurable: true,
      writable: true,
    });
  }
  return value as WithRequestID<T>;
}

export class APIPromise<T> extends Promise<WithRequestID<T>> {
  private parsedPromise: Promise<WithRequestID<T>> | undefined;
  private readonly responsePromise: Promise<Response>;
  private readonly parseResponse: (response: Response) => Promise<T>;

  constructor(responsePromise: Promise<Response>, parseResponse: (response: Response) => Promise<T>) {
    // The base promise is a dummy: then/catch/finally are redirected to the parsed result.
    super((resolve) => resolve(null as never));
    this.responsePromise = responsePromise;
    this.parseResponse = parseResponse;
  }

  /** A new APIPromise over the same request with a different parse step. */
  _thenUnwrap<U>(transform: (data: T, response: Response) => U | Promise<U>): APIPromise<U> {
    return new APIPromise<U>(this.responsePromise, async (response) =>
      transform(await this.parseResponse(response), response),
    );
  }

  /** The raw Response; its body is not read, so read it yourself. */
  asResponse(): Promise<Response> {
    return this.responsePromise;
  }

  /** The parsed data together with the raw Response and the request id. */
  async withResponse(): Promise<WithResponse<WithRequestID<T>>> {
    const response = await this.responsePromise;
    const data = await this.parse();
    return { data, response, request_id: response.headers.get('x-request-id') };
  }

  private parse(): Promise<WithRequestID<T>> {
    if (!this.parsedPromise) {
      this.parsedPromise = this.responsePromise.then(async (response) =>
        addRequestID(await this.parseResponse(response), response),
      );
    }
    return this.parsedPromise;
  }

  override then<TResult1 = WithRequestID<T>, TResult2 = never>(
    onfulfilled?: ((value: WithRequestID<T>) => TResult1 | PromiseLike<TResult1>) | undefined | null,
    onrejected?: ((reason: unknown) => TResult2 | PromiseLike<TResult2>) | undefined | null,
  ): Promise<TResult1 | TResult2> {
    return this.parse().then(onfulfilled, onrejected);
  }

  override catch<TResult = never>(
    onrejected?: ((reason: unknown) => TResult | PromiseLike<TResult>) | undefined | null,
  ): Promise<WithRequestID<T> | TResult> {
    return this.parse().catch(onrejected);
  }

  override finally(onfinally?: (() => void) | undefined | null): Promise<WithRequestID<T>> {
    return this.parse().finally(onfinally);
  }
}
