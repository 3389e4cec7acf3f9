/**
 * The tools/list budget, pinned structurally (bytes against the peer are
 * measured in bench/, not here): short plain-text descriptions, no MCP
 * default in annotations, lean output schemas, and the compact listing the
 * built server actually sends. Sizes are deterministic, so a byte ceiling on
 * the default listing is a regression guard, not a timing assert.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { NormalizedSpec } from '../../generator/ir/types.js';
import { buildToolTable } from '../../generator/emit/mcp/index.js';
import { NESTED_DESCRIPTION_MAX } from '../../generator/emit/mcp/schema.js';
import { addsInformation, leadText } from '../../generator/emit/mcp/text.js';
import { MCP_ANNOTATION_DEFAULTS, PARAM_DESCRIPTION_MAX, TOOL_DESCRIPTION_MAX } from '../../generator/emit/mcp/tools.js';
import { buildToolSet, listedDefs } from '../../runtime/mcp/server.js';
import { parseOptions } from '../../runtime/mcp/options.js';
import { sharedDocsLine, toolsLabel } from '../../runtime/mcp/shared-docs.js';
import { binPath, connectStdio, specPath } from './helpers.js';

const spec = JSON.parse(readFileSync(specPath, 'utf8')) as NormalizedSpec;
const { table } = buildToolTable(spec);
const byName = new Map(table.tools.map((t) => [t.name, t]));
const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
/** What the server lists and shares for these command-line options. */
const setFor = (argv: string[]) => buildToolSet({ table, loadClient: async () => ({ default: class {} }) as never, bin: 'openai-admin-mcp' }, parseOptions(argv));

/** Every `description` in a schema, with its JSON path. */
function descriptions(schema: unknown, path = ''): Array<[string, string]> {
  if (!schema || typeof schema !== 'object') return [];
  if (Array.isArray(schema)) return schema.flatMap((s, i) => descriptions(s, `${path}/${i}`));
  const out: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'enum' || k === 'default') continue;
    if (k === 'description' && typeof v === 'string') out.push([path, v]);
    else out.push(...descriptions(v, `${path}/${k}`));
  }
  return out;
}

describe('description budget', () => {
  it('keeps tool descriptions to the summary and lead sentence, within the cap', () => {
    for (const t of table.tools) {
      expect(t.description.length, t.name).toBeLessThanOrEqual(Math.ceil(TOOL_DESCRIPTION_MAX * 1.35));
      expect(t.description, t.name).not.toMatch(/https?:\/\/|\]\(|`|\*\*|\n| - /);
    }
    // Summary + lead sentence of the description: the precondition stays, the rest goes.
    expect(byName.get('openai_admin_archive_project')!.description).toBe('Archives a project in the organization. Archived projects cannot be used or updated.');
  });

  it('caps param descriptions (nested ones lower) and keeps them free of URLs and markdown', () => {
    let count = 0;
    for (const t of table.tools) {
      for (const [path, d] of descriptions(t.inputSchema)) {
        count++;
        const nested = path.split('/properties/').length > 2;
        expect(d.length, `${t.name}${path}`).toBeLessThanOrEqual(Math.ceil((nested ? NESTED_DESCRIPTION_MAX : PARAM_DESCRIPTION_MAX) * 1.35));
        expect(d, `${t.name}${path}`).not.toMatch(/https?:\/\/|\]\(|`|\*\*|\n/);
      }
    }
    expect(count).toBeGreaterThan(80);
    expect(count).toBeLessThan(200);
    // Nested descriptions that only restate the parent's and the key go: gt/gte/lt/lte under
    // "Return only events whose effective_at (Unix seconds) is in this range."
    const effective = (byName.get('openai_admin_list_audit_logs')!.inputSchema as any).properties.effective_at;
    expect(effective.description).toMatch(/effective_at \(Unix seconds\) is in this range/);
    expect(Object.keys(effective.properties)).toEqual(['gt', 'gte', 'lt', 'lte']);
    for (const key of ['gt', 'gte', 'lt', 'lte']) expect(effective.properties[key], key).toEqual({ type: 'integer' });
    expect(addsInformation('Return only events whose effective_at (Unix seconds) is greater than or equal to this value.', ['gte', 'Return only events whose effective_at (Unix seconds) is in this range.'])).toBe(false);
    expect(addsInformation('Return only events whose effective_at (Unix seconds) is greater than or equal to this value.', ['gte', 'Return only events.'])).toBe(true);
  });

  it('states the repeated pagination params once (server instructions), not in every list tool', () => {
    for (const t of table.tools) {
      const props = (t.inputSchema.properties ?? {}) as Record<string, Record<string, unknown>>;
      const page = table.calls[t.name]!.page;
      if (!page) continue;
      expect(props.max_items, t.name).toEqual({ type: 'integer', minimum: 1, maximum: table.maxItems.max, default: table.maxItems.default });
      expect(props[page.requestParam]!.description, t.name).toBeUndefined();
      if (props.before) expect(props.before.description, t.name).toBeUndefined();
    }
  });

  it('leaves out descriptions that only restate names or enums, and keeps informative ones', () => {
    const props = (name: string) => byName.get(`openai_admin_${name}`)!.inputSchema.properties as Record<string, Record<string, unknown>>;
    expect(props('modify_project').project_id!.description).toBeUndefined(); // "The ID of the project to modify."
    expect(props('usage_completions').project_ids!.description).toBeUndefined(); // "Return only usage for these projects."
    expect(props('usage_completions').bucket_width).toEqual({ type: 'string', enum: ['1m', '1h', '1d'], default: '1d' });
    expect(props('usage_completions').start_time!.description).toBe('Start time (Unix seconds) of the query time range, inclusive.'); // listed once, see below
    expect(props('create_project_spend_alert').threshold_amount!.description).toMatch(/in cents/);
    expect(addsInformation('The ID of the group to inspect.', ['group_id', 'list_group_users'])).toBe(false);
    expect(addsInformation('The maximum requests per minute.', ['max_requests_per_1_minute', 'update_project_rate_limits'])).toBe(false);
    expect(addsInformation('Email addresses that receive the alert.', ['recipients', 'create_spend_alert'])).toBe(true);
    // A restated default goes only when the schema carries the default; pointers always go.
    expect(leadText('Limits results. Defaults to 20. See the docs. Only for admins.', 90, { hasDefault: true })).toBe('Limits results. Only for admins.');
    expect(leadText('Limits results. Defaults to 20. See the docs. Only for admins.', 90)).toBe('Limits results. Defaults to 20. Only for admins.');
    // "A limit on the number of objects to be returned. Limit can range between 1 and 100, and the default
    // is 20.": the range (taken from this prose by the importer) and the default are in the schema now.
    expect(props('list_projects').limit).toEqual({ type: 'integer', minimum: 1, maximum: 100, default: 20 });
    // A sentence stating other bounds than the schema's stays.
    expect(leadText('Limit can range between 1 and 100.', 90, { bounds: { minimum: 1, maximum: 100 } })).toBe('');
    expect(leadText('Limit can range between 1 and 50.', 90, { bounds: { minimum: 1, maximum: 100 } })).toBe('Limit can range between 1 and 50.');
    expect(leadText('One. - a - b', 90)).toBe('One.');
  });
});

describe('argument descriptions shared by many tools', () => {
  const usageTools = table.tools.filter((t) => t.name.startsWith('openai_admin_usage_')).map((t) => t.name);
  const prop = (tools: Array<{ name: string; inputSchema: { properties?: Record<string, unknown> } }>, tool: string, key: string) =>
    (tools.find((t) => t.name === tool)!.inputSchema.properties as Record<string, Record<string, unknown>>)[key]!;

  it('groups exact (name, description) pairs found in at least five tools; tools.json keeps every description', () => {
    const shared = table.sharedArguments ?? [];
    const start = shared.find((s) => s.name === 'start_time')!;
    expect(start.description).toBe('Start time (Unix seconds) of the query time range, inclusive.');
    expect([...start.tools].sort()).toEqual([...usageTools].sort());
    for (const s of shared) {
      expect(s.tools.length, s.name).toBeGreaterThanOrEqual(5);
      for (const tool of s.tools) expect(prop(table.tools, tool, s.name).description, `${tool}.${s.name}`).toBe(s.description);
    }
  });

  it('lists them once in the instructions and not in the tools, unless --inline-shared-docs', () => {
    const set = setFor([]);
    expect(prop(set.listed, 'openai_admin_usage_completions', 'start_time')).toEqual({ type: 'integer' });
    expect(prop(set.listed, 'openai_admin_usage_completions', 'end_time')).toEqual({ type: 'integer' });
    const line = sharedDocsLine(set.shared, set.listed.map((t) => t.name))!;
    expect(line).toContain('start_time in openai_admin_usage_*: Start time (Unix seconds) of the query time range, inclusive.');
    // Other descriptions stay where they are.
    expect(prop(set.listed, 'openai_admin_usage_completions', 'batch').description).toMatch(/batch jobs only/);
    const inline = setFor(['--inline-shared-docs']);
    expect(inline.shared).toEqual([]);
    expect(prop(inline.listed, 'openai_admin_usage_completions', 'start_time').description).toBe('Start time (Unix seconds) of the query time range, inclusive.');
    expect(bytes({ tools: inline.listed })).toBeGreaterThan(bytes({ tools: set.listed }));
  });

  it('keeps a description inline when fewer than two selected tools share it', () => {
    const one = setFor(['--tool', 'openai_admin_usage_costs', '--tool', 'openai_admin_list_projects']);
    expect(one.shared).toEqual([]);
    expect(prop(one.listed, 'openai_admin_usage_costs', 'start_time').description).toMatch(/Unix seconds/);
    const two = setFor(['--tool', 'openai_admin_usage_costs', '--tool', 'openai_admin_usage_images']);
    expect(two.shared.find((s) => s.name === 'start_time')?.tools).toEqual(['openai_admin_usage_costs', 'openai_admin_usage_images']);
    expect(toolsLabel(['openai_admin_usage_costs', 'openai_admin_usage_images'], ['openai_admin_usage_costs', 'openai_admin_usage_images'])).toBe('openai_admin_usage_*');
    expect(toolsLabel(['openai_admin_usage_costs', 'openai_admin_usage_images'], usageTools)).toBe('openai_admin_usage_costs, openai_admin_usage_images');
    expect(toolsLabel(usageTools.filter((t) => t !== 'openai_admin_usage_costs'), usageTools)).toBe('openai_admin_usage_* except openai_admin_usage_costs');
  });

  it('sends the line in the initialize instructions of the built server', async () => {
    const conn = await connectStdio();
    try {
      const instructions = conn.client.getInstructions() ?? '';
      expect(instructions).toContain('end_time in openai_admin_usage_*: End time (Unix seconds) of the query time range, exclusive.');
      const { tools } = await conn.client.listTools();
      expect(prop(tools as never, 'openai_admin_usage_costs', 'end_time').description).toBeUndefined();
    } finally {
      await conn.close();
    }
  });
});

describe('annotation and schema budget', () => {
  it('never sends an annotation whose value is the MCP default, except destructiveHint on writes', () => {
    for (const t of table.tools) {
      for (const [key, value] of Object.entries(MCP_ANNOTATION_DEFAULTS)) {
        if (key === 'destructiveHint') continue;
        expect((t.annotations as Record<string, unknown>)[key], `${t.name}.${key}`).not.toBe(value);
      }
      // Stated both ways on every write (a naive client reads a missing hint as false), never on reads.
      expect(typeof t.annotations.destructiveHint, t.name).toBe(t.annotations.readOnlyHint ? 'undefined' : 'boolean');
      expect(Object.keys(t.annotations).every((k) => k === 'title' || k in MCP_ANNOTATION_DEFAULTS), t.name).toBe(true);
    }
    expect(MCP_ANNOTATION_DEFAULTS).toEqual({ readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true });
  });

  it('keeps typed output schemas free of descriptions, and schemas free of titles', () => {
    for (const t of table.tools) {
      if (t.outputSchema) expect(descriptions(t.outputSchema), t.name).toEqual([]);
      for (const schema of [t.inputSchema, t.outputSchema]) expect(JSON.stringify(schema ?? {}), t.name).not.toContain('"title"');
    }
  });

  it('lists {"type":"object"} output schemas by default, the typed ones with --output-schemas full', () => {
    const object = listedDefs(table.tools, 'object');
    expect(object.filter((t) => t.outputSchema).length).toBe(table.tools.filter((t) => t.outputSchema).length);
    for (const t of object) if (t.outputSchema) expect(t.outputSchema).toEqual({ type: 'object' });
    expect(listedDefs(table.tools, 'full')).toBe(table.tools);
    expect(listedDefs(table.tools, 'none').some((t) => t.outputSchema)).toBe(false);
    // Guard rails for the payload (the bench compares it with the peer, about 88 KB).
    // 0.75 × the peer's 88,160 bytes is 66,120: the default listing stays under it with room for a few tools.
    expect(bytes({ tools: setFor([]).listed })).toBeLessThan(66_000);
    expect(bytes({ tools: object })).toBeLessThan(68_000);
    expect(bytes({ tools: table.tools })).toBeLessThan(100_000);
  });

  it('sends the default listing as compact JSON over stdio, byte for byte', async () => {
    const child = spawn(process.execPath, [binPath], { env: { PATH: process.env.PATH ?? '', OPENAI_ADMIN_KEY: 'x', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' }, stdio: ['pipe', 'pipe', 'pipe'] });
    try {
      const lines = createInterface({ input: child.stdout! });
      const reply = new Promise<string>((resolve, reject) => {
        lines.on('line', (line) => (JSON.parse(line).id === 2 ? resolve(line) : undefined));
        child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
      });
      const send = (message: object) => child.stdin!.write(JSON.stringify({ jsonrpc: '2.0', ...message }) + '\n');
      send({ id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'budget-test', version: '0' } } });
      send({ method: 'notifications/initialized' });
      send({ id: 2, method: 'tools/list', params: {} });
      const line = await reply;
      const parsed = JSON.parse(line) as { result: { tools: unknown[] } };
      // No indentation or padding on the wire, and exactly the default listing.
      expect(line.length).toBe(JSON.stringify(parsed).length);
      expect(bytes(parsed.result)).toBe(bytes({ tools: setFor([]).listed }));
      expect(parsed.result.tools.length).toBe(table.tools.length);
    } finally {
      child.kill();
    }
  });
});
