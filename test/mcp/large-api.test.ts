/**
 * MCP for a large API: the default start lists one tool per operation only
 * while tools/list stays within a budget (--listing-budget); above it the
 * server starts in dynamic mode and its instructions say how to get the
 * static listing. `--tools all` forces the static listing, and filters apply
 * first, so a filtered listing under the budget is static. Driven over stdio
 * by the SDK client (the media-io fixture with a small budget), plus the
 * admin target's default, which stays static.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import type { NormalizedSpec } from '../../generator/ir/types.js';
import { buildToolTable } from '../../generator/emit/mcp/index.js';
import { buildToolSet } from '../../runtime/mcp/server.js';
import { DEFAULT_LISTING_BUDGET, parseBytes, parseOptions } from '../../runtime/mcp/options.js';
import { startRawServer, type RawServer } from '../client-runtime/support/raw-server.js';
import { connectBin, specPath } from './helpers.js';
import { buildFixtureServer, type FixtureServer } from './support/fixture-server.js';

const run = promisify(execFile);
let fixture: FixtureServer;
let api: RawServer;

beforeAll(async () => {
  fixture = await buildFixtureServer('test-mcp-large-api');
  api = await startRawServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('a note'));
}, 120_000);
afterAll(() => api?.close());

/** Tool names, instructions and stderr of a server started with `args`. */
async function start(args: string[]) {
  const conn = await connectBin(fixture.bin, args, fixture.env(api.url));
  try {
    const { tools } = await conn.client.listTools();
    return { names: tools.map((t) => t.name).sort(), instructions: conn.client.getInstructions() ?? '', stderr: conn.stderr, client: conn.client, close: conn.close };
  } catch (error) {
    await conn.close();
    throw error;
  }
}

const ALL = ['create_reply', 'download_file', 'edit_image', 'put_blob', 'read_note', 'tail_logs', 'upload_file'].map((n) => `media_io_${n}`);
const META = ['media_io_get_endpoint_schema', 'media_io_invoke_endpoint', 'media_io_search_endpoints'];

describe('the default start of a server whose listing passes the budget', () => {
  it('is dynamic, says why in its instructions and on stderr, and still calls every endpoint', async () => {
    const server = await start(['--listing-budget', '1000']);
    try {
      expect(server.names).toEqual(META);
      const bytes = Buffer.byteLength(JSON.stringify({ tools: fixture.table.tools.map(({ outputSchema: _o, ...t }) => t) }));
      expect(server.instructions).toMatch(
        /The static listing \(7 tools, \d+ bytes\) passes this server's budget of 1000 bytes, so it lists these 3 tools instead\. For one tool per endpoint, start the server with --tools all, or narrow it under the budget with --resource GLOB, --tool NAME or --read-only, or raise --listing-budget\./,
      );
      const stated = Number(/\(7 tools, (\d+) bytes\)/.exec(server.instructions)![1]);
      expect(Math.abs(stated - bytes)).toBeLessThan(200); // the listed form: outputSchema as {"type":"object"}
      expect(server.stderr()).toContain(`media-io-mcp: 7 tools would list ${stated} bytes, over --listing-budget 1000: serving the dynamic mode`);
      const result = (await server.client.callTool({ name: 'media_io_invoke_endpoint', arguments: { name: 'media_io_read_note', arguments: { note_id: 'n1' } } })) as { content: Array<{ text: string }> };
      expect(result.content[0]!.text).toBe('a note');
      // A call without a name, or with one no endpoint has, says what to pass.
      const text = async (args: Record<string, unknown>) => ((await server.client.callTool({ name: 'media_io_invoke_endpoint', arguments: args })) as { content: Array<{ text: string }> }).content[0]!.text;
      expect(await text({ arguments: {} })).toBe('`name` is required: an endpoint name from media_io_search_endpoints.');
      expect(await text({ name: 'nope' })).toBe('Unknown endpoint "nope": use media_io_search_endpoints to find names.');
    } finally {
      await server.close();
    }
  });

  it('is static with --tools all, whatever the budget', async () => {
    const server = await start(['--listing-budget', '1000', '--tools', 'all']);
    try {
      expect(server.names).toEqual(ALL);
      expect(server.instructions).not.toMatch(/passes this server's budget/);
      expect(server.stderr()).not.toMatch(/over --listing-budget/);
    } finally {
      await server.close();
    }
  });

  it('is static when filters bring the listing under the budget', async () => {
    const server = await start(['--listing-budget', '1000', '--resource', 'notes', '--resource', 'files.content']);
    try {
      expect(server.names).toEqual(['media_io_download_file', 'media_io_read_note']);
    } finally {
      await server.close();
    }
  });

  it('is static under the default budget (100 kB), and --tools dynamic still forces the meta-tools', async () => {
    expect(DEFAULT_LISTING_BUDGET).toBe(100_000);
    const server = await start([]);
    const dynamic = await start(['--tools', 'dynamic']);
    try {
      expect(server.names).toEqual(ALL);
      expect(dynamic.names).toEqual(META);
      expect(dynamic.instructions).not.toMatch(/passes this server's budget/);
    } finally {
      await Promise.all([server.close(), dynamic.close()]);
    }
  });
});

describe('a listing larger than a tools/list page', () => {
  it('comes in pages of whole tools that the SDK client walks by nextCursor; a bad cursor is refused', async () => {
    const conn = await connectBin(fixture.bin, ['--tools', 'all', '--listing-page-size', '1500'], fixture.env(api.url));
    try {
      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await conn.client.listTools(cursor === undefined ? {} : { cursor });
        pages.push(page.tools.map((t) => t.name));
        expect(Buffer.byteLength(JSON.stringify(page.tools)) < 1500 || page.tools.length === 1).toBe(true);
        cursor = page.nextCursor;
      } while (cursor !== undefined && pages.length < 20);
      expect(pages.length).toBeGreaterThan(1);
      expect(pages.flat().sort()).toEqual(ALL);
      for (const bad of ['0', String(pages.length), 'x']) {
        await expect(conn.client.listTools({ cursor: bad })).rejects.toMatchObject({ code: -32602, message: expect.stringContaining(`Invalid cursor: ${bad}`) });
      }
    } finally {
      await conn.close();
    }
  });

  it('is one page, without nextCursor, under the default page size', async () => {
    const server = await start(['--tools', 'all']);
    try {
      expect(server.names).toEqual(ALL);
      expect((await server.client.listTools()).nextCursor).toBeUndefined();
    } finally {
      await server.close();
    }
  });
});

describe('the admin server', () => {
  it('keeps its static default: its listing is under the budget', () => {
    const spec = JSON.parse(readFileSync(specPath, 'utf8')) as NormalizedSpec;
    const { table } = buildToolTable(spec);
    const set = buildToolSet({ table, loadClient: async () => ({ default: class {} }) as never, bin: 'openai-admin-mcp' }, parseOptions([]));
    expect(set.dynamic).toBe(false);
    expect(set.listed).toHaveLength(119);
    expect(Buffer.byteLength(JSON.stringify({ tools: set.listed }))).toBeLessThan(DEFAULT_LISTING_BUDGET);
  });
});

describe('the new flags', () => {
  it('take sizes in bytes or with a unit', () => {
    expect(parseBytes('--x', '262144')).toBe(262144);
    expect(parseBytes('--x', '256KiB')).toBe(262144);
    expect(parseBytes('--x', '100kB')).toBe(100_000);
    expect(parseBytes('--x', '1.5MiB')).toBe(1572864);
    expect(parseBytes('--x', '5 MB')).toBe(5_000_000);
    for (const bad of ['0', '-1', 'lots', '5 parsecs', '']) expect(() => parseBytes('--x', bad), bad).toThrow(/--x must be a size in bytes such as 262144, 256KiB or 5MB/);
    expect(parseOptions(['--allow-file-dir', 'a', '--allow-file-dir=b']).allowFileDirs).toEqual(['a', 'b']);
  });

  it('refuse bad values and a missing directory with exit code 2 and the usage', async () => {
    for (const [args, message] of [
      [['--listing-budget', 'big'], '--listing-budget must be a size in bytes'],
      [['--listing-page-size', '0'], '--listing-page-size must be a size in bytes'],
      [['--max-binary-bytes', '0'], '--max-binary-bytes must be a size in bytes'],
      [['--max-stream-bytes'], '--max-stream-bytes needs a value'],
      [['--allow-file-dir', '/no/such/dir/here'], '--allow-file-dir /no/such/dir/here: no such directory'],
      [['--allow-file-dir', specPath], `--allow-file-dir ${specPath}: not a directory`],
    ] as const) {
      const failed = await run(process.execPath, [fixture.bin, ...args]).then(
        () => undefined,
        (e: { code: number; stderr: string }) => e,
      );
      expect(failed?.code, args.join(' ')).toBe(2);
      expect(failed?.stderr, args.join(' ')).toContain(message);
      expect(failed?.stderr).toContain('--allow-file-dir DIR');
    }
  });
});
