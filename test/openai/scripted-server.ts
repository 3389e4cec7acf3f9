/**
 * A node:http server for the hand-written helpers' tests: each request's JSON
 * body is kept, and the current `route` answers it (SSE chunks, JSON, an error).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { openaiClientEntry, TEST_KEYS } from './support.js';

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

export interface ScriptedServer {
  url: string;
  /** Request bodies, parsed when JSON (else the text), in order. */
  bodies: any[];
  /** `METHOD /path?query` of each request, in order. */
  requests: string[];
  route: Route;
}

/** Started before the file's tests, closed after them. */
export function scriptedServer(): ScriptedServer {
  const state: ScriptedServer = { url: '', bodies: [], requests: [], route: (_req, res) => res.end() };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      state.requests.push(`${req.method} ${req.url}`);
      state.bodies.push(parsed(body));
      state.route(req, res);
    });
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return state;
}

function parsed(body: string): unknown {
  try {
    return JSON.parse(body || 'null');
  } catch {
    return body;
  }
}

/** Sends `events` as SSE `data:` lines, then `[DONE]` unless `done` is false (the response then stays open). */
export function sse(res: ServerResponse, events: unknown[], done = true): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const e of events) res.write(`data: ${JSON.stringify(e)}\n\n`);
  if (done) res.end('data: [DONE]\n\n');
}

/** Answers with `value` as JSON. */
export function json(res: ServerResponse, value: unknown, status = 200, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(value));
}

/** The built `openai` client against `url`, no retries. */
export async function openaiClient(url: string): Promise<any> {
  const mod = (await import(pathToFileURL(openaiClientEntry()).href)) as { default: new (o: object) => unknown };
  return new mod.default({ apiKey: TEST_KEYS.OPENAI_API_KEY, baseURL: url, maxRetries: 0 });
}

/** A module of the built client, by its path under dist/ (`lib/helpers/zod.js`). */
export async function openaiModule(path: string): Promise<any> {
  return import(pathToFileURL(openaiClientEntry().replace(/index\.js$/, path)).href);
}
