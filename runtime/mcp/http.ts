/**
 * Streamable HTTP transport: one MCP session per client at `/mcp`, bound to
 * 127.0.0.1 unless `--host` says otherwise. With `--auth-token`, every request
 * needs `Authorization: Bearer <token>`. Loaded only when `--transport http`.
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { ServerOptions } from './options.js';

const MAX_BODY = 4 * 1024 * 1024;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const rpcError = (code: number, message: string) => ({ jsonrpc: '2.0', error: { code, message }, id: null });

/** Constant-time comparison (hashing first makes the lengths equal). */
function tokenMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!match) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(match[1]!.trim()), digest(token));
}

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) return (reject(new Error('request body too large')), req.destroy());
      chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new SyntaxError('request body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}

/** Sessions unused this long are closed, so abandoned clients do not pile up. */
const IDLE_MS = 30 * 60 * 1000;

export async function startHttp(makeServer: () => Server, options: ServerOptions, bin: string): Promise<void> {
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const lastSeen = new Map<string, number>();
  setInterval(() => {
    const now = Date.now();
    for (const [id, seen] of lastSeen) {
      if (now - seen > IDLE_MS) {
        lastSeen.delete(id);
        void sessions.get(id)?.close();
        sessions.delete(id);
      }
    }
  }, 60_000).unref();
  const loopback = LOOPBACK.has(options.host);
  let port = options.port;
  if (!loopback && !options.authToken) {
    process.stderr.write(
      `${bin}: warning: serving on ${options.host} without --auth-token; anyone who can reach it can call the API with the server's key.\n`,
    );
  }

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/mcp') return sendJson(res, 404, rpcError(-32000, 'Not found: the MCP endpoint is /mcp'));
    if (options.authToken && !tokenMatches(req.headers.authorization, options.authToken)) {
      return sendJson(res, 401, rpcError(-32001, 'Unauthorized: a valid bearer token is required'), {
        'www-authenticate': 'Bearer realm="mcp"',
      });
    }
    const sessionId = req.headers['mcp-session-id'];
    const existing = typeof sessionId === 'string' ? sessions.get(sessionId) : undefined;
    if (existing) {
      lastSeen.set(sessionId as string, Date.now());
      return existing.handleRequest(req, res);
    }
    if (sessionId !== undefined) return sendJson(res, 404, rpcError(-32001, 'Session not found'));
    if (req.method !== 'POST')
      return sendJson(res, 405, rpcError(-32000, 'Method not allowed without a session'), { allow: 'POST' });
    let body: unknown;
    try {
      body = await readBody(req);
    } catch (error) {
      return sendJson(res, 400, rpcError(-32700, (error as Error).message));
    }
    if (!isInitializeRequest(body)) return sendJson(res, 400, rpcError(-32000, 'Bad request: no valid session id'));
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions.set(id, transport);
        lastSeen.set(id, Date.now());
      },
      // Reject DNS-rebinding requests when bound to loopback.
      enableDnsRebindingProtection: loopback,
      allowedHosts: loopback ? [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`] : undefined,
    });
    transport.onclose = () => {
      if (transport.sessionId) (sessions.delete(transport.sessionId), lastSeen.delete(transport.sessionId));
    };
    await makeServer().connect(transport);
    await transport.handleRequest(req, res, body);
  };

  const server = createHttpServer((req, res) => {
    handle(req, res).catch((error) => {
      process.stderr.write(`${bin}: http: ${(error as Error)?.stack ?? error}\n`);
      if (!res.headersSent) sendJson(res, 500, rpcError(-32603, 'Internal error'));
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : options.port;
  const shown = options.host.includes(':') ? `[${options.host}]` : options.host;
  process.stderr.write(`${bin}: listening on http://${shown}:${port}/mcp\n`);
  const stop = () => {
    for (const transport of sessions.values()) void transport.close();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 1000).unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
