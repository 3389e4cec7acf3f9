/**
 * A local node:http server whose handler writes the response by hand: for
 * streams sent in pieces, connections dropped mid-body, and exact request
 * bytes (the recorder in test/support decodes bodies as UTF-8; this keeps
 * them as Buffers). Each request's `closed` promise settles when the client
 * side goes away, so tests can prove an abort reached the server.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RawRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
  /** Resolves when the response finished or the connection closed. */
  closed: Promise<void>;
  /** True when the connection closed before the response ended. */
  aborted: () => boolean;
}

export type RawHandler = (req: RawRequest, res: ServerResponse, index: number) => unknown;

export interface RawServer {
  url: string;
  requests: RawRequest[];
  handle(handler: RawHandler): void;
  close(): Promise<void>;
}

export async function startRawServer(handler?: RawHandler): Promise<RawServer> {
  let current: RawHandler = handler ?? ((_req, res) => res.end());
  const requests: RawRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let ended = false;
    let resolveClosed!: () => void;
    const closed = new Promise<void>((r) => (resolveClosed = r));
    res.on('finish', () => {
      ended = true;
      resolveClosed();
    });
    res.on('close', () => resolveClosed());
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rec: RawRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks),
        closed,
        aborted: () => !ended && res.destroyed,
      };
      const index = requests.length;
      requests.push(rec);
      void Promise.resolve(current(rec, res, index)).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(599);
        res.end(String(err));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle: (h) => {
      current = h;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Writes `bytes` in pieces of `size`, yielding to the event loop between them so each goes out on its own. */
export async function writeInPieces(res: ServerResponse, bytes: Buffer, size: number): Promise<void> {
  for (let at = 0; at < bytes.length; at += size) {
    if (res.destroyed) return;
    res.write(bytes.subarray(at, at + size));
    await new Promise((r) => setImmediate(r));
  }
}
