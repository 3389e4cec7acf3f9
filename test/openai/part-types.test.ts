/**
 * Multipart parts with their own Content-Type (the document's `encoding`
 * object, carried as `body.partTypes` from the IR to the client's operations
 * table): `realtime.calls.create` sends `sdp` as an `application/sdp` part and
 * `session` as one `application/json` part, not as bracketed fields. Checked
 * byte for byte on a node:http recorder from the client, the CLI and the MCP
 * server (which reach the same request path through the client).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { startRecorder, type Recorder } from '../support/http-recorder.js';
import { runCli } from '../cli/support/cli.js';
import { connectStdio } from '../mcp/helpers.js';
import { loadOpenaiSpec, openaiCliBin, openaiClientEntry, openaiMcpBin, TEST_KEYS } from './support.js';

const spec = loadOpenaiSpec();
const SDP = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\n';
const SESSION = { type: 'realtime', model: 'gpt-realtime', audio: { output: { voice: 'marin' } } };

/** The body every surface must send for { sdp: SDP, session: SESSION }, with the request's boundary. */
function expectedBody(boundary: string): string {
  return (
    `--${boundary}\r\nContent-Disposition: form-data; name="sdp"\r\nContent-Type: application/sdp\r\n\r\n${SDP}\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="session"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(SESSION)}\r\n` +
    `--${boundary}--\r\n`
  );
}

function boundaryOf(contentType: string | undefined): string {
  const m = /^multipart\/form-data; boundary=(.+)$/.exec(contentType ?? '');
  if (!m) throw new Error(`not a multipart request: ${contentType}`);
  return m[1]!;
}

let rec: Recorder;
beforeAll(async () => {
  rec = await startRecorder({ fallback: () => ({ status: 201, headers: { 'content-type': 'application/sdp' }, body: 'v=0\r\n' }) });
});
afterAll(async () => {
  await rec?.close();
});

describe('multipart part types from the document', () => {
  it('are in the IR with their pointer, and in the operations table', () => {
    const op = spec.operations.find((o) => o.key === 'realtime.calls.create')!;
    expect(op.body?.partTypes).toEqual({
      sdp: { contentType: 'application/sdp', pointer: '/paths/~1realtime~1calls/post/requestBody/content/multipart~1form-data/encoding/sdp' },
      session: { contentType: 'application/json', pointer: '/paths/~1realtime~1calls/post/requestBody/content/multipart~1form-data/encoding/session' },
    });
  });

  it('the client sends session as one JSON part and sdp with its type', async () => {
    const mod = (await import(pathToFileURL(openaiClientEntry()).href)) as { default: new (o: object) => any };
    class Fixed extends mod.default {
      protected multipartBoundary(): string {
        return 'fixed-boundary-0123456789';
      }
    }
    const client = new Fixed({ apiKey: TEST_KEYS.OPENAI_API_KEY, baseURL: rec.url, maxRetries: 0 });
    const before = rec.requests.length;
    const answer = await client.realtime.calls.create({ sdp: SDP, session: SESSION });
    expect(answer).toBe('v=0\r\n');
    const req = rec.requests[before]!;
    expect(req.headers['content-type']).toBe('multipart/form-data; boundary=fixed-boundary-0123456789');
    expect(req.body).toBe(expectedBody('fixed-boundary-0123456789'));
  });

  it('the CLI sends the same bytes from its flags', async () => {
    const before = rec.requests.length;
    const res = await runCli(['realtime:calls', 'create', '--sdp', SDP, '--session', JSON.stringify(SESSION)], {
      env: { ...TEST_KEYS, OPENAI_BASE_URL: rec.url },
      bin: openaiCliBin,
    });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const req = rec.requests[before]!;
    expect(req.body).toBe(expectedBody(boundaryOf(req.headers['content-type'])));
  });

  it('the MCP server sends the same bytes from its arguments', async () => {
    const conn = await connectStdio(['--tools', 'all'], { ...TEST_KEYS, OPENAI_BASE_URL: rec.url }, openaiMcpBin);
    try {
      const before = rec.requests.length;
      const result = (await conn.client.callTool({ name: 'openai_create_realtime_call', arguments: { sdp: SDP, session: SESSION } })) as { isError?: boolean; content: unknown };
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      const req = rec.requests[before]!;
      expect(req.body).toBe(expectedBody(boundaryOf(req.headers['content-type'])));
    } finally {
      await conn.close();
    }
  });
});
