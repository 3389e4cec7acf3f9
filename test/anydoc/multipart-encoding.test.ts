/**
 * Multipart and form bodies of any document follow OpenAPI's rules: an array
 * of strings goes as repeated parts (`tags`, `tags`), an object, and each
 * object item of an array, as one `application/json` part, a field's
 * `encoding.contentType` sets its part's type, and (OpenAPI 3.1) a field's
 * `encoding.style` makes each pair a part; files still stream. A form body is
 * `style: form`, exploded (repeated keys, an object's properties as fields),
 * or the field's own `encoding` style. Client, CLI (`--dry-run` too) and MCP
 * server send the same body. A target whose config says `formStyle: brackets`
 * (the OpenAI targets) keeps openai-node's `key[]`/`key[prop]` parts for
 * the fields the `encoding` gives no style.
 */
import { createReadStream, mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../generator/commands/import.js';
import { emitAll } from '../../generator/commands/generate.js';
import { buildClient } from '../../generator/build/client.js';
import { replaceDirectory } from '../../generator/write.js';
import type { Recorder, RecordedRequest } from '../support/http-recorder.js';
import { connectMcp, runBin, scratchDir, type Built, type Imported } from '../support/pipeline.js';
import { repoRoot } from '../support/shared.js';
import { entries, importTree, op, recordedApi, tempDir } from './support.js';

const strings = { type: 'array', items: { type: 'string' } };
const meta = { type: 'object', properties: { team: { type: 'string' }, level: { type: 'integer' } } };
const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } };

const doc = (url: string) => ({
  openapi: '3.1.0',
  info: { title: 'Parts', version: '1' },
  servers: [{ url }],
  paths: {
    '/uploads': {
      post: {
        operationId: 'createUpload',
        requestBody: {
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['file'],
                properties: {
                  file: { type: 'string', format: 'binary' },
                  tags: strings,
                  meta,
                  items: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
                  note: { type: 'string' },
                  config: { type: 'object', properties: { mode: { type: 'string' } } },
                  filter: { type: 'object', properties: { kind: { type: 'string' } } },
                },
              },
              encoding: {
                note: { contentType: 'text/markdown' },
                config: { contentType: 'application/vnd.parts+json' },
                // OpenAPI 3.1: a style replaces the part's type; each pair is a part.
                filter: { style: 'deepObject', explode: true },
              },
            },
          },
        },
        responses: ok,
      },
    },
    '/forms': {
      post: {
        operationId: 'createForm',
        requestBody: {
          content: {
            'application/x-www-form-urlencoded': {
              schema: {
                type: 'object',
                properties: {
                  tags: strings,
                  meta,
                  address: { type: 'object', properties: { city: { type: 'string' } } },
                  ids: strings,
                  name: { type: 'string' },
                },
              },
              encoding: { address: { style: 'deepObject', explode: true }, ids: { style: 'pipeDelimited' } },
            },
          },
        },
        responses: ok,
      },
    },
  },
});

interface Part {
  name: string;
  filename?: string;
  type?: string;
  content: string;
}

/** The parts of a recorded multipart body, each with its own headers as sent. */
function partsOf(body: string, contentType: string | undefined): Part[] {
  const boundary = /boundary=(.+)$/.exec(contentType ?? '')?.[1];
  if (!boundary) throw new Error(`not multipart: ${contentType}`);
  expect(body.endsWith(`--${boundary}--\r\n`)).toBe(true);
  return body
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((raw) => {
      const [head, ...rest] = raw.slice(2).split('\r\n\r\n');
      const content = rest.join('\r\n\r\n').replace(/\r\n$/, '');
      const name = /name="([^"]*)"/.exec(head!)![1]!;
      const filename = /filename="([^"]*)"/.exec(head!)?.[1];
      const type = /Content-Type: (.*)/i.exec(head!)?.[1];
      return { name, ...(filename !== undefined ? { filename } : {}), ...(type ? { type } : {}), content };
    });
}

/** The same parts as `--dry-run` prints them (file contents counted, not shown). */
function previewOf(parts: Part[], boundary: string): string {
  const shown = parts.map((p) => {
    const head = `Content-Disposition: form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}${p.type ? `\nContent-Type: ${p.type}` : ''}`;
    const content =
      p.filename !== undefined ? `[${Buffer.byteLength(p.content)} bytes of file content: not shown]` : p.content;
    return `--${boundary}\n${head}\n\n${content}\n`;
  });
  return `${shown.join('')}--${boundary}--`;
}

const FILE_TEXT = 'line one\nline two\n';
const values = {
  tags: ['a', 'b'],
  meta: { team: 'ml', level: 2 },
  items: [{ name: 'x' }, { name: 'y' }],
  note: '# hi',
  config: { mode: 'fast' },
  filter: { kind: 'k' },
};

/** What OpenAPI's rules send for `values` and a file `notes.txt`. */
const openapiParts: Part[] = [
  { name: 'file', filename: 'notes.txt', type: 'text/plain', content: FILE_TEXT },
  { name: 'tags', content: 'a' },
  { name: 'tags', content: 'b' },
  { name: 'meta', type: 'application/json', content: '{"team":"ml","level":2}' },
  { name: 'items', type: 'application/json', content: '{"name":"x"}' },
  { name: 'items', type: 'application/json', content: '{"name":"y"}' },
  { name: 'note', type: 'text/markdown', content: '# hi' },
  { name: 'config', type: 'application/vnd.parts+json', content: '{"mode":"fast"}' },
  { name: 'filter[kind]', content: 'k' },
];

const formValues = {
  tags: ['a', 'b'],
  meta: { team: 'ml', level: 2 },
  address: { city: 'Paris' },
  ids: ['1', '2'],
  name: 'n m',
};
const formBody = 'tags=a&tags=b&team=ml&level=2&address[city]=Paris&ids=1|2&name=n m';
const formText = (req: RecordedRequest) => decodeURIComponent(req.body.replace(/\+/g, ' '));

async function newClient(dir: string): Promise<Record<string, any>> {
  const { default: Parts } = (await import(pathToFileURL(join(dir, 'client/dist/index.js')).href)) as {
    default: new (o?: object) => Record<string, any>;
  };
  return new Parts();
}

describe('multipart and form bodies by OpenAPI\u2019s rules', () => {
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  let dir: string;
  beforeAll(async () => {
    dir = tempDir('multipart-encoding');
    ({ imported, built, rec } = await recordedApi('multipart-encoding', join(dir, 'doc'), doc));
    rec.route('POST', /./, () => ({ body: { ok: true } }));
    writeFileSync(join(dir, 'notes.txt'), FILE_TEXT);
  }, 120_000);
  afterAll(async () => rec?.close());

  it('records no form style, the part types and the field styles in the IR', () => {
    expect(imported.spec.formStyle).toBeUndefined();
    const upload = op(imported.spec, 'post', '/uploads').body!;
    expect(Object.fromEntries(Object.entries(upload.partTypes ?? {}).map(([k, v]) => [k, v.contentType]))).toEqual({
      note: 'text/markdown',
      config: 'application/vnd.parts+json',
    });
    expect(upload.fieldStyles).toEqual({
      filter: {
        style: 'deepObject',
        explode: true,
        pointer: '/paths/~1uploads/post/requestBody/content/multipart~1form-data/encoding/filter',
      },
    });
    expect(Object.keys(op(imported.spec, 'post', '/forms').body!.fieldStyles ?? {})).toEqual(['address', 'ids']);
  });

  it('sends repeated parts, JSON parts and typed parts from the client, streaming the file', async () => {
    const client = await newClient(built.dir);
    await client.uploads.create({ file: createReadStream(join(dir, 'notes.txt')), ...values });
    const req = rec.requests.at(-1)!;
    // A one-shot stream is sent as it is read: chunked, never buffered whole.
    expect(req.headers['transfer-encoding']).toBe('chunked');
    // The client types a stream by nothing but the document's default; the CLI and MCP server by the file name.
    expect(partsOf(req.body, req.headers['content-type'])).toEqual([{ ...openapiParts[0]!, type: 'application/octet-stream' }, ...openapiParts.slice(1)]);
  });

  it('sends the same parts from the CLI, and --dry-run shows them', async () => {
    const command = op(imported.spec, 'post', '/uploads').names;
    const args = [
      command.cliGroup,
      command.cliCommand,
      '--file',
      `@${join(dir, 'notes.txt')}`,
      '--tag',
      'a',
      '--tag',
      'b',
      '--meta.team',
      'ml',
      '--meta.level',
      '2',
      '--item',
      '{name: x}',
      '--item',
      '{name: y}',
      '--note',
      '# hi',
      '--config.mode',
      'fast',
      '--filter.kind',
      'k',
    ];
    const sent = await runBin(built.cliBin, args, { PARTS_BASE_URL: rec.url });
    expect(sent.code, sent.stderr).toBe(0);
    const req = rec.requests.at(-1)!;
    expect(partsOf(req.body, req.headers['content-type'])).toEqual(openapiParts);
    const dry = await runBin(built.cliBin, [...args, '--dry-run'], { PARTS_BASE_URL: rec.url });
    expect(dry.code, dry.stderr).toBe(0);
    const boundary = /boundary=(\S+)/.exec(dry.stdout)![1]!;
    expect(dry.stdout).toContain(previewOf(openapiParts, boundary));
  });

  it('sends the same parts from the MCP server', async () => {
    const tool = op(imported.spec, 'post', '/uploads').names.mcpTool;
    const mcp = await connectMcp(built.mcpBin, [], { PARTS_BASE_URL: rec.url });
    try {
      const file = { base64: Buffer.from(FILE_TEXT).toString('base64'), filename: 'notes.txt' };
      const result = await mcp.client.callTool({ name: tool, arguments: { file, ...values } });
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      const req = rec.requests.at(-1)!;
      expect(partsOf(req.body, req.headers['content-type'])).toEqual(openapiParts);
    } finally {
      await mcp.close();
    }
  });

  it('sends a form body as style form, exploded, or the field\u2019s own style, on every surface', async () => {
    const create = op(imported.spec, 'post', '/forms');
    await (await newClient(built.dir)).forms.create(formValues);
    expect(formText(rec.requests.at(-1)!)).toBe(formBody);
    const cli = await runBin(
      built.cliBin,
      [
        create.names.cliGroup,
        create.names.cliCommand,
        '--tag',
        'a',
        '--tag',
        'b',
        '--meta.team',
        'ml',
        '--meta.level',
        '2',
        '--address.city',
        'Paris',
        '--id',
        '1',
        '--id',
        '2',
        '--name',
        'n m',
      ],
      { PARTS_BASE_URL: rec.url },
    );
    expect(cli.code, cli.stderr).toBe(0);
    expect(formText(rec.requests.at(-1)!)).toBe(formBody);
    const mcp = await connectMcp(built.mcpBin, [], { PARTS_BASE_URL: rec.url });
    try {
      const result = await mcp.client.callTool({ name: create.names.mcpTool, arguments: formValues });
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      expect(formText(rec.requests.at(-1)!)).toBe(formBody);
    } finally {
      await mcp.close();
    }
  });

  it('keeps openai-node\u2019s key[] and key[prop] parts when the target config says formStyle: brackets', async () => {
    // The config the first import wrote, with the switch added, read by a second import.
    const configDir = join(dir, 'config');
    mkdirSync(configDir, { recursive: true });
    writeFileSync(
      join(configDir, 'config.yaml'),
      `${imported.files.get('spec/fixture/config.yaml')}\nformStyle: brackets\n`,
    );
    const { spec } = await importDocument({
      from: join(dir, 'doc/openapi.yaml'),
      target: 'fixture',
      scope: 'all',
      configDir,
      root: join(scratchDir, 'no-root'),
      relock: true,
    });
    expect(spec.formStyle).toBe('brackets');
    const out = join(scratchDir, 'test-anydoc-multipart-brackets');
    replaceDirectory(out, emitAll(spec));
    await buildClient(join(out, 'client'));
    const client = await newClient(out);
    await client.uploads.create({ file: createReadStream(join(dir, 'notes.txt')), ...values });
    const req = rec.requests.at(-1)!;
    expect(partsOf(req.body, req.headers['content-type']).map((p) => [p.name, p.type, p.content])).toEqual([
      ['file', 'application/octet-stream', FILE_TEXT],
      ['tags[]', undefined, 'a'],
      ['tags[]', undefined, 'b'],
      ['meta[team]', undefined, 'ml'],
      ['meta[level]', undefined, '2'],
      ['items[][name]', undefined, 'x'],
      ['items[][name]', undefined, 'y'],
      ['note', 'text/markdown', '# hi'],
      ['config', 'application/vnd.parts+json', '{"mode":"fast"}'],
      ['filter[kind]', undefined, 'k'],
    ]);
    await client.forms.create(formValues);
    expect(formText(rec.requests.at(-1)!)).toBe(
      'tags=a&tags=b&meta[team]=ml&meta[level]=2&address[city]=Paris&ids=1|2&name=n m',
    );
  }, 120_000);

  it('the committed OpenAI targets select the brackets style, and their clients send it', async () => {
    for (const target of ['openai', 'openai-admin']) {
      const spec = JSON.parse(await readFile(join(repoRoot, 'spec', target, 'spec.json'), 'utf8')) as {
        formStyle?: string;
      };
      expect(spec.formStyle, target).toBe('brackets');
      expect(await readFile(join(repoRoot, 'generated', target, 'client/src/client.ts'), 'utf8'), target).toContain(
        `formStyle: 'brackets'`,
      );
    }
  });
});

describe('the encoding object of an OpenAPI 3.0 document, and a bad formStyle', () => {
  it('leaves a multipart field’s style out (3.0 applies it to form bodies only), and reports it', async () => {
    const dir = tempDir('multipart-encoding-30');
    const { spec, report } = await importTree(join(dir, 'doc'), { 'openapi.yaml': { ...doc('http://127.0.0.1:9'), openapi: '3.0.3' } });
    const upload = op(spec, 'post', '/uploads').body!;
    expect(upload.fieldStyles).toBeUndefined();
    expect(entries(report, 'body-encoding-ignored')).toEqual(['/paths/~1uploads/post/requestBody/content/multipart~1form-data/encoding/filter: Multipart part `filter`: `style`, `explode` not applied.']);
    expect(Object.keys(op(spec, 'post', '/forms').body!.fieldStyles ?? {})).toEqual(['address', 'ids']);
  });

  it('stops the import at a formStyle it does not know', async () => {
    const dir = tempDir('multipart-encoding-bad');
    const { files } = await importTree(join(dir, 'doc'), { 'openapi.yaml': doc('http://127.0.0.1:9') });
    mkdirSync(join(dir, 'config'), { recursive: true });
    writeFileSync(join(dir, 'config/config.yaml'), `${files.get('spec/fixture/config.yaml')}\nformStyle: square\n`);
    await expect(importDocument({ from: join(dir, 'doc/openapi.yaml'), target: 'fixture', configDir: join(dir, 'config'), root: join(scratchDir, 'no-root'), relock: true })).rejects.toThrow(/`formStyle` must be one of `openapi`, `brackets`/);
  });
});
