/**
 * Measure 5 (issue 4): tools/list payload (bytes, ~tokens = bytes/4) of the
 * generated MCP server — all tools (default, and with --output-schemas
 * full|none), --read-only, --tools dynamic — against
 * openapi-mcp-generator's server for the same 119 operations; and cold start
 * to the tools/list reply against a bare SDK server serving a JSON tool table.
 * Issue 13: the whole document's default start and `--tools all` listing
 * against the peer's for the whole document (lib/mcp-whole.ts).
 * Everything goes through the SDK Client over stdio, in this run.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Measure } from '../child.js';
import { benchDir, firstLine, generatedDir, newestYaml, repoRoot, scratch } from '../lib/paths.js';
import { coldStarts, listToolsCold, type ServerCommand, type ToolsListing } from '../lib/mcp.js';
import { preparePeerServer } from '../lib/peer-mcp.js';
import { wholeDocumentRows } from '../lib/mcp-whole.js';
import { absolute, compare, median, skippedRow, type Row } from '../lib/types.js';

const COLD_RUNS = 9;
const ENV = { OPENAI_ADMIN_KEY: 'x', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' };
const tokens = (bytes: number) => Math.round(bytes / 4);
const FIELDS = ['inputSchema', 'outputSchema', 'description', 'annotations'] as const;

/** Where the bytes go, per tool field, against the peer's same field (informational). */
function breakdown(ours: ToolsListing, peer: ToolsListing, mode: string): Row[] {
  const sum = (l: ToolsListing, f: string) => l.tools.reduce((n, t) => n + (t[f] === undefined ? 0 : Buffer.byteLength(JSON.stringify(t[f]))), 0);
  const fields = mode === 'all' ? FIELDS : (['outputSchema'] as const);
  const rows = fields.map((f) => {
    const p = sum(peer, f);
    return compare(`mcp.${mode}.${f}`, `  of which ${f}`, 'bytes', sum(ours, f), p > 0 ? { label: 'peer', value: p } : undefined, undefined, p > 0 ? undefined : 'peer has none');
  });
  if (mode === 'all') {
    // What most clients put in the model's context: name, description, inputSchema (not outputSchema/annotations).
    const visible = (l: ToolsListing) => l.tools.reduce((n, t) => n + Buffer.byteLength(JSON.stringify({ name: t.name, description: t.description, inputSchema: t.inputSchema })), 0);
    rows.push(compare('mcp.all.modelVisible', '  name+description+inputSchema', 'bytes', visible(ours), { label: 'peer', value: visible(peer) }));
  }
  return rows;
}

const measure: Measure = {
  title: 'MCP tools/list budget and cold start vs openapi-mcp-generator / bare SDK server',
  async run() {
    const rows: Row[] = [];
    const jsonPath = newestYaml().replace(/\.yaml$/, '.json');
    if (!existsSync(jsonPath)) throw new Error(`${jsonPath} missing (the peer needs the JSON copy)`);
    const peer = await preparePeerServer(jsonPath);
    const peerList = await listToolsCold(peer.server);
    const peerBase = { label: 'openapi-mcp-generator', value: peerList.bytes };
    rows.push(
      compare('mcp.peer.bytes', 'peer tools/list (openapi-mcp-generator)', 'bytes', peerList.bytes, undefined, undefined,
        `${peerList.tools.length} tools of ${peer.operations} ops, ~${tokens(peerList.bytes)} tok`),
    );

    const bin = join(generatedDir, 'mcp/bin/openai-admin-mcp.js');
    const ours = (args: string[]): ServerCommand => ({ command: process.execPath, args: [bin, ...args], env: ENV });
    let oursAll: ToolsListing | undefined;
    const modes: Array<[string, string, string[]]> = [
      ['all', 'ours tools/list: all tools (default)', []],
      ['inline', 'ours tools/list: --inline-shared-docs', ['--inline-shared-docs']],
      ['full', 'ours tools/list: --output-schemas full', ['--output-schemas', 'full']],
      ['none', 'ours tools/list: --output-schemas none', ['--output-schemas', 'none']],
      ['readonly', 'ours tools/list: --read-only', ['--read-only']],
      ['dynamic', 'ours tools/list: --tools dynamic', ['--tools', 'dynamic']],
    ];
    for (const [key, label, args] of modes) {
      if (!existsSync(bin)) {
        rows.push(skippedRow(`mcp.${key}.bytes`, label, `${bin.replace(repoRoot + '/', '')} missing; run \`npm run generate\``));
        continue;
      }
      try {
        const listing = await listToolsCold(ours(args));
        if (key === 'all') oursAll = listing;
        const withOutput = listing.tools.filter((t) => t.outputSchema).length;
        const withAnn = listing.tools.filter((t) => t.annotations).length;
        const note = `${listing.tools.length} tools, ${withOutput} outputSchema, ${withAnn} annotated`;
        rows.push(compare(`mcp.${key}.bytes`, label, 'bytes', listing.bytes, peerBase, key === 'all' ? { op: '<=', limit: 0.75 } : undefined, note));
        if (key === 'all' || key === 'full') rows.push(...breakdown(listing, peerList, key));
        if (key === 'all') {
          // Shared descriptions move into the instructions: count them too, so nothing is hidden.
          rows.push(
            compare(`mcp.${key}.instructions`, '  + server instructions (initialize)', 'bytes', listing.instructionsBytes, undefined, undefined,
              `peer: ${peerList.instructionsBytes} B`),
            compare(`mcp.${key}.with_instructions`, '  tools/list + instructions', 'bytes', listing.bytes + listing.instructionsBytes,
              { label: 'peer, same', value: peerList.bytes + peerList.instructionsBytes }),
          );
        }
        rows.push(
          key === 'dynamic'
            ? absolute(`mcp.${key}.tokens`, `  ~tokens (bytes/4)`, 'tokens', tokens(listing.bytes), '<', 2000)
            : compare(`mcp.${key}.tokens`, `  ~tokens (bytes/4)`, 'tokens', tokens(listing.bytes), { label: 'peer', value: tokens(peerList.bytes) }),
        );
      } catch (error) {
        rows.push(skippedRow(`mcp.${key}.bytes`, label, `server failed: ${firstLine(error)}`));
      }
    }

    // Cold start: the baseline serves a plain JSON table of the same tools (ours when available).
    const dir = scratch('mcp-bare');
    const table = join(dir, 'tools.json');
    writeFileSync(table, JSON.stringify((oursAll ?? peerList).tools));
    // The same bare server bundled like ours (esbuild, minified): separates bundling from server design.
    const bundled = join(dir, 'bare-bundled.mjs');
    await build({
      entryPoints: [join(benchDir, 'fixtures/bare-mcp-server.mjs')],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      outfile: bundled,
      logLevel: 'silent',
      banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
    });
    const servers: Record<string, ServerCommand> = {
      bare: { command: process.execPath, args: [join(benchDir, 'fixtures/bare-mcp-server.mjs'), table] },
      bareBundled: { command: process.execPath, args: [bundled, table] },
      peer: peer.server,
    };
    if (oursAll) servers.ours = ours([]);
    const cold = await coldStarts(servers, COLD_RUNS);
    const bare = { label: 'bare SDK server', value: median(cold.bare!) };
    rows.push(compare('mcp.cold.bare', `bare SDK server + JSON table (${oursAll ? 'our' : 'peer'} tools)`, 'ms', cold.bare!, undefined));
    rows.push(compare('mcp.cold.bareBundled', 'bare SDK server, esbuild-bundled', 'ms', cold.bareBundled!, bare));
    rows.push(compare('mcp.cold.peer', 'peer server (axios/dotenv shimmed)', 'ms', cold.peer!, bare));
    if (cold.ours) {
      rows.push(compare('mcp.cold.ours', 'ours: spawn → tools/list reply', 'ms', cold.ours, bare, { op: '<=', limit: 1.2 }));
      rows.push(compare('mcp.cold.ours.vsBundled', '  ours vs bundled bare server', 'ms', cold.ours, { label: 'bundled bare', value: median(cold.bareBundled!) }));
    } else rows.push(skippedRow('mcp.cold.ours', 'ours: spawn → tools/list reply', 'generated MCP server not available'));

    // The whole document (issue 13): default start and --tools all against the peer's full listing.
    try {
      rows.push(...(await wholeDocumentRows(jsonPath)));
    } catch (error) {
      rows.push(skippedRow('mcp.whole.all.bytes', 'whole document', `failed: ${firstLine(error)}`));
    }
    return rows;
  },
};
export default measure;
