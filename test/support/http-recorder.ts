/**
 * A small local node:http server for exact-request tests: it records every
 * request (method, url, headers, body) and answers from a script.
 *
 *   const rec = await startRecorder();
 *   rec.enqueue({ status: 429, headers: { 'retry-after-ms': '10' } }, { body: { ok: true } });
 *   rec.route('GET', '/organization/projects', (req) => ({ body: { data: [] } }));
 *   … rec.requests[0].url …
 *   await rec.close();
 *
 * Replies come from, in order: the queue (one per request), the first
 * matching route, the fallback handler, else `200 {}`.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path plus query exactly as received, e.g. `/v1/x?a=1&b[]=2`. */
  url: string;
  /** Path without the query. */
  path: string;
  /** Raw query string without `?` ('' when none). */
  query: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON (undefined when empty). */
  json(): unknown;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON (content-type set for you); strings as-is. */
  body?: unknown;
  /** Wait this long before answering (for timeouts). */
  delayMs?: number;
  /** Drop the connection without answering (a connection error). */
  destroy?: boolean;
}

export type Handler = (req: RecordedRequest, index: number) => Reply | Promise<Reply>;

export interface Recorder {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  requests: RecordedRequest[];
  enqueue(...replies: Reply[]): void;
  /** Answers requests whose method matches and whose path equals `path` (or matches the RegExp). */
  route(method: string, path: string | RegExp, handler: Handler | Reply): void;
  setFallback(handler: Handler | undefined): void;
  /** Forgets requests, queue, routes and fallback. */
  reset(): void;
  close(): Promise<void>;
}

export async function startRecorder(options: { fallback?: Handler } = {}): Promise<Recorder> {
  const requests: RecordedRequest[] = [];
  let queue: Reply[] = [];
  let routes: Array<{ method: string; path: string | RegExp; handler: Handler }> = [];
  let fallback = options.fallback;

  const pick = async (req: RecordedRequest, index: number): Promise<Reply> => {
    const queued = queue.shift();
    if (queued) return queued;
    for (const r of routes) {
      const pathOk = typeof r.path === 'string' ? r.path === req.path : r.path.test(req.path);
      if (pathOk && r.method.toUpperCase() === req.method) return r.handler(req, index);
    }
    if (fallback) return fallback(req, index);
    return { status: 200, body: {} };
  };

  const send = (res: ServerResponse, reply: Reply) => {
    const headers: Record<string, string> = { ...(reply.headers ?? {}) };
    let payload = '';
    if (reply.body !== undefined) {
      if (typeof reply.body === 'string') payload = reply.body;
      else {
        payload = JSON.stringify(reply.body);
        if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
      }
    }
    res.writeHead(reply.status ?? 200, headers);
    res.end(payload);
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      const body = Buffer.concat(chunks).toString('utf8');
      const rec: RecordedRequest = {
        method: req.method ?? 'GET',
        url,
        path: q === -1 ? url : url.slice(0, q),
        query: q === -1 ? '' : url.slice(q + 1),
        headers: req.headers,
        body,
        json: () => (body === '' ? undefined : (JSON.parse(body) as unknown)),
      };
      const index = requests.length;
      requests.push(rec);
      void (async () => {
        let reply: Reply;
        try {
          reply = await pick(rec, index);
        } catch (err) {
          reply = { status: 599, body: { recorderError: String(err) } };
        }
        if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
        if (reply.destroy) {
          req.socket.destroy();
          return;
        }
        if (!res.destroyed) send(res, reply);
      })();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (...replies) => {
      queue.push(...replies);
    },
    route: (method, path, handler) => {
      routes.push({ method, path, handler: typeof handler === 'function' ? handler : () => handler });
    },
    setFallback: (handler) => {
      fallback = handler;
    },
    reset: () => {
      requests.length = 0;
      queue = [];
      routes = [];
      fallback = options.fallback;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
