/**
 * Event streams through the real CLI binary (a child process) against a
 * local node:http server that writes the events by hand: printed as JSONL as
 * they arrive (the server holds the rest back until the first event is on the
 * CLI's stdout), Ctrl-C mid-stream (exit 130, the server sees the connection
 * close), each --format, --transform per event, error events, a stream that
 * always streams, one switched on by an enum value, and --output.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { startRawServer, type RawServer } from '../client-runtime/support/raw-server.js';
import { IoCli, IO_KEY, sse } from './support/io.js';

let server: RawServer;
const cli = new IoCli('stream');
const runIo = (args: string[]) => cli.run(args, server.url);
const startCli = (args: string[]) => cli.start(args, server.url);

beforeAll(async () => {
  await cli.build();
  server = await startRawServer();
}, 180_000);
afterAll(() => server?.close());

const chunk = (delta: string) => ({ type: 'completion.delta', delta });

/** Streams the chunks, then [DONE]; the first one alone until `release` resolves. */
function streamChunks(deltas: string[], release?: Promise<void>) {
  server.handle(async (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'x-request-id': 'req_stream_1' });
    res.write(sse(chunk(deltas[0]!)));
    await release;
    for (const d of deltas.slice(1)) res.write(sse(chunk(d)));
    res.end(sse('[DONE]'));
  });
}

describe('a streaming command', () => {
  it('prints each event as a JSON line as soon as it arrives', async () => {
    let release!: () => void;
    streamChunks(['Hel', 'lo', ' wörld'], new Promise<void>((r) => (release = r)));
    const run = startCli(['completions', 'create', '--prompt', 'hi', '--stream']);
    // The server sends the rest only once the first event is on stdout: it cannot have been buffered.
    await run.sawOnStdout('"Hel"');
    expect(run.stdout().toString()).toBe(JSON.stringify(chunk('Hel')) + '\n');
    release();
    const { code, stdout, stderr } = await run.done;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.toString()).toBe([chunk('Hel'), chunk('lo'), chunk(' wörld')].map((c) => JSON.stringify(c) + '\n').join(''));
    const req = server.requests[0]!;
    expect(req.headers['accept']).toBe('text/event-stream');
    expect(JSON.parse(req.body.toString())).toEqual({ prompt: 'hi', stream: true });
  });

  it('without the switch, prints the JSON response', async () => {
    server.handle((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"c1","text":"whole"}'));
    const { code, stdout } = await runIo(['completions', 'create', '--prompt', 'hi']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout.toString())).toEqual({ id: 'c1', text: 'whole' });
    expect(server.requests[0]!.headers['accept']).toBe('application/json');
  });

  it('a union of objects takes the choices of every member (--message role system or user)', async () => {
    const ok = await runIo(['completions', 'create', '--prompt', 'p', '--message', '{"role":"user","content":"x"}', '--message.role', 'system', '--message.content', 'y', '--dry-run', '--format', 'json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout.toString()).body.messages).toEqual([{ role: 'user', content: 'x' }, { role: 'system', content: 'y' }]);
    const bad = await runIo(['completions', 'create', '--prompt', 'p', '--message', '{"role":"bot","content":"x"}']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--message.role: 'bot' is not one of system, user");
  });

  it('Ctrl-C mid-stream aborts the request: exit 130, and the server sees the connection close', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(sse(chunk('first')));
      // …and never ends.
    });
    const run = startCli(['completions', 'create', '--prompt', 'hi', '--stream']);
    await run.sawOnStdout('"first"');
    run.child.kill('SIGINT');
    const { code, signal, stdout } = await run.done;
    expect({ code, signal }).toEqual({ code: 130, signal: null });
    expect(stdout.toString()).toBe(JSON.stringify(chunk('first')) + '\n');
    await server.requests[0]!.closed;
    expect(server.requests[0]!.aborted()).toBe(true);
  });

  it('--format json prints every event as one array at the end; yaml one document per event', async () => {
    streamChunks(['a', 'b']);
    const json = await runIo(['completions', 'create', '--prompt', 'hi', '--stream', '--format', 'json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout.toString())).toEqual([chunk('a'), chunk('b')]);
    streamChunks(['a', 'b']);
    const yaml = await runIo(['completions', 'create', '--prompt', 'hi', '--stream', '--format', 'yaml']);
    expect(yaml.stdout.toString().split(/^---\n/m).filter(Boolean).map((d) => parseYaml(d))).toEqual([chunk('a'), chunk('b')]);
  });

  it('--transform projects each event; a pretty string stream reads as text', async () => {
    streamChunks(['Hel', 'lo']);
    const lines = await runIo(['completions', 'create', '--prompt', 'hi', '--stream', '--transform', 'delta']);
    expect(lines.stdout.toString()).toBe('"Hel"\n"lo"\n');
    streamChunks(['Hel', 'lo']);
    const text = await runIo(['completions', 'create', '--prompt', 'hi', '--stream', '--transform', '.delta', '--format', 'pretty']);
    expect(text.stdout.toString()).toBe('Hello\n');
    // Events whose projection is missing are skipped.
    streamChunks(['x']);
    const none = await runIo(['completions', 'create', '--prompt', 'hi', '--stream', '--transform', 'nothing', '--format', 'json']);
    expect(JSON.parse(none.stdout.toString())).toEqual([]);
  });

  it('an error event ends with exit 1 and the API error on stderr, after the events before it', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'x-request-id': 'req_err_9' });
      res.write(sse(chunk('partial')));
      res.end(sse({ error: { message: 'The server overloaded mid-stream', type: 'server_error', code: 'overloaded' } }, 'error'));
    });
    const { code, stdout, stderr } = await runIo(['completions', 'create', '--prompt', 'hi', '--stream']);
    expect(code).toBe(1);
    expect(stdout.toString()).toBe(JSON.stringify(chunk('partial')) + '\n');
    expect(stderr).toBe('error: APIStreamError: The server overloaded mid-stream\nrequest id: req_err_9, type: server_error, code: overloaded\n');
    // --format json still prints valid JSON: the events received before the error.
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(sse(chunk('partial')));
      res.end(sse({ type: 'error', message: 'bad' }));
    });
    const json = await runIo(['completions', 'create', '--prompt', 'hi', '--stream', '--format', 'json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout.toString())).toEqual([chunk('partial')]);
    expect(json.stderr).toMatch(/^error: APIStreamError: bad\n/);
  });

  it('an HTTP error before the stream starts is reported like any API error', async () => {
    server.handle((_req, res) => res.writeHead(429, { 'content-type': 'application/json', 'x-request-id': 'req_429' }).end('{"error":{"message":"Slow down","type":"rate_limit"}}'));
    const { code, stdout, stderr } = await runIo(['completions', 'create', '--prompt', 'hi', '--stream', '--max-retries', '0']);
    expect(code).toBe(1);
    expect(stdout.toString()).toBe('');
    expect(stderr).toContain('error: RateLimitError: 429 Slow down\nrequest id: req_429');
  });

  it('an operation that always streams needs no switch', async () => {
    streamChunks(['tick', 'tock']);
    const { code, stdout } = await runIo(['events', 'retrieve', '--topic', 'clock']);
    expect(code).toBe(0);
    expect(stdout.toString()).toBe(`${JSON.stringify(chunk('tick'))}\n${JSON.stringify(chunk('tock'))}\n`);
    expect(server.requests[0]!.url).toBe('/events?topic=clock');
  });

  it('a binary download switched to events by an enum value (--stream-format sse) prints events', async () => {
    streamChunks(['aud', 'io']);
    const { code, stdout, stderr } = await runIo(['speech', 'create', '--input', 'hi', '--stream-format', 'sse']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.toString()).toBe(`${JSON.stringify(chunk('aud'))}\n${JSON.stringify(chunk('io'))}\n`);
    expect(JSON.parse(server.requests[0]!.body.toString())).toEqual({ input: 'hi', stream_format: 'sse' });
    expect(server.requests[0]!.headers['accept']).toBe('text/event-stream');
    // A server that answers bytes instead of events is an error, not an empty stream.
    server.handle((_req, res) => res.writeHead(200, { 'content-type': 'application/octet-stream' }).end('ID3'));
    const bytes = await runIo(['speech', 'create', '--input', 'hi', '--stream-format', 'sse']);
    expect(bytes.code).toBe(1);
    expect(bytes.stderr).toBe('error: Error: asked for an event stream, the server answered application/octet-stream\n');
  });

  it('--output writes the events to a file when the stream ends; an interrupted stream leaves no file', async () => {
    const file = join(cli.dir, 'events.jsonl');
    rmSync(file, { force: true });
    streamChunks(['a', 'b']);
    const ok = await runIo(['completions', 'create', '--prompt', 'hi', '--stream', '--output', file]);
    expect(ok.code).toBe(0);
    expect(ok.stdout.toString()).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(`${JSON.stringify(chunk('a'))}\n${JSON.stringify(chunk('b'))}\n`);
    rmSync(file);
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(sse(chunk('first')));
    });
    const run = startCli(['completions', 'create', '--prompt', 'hi', '--stream', '--output', file]);
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => readdirSync(cli.dir).some((f) => f.startsWith('.events.jsonl.')) && (clearInterval(poll), resolve()), 5);
    });
    await new Promise((r) => setTimeout(r, 50));
    run.child.kill('SIGINT');
    expect((await run.done).code).toBe(130);
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(cli.dir).filter((f) => f.includes('events.jsonl'))).toEqual([]);
  });

  it('--debug logs the exchange without holding the stream back, and never the key', async () => {
    streamChunks(['a', 'b']);
    const { code, stdout, stderr } = await runIo(['completions', 'create', '--prompt', 'hi', '--stream', '--debug']);
    expect(code).toBe(0);
    expect(stdout.toString().trim().split('\n')).toHaveLength(2);
    expect(stderr).toContain('[debug] < content-type: text/event-stream');
    expect(stderr).toContain('[debug] < [text/event-stream body: not logged]');
    expect(stderr + stdout.toString()).not.toContain(IO_KEY);
  });
});
