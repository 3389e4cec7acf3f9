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
import { listedDefs } from '../../runtime/mcp/server.js';
import { binPath, specPath } from './helpers.js';

const spec = JSON.parse(readFileSync(specPath, 'utf8')) as NormalizedSpec;
const { table } = buildToolTable(spec);
const byName = new Map(table.tools.map((t) => [t.name, t]));
const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

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
    // Trimming never changes meaning: gt and gte stay distinguishable.
    const range = (byName.get('openai_admin_list_audit_logs')!.inputSchema as any).properties.effective_at.properties;
    expect(range.gte.description).toContain('greater than or equal to');
    expect(range.gt.description).not.toContain('or equal');
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
    expect(props('usage_completions').start_time!.description).toBe('Start time (Unix seconds) of the query time range, inclusive.');
    expect(props('create_project_spend_alert').threshold_amount!.description).toMatch(/in cents/);
    expect(addsInformation('The ID of the group to inspect.', ['group_id', 'list_group_users'])).toBe(false);
    expect(addsInformation('The maximum requests per minute.', ['max_requests_per_1_minute', 'update_project_rate_limits'])).toBe(false);
    expect(addsInformation('Email addresses that receive the alert.', ['recipients', 'create_spend_alert'])).toBe(true);
    // A restated default goes only when the schema carries the default; pointers always go.
    expect(leadText('Limits results. Defaults to 20. See the docs. Only for admins.', 90, { hasDefault: true })).toBe('Limits results. Only for admins.');
    expect(leadText('Limits results. Defaults to 20. See the docs. Only for admins.', 90)).toBe('Limits results. Defaults to 20. Only for admins.');
    // A redundant lead sentence goes, the informative one after it stays (the range is not in the schema)
    // without the restated default.
    expect(props('list_projects').limit).toEqual({ type: 'integer', default: 20, description: 'Limit can range between 1 and 100.' });
    expect(leadText('One. - a - b', 90)).toBe('One.');
  });
});

describe('annotation and schema budget', () => {
  it('never sends an annotation whose value is the MCP default', () => {
    for (const t of table.tools) {
      for (const [key, value] of Object.entries(MCP_ANNOTATION_DEFAULTS)) {
        expect((t.annotations as Record<string, unknown>)[key], `${t.name}.${key}`).not.toBe(value);
      }
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
    expect(bytes({ tools: object })).toBeLessThan(70_000);
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
      expect(bytes(parsed.result)).toBe(bytes({ tools: listedDefs(table.tools, 'object') }));
      expect(parsed.result.tools.length).toBe(table.tools.length);
    } finally {
      child.kill();
    }
  });
});
