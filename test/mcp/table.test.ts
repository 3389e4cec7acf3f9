/**
 * The generated tool table (no processes): names, one tool per operation,
 * client-compatibility lint, JSON Schema 2020-12 compilation, annotations,
 * descriptions, and the emitted package files.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { NormalizedSpec } from '../../generator/ir/types.js';
import type { ToolAnnotations } from '../../runtime/mcp/table.js';
import { buildToolTable, emitMcp } from '../../generator/emit/mcp/index.js';
import { compileProblems, formatProblems, propertyKeyProblems, refProblems, rootProblems, walk } from './lint.js';
import { mcpDir, seedToolNames, seedToolParams } from './helpers.js';
import { loadSpec } from '../../generator/ir/serialize.js';

const Ajv2020 = (Ajv2020Module as any).default ?? Ajv2020Module;
const addFormats = (addFormatsModule as any).default ?? addFormatsModule;
// With its release state (package versions), as `generate` reads it.
const spec = loadSpec('openai-admin');
const { table } = buildToolTable(spec);
const byName = new Map(table.tools.map((t) => [t.name, t]));


describe('tool names', () => {
  it('has one tool per admin operation', () => {
    expect(spec.operations.length).toBe(119);
    expect(table.tools.length).toBe(spec.operations.length);
    expect(new Set(table.tools.map((t) => table.calls[t.name]!.op))).toEqual(new Set(spec.operations.map((o) => o.key)));
  });

  it('contains every tool of seed 002', () => {
    const seed = seedToolNames();
    expect(seed.length).toBe(47);
    expect(seed.filter((n) => !byName.has(n))).toEqual([]);
  });

  it('uses the recorded names, unique and at most 64 characters', () => {
    expect(table.tools.map((t) => t.name)).toEqual(spec.operations.map((o) => o.names.mcpTool).sort());
    expect(new Set(table.tools.map((t) => t.name)).size).toBe(table.tools.length);
    for (const t of table.tools) expect(t.name, t.name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
  });
});

describe('client-compatibility lint', () => {
  it('roots every inputSchema and outputSchema at type object, with no top-level combinator', () => {
    expect(rootProblems(table)).toEqual([]);
  });

  it('uses property keys that Claude, Bedrock and OpenAI accept', () => {
    expect(propertyKeyProblems(table)).toEqual([]);
  });

  it('uses no unsupported format', () => {
    expect(formatProblems(table)).toEqual([]);
  });

  it('keeps $ref local to the tool', () => {
    expect(refProblems(table)).toEqual([]);
  });
});

describe('JSON Schema 2020-12', () => {
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
  addFormats(ajv);
  it('compiles every inputSchema and outputSchema in strict mode', () => {
    const { problems, compiled } = compileProblems(table);
    expect(problems).toEqual([]);
    expect(compiled).toBeGreaterThan(200);
  });

  it('rejects bad arguments and accepts good ones', () => {
    const validate = ajv.compile(byName.get('openai_admin_list_projects')!.inputSchema);
    expect(validate({ limit: 5, include_archived: true })).toBe(true);
    expect(validate({ limit: 'five' })).toBe(false);
    const validateUser = ajv.compile(byName.get('openai_admin_modify_project_user')!.inputSchema);
    expect(validateUser({ project_id: 'p', user_id: 'u', role: 'member' })).toBe(true);
    expect(validateUser({ user_id: 'u' })).toBe(false);
  });
});

describe('input schemas', () => {
  it('lists every seed-002 parameter flat at the top level, with the seed required flags', () => {
    const problems: string[] = [];
    for (const [tool, params] of seedToolParams()) {
      const def = byName.get(tool)!;
      const call = table.calls[tool]!;
      for (const p of params) {
        // Bracketed wire names are listed clean and accepted as aliases (see README).
        const key = call.aliases?.[p.name] ?? p.name;
        if (!def.inputSchema.properties?.[key]) problems.push(`${tool}: missing ${p.name}`);
        else if (p.required && !def.inputSchema.required?.includes(key)) problems.push(`${tool}: ${p.name} should be required`);
      }
    }
    // Seed 002 reflects an older spec. Only these changes in the newest spec are tolerated:
    // the project API key path param is now api_key_id, upload takes `certificate`, and
    // the update bodies made their fields optional.
    const drift = [
      'openai_admin_create_project_user: user_id should be required',
      'openai_admin_delete_project_api_key: missing key_id',
      'openai_admin_modify_certificate: name should be required',
      'openai_admin_modify_project: name should be required',
      'openai_admin_modify_project_user: role should be required',
      'openai_admin_modify_user: role should be required',
      'openai_admin_retrieve_project_api_key: missing key_id',
      'openai_admin_upload_certificate: missing content',
    ];
    expect(problems.filter((p) => !drift.includes(p))).toEqual([]);
    expect(problems.length).toBeGreaterThan(0);
  });

  it('carries enums, defaults, bounds and descriptions from the spec', () => {
    const usage = byName.get('openai_admin_usage_completions')!.inputSchema.properties as Record<string, any>;
    expect(usage.bucket_width.enum).toEqual(['1m', '1h', '1d']);
    expect(usage.bucket_width.default).toBe('1d');
    expect(usage.group_by.items.enum).toContain('project_id');
    expect(usage.start_time.description).toMatch(/Unix seconds/);
    const audit = byName.get('openai_admin_list_audit_logs')!.inputSchema.properties as Record<string, any>;
    expect(audit.event_types.items.enum).toContain('project.created');
    expect(Object.keys(audit.effective_at.properties)).toEqual(['gt', 'gte', 'lt', 'lte']);
    const list = byName.get('openai_admin_list_projects')!.inputSchema.properties as Record<string, any>;
    expect(list.limit.type).toBe('integer');
  });

  it('types arrays and objects fully (no bare object or array in inputs)', () => {
    const invite = byName.get('openai_admin_invite_user')!.inputSchema.properties as Record<string, any>;
    expect(invite.projects.items.type).toBe('object');
    expect(Object.keys(invite.projects.items.properties)).toEqual(expect.arrayContaining(['id', 'role']));
    for (const t of table.tools) {
      walk(t.inputSchema, (node, path) => {
        if (node.type === 'array') expect(node.items, `${t.name}${path}`).toBeDefined();
      });
    }
  });

  it('adds max_items to list tools and marks path params required', () => {
    for (const op of spec.operations) {
      const def = byName.get(op.names.mcpTool)!;
      expect('max_items' in (def.inputSchema.properties ?? {}), op.key).toBe(Boolean(op.pagination));
      for (const p of op.params.filter((p) => p.in === 'path')) expect(def.inputSchema.required, op.key).toContain(p.name);
    }
  });
});

describe('annotations and descriptions', () => {
  // MCP defaults (readOnlyHint false, idempotentHint false, openWorldHint true) are left
  // out; destructiveHint is stated on every write.
  const hints = (a: ToolAnnotations) => ({
    readOnly: a.readOnlyHint ?? false,
    destructive: a.destructiveHint ?? true,
    idempotent: a.idempotentHint ?? false,
    openWorld: a.openWorldHint ?? true,
  });

  it('titles a tool with its summary when that is a short phrase, else with its name in words', () => {
    const titleOf = (operationId: string) => byName.get(spec.operations.find((o) => o.operationId === operationId)!.names.mcpTool)!.annotations.title;
    // "List organization API keys" vs "Returns a list of projects." (a sentence).
    expect([titleOf('admin-api-keys-list'), titleOf('list-projects')]).toEqual(['List organization API keys', 'List projects']);
    const long = spec.operations.find((o) => o.operationId === 'list-projects')!;
    const tool = (summary: string) => buildToolTable({ ...spec, operations: [{ ...long, summary }] }).table.tools[0]!.annotations.title;
    expect([tool('Set system label'), tool('Creates a group: one line.'), tool('x'.repeat(61))]).toEqual(['Set system label', 'List projects', 'List projects']);
  });

  it('marks reads read-only, and deletes and destructive POSTs destructive', () => {
    for (const op of spec.operations) {
      const a = byName.get(op.names.mcpTool)!.annotations;
      expect(a.title, op.key).toBeTruthy();
      expect(hints(a).openWorld, op.key).toBe(true);
      if (op.httpMethod === 'get') expect(a, op.key).toEqual({ title: a.title, readOnlyHint: true });
      else expect(hints(a).readOnly, op.key).toBe(false);
      if (op.httpMethod === 'delete') expect(a, op.key).toMatchObject({ destructiveHint: true, idempotentHint: true });
    }
    for (const name of ['archive_project', 'deactivate_organization_certificates', 'deactivate_project_certificates', 'delete_project_api_key', 'remove_group_user', 'unassign_user_role']) {
      expect(byName.get(`openai_admin_${name}`)!.annotations.destructiveHint, name).toBe(true);
    }
    for (const name of ['activate_project_certificates', 'create_project', 'modify_project_user']) {
      expect(byName.get(`openai_admin_${name}`)!.annotations.destructiveHint, name).toBe(false);
    }
  });

  it('writes plain-text descriptions without markdown noise', () => {
    for (const t of table.tools) {
      walk({ d: t.description, s: t.inputSchema }, (node) => {
        const d = node.description ?? (typeof node.d === 'string' ? node.d : undefined);
        if (typeof d === 'string') {
          expect(d, t.name).not.toMatch(/\]\(|`|\*\*|<\/?[a-z]+>|^#/);
          expect(d.length, t.name).toBeLessThanOrEqual(400);
        }
      });
      expect(t.description.length, t.name).toBeGreaterThan(10);
    }
    expect(byName.get('openai_admin_archive_project')!.description).toMatch(/^Archives a project in the organization/);
  });
});

describe('emitted package', () => {
  const files = emitMcp(spec);
  it('emits the tool table as JSON data, and is deterministic', () => {
    const json = JSON.parse(files.get('mcp/src/tools.json')!);
    expect(json.tools.length).toBe(119);
    expect(json.$generated).toMatch(/Generated by/);
    expect([...emitMcp(spec)]).toEqual([...files]);
    expect(files.get('mcp/src/index.ts')).toContain("from './tools.json' with { type: 'json' }");
  });

  it('matches what is on disk under generated/', () => {
    for (const [path, contents] of files) expect(readFileSync(join(mcpDir, '..', path), 'utf8'), path).toBe(contents);
  });

  it('declares the bin and no dependencies', () => {
    const pkg = JSON.parse(files.get('mcp/package.json')!);
    expect(pkg.name).toBe('openai-admin-mcp');
    expect(pkg.bin).toEqual({ 'openai-admin-mcp': 'bin/openai-admin-mcp.js' });
    expect(pkg.dependencies).toBeUndefined();
  });

  it('documents client configs and every tool in the README', () => {
    const readme = files.get('mcp/README.md')!;
    for (const s of ['claude_desktop_config.json', '.cursor/mcp.json', '.vscode/mcp.json', 'OPENAI_ADMIN_KEY', '--read-only', '--tools dynamic', '--auth-token']) {
      expect(readme).toContain(s);
    }
    for (const t of table.tools) expect(readme).toContain(`\`${t.name}\``);
    // The JSON snippets parse.
    const blocks = [...readme.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.length).toBe(3);
    for (const b of blocks) expect(() => JSON.parse(b)).not.toThrow();
  });
});
