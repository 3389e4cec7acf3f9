/**
 * Names a generated client accessor may not take. Root resources are fields
 * of the client class, which extends the runtime's APIClient; sub-resources
 * and methods live on classes extending APIResource. A resource named
 * `request` or `constructor` would replace the core's own member (or not
 * compile), so the importer renames it (`request_`) and reports it. The
 * member lists are read from the runtime's source, so they follow it.
 */
import { clientFileBindings } from '../emit/client/core-imports.js';
import { runtimeFiles } from '../emit/runtime-files.js';
import { GLOBAL_NAMES } from '../names.js';

/** Members of every JS object: as accessors they would shadow what the language relies on. */
const OBJECT_MEMBERS = [
  'constructor', '__proto__', 'prototype', 'toString', 'toLocaleString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf',
  'propertyIsEnumerable', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__',
];
/** What the generated subclass adds to APIClient (generator/emit/client/entry.ts). */
const GENERATED_CLIENT_MEMBERS = ['withOptions'];

/** Member names declared in the body of `class <name>` (or `interface <name>`) in a runtime source text. */
export function classMembers(text: string, className: string): string[] {
  const start = new RegExp(`(?:class|interface) ${className}\\b[^{]*\\{`).exec(text);
  if (!start) throw new Error(`runtime class ${className} not found`);
  const members = new Set<string>();
  let depth = 1;
  let parens = 0;
  const lines = text.slice(start.index + start[0].length).split('\n');
  for (const line of lines) {
    if (depth === 1 && parens === 0) {
      const m = /^\s*(?:(?:public|protected|private|readonly|static|async|abstract|override|declare|get|set)\s+)*#?([A-Za-z_$][\w$]*)\s*[?!]?\s*[(:=;<]/.exec(line);
      if (m && !line.trimStart().startsWith('#')) members.add(m[1]!);
    }
    for (const ch of line) {
      if (ch === '{') depth++;
      else if (ch === '}') depth--;
      else if (ch === '(') parens++;
      else if (ch === ')') parens--;
    }
    if (depth <= 0) break;
  }
  return [...members];
}

let cached: { root: Set<string>; member: Set<string> } | undefined;

/** `root`: names a root accessor may not take; `member`: names a sub-resource or method may not take. */
export function reservedAccessors(): { root: Set<string>; member: Set<string> } {
  if (cached) return cached;
  const files = runtimeFiles('client');
  const resource = classMembers(files.get('resource.ts') ?? '', 'APIResource');
  const client = classMembers(files.get('client.ts') ?? '', 'APIClient');
  const member = new Set([...OBJECT_MEMBERS, ...resource]);
  cached = { root: new Set([...member, ...client, ...GENERATED_CLIENT_MEMBERS]), member };
  return cached;
}

/** Names the generated client package exports besides named types (its index re-exports the core). */
function clientExports(): string[] {
  const text = runtimeFiles('client').get('index.ts') ?? '';
  const names: string[] = [];
  for (const m of text.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)) {
    for (const part of m[1]!.split(',')) {
      const name = part.trim().split(/\s+as\s+/).pop()?.trim();
      if (name) names.push(name);
    }
  }
  return [...names, 'ClientOptions', 'operations', 'OperationKey'];
}

/** Type names a schema may not take: the package's own exports, its client class and the globals. */
export function reservedTypeNames(clientClass: string): Set<string> {
  return new Set([...clientExports(), ...GLOBAL_NAMES, clientClass]);
}

/** Options of the client core (`baseURL`, `timeout`…), which a server variable's option may not take. */
export function coreClientOptions(): Set<string> {
  return new Set(classMembers(runtimeFiles('client').get('client.ts') ?? '', 'ClientOptions'));
}

/** Flags of the generated MCP server (`--port`, `--host`…), read from its usage text. */
export function mcpServerFlags(): Set<string> {
  const text = runtimeFiles('mcp').get('options.ts') ?? '';
  const usage = /USAGE = [^`]*`([^`]*)`/.exec(text)?.[1] ?? '';
  return new Set([...usage.matchAll(/--([a-z][a-z-]*)/g)].map((m) => m[1]!));
}

/**
 * A client class name that neither shadows a global nor clashes with the
 * package's exports or client.ts's own imports: `Page` → `PageClient`, `Core` → `CoreClient`.
 */
export function safeClientClass(name: string): string {
  const taken = new Set([...clientExports(), ...GLOBAL_NAMES, ...clientFileBindings()]);
  let out = name;
  while (taken.has(out)) out += 'Client';
  return out;
}
