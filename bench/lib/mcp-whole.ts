/**
 * tools/list for the whole OpenAI document (issue 13, "MCP for a large API"):
 * the committed whole-document target's server in its default start (dynamic
 * once the listing passes the budget) and with `--tools all` (every tool, full
 * input schemas), against openapi-mcp-generator's server for the same document.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, firstLine } from './paths.js';
import { listToolsCold, type ServerCommand } from './mcp.js';
import { preparePeerServer } from './peer-mcp.js';
import { absolute, compare, skippedRow, type Row } from './types.js';

const tokens = (bytes: number) => Math.round(bytes / 4);

/**
 * The generated MCP bin of the committed target with the most operations
 * other than openai-admin (the whole-document target, `openai`), if built.
 */
function wholeDocumentServer(): { target: string; bin: string; operations: number } | undefined {
  const specs = join(repoRoot, 'spec');
  let best: { target: string; bin: string; operations: number } | undefined;
  for (const target of existsSync(specs) ? readdirSync(specs) : []) {
    if (target === 'openai-admin' || !existsSync(join(specs, target, 'spec.json'))) continue;
    const pkgPath = join(repoRoot, 'generated', target, 'mcp/package.json');
    if (!existsSync(pkgPath)) continue;
    const bin = Object.values((JSON.parse(readFileSync(pkgPath, 'utf8')) as { bin?: Record<string, string> }).bin ?? {})[0];
    const operations = (JSON.parse(readFileSync(join(specs, target, 'spec.json'), 'utf8')) as { operations: unknown[] }).operations.length;
    if (bin && (!best || operations > best.operations)) best = { target, bin: join(repoRoot, 'generated', target, 'mcp', bin), operations };
  }
  return best;
}

export async function wholeDocumentRows(jsonPath: string): Promise<Row[]> {
  const ours = wholeDocumentServer();
  if (!ours || !existsSync(ours.bin)) {
    return [skippedRow('mcp.whole.all.bytes', 'whole document: ours --tools all', 'no built whole-document target under generated/ (spec/openai); run `npm run generate`')];
  }
  const rows: Row[] = [];
  const peer = await preparePeerServer(jsonPath, 'all');
  const peerList = await listToolsCold(peer.server);
  const peerBase = { label: 'openapi-mcp-generator, whole document', value: peerList.bytes };
  rows.push(compare('mcp.whole.peer.bytes', `whole document: peer tools/list`, 'bytes', peerList.bytes, undefined, undefined, `${peerList.tools.length} tools of ${peer.operations} ops, ~${tokens(peerList.bytes)} tok`));
  const env = { OPENAI_API_KEY: 'x', OPENAI_ADMIN_KEY: 'x', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' };
  const command = (args: string[]): ServerCommand => ({ command: process.execPath, args: [ours.bin, ...args], env });
  try {
    const all = await listToolsCold(command(['--tools', 'all']));
    const schemas = all.tools.filter((t) => t.inputSchema).length;
    rows.push(
      compare('mcp.whole.all.bytes', `whole document (${ours.target}): ours --tools all`, 'bytes', all.bytes, peerBase, { op: '<=', limit: 0.75 }, `${all.tools.length} tools, ${schemas} input schemas, ~${tokens(all.bytes)} tok`),
      compare('mcp.whole.all.with_instructions', '  tools/list + instructions', 'bytes', all.bytes + all.instructionsBytes, { label: 'peer, same', value: peerList.bytes + peerList.instructionsBytes }),
    );
    const dflt = await listToolsCold(command([]));
    const mode = dflt.tools.length === all.tools.length ? 'static' : `dynamic: ${dflt.tools.length} meta-tools`;
    rows.push(
      compare('mcp.whole.default.bytes', `whole document (${ours.target}): ours default start`, 'bytes', dflt.bytes, peerBase, undefined, `${mode}; instructions ${dflt.instructionsBytes} B`),
      absolute('mcp.whole.default.tokens', '  ~tokens, tools/list + instructions', 'tokens', tokens(dflt.bytes + dflt.instructionsBytes), '<', 2000),
    );
  } catch (error) {
    rows.push(skippedRow('mcp.whole.all.bytes', 'whole document: ours', `server failed: ${firstLine(error)}`));
  }
  return rows;
}
