/**
 * IR → command table (runtime/cli/table.ts is the contract). One command per
 * operation; every param becomes a kebab-case flag, arrays singular and
 * repeatable, objects with their properties (nested ones too) for dotted flags.
 */
import { terminalText } from './help-text.js';
import { requiresKey } from '../../ir/auth.js';
import type { NormalizedSpec, Operation, Param, Shape } from '../../ir/types.js';
import type { CommandSpec, CommandTable, FlagProperty, FlagSpec, FlagType, GroupSpec } from '../../../runtime/cli/table.js';
import { globalFlags, pagesByLink, type MoreAuth, type ServerVarFlag } from '../../../runtime/cli/globals.js';
import { headerOptionsOf } from '../header-options.js';
import { kebabCase, singularName } from '../../names.js';
import { GeneratorError } from '../../errors.js';
import { packageVersion } from '../release-files.js';
import { wholeBodyParam } from '../whole-body.js';
import { requiredBodyAlternatives } from '../body-alternatives.js';
import { memoUnit } from '../memo.js';
import { walkedPagination } from '../paging.js';

type Choice = string | number | boolean;
interface Kind {
  type: FlagType;
  items?: Exclude<FlagType, 'array'>;
  single?: boolean;
  upload?: boolean;
  choices?: Choice[];
  properties?: FlagProperty[];
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  proseFacets?: FlagSpec['proseFacets'];
}

/** Follows refs to the named type's shape, keeping the outermost description/default. */
function resolve(spec: NormalizedSpec, shape: Shape, depth = 0): Shape {
  if (shape.kind !== 'ref') return shape;
  const named = spec.types[shape.name];
  if (!named) throw new GeneratorError(`unknown type ${shape.name}`, { pointer: shape.pointer }, 'the IR references a type it does not define');
  if (depth > 20) return { kind: 'unknown' };
  const inner = resolve(spec, named.shape, depth + 1);
  return { ...inner, description: shape.description ?? inner.description ?? named.description, default: shape.default ?? inner.default } as Shape;
}

function literalType(v: Choice): Exclude<FlagType, 'array' | 'object' | 'json'> {
  return typeof v === 'boolean' ? 'boolean' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : 'string';
}

function kindOf(spec: NormalizedSpec, shape: Shape, depth = 0): Kind {
  const s = resolve(spec, shape);
  const base = { default: s.default, description: s.description };
  switch (s.kind) {
    case 'integer':
    case 'number':
      return { ...base, type: s.kind, choices: s.enum, minimum: s.minimum, maximum: s.maximum, proseFacets: s.proseFacets };
    case 'string':
    case 'boolean':
      return { ...base, type: s.kind, choices: s.enum };
    case 'null':
      return { ...base, type: 'string' };
    case 'file':
      return { ...base, type: 'file' };
    case 'literal':
      return { ...base, type: literalType(s.value), choices: [s.value] };
    case 'array': {
      const item = kindOf(spec, s.items, depth + 1);
      const items = item.type === 'array' ? 'json' : item.type;
      return { ...base, type: 'array', items, choices: item.choices, properties: item.properties };
    }
    case 'object':
      return { ...base, type: 'object', properties: depth > 3 ? undefined : propertiesOf(spec, s.properties, depth) };
    case 'union': {
      const members = s.members.map((m) => kindOf(spec, m, depth + 1));
      return { ...unionKind(members), ...base };
    }
    default:
      return { ...base, type: 'json' };
  }
}

const isFile = (k: Kind) => k.type === 'file';
const isFiles = (k: Kind) => k.type === 'array' && k.items === 'file';

/** The flag kind of a union: uploads first (`file | file[]`, `file | {file_id}`), then one common type, else JSON. */
function unionKind(members: Kind[]): Kind {
  if (members.some((m) => isFile(m) || isFiles(m))) {
    // One or several files: a repeatable flag; one occurrence sends one file when the schema allows it.
    if (members.every((m) => isFile(m) || isFiles(m))) return { type: 'array', items: 'file', ...(members.some(isFile) ? { single: true } : {}) };
    // An upload or something else (a reference object, a URL): `@PATH` and `-` upload, other values parse as usual.
    const rest = members.filter((m) => !isFile(m) && !isFiles(m));
    const k = rest.length === 1 ? rest[0]! : unionKind(rest);
    const { description: _d, default: _v, ...kind } = k;
    return { ...kind, type: k.type === 'array' ? 'json' : k.type, items: undefined, upload: true };
  }
  const types = new Set(members.map((m) => m.type));
  if (types.size === 1 && !types.has('array')) {
    const type = [...types][0]!;
    const allChoices = members.every((m) => m.choices?.length);
    const choices = allChoices ? [...new Set(members.flatMap((m) => m.choices!))] : undefined;
    if (type === 'object') return { type, properties: mergeMemberProperties(members.map((m) => m.properties ?? [])) };
    return { type, choices };
  }
  if ([...types].every((t) => t === 'integer' || t === 'number')) return { type: 'number' };
  return { type: 'json' };
}

/**
 * The fields of a union's object members as one list: every field any member
 * has; required only where every member requires it; the choices of every
 * member that has it (`role: developer` | `role: user` | …), or none. A field
 * several members share merges their nested fields the same way, so that one
 * member's nested requirement never refuses another member's form.
 */
function mergeMemberProperties(lists: FlagProperty[][]): FlagProperty[] {
  const props = new Map<string, FlagProperty>();
  const nested = new Map<string, FlagProperty[][]>();
  for (const list of lists) {
    for (const p of list) {
      const seen = props.get(p.name);
      if (!seen) props.set(p.name, { ...p });
      else if (seen.type !== p.type || seen.items !== p.items) {
        seen.type = 'json';
        delete seen.items;
        delete seen.choices;
      } else if (seen.choices && p.choices) seen.choices = [...new Set([...seen.choices, ...p.choices])];
      else delete seen.choices;
      if (p.properties) (nested.get(p.name) ?? nested.set(p.name, []).get(p.name)!).push(p.properties);
    }
  }
  for (const p of props.values()) {
    p.required = lists.every((list) => list.some((x) => x.name === p.name && x.required)) || undefined;
    const inner = nested.get(p.name);
    if (p.type === 'json' || !inner) delete p.properties;
    else if (inner.length > 1) p.properties = mergeMemberProperties(inner);
  }
  return [...props.values()];
}

function propertiesOf(spec: NormalizedSpec, props: Array<{ name: string; required: boolean; shape: Shape }>, depth: number): FlagProperty[] {
  // Kebab spellings, as the official CLIs name fields (`--effective-at.gte`, `--x.subject-prefix`); a
  // spelling that would clash with another field's keeps only the JSON key.
  const taken = new Set(props.map((p) => p.name));
  return props.map((p) => {
    const k = kindOf(spec, p.shape, depth + 1);
    // Uploads nested inside an object field are not flags of their own: they go in a JSON/YAML value.
    const out: FlagProperty = { name: p.name, type: k.type === 'array' ? 'array' : k.type === 'file' ? 'json' : k.type };
    const kebab = kebabCase(p.name);
    if (kebab && kebab !== p.name && !taken.has(kebab)) {
      out.flag = kebab;
      taken.add(kebab);
    }
    if (k.type === 'array' && k.items) out.items = k.items === 'file' ? 'json' : k.items;
    // Nested fields are typed too: a string field keeps its text (`zip: 01234`), as at the first level.
    if (k.properties?.length && (out.type === 'object' || out.items === 'object')) out.properties = k.properties;
    if (p.required) out.required = true;
    if (k.choices?.length) out.choices = k.choices;
    // Nested fields' descriptions would only grow the table: help shows the first level's.
    if (k.description && depth === 0) out.description = oneLine(k.description);
    return out;
  });
}

function oneLine(text: string): string {
  return text.trim().split(/\n\s*\n/)[0]!.replace(/\s+/g, ' ');
}

/** Key flags and env vars of the API's security schemes after the first. */
function moreAuthOf(spec: NormalizedSpec): MoreAuth[] {
  return spec.auth.slice(1).map((a) => ({ flag: kebabCase(a.clientOption), env: a.envVar, clientOption: a.clientOption, ...(a.kind === 'basic' ? { basic: true } : {}) }));
}

/** The server URL's variables as global flags. */
export function serverVarsOf(spec: NormalizedSpec): ServerVarFlag[] {
  return (spec.info.serverVariables ?? []).map((v) => ({ flag: v.flag, env: v.envVar, clientOption: v.clientOption, default: v.default, ...(v.enum ? { choices: v.enum } : {}) }));
}

/** Flag names the runtime reserves (global flags, help). */
function reservedFlags(spec: NormalizedSpec): Set<string> {
  const auth = spec.auth[0];
  const linkLists = spec.operations.some((op) => pagesByLink(op.pagination));
  return new Set(globalFlags(auth ? { flag: kebabCase(auth.clientOption), env: '' } : undefined, '', moreAuthOf(spec), serverVarsOf(spec), headerOptionsOf(spec), linkLists).map((g) => g.flag).concat(['no-help']));
}

/**
 * `taken`: flags given so far; `claimed`: every param's own kebab name (the
 * importer makes those unique per operation), which a singular alias or a
 * location-prefixed rename never takes from a later param.
 */
function flagFor(spec: NormalizedSpec, p: Param, taken: Set<string>, claimed: Set<string>, reserved: Set<string>): FlagSpec {
  const k = kindOf(spec, p.schema);
  const plain = kebabCase(p.name);
  let flag = plain;
  const aliases: string[] = [];
  const free = (f: string) => !taken.has(f) && !reserved.has(f) && !claimed.has(f);
  if (k.type === 'array') {
    const singular = kebabCase(singularName(p.name));
    // `--project-id` for `project_ids` unless another param owns that name.
    if (singular !== plain && free(singular)) {
      flag = singular;
      aliases.push(plain);
    }
  }
  // A param named like a global flag (`format`, `help`) is `--query-format`.
  if (reserved.has(flag) || taken.has(flag)) {
    const base = `${p.in}-${flag}`;
    flag = base;
    for (let n = 2; !free(flag); n++) flag = `${base}-${n}`;
  }
  taken.add(flag);
  for (const a of aliases) taken.add(a);
  const f: FlagSpec = { flag, name: p.name, in: p.in, type: k.type, required: p.required };
  if (aliases.length) f.aliases = aliases;
  if (p.in === 'body' && p.wireName !== p.name) f.wire = p.wireName;
  if (k.items) f.items = k.items;
  if (k.single) f.single = true;
  if (k.upload) f.upload = true;
  if (k.choices?.length) f.choices = k.choices;
  if (typeof k.minimum === 'number') f.minimum = k.minimum;
  if (typeof k.maximum === 'number') f.maximum = k.maximum;
  if (k.proseFacets?.length) f.proseFacets = [...k.proseFacets];
  // A fixed param's one value is what the client sends when the flag is not given.
  const fallback = p.fixed ?? k.default;
  if (fallback !== undefined) f.default = fallback;
  const description = p.description ?? k.description;
  if (description) f.description = terminalText(description.trim());
  if (p.deprecated) f.deprecated = true;
  if (k.properties?.length) f.properties = k.properties;
  return f;
}

function commandFor(spec: NormalizedSpec, op: Operation, reserved: Set<string>): CommandSpec {
  const taken = new Set<string>();
  const claimed = new Set(op.params.map((p) => kebabCase(p.name)).filter((f) => !reserved.has(f)));
  // Path params first so they keep their plain names (`--project-id`).
  const ordered = [...op.params.filter((p) => p.in === 'path'), ...op.params.filter((p) => p.in !== 'path')];
  const byName = new Map(ordered.map((p) => [p.name, flagFor(spec, p, taken, claimed, reserved)]));
  const flags = op.params.map((p) => byName.get(p.name)!);
  const pathParams = op.params.filter((p) => p.in === 'path');
  const positional = pathParams[pathParams.length - 1]?.name;
  const cmd: CommandSpec = {
    group: op.names.cliGroup,
    command: op.names.cliCommand,
    key: op.key,
    clientPath: op.names.clientPath,
    http: op.httpMethod.toUpperCase(),
    path: op.path,
    positional,
    takesParams: op.params.some((p) => p.name !== positional) || (!!op.body && !op.body.flattened),
    flags,
    readOnly: op.hints.readOnly,
    destructive: op.hints.destructive,
    auth: requiresKey(op),
  };
  if (op.summary) cmd.summary = terminalText(op.summary.trim());
  if (op.description) cmd.description = terminalText(op.description.trim());
  if (op.deprecated) cmd.deprecated = true;
  if (op.body) {
    cmd.body = { required: op.body.required, contentType: op.body.contentType };
    if (!op.body.flattened) {
      const whole = op.params.find((p) => p.in === 'body') ?? wholeBodyParam(op);
      cmd.body.whole = whole?.name ?? 'body';
    }
    if (op.body.encoding) cmd.body.encoding = op.body.encoding;
    if (op.body.files?.length) cmd.body.files = [...op.body.files];
  }
  // The forms of a body that needs one of several fields (`--url` or `--html`), by param name, as the MCP call spec has them.
  const alternatives = requiredBodyAlternatives(op);
  if (alternatives) cmd.requiredAnyOf = alternatives.map((params) => params.map((p) => p.name));
  if (op.responseKind) cmd.response = op.responseKind;
  // Also a switch the client leaves to the caller (`stream_format: sse` on a binary download): the CLI reads the events itself.
  if (op.stream) {
    const sw = op.stream.switch;
    cmd.stream = !sw ? {} : sw.value === true ? { param: sw.param } : { param: sw.param, value: sw.value };
  }
  const pg = walkedPagination(op);
  if (pg) {
    const cursorParam = op.params.find((p) => p.wireName === pg.requestParam || p.name === pg.requestParam);
    const beforeParam = pg.beforeParam ? op.params.find((p) => p.wireName === pg.beforeParam && p.in === 'query') : undefined;
    cmd.pagination = {
      style: pg.style,
      requestParam: cursorParam?.name ?? pg.requestParam,
      cursorField: pg.cursorField,
      itemsField: pg.itemsField,
      ...(pg.hasMoreField ? { hasMoreField: pg.hasMoreField } : {}),
      ...(beforeParam ? { beforeParam: beforeParam.name } : {}),
      // Its pages also come by the `Link` header's next URL, which `--page-url` resumes at.
      ...(pg.linkHeader ? { linkHeader: true } : {}),
    };
  }
  return cmd;
}

/** Help and the README list a group's commands in the order people expect. */
const KIND_ORDER = ['list', 'create', 'retrieve', 'update', 'delete'];

export function buildCommandTable(spec: NormalizedSpec): CommandTable {
  const reserved = reservedFlags(spec);
  const ops = [...spec.operations].sort((a, b) => {
    const ga = a.names.cliGroup.localeCompare(b.names.cliGroup);
    if (ga) return ga;
    const ka = (i: number) => (i < 0 ? KIND_ORDER.length : i);
    return ka(KIND_ORDER.indexOf(a.names.cliCommand)) - ka(KIND_ORDER.indexOf(b.names.cliCommand)) || a.names.cliCommand.localeCompare(b.names.cliCommand);
  });
  const seen = new Map<string, string>();
  const commands = ops.map((op) => {
    const id = `${op.names.cliGroup} ${op.names.cliCommand}`;
    const other = seen.get(id);
    if (other) throw new GeneratorError(`operations ${other} and ${op.key} both map to the command '${id}'`, { pointer: op.pointer }, 'set a distinct method name in the target config');
    seen.set(id, op.key);
    return memoUnit(spec, 'cli:command', { op, reserved: [...reserved] }, 'json', (s) => commandFor(s, op, reserved));
  });
  const resources = new Map(spec.resources.map((r) => [r.key, r]));
  const groups: GroupSpec[] = [];
  for (const op of ops) {
    if (groups.some((g) => g.name === op.names.cliGroup)) continue;
    const r = resources.get(op.resource.join('.'));
    const g: GroupSpec = { name: op.names.cliGroup };
    if (r?.title) g.title = r.title;
    if (r?.description) g.description = oneLine(r.description);
    groups.push(g);
  }
  const auth = spec.auth[0];
  return {
    bin: spec.packages.cliBin,
    title: spec.info.title,
    version: packageVersion(spec, 'cli'),
    apiVersion: spec.info.version,
    ...(auth ? { auth: { flag: kebabCase(auth.clientOption), env: auth.envVar, clientOption: auth.clientOption, ...(auth.kind === 'basic' ? { basic: true } : {}) } } : {}),
    ...(spec.auth.length > 1 ? { moreAuth: moreAuthOf(spec) } : {}),
    ...(spec.info.serverVariables?.length ? { serverVariables: serverVarsOf(spec) } : {}),
    ...(spec.clientHeaders?.length ? { headerOptions: headerOptionsOf(spec) } : {}),
    baseURL: { env: spec.packages.baseURLEnv, default: spec.info.baseURL },
    groups,
    commands,
  };
}
