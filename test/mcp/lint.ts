/**
 * Client-compatibility lint of a tool table, as lists of problems (empty when
 * clean): what MCP clients and model providers reject. Used for the admin table
 * and for the tables of every other API in ../shared/specs/other.
 */
import { expandTable } from '../../runtime/mcp/shared-schemas.js';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ToolTable } from '../../runtime/mcp/table.js';
import { SUPPORTED_FORMATS } from '../../generator/emit/mcp/schema.js';
import { PROPERTY_KEY, TOOL_NAME } from '../../generator/emit/mcp/tools.js';

const Ajv2020 = (Ajv2020Module as any).default ?? Ajv2020Module;
const addFormats = (addFormatsModule as any).default ?? addFormatsModule;

/** Visit every schema node (enum and default values are data, not schemas). */
export function walk(schema: unknown, visit: (node: Record<string, unknown>, path: string) => void, path = ''): void {
  if (!schema || typeof schema !== 'object') return;
  if (Array.isArray(schema)) return schema.forEach((s, i) => walk(s, visit, `${path}/${i}`));
  visit(schema as Record<string, unknown>, path);
  for (const [k, v] of Object.entries(schema)) if (k !== 'enum' && k !== 'default') walk(v, visit, `${path}/${k}`);
}

const schemasOf = (t: ToolTable['tools'][number]) => [t.inputSchema, t.outputSchema].filter(Boolean) as Array<Record<string, unknown>>;

/** Names: 1-64 of [a-zA-Z0-9_-], unique. */
export function nameProblems(table: ToolTable): string[] {
  const out = table.tools.filter((t) => !TOOL_NAME.test(t.name)).map((t) => `${t.name}: bad name`);
  const seen = new Set<string>();
  for (const t of table.tools) (seen.has(t.name) ? out.push(`${t.name}: duplicate`) : seen.add(t.name));
  return out;
}

/** Roots at `type: object`, with no top-level combinator. */
export function rootProblems(table: ToolTable): string[] {
  const out: string[] = [];
  for (const t of table.tools) {
    for (const schema of schemasOf(t)) {
      if (schema.type !== 'object') out.push(`${t.name}: root type ${JSON.stringify(schema.type)}`);
      for (const k of ['anyOf', 'oneOf', 'allOf', 'not', 'if', 'enum', 'const']) if (schema[k] !== undefined) out.push(`${t.name}: top-level ${k}`);
    }
  }
  return out;
}

/** Property keys Claude, Bedrock and OpenAI accept. */
export function propertyKeyProblems(table: ToolTable): string[] {
  const out: string[] = [];
  for (const t of table.tools) {
    walk(t.inputSchema, (node, path) => {
      if (node.properties && typeof node.properties === 'object' && !path.endsWith('/properties')) {
        for (const key of Object.keys(node.properties)) if (!PROPERTY_KEY.test(key)) out.push(`${t.name}${path}: key ${key}`);
      }
    });
  }
  return out;
}

/** Only formats every client knows. */
export function formatProblems(table: ToolTable): string[] {
  const out: string[] = [];
  for (const t of table.tools) {
    walk({ i: t.inputSchema, o: t.outputSchema }, (node, path) => {
      if (typeof node.format === 'string' && !SUPPORTED_FORMATS.has(node.format)) out.push(`${t.name}${path}: format ${node.format}`);
    });
  }
  return out;
}

/** Every `$ref` points into the tool's own `$defs`. */
export function refProblems(table: ToolTable): string[] {
  const out: string[] = [];
  for (const t of table.tools) {
    walk(t.inputSchema, (node) => {
      if (typeof node.$ref !== 'string') return;
      const name = node.$ref.replace('#/$defs/', '');
      if (!node.$ref.startsWith('#/$defs/') || !(t.inputSchema.$defs as Record<string, unknown> | undefined)?.[name]) out.push(`${t.name}: ${node.$ref}`);
    });
  }
  return out;
}

/** Every inputSchema and outputSchema compiles under JSON Schema 2020-12 (strict mode); returns the count compiled too. */
export function compileProblems(table: ToolTable): { problems: string[]; compiled: number } {
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
  addFormats(ajv);
  const problems: string[] = [];
  let compiled = 0;
  for (const t of table.tools) {
    for (const [which, schema] of [['input', t.inputSchema], ['output', t.outputSchema]] as const) {
      if (!schema) continue;
      try {
        ajv.compile(schema);
        compiled++;
      } catch (e) {
        problems.push(`${t.name} ${which}: ${(e as Error).message.split('\n')[0]}`);
      }
    }
  }
  return { problems, compiled };
}

/** All of the above, on the tools as the server lists them (a large table's stored schemas back in place). */
export function lintToolTable(stored: ToolTable): string[] {
  const table = expandTable(stored);
  return [...nameProblems(table), ...rootProblems(table), ...propertyKeyProblems(table), ...formatProblems(table), ...refProblems(table), ...compileProblems(table).problems];
}
