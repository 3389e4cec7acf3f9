/**
 * The CLI never sends HTTP itself: it hands the client a `fetch` that either
 * records the request and stops (`--dry-run`) or logs it on its way through
 * (`--debug`). Both print headers with secrets redacted.
 */
import { previewBody } from './body-preview.js';

export const REDACTED = '[REDACTED]';
const SECRET_HEADERS = /^(authorization|proxy-authorization|api-key|x-api-key|cookie|set-cookie)$/i;

/**
 * Replaces every occurrence of each secret (long enough to be one) in text, as
 * written and as a URL carries it: a key sent in the query (`?token=abc%2Bdef`)
 * shows encoded in `--dry-run` and `--debug` output.
 */
export function makeRedactor(secrets: Array<string | undefined>): (text: string) => string {
  const raw = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 6);
  const encoded = raw.flatMap((s) => [encodeURIComponent(s), new URLSearchParams({ k: s }).toString().slice(2)]);
  // Longest first, so that no secret is cut by a shorter one inside it.
  const list = [...new Set([...raw, ...encoded])].sort((a, b) => b.length - a.length);
  if (list.length === 0) return (t) => t;
  return (text) => {
    let out = text;
    for (const s of list) out = out.split(s).join(REDACTED);
    return out;
  };
}

export function redactHeader(name: string, value: string): string {
  if (!SECRET_HEADERS.test(name)) return value;
  const scheme = /^(Bearer|Basic|Token)\s+/i.exec(value);
  return scheme ? `${scheme[1]} ${REDACTED}` : REDACTED;
}

/** Code-unit order: localeCompare would initialise ICU collation, ~10 ms of a cold start. */
function byName(a: [string, string], b: [string, string]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

export interface CapturedRequest {
  method: string;
  url: string;
  headers: Array<[string, string]>;
  body?: string;
}

/**
 * Reads method, URL, headers and body from fetch arguments, whatever form they
 * take. Uploads are not read into memory: see body-preview.ts.
 */
export async function capture(input: RequestInfo | URL, init?: RequestInit): Promise<CapturedRequest> {
  // What the client passes (a URL string and an init): no Request is built, so a dry run
  // loads no web streams and an upload body is only previewed.
  if (typeof input === 'string' || input instanceof URL) {
    const headers: Array<[string, string]> = [];
    const raw = new Headers(init?.headers);
    raw.forEach((value, name) => headers.push([name, redactHeader(name, value)]));
    headers.sort(byName);
    const body = await previewBody(init?.body, raw.get('content-type') ?? undefined);
    return { method: (init?.method ?? 'GET').toUpperCase(), url: String(input), headers, body };
  }
  const req = new Request(input, init);
  const headers: Array<[string, string]> = [];
  req.headers.forEach((value, name) => headers.push([name, redactHeader(name, value)]));
  headers.sort(byName);
  const text = req.body ? await req.text() : undefined;
  return { method: req.method, url: req.url, headers, body: text === '' ? undefined : text };
}

/** Thrown by the dry-run fetch to stop the client after it built the request. */
export class DryRunStop extends Error {
  constructor(readonly request: CapturedRequest) {
    super('dry run: request not sent');
    this.name = 'DryRunStop';
  }
}

export function dryRunFetch(onCapture: (r: CapturedRequest) => void): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const r = await capture(input, init);
    onCapture(r);
    throw new DryRunStop(r);
  }) as typeof fetch;
}

/** HTTP/1.1-style text: request line, headers, blank line, body. */
export function formatRequest(r: CapturedRequest): string {
  const lines = [`${r.method} ${r.url}`, ...r.headers.map(([k, v]) => `${k}: ${v}`)];
  let body = r.body;
  if (body !== undefined) {
    try {
      body = JSON.stringify(JSON.parse(body), null, 2);
    } catch {
      /* not JSON: print as sent */
    }
  }
  return lines.join('\n') + '\n' + (body !== undefined ? '\n' + body + '\n' : '');
}

const MAX_LOGGED_BODY = 20_000;

/** Response bodies --debug logs: JSON and text; never event streams (read as they arrive) or bytes. */
function loggable(type: string | null): boolean {
  return !type || (/json|^text\/|xml|yaml|sdp|x-www-form-urlencoded/i.test(type) && !/event-stream/i.test(type));
}

/** A fetch that logs each exchange through `log` (already redacting). */
export function debugFetch(base: typeof fetch, log: (line: string) => void): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const r = await capture(input instanceof Request ? input.clone() : input, init);
    log(`> ${r.method} ${r.url}`);
    for (const [k, v] of r.headers) log(`> ${k}: ${v}`);
    if (r.body !== undefined) log(`> ${r.body.slice(0, MAX_LOGGED_BODY)}`);
    const started = Date.now();
    let res: Response;
    try {
      res = await base(input, init);
    } catch (e) {
      log(`< network error after ${Date.now() - started} ms: ${(e as Error).message}`);
      throw e;
    }
    log(`< ${res.status} ${res.statusText} (${Date.now() - started} ms)`);
    res.headers.forEach((value, name) => log(`< ${name}: ${redactHeader(name, value)}`));
    const type = res.headers.get('content-type');
    if (!loggable(type)) {
      log(`< [${type} body: not logged]`);
      return res;
    }
    const text = await res.clone().text();
    if (text) log(`< ${text.length > MAX_LOGGED_BODY ? text.slice(0, MAX_LOGGED_BODY) + '…' : text}`);
    return res;
  }) as typeof fetch;
}
