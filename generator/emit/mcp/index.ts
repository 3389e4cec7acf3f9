/**
 * The MCP emitter: `generated/<target>/mcp/` = the tool table as JSON data
 * (`src/tools.json`), a tiny entry file, the hand-written runtime copied
 * verbatim (`src/runtime/`), package.json and README.md.
 */
import { keyOptional } from '../../ir/auth.js';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { NormalizedSpec } from '../../ir/types.js';
import type { Emitter } from '../types.js';
import { codeHeader, GENERATED_NOTICE, JSON_NOTICE_KEY, markdownHeader } from '../header.js';
import { copiedRuntime } from '../runtime-files.js';
import { isAbsoluteURL, markdownCode, markdownText } from '../markdown.js';
import { GeneratorError } from '../../errors.js';
import { cursorParams, wholePageStyles, type CallSpec, type SharedArgument, type ToolDef, type ToolTable } from '../../../runtime/mcp/table.js';
import { constDeclaration, literal } from '../layout/code.js';
import { layout } from '../layout/doc.js';
import { prettyJson } from '../layout/json.js';
import { DEFAULT_LISTING_BUDGET, DEFAULT_MAX_BINARY_BYTES, DEFAULT_MAX_STREAM_BYTES, DEFAULT_OUTPUT_SCHEMAS, USAGE } from '../../../runtime/mcp/options.js';
import { jsonBytes, listingOverBudget, staticListing } from '../../../runtime/mcp/listing.js';
import { buildTool, MAX_ITEMS } from './tools.js';
import { sharedTable } from './share.js';
import { memoUnit } from '../memo.js';
import { headerOptionsOf } from '../header-options.js';
import { bundledClientDevDependency, packageVersion, publishMetadata } from '../release-files.js';

const templatesDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../templates/mcp');

export interface McpTableResult {
  table: ToolTable;
  notes: string[];
  /** A large table (LARGE_TABLE_BYTES): built in canonical form, stored with shared schemas. */
  large: boolean;
}

/**
 * Tool schemas (bytes of JSON) past which a table is large: its tools are
 * built again with each named type in one form (SchemaBuilder's `canonical`),
 * which tools.json then stores once (share.ts). Microsoft Graph's 11,422 tools
 * came to 73 MB of them; OpenAI's whole API is about 1 MB and keeps the
 * per-tool form.
 */
export const LARGE_TABLE_BYTES = 4_000_000;

export interface ToolTableOptions {
  /** Overrides LARGE_TABLE_BYTES (tests). */
  largeTableBytes?: number;
}

/** The tool table for a spec (also used by tests and the bench). */
export function buildToolTable(spec: NormalizedSpec, options: ToolTableOptions = {}): McpTableResult {
  const auth = spec.auth[0];
  const ops = [...spec.operations].sort((a, b) => (a.names.mcpTool < b.names.mcpTool ? -1 : a.names.mcpTool > b.names.mcpTool ? 1 : 0));
  const large = options.largeTableBytes ?? LARGE_TABLE_BYTES;
  const perTool = buildTools(spec, ops, false, large);
  const { tools, calls, notes } = perTool ?? buildTools(spec, ops, true, Infinity)!;
  const table: ToolTable = {
    [JSON_NOTICE_KEY]: GENERATED_NOTICE,
    server: { name: spec.packages.mcp, version: packageVersion(spec, 'mcp'), title: spec.info.title },
    env: {
      key: auth?.envVar ?? '',
      baseURL: spec.packages.baseURLEnv,
      clientOption: auth?.clientOption ?? 'apiKey',
      // Other security schemes' keys (an API with several): the client picks one per operation.
      ...(spec.auth.length > 1 ? { more: spec.auth.slice(1).map((a) => ({ key: a.envVar, clientOption: a.clientOption })) } : {}),
      // Some operations need no key: the server starts without one, and only the others fail for it.
      ...(keyOptional(spec) ? { keyOptional: true } : {}),
    },
    prefix: spec.packages.toolPrefix,
    maxItems: MAX_ITEMS,
    tools,
    calls,
    ...(spec.info.serverVariables?.length
      ? { serverVariables: spec.info.serverVariables.map((v) => ({ flag: v.flag, env: v.envVar, clientOption: v.clientOption, default: v.default, ...(v.enum ? { choices: v.enum } : {}) })) }
      : {}),
    ...(spec.clientHeaders?.length ? { headerOptions: headerOptionsOf(spec) } : {}),
  };
  const shared = sharedArguments(tools);
  if (shared.length) table.sharedArguments = shared;
  return { table, notes, large: perTool === undefined };
}

/** The tools, or undefined once their schemas pass `budget` bytes (then built again in canonical form). */
function buildTools(spec: NormalizedSpec, ops: NormalizedSpec['operations'], canonical: boolean, budget: number) {
  const tools: ToolDef[] = [];
  const calls: Record<string, CallSpec> = {};
  const notes: string[] = [];
  let bytes = 0;
  for (const op of ops) {
    const view = canonical ? { op, canonical } : { op };
    const { def, call, notes: opNotes } = memoUnit(spec, 'mcp:tool', view, 'json', (s) => buildTool(s, op, canonical));
    if (calls[def.name]) {
      throw new GeneratorError(`two operations map to the MCP tool name ${def.name}`, { pointer: op.pointer }, 'give one of them another name in spec/<target>/config.yaml');
    }
    if (budget !== Infinity && (bytes += jsonBytes(def.inputSchema) + (def.outputSchema ? jsonBytes(def.outputSchema) : 0)) > budget) return undefined;
    tools.push(def);
    calls[def.name] = call;
    notes.push(...opNotes);
  }
  return { tools, calls, notes };
}

/** What the MCP README says about this API in particular (examples come from the table, not from OpenAI). */
function readmeFacts(table: ToolTable) {
  const calls = Object.values(table.calls);
  // The example resource: the one with the most tools (then the deeper, then by name).
  const count = new Map<string, number>();
  for (const c of calls) count.set(c.resource, (count.get(c.resource) ?? 0) + 1);
  const [example = ''] = [...count.keys()].sort((a, b) => count.get(b)! - count.get(a)! || b.split('.').length - a.split('.').length || (a < b ? -1 : 1));
  const tail = example.split('.').pop() ?? '';
  const cursors = cursorParams(table);
  return {
    exampleResource: example,
    resourceGlobExample: `--resource '${tail}*'`,
    resourceTailExample: `--resource ${tail}`,
    hasLists: cursors.length > 0,
    cursors,
    wholePageLists: wholePageListNames(table),
    sharedArgs: (table.sharedArguments ?? []).map((s) => s.name).filter((n, i, all) => all.indexOf(n) === i),
    hasBracketAliases: calls.some((c) => Object.keys(c.aliases ?? {}).some((a) => a.endsWith('[]'))),
    ...ioFacts(table),
  };
}

/** `Page-token`, `Page-token and next-link`…: the lists that stop at whole pages, for the README; '' for none. */
function wholePageListNames(table: ToolTable): string {
  const names = wholePageStyles(table);
  const text = names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Uploads, streams, binary responses and the default start, as the README states them for this API. */
function ioFacts(table: ToolTable) {
  const calls = Object.entries(table.calls);
  const named = (test: (c: CallSpec) => boolean) => calls.filter(([, c]) => test(c)).map(([name]) => name);
  const { listed } = staticListing(table, table.tools, { mode: 'auto', inlineSharedDocs: false, outputSchemas: DEFAULT_OUTPUT_SCHEMAS });
  const over = listingOverBudget(listed, DEFAULT_LISTING_BUDGET);
  return {
    uploadTools: named((c) => Boolean(c.files?.length)),
    streamTools: named((c) => c.stream !== undefined),
    binaryTools: named((c) => c.response === 'binary'),
    textTools: named((c) => c.response === 'text'),
    listingBytes: over?.bytes ?? jsonBytes({ tools: listed }),
    listingBudget: DEFAULT_LISTING_BUDGET,
    startsDynamic: over !== undefined,
    maxBinaryBytes: DEFAULT_MAX_BINARY_BYTES,
    maxStreamBytes: DEFAULT_MAX_STREAM_BYTES,
  };
}

/** How many tools must share an argument's exact description before it is listed once. */
export const SHARED_ARGUMENT_MIN_TOOLS = 5;

/**
 * Top-level arguments whose description is the same in at least
 * SHARED_ARGUMENT_MIN_TOOLS tools: the server sends those descriptions once,
 * in its instructions (runtime/mcp/shared-docs.ts). Sorted for stable output.
 */
export function sharedArguments(tools: ToolDef[]): SharedArgument[] {
  const groups = new Map<string, SharedArgument>();
  for (const tool of tools) {
    for (const [name, schema] of Object.entries((tool.inputSchema.properties ?? {}) as Record<string, { description?: unknown }>)) {
      if (typeof schema.description !== 'string') continue;
      const key = JSON.stringify([name, schema.description]);
      const group = groups.get(key) ?? { name, description: schema.description, tools: [] };
      group.tools.push(tool.name);
      groups.set(key, group);
    }
  }
  return [...groups.entries()]
    .filter(([, g]) => g.tools.length >= SHARED_ARGUMENT_MIN_TOOLS)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, g]) => g);
}

function template(name: string): Handlebars.TemplateDelegate {
  const hb = Handlebars.create();
  hb.registerHelper('json', (value: unknown) => JSON.stringify(value));
  // Markdown-safe inline text: no table breaks, no emphasis, no raw HTML.
  hb.registerHelper('md', (value: unknown) => new hb.SafeString(markdownText(String(value ?? ''))));
  hb.registerHelper('code', (value: unknown) => new hb.SafeString(markdownCode(String(value ?? ''))));
  return hb.compile(readFileSync(resolve(templatesDir, name), 'utf8'), { noEscape: false, strict: true });
}


function emitEntry(spec: NormalizedSpec): string {
  const bin = layout(constDeclaration('const bin', literal(spec.packages.mcpBin)), 0);
  return `${codeHeader(spec.target)}
import table from './tools.json' with { type: 'json' };
import { main } from './runtime/server.js';
import type { ToolTable } from './runtime/table.js';

${bin}

// The client (and Ajv) load on the first tool call, so listing tools stays fast.
const loadClient = async () => {
  const client = await import('../../client/src/index.js');
  return { default: client.${spec.packages.clientClass}, toFile: client.toFile, collectStream: client.collectStream };
};

main({ table: table as unknown as ToolTable, loadClient: loadClient as never, bin }).catch((error: unknown) => {
  process.stderr.write(\`\${bin}: \${error instanceof Error ? (error.stack ?? error.message) : String(error)}\\n\`);
  process.exitCode = 1;
});
`;
}

/** For typechecking the sources (esbuild bundles without checking types). */
export function emitTsconfig(): string {
  const compilerOptions = {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2022', 'DOM', 'DOM.Iterable'],
    types: ['node'],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    resolveJsonModule: true,
  };
  return prettyJson({ [JSON_NOTICE_KEY]: GENERATED_NOTICE, compilerOptions, include: ['src/**/*.ts'] });
}

export const emitMcp: Emitter = (spec) => {
  const files = new Map<string, string>();
  const { table, notes, large } = buildToolTable(spec);
  files.set('mcp/src/tools.json', prettyJson(large ? sharedTable(table) : table));
  files.set('mcp/src/index.ts', emitEntry(spec));
  for (const [path, contents] of copiedRuntime('mcp', 'mcp/src/runtime', codeHeader(spec.target))) files.set(path, contents);
  files.set('mcp/tsconfig.json', emitTsconfig());
  const packageJson = template('package.json.hbs')({
    noticeKey: JSON_NOTICE_KEY,
    notice: GENERATED_NOTICE,
    packageName: spec.packages.mcp,
    version: packageVersion(spec, 'mcp'),
    devDependencies: bundledClientDevDependency(spec),
    description: `MCP server for the ${spec.info.title}: one tool per operation.`,
    bin: spec.packages.mcpBin,
    binPath: `bin/${spec.packages.mcpBin}.js`,
  });
  // Parse once: a template bug must fail here, not in npm.
  files.set('mcp/package.json', JSON.stringify({ ...JSON.parse(packageJson), ...publishMetadata(spec, 'mcp') }, null, 2) + '\n');
  files.set(
    'mcp/README.md',
    template('README.md.hbs')({
      header: markdownHeader(spec.target).trimEnd(),
      title: spec.info.title,
      toolCount: table.tools.length,
      clientPackage: spec.packages.client,
      packageName: spec.packages.mcp,
      bin: spec.packages.mcpBin,
      serverKey: spec.packages.mcp.replace(/-mcp$/, ''),
      keyEnv: table.env.key,
      moreKeyEnvs: (table.env.more ?? []).map((m) => m.key),
      keyExample: spec.auth[0]?.example ?? '...',
      baseURLEnv: table.env.baseURL,
      baseURL: spec.info.baseURL,
      noDefaultBase: !isAbsoluteURL(spec.info.baseURL),
      prefix: table.prefix,
      usage: USAGE(spec.packages.mcpBin, table.serverVariables, table.headerOptions),
      maxItemsDefault: MAX_ITEMS.default,
      maxItemsMax: MAX_ITEMS.max,
      ...readmeFacts(table),
      notes,
      tools: table.tools.map((t) => ({
        name: t.name,
        title: t.annotations.title,
        http: table.calls[t.name]!.http,
        // destructiveHint is stated on writes; absent would mean destructive (the MCP default).
        kind: t.annotations.readOnlyHint ? 'read-only' : t.annotations.destructiveHint === false ? 'write' : 'destructive',
      })),
    }),
  );
  return files;
};
