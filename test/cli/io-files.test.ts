/**
 * Uploads, downloads and non-JSON bodies through the real CLI binary (a
 * child process) against a local node:http server that keeps the exact
 * request bytes: multipart parts parsed server-side (fields, file names,
 * content types, bytes), stdin as a file, json-or-multipart choosing by the
 * value, missing files refused before any request; binary responses written
 * byte-exact to --output (atomically) or a pipe and refused on a terminal;
 * text responses; raw sdp and octet-stream bodies; form-urlencoded bodies;
 * and the help and completion that show all of it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRawServer, type RawServer } from '../client-runtime/support/raw-server.js';
import { IoCli, IO_KEY, parseMultipart, shellLine } from './support/io.js';

let server: RawServer;
const cli = new IoCli('files');
const run = (args: string[], input?: Buffer | string) => cli.run(args, server.url, input === undefined ? {} : { input });
const json = (status: number, body: unknown) => (_req: unknown, res: import('node:http').ServerResponse) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
const PNG = randomBytes(70_000);
const JSONL = '{"prompt":"a"}\n{"prompt":"ü"}\n';

beforeAll(async () => {
  await cli.build();
  server = await startRawServer();
  writeFileSync(join(cli.dir, 'train.jsonl'), JSONL);
  writeFileSync(join(cli.dir, 'cat.png'), PNG);
}, 180_000);
afterAll(() => server?.close());

async function partsOf(index = 0): Promise<FormData> {
  const req = server.requests[index]!;
  expect(req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
  return parseMultipart(req.body, req.headers['content-type']!);
}

async function fileOf(form: FormData, name: string, at = 0): Promise<{ name: string; type: string; bytes: Buffer }> {
  const f = form.getAll(name)[at] as File;
  expect(f, `part ${name}`).toBeInstanceOf(File);
  return { name: f.name, type: f.type, bytes: Buffer.from(await f.arrayBuffer()) };
}

describe('uploads', () => {
  it('sends file flags and the other fields as multipart/form-data, byte for byte', async () => {
    server.handle(json(200, { id: 'file-1' }));
    const res = await run(['files', 'create', '--file', '@train.jsonl', '--purpose', 'fine-tune', '--attachment', 'cat.png', '--attachment', '@cat.png;type=application/x-cat;filename=kitty.bin', '--metadata.team', 'ml']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout.toString())).toEqual({ id: 'file-1' });
    const form = await partsOf();
    expect(await fileOf(form, 'file')).toEqual({ name: 'train.jsonl', type: 'application/jsonl', bytes: Buffer.from(JSONL) });
    expect(form.get('purpose')).toBe('fine-tune');
    // OpenAPI's multipart rules (the fixture's target has no `formStyle`): an object is one JSON part, an array repeated parts.
    expect(form.get('metadata')).toBe('{"team":"ml"}');
    expect(server.requests[0]!.body.toString('latin1')).toContain('name="metadata"\r\nContent-Type: application/json\r\n\r\n{"team":"ml"}\r\n');
    expect(await fileOf(form, 'attachments', 0)).toEqual({ name: 'cat.png', type: 'image/png', bytes: PNG });
    expect(await fileOf(form, 'attachments', 1)).toEqual({ name: 'kitty.bin', type: 'application/x-cat', bytes: PNG });
    expect([...form.keys()]).toEqual(['file', 'purpose', 'attachments', 'attachments', 'metadata']);
  });

  it('takes a file from stdin with -, named by ;filename=', async () => {
    server.handle(json(200, { id: 'file-2' }));
    const res = await run(['files', 'create', '--file', '-;filename=piped.jsonl', '--purpose', 'batch'], JSONL);
    expect(res.code).toBe(0);
    expect(await fileOf(await partsOf(), 'file')).toEqual({ name: 'piped.jsonl', type: 'application/jsonl', bytes: Buffer.from(JSONL) });
  });

  it.skipIf(spawnSync('sh', ['-c', 'command -v mkfifo']).status !== 0)('streams a path that is not a regular file (a named pipe, <(…)) as it reads it', async () => {
    server.handle(json(200, { id: 'file-4' }));
    const fifo = join(cli.dir, 'pipe.fifo');
    rmSync(fifo, { force: true });
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // Opening a FIFO for writing waits for the reader: the CLI.
    createWriteStream(fifo).end(PNG);
    const res = await run(['files', 'create', '--file', `${fifo};filename=pipe.bin`, '--purpose', 'batch']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(await fileOf(await partsOf(), 'file')).toEqual({ name: 'pipe.bin', type: 'application/octet-stream', bytes: PNG });
  });

  it('takes file fields from --data too', async () => {
    server.handle(json(200, { id: 'file-3' }));
    const res = await run(['files', 'create', '--data', '{"file": "@cat.png", "purpose": "vision"}']);
    expect(res.code).toBe(0);
    const form = await partsOf();
    expect((await fileOf(form, 'file')).bytes.equals(PNG)).toBe(true);
    expect(form.get('purpose')).toBe('vision');
  });

  it('refuses a missing file, a directory and two stdin readers with exit 2, naming the flag and the path, before any request', async () => {
    server.handle(json(200, {}));
    const missing = await run(['files', 'create', '--file', '@nope/train.jsonl', '--purpose', 'x']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('error: --file: no such file: nope/train.jsonl\nhint: check the path; a file flag takes @PATH, a path, or - for stdin\n');
    const inArray = await run(['files', 'create', '--file', 'train.jsonl', '--purpose', 'x', '--attachment', 'cat.png', '--attachment', 'dog.png']);
    expect(inArray.code).toBe(2);
    expect(inArray.stderr).toContain('error: --attachment: no such file: dog.png');
    const dir = await run(['files', 'create', '--file', '.', '--purpose', 'x']);
    expect(dir.stderr).toContain('error: --file: . is a directory, not a file');
    const twice = await run(['files', 'create', '--file', '-', '--attachment', '-', '--purpose', 'x'], 'x');
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('stdin can feed only one input, but --file and --attachment both ask for it');
    expect(server.requests).toHaveLength(0);
  });

  it('json-or-multipart: JSON without a file; multipart with one, a lone file sent alone and several as a list', async () => {
    server.handle(json(200, { id: 'img' }));
    expect((await run(['images:edits', 'create', '--prompt', 'p', '--mask', '{file_id: file-9}'])).code).toBe(0);
    expect(server.requests[0]!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(server.requests[0]!.body.toString())).toEqual({ prompt: 'p', mask: { file_id: 'file-9' } });
    server.handle(json(200, { id: 'img' }));
    expect((await run(['images:edits', 'create', '--prompt', 'p', '--image', '@cat.png', '--mask', '@cat.png'])).code).toBe(0);
    const one = await partsOf();
    expect([...one.keys()]).toEqual(['prompt', 'image', 'mask']);
    expect((await fileOf(one, 'mask')).bytes.equals(PNG)).toBe(true);
    server.handle(json(200, { id: 'img' }));
    expect((await run(['images:edits', 'create', '--prompt', 'p', '--image', '@cat.png', '--image', '@train.jsonl'])).code).toBe(0);
    const two = await partsOf();
    expect(two.getAll('image').map((f) => (f as File).name)).toEqual(['cat.png', 'train.jsonl']);
  });

  it('--dry-run shows the multipart body with file contents counted, not printed', async () => {
    const res = await run(['files', 'create', '--file', '@cat.png', '--purpose', 'x', '--dry-run']);
    expect(res.code).toBe(0);
    const out = res.stdout.toString();
    expect(out).toContain('Content-Disposition: form-data; name="file"; filename="cat.png"\nContent-Type: image/png\n\n[70000 bytes of file content: not shown]\n');
    expect(out).toContain('Content-Disposition: form-data; name="purpose"\n\nx\n');
    expect(out).toMatch(/--[-\w]+--$/m);
  });
});

describe('binary responses', () => {
  const AUDIO = randomBytes(3 * 1024 * 1024 + 17);
  const download = () =>
    server.handle(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      for (let at = 0; at < AUDIO.length; at += 256 * 1024) res.write(AUDIO.subarray(at, at + 256 * 1024));
      res.end();
    });

  it('--output FILE writes the bytes exactly, leaving no temporary file', async () => {
    download();
    const res = await run(['files:content', 'retrieve', 'file-1', '--output', 'out.bin']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout.length).toBe(0);
    expect(readFileSync(join(cli.dir, 'out.bin')).equals(AUDIO)).toBe(true);
    expect(readdirSync(cli.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(server.requests[0]!.url).toBe('/files/file-1/content');
  });

  it('writes the bytes to a piped stdout', async () => {
    download();
    const res = await run(['files:content', 'retrieve', 'file-1']);
    expect(res.code).toBe(0);
    expect(res.stdout.equals(AUDIO)).toBe(true);
  });

  it('a download cut off midway exits 1 and leaves the old file as it was', async () => {
    writeFileSync(join(cli.dir, 'keep.bin'), 'old contents');
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(AUDIO.length) });
      res.write(AUDIO.subarray(0, 100_000), () => res.destroy());
    });
    const res = await run(['files:content', 'retrieve', 'file-1', '--output', 'keep.bin']);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^error: /);
    expect(readFileSync(join(cli.dir, 'keep.bin'), 'utf8')).toBe('old contents');
    expect(readdirSync(cli.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('Ctrl-C during a download exits 130 and leaves no file', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.write(AUDIO.subarray(0, 200_000));
      // …and the rest never comes.
    });
    const started = cli.start(['files:content', 'retrieve', 'file-1', '--output', 'cut.bin'], server.url);
    const temp = () => readdirSync(cli.dir).find((f) => f.startsWith('.cut.bin.') && f.endsWith('.tmp'));
    for (let i = 0; i < 400 && !(temp() && statSync(join(cli.dir, temp()!)).size > 0); i++) await new Promise((r) => setTimeout(r, 25));
    expect(temp()).toBeDefined();
    started.child.kill('SIGINT');
    expect((await started.done).code).toBe(130);
    expect(existsSync(join(cli.dir, 'cut.bin'))).toBe(false);
    expect(temp()).toBeUndefined();
    await server.requests[0]!.closed;
    expect(server.requests[0]!.aborted()).toBe(true);
  });

  it('a bad --output path is a usage error before any request', async () => {
    server.handle(json(200, {}));
    const res = await run(['files:content', 'retrieve', 'file-1', '--output', 'no/such/dir/out.bin']);
    expect(res.code).toBe(2);
    expect(res.stderr).toBe('error: --output: the directory no/such/dir does not exist\nhint: pass a path in a writable directory\n');
    expect(server.requests).toHaveLength(0);
  });

  // util-linux `script` gives the bin a pseudo-terminal as stdout.
  const hasScript = spawnSync('sh', ['-c', 'command -v script']).status === 0;
  it.skipIf(!hasScript)('refuses to print bytes on a terminal, with a hint, before any request (exit 2)', async () => {
    server.handle(json(200, {}));
    const env = { ...process.env, IO_DEMO_API_KEY: IO_KEY, IO_DEMO_BASE_URL: server.url };
    const cmd = shellLine([process.execPath, cli.bin, 'files:content', 'retrieve', 'file-1']);
    const { status, stdout } = await new Promise<{ status: number | null; stdout: string }>((resolve) => {
      const child = spawn('script', ['-qec', cmd, '/dev/null'], { env, cwd: cli.dir, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.once('close', (code) => resolve({ status: code, stdout: out }));
    });
    expect(status).toBe(2);
    expect(stdout).toContain("error: 'files:content retrieve' returns binary data; not printing it to the terminal");
    expect(stdout).toContain('hint: write it to a file with --output FILE, or pipe it: io-demo files:content retrieve … > FILE');
    expect(server.requests).toHaveLength(0);
  });

  it.skipIf(!hasScript)('shows a long download\'s progress on a terminal\'s stderr, erased at the end; nothing when stderr is not one', async () => {
    const slow = () =>
      server.handle(async (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(AUDIO.length) });
        for (let at = 0; at < AUDIO.length; at += 256 * 1024) {
          res.write(AUDIO.subarray(at, at + 256 * 1024));
          await new Promise((r) => setTimeout(r, 60));
        }
        res.end();
      });
    slow();
    const env = { ...process.env, IO_DEMO_API_KEY: IO_KEY, IO_DEMO_BASE_URL: server.url };
    const cmd = shellLine([process.execPath, cli.bin, 'files:content', 'retrieve', 'file-1', '--output', 'slow.bin']);
    const tty = await new Promise<{ status: number | null; out: string }>((resolve) => {
      const child = spawn('script', ['-qec', cmd, '/dev/null'], { env, cwd: cli.dir, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.once('close', (code) => resolve({ status: code, out }));
    });
    expect(tty.status).toBe(0);
    expect(tty.out).toMatch(/downloading: \d+\.\d MiB of 3\.0 MiB \(\d+%\)…/);
    expect(tty.out.endsWith('\r\x1b[2K')).toBe(true);
    expect(readFileSync(join(cli.dir, 'slow.bin')).equals(AUDIO)).toBe(true);
    slow();
    const piped = await run(['files:content', 'retrieve', 'file-1', '--output', 'slow.bin']);
    expect(piped.code).toBe(0);
    expect(piped.stderr).toBe('');
  });

  it('--transform and --format do not apply to bytes (exit 2)', async () => {
    const res = await run(['files:content', 'retrieve', 'file-1', '--transform', 'x']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("--transform does not apply: 'files:content retrieve' returns binary data");
  });

  it('prints a text response as it came; --format json quotes it', async () => {
    server.handle((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('line one\nline twö'));
    const res = await run(['files:transcript', 'retrieve', 'file-1']);
    expect(res.code).toBe(0);
    expect(res.stdout.toString()).toBe('line one\nline twö');
    server.handle((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('hi'));
    expect((await run(['files:transcript', 'retrieve', 'file-1', '--format', 'json'])).stdout.toString()).toBe('"hi"\n');
  });
});

describe('raw and form bodies', () => {
  const SDP = 'v=0\r\no=- 46117 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n';
  const sdpAnswer = () => server.handle((_req, res) => res.writeHead(201, { 'content-type': 'application/sdp' }).end('v=0\r\nanswer\r\n'));

  it('sends an sdp body from --data @file as-is and prints the sdp answer as-is', async () => {
    writeFileSync(join(cli.dir, 'offer.sdp'), SDP);
    sdpAnswer();
    const res = await run(['calls', 'create', '--data', '@offer.sdp']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout.toString()).toBe('v=0\r\nanswer\r\n');
    expect(server.requests[0]!.headers['content-type']).toBe('application/sdp');
    expect(server.requests[0]!.body.toString()).toBe(SDP);
  });

  it('sends a piped stdin, --data - and inline --data as-is', async () => {
    sdpAnswer();
    expect((await run(['calls', 'create'], SDP)).code).toBe(0);
    expect(server.requests[0]!.body.toString()).toBe(SDP);
    sdpAnswer();
    expect((await run(['calls', 'create', '--data', '-'], SDP)).code).toBe(0);
    expect(server.requests[0]!.body.toString()).toBe(SDP);
    sdpAnswer();
    expect((await run(['calls', 'create', '--data', 'v=0'])).code).toBe(0);
    expect(server.requests[0]!.body.toString()).toBe('v=0');
  });

  it('sends binary bytes byte for byte (file, stdin) with their content type', async () => {
    const BYTES = Buffer.concat([randomBytes(50_000), Buffer.from([0xff, 0xfe, 0x00, 0xc3])]);
    writeFileSync(join(cli.dir, 'blob.bin'), BYTES);
    server.handle(json(200, { id: 'blob' }));
    expect((await run(['blobs', 'update', '--data', '@blob.bin'])).code).toBe(0);
    expect(server.requests[0]!.headers['content-type']).toBe('application/octet-stream');
    expect(server.requests[0]!.body.equals(BYTES)).toBe(true);
    server.handle(json(200, { id: 'blob' }));
    expect((await run(['blobs', 'update'], BYTES)).code).toBe(0);
    expect(server.requests[0]!.body.equals(BYTES)).toBe(true);
    server.handle(json(200, { id: 'blob' }));
    expect((await run(['blobs', 'update', '--data', '-'], BYTES)).code).toBe(0);
    expect(server.requests[0]!.body.equals(BYTES)).toBe(true);
    const missing = await run(['blobs', 'update', '--data', '@missing.bin']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('error: --data: no such file: missing.bin');
  });

  it('sends a form-urlencoded body built from flags', async () => {
    server.handle(json(200, { token: 't' }));
    const res = await run(['tokens', 'create', '--grant-type', 'client_credentials', '--scope', 'read', '--scope', 'write all', '--ttl', '60', '--client.id', 'c/1']);
    expect(res.code).toBe(0);
    expect(server.requests[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    // OpenAPI's `form` style, exploded: the object's properties are fields of their own.
    expect(server.requests[0]!.body.toString()).toBe('grant_type=client_credentials&scope=read&scope=write+all&ttl=60&id=c%2F1');
  });
});

describe('help and completion', () => {
  it('help shows file flags as @PATH, the streaming switch and --output', async () => {
    const files = (await run(['files', 'create', '--help'])).stdout.toString().replace(/\s+/g, ' ');
    expect(files).toMatch(/--file @PATH \(required\)/);
    expect(files).toMatch(/--attachment @PATH \(repeatable: one file each\)/);
    expect(files).toContain('Files (--file, --attachment): @PATH or a path, - for stdin');
    const edits = (await run(['images:edits', 'create', '--help'])).stdout.toString().replace(/\s+/g, ' ');
    expect(edits).toMatch(/--mask @PATH\|object /);
    expect(edits).toContain('a file makes the request multipart/form-data (JSON otherwise)');
    const completions = (await run(['completions', 'create', '--help'])).stdout.toString().replace(/\s+/g, ' ');
    expect(completions).toContain('Streaming: with --stream, events print as JSONL as they arrive');
    expect((await run(['events', 'retrieve', '--help'])).stdout.toString()).toContain('Streaming: this command always streams');
    const speech = (await run(['speech', 'create', '--help'])).stdout.toString();
    expect(speech.replace(/\s+/g, ' ')).toContain('Output: binary data (events instead with --stream-format sse), written to --output FILE (atomically) or to a pipe');
    expect((await run(['calls', 'create', '--help'])).stdout.toString()).toContain('Body: sent as-is (application/sdp)');
    expect((await run(['--help'])).stdout.toString()).toMatch(/--output FILE\s+Write the result to FILE/);
  });

  it("the package README documents this target's streams, uploads, downloads and bodies with its own commands", () => {
    const readme = readFileSync(join(cli.dir, 'pkgs/cli/README.md'), 'utf8');
    expect(readme).toContain('io-demo completions create --prompt <string> --stream\n');
    expect(readme).toContain('(`io-demo events retrieve` always\nstreams)');
    expect(readme).toContain("cat FILE.EXT | io-demo files create --purpose <string> --file '-;filename=FILE.EXT'");
    expect(readme).toContain('io-demo files:content retrieve --file-id <string> --output FILE');
    expect(readme).toContain('The body is sent as-is with its content type (`application/octet-stream`)');
    expect(readme).toContain('Form bodies (`tokens create`) are sent as `application/x-www-form-urlencoded`');
    expect(readme).toContain('`130` interrupted by Ctrl-C');
  });

  it('completion offers file names for file flags, --data and --output', async () => {
    const bash = (await run(['completion', 'bash'])).stdout.toString();
    expect(bash).toContain("'files create --file') opts=@files; return 0 ;;");
    expect(bash).toContain("'files create --attachment') opts=@files; return 0 ;;");
    expect(bash).toContain('if [[ "$prev" == --data || "$prev" == --output ]]');
    const fish = (await run(['completion', 'fish'])).stdout.toString();
    expect(fish).toMatch(/-l file -rF/);
    if (spawnSync('bash', ['--version']).status === 0) {
      const file = join(cli.dir, 'completion.bash');
      writeFileSync(file, bash);
      expect(spawnSync('bash', ['-n', file]).status).toBe(0);
      // The completion itself, run the way bash runs it.
      const probe = spawnSync('bash', ['-c', `source ${file}; COMP_LINE='io-demo files create --file @tr'; COMP_POINT=\${#COMP_LINE}; _io_demo; printf '%s\\n' "\${COMPREPLY[@]}"`], { cwd: cli.dir });
      expect(probe.stdout.toString().trim()).toBe('@train.jsonl');
    }
    expect(existsSync(join(cli.dir, 'train.jsonl'))).toBe(true);
  });
});
