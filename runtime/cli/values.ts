/**
 * Typed values from raw flags: scalars are checked against their type and
 * enum choices, arrays collect repeated flags, objects take a JSON/YAML flow
 * value and/or dotted sub-flags. The result is the params object handed to
 * the client method, plus the positional argument. Every problem here is a
 * UsageError (exit 2), raised before any request is made.
 */
import type { CommandSpec, FlagProperty, FlagSpec, FlagType } from './table.js';
import { findField, type RawFlag } from './argv.js';
import { UsageError } from './globals.js';
import { looksLikeUpload } from './uploads.js';
import { suggest } from '../shared/suggest.js';
import { parseFlowYaml, PlainScalar } from './flow-yaml.js';

type Obj = Record<string, unknown>;

let yamlParse: ((src: string) => unknown) | undefined;

/** The parts of a YAML node a flag value is read from (the `yaml` package's Document API). */
interface YamlNode {
  items?: Array<YamlNode & { key?: YamlNode; value?: YamlNode }>;
  value?: unknown;
  type?: string;
  source?: string;
}

interface YamlModule {
  parse(src: string): unknown;
  stringify(value: unknown, options?: Record<string, unknown>): string;
  parseDocument(src: string): { errors: Error[]; contents: YamlNode | null };
  isMap(node: unknown): boolean;
  isSeq(node: unknown): boolean;
  isScalar(node: unknown): boolean;
}

/** The YAML package, loaded on first use; bundled CommonJS shows up as `default`. */
export async function loadYaml(): Promise<YamlModule> {
  const mod = (await import('yaml')) as unknown as YamlModule & { default?: YamlModule };
  return typeof mod.parse === 'function' ? mod : mod.default!;
}

/** JSON first (fast, no import), then the common YAML flow values; the YAML package only for the rest. */
export async function parseStructured(text: string): Promise<unknown> {
  try {
    return JSON.parse(text);
  } catch {
    const flow = parseFlowYaml(text);
    if (flow !== undefined) return flow;
    if (!yamlParse) yamlParse = (await loadYaml()).parse;
    return yamlParse(text);
  }
}

/**
 * A flag's JSON or YAML value, with the text of each plain scalar that YAML
 * would read as a number, boolean or null kept beside it (PlainScalar), so
 * that a field the schema types as a string gets what was typed (`{zip:
 * 01234}` sends "01234"); settle() gives every other scalar its YAML value.
 * JSON is taken as written.
 */
async function parseFlagValue(text: string): Promise<unknown> {
  try {
    return JSON.parse(text);
  } catch {
    const flow = parseFlowYaml(text, true);
    if (flow !== undefined) return flow;
    const yaml = await loadYaml();
    const doc = yaml.parseDocument(text);
    if (doc.errors.length) throw doc.errors[0];
    const read = (node: YamlNode | null | undefined): unknown => {
      if (yaml.isMap(node))
        return Object.fromEntries(
          (node!.items ?? []).map((pair) => [String(settle(read(pair.key))), read(pair.value)]),
        );
      if (yaml.isSeq(node)) return (node!.items ?? []).map(read);
      if (yaml.isScalar(node)) {
        const { value, type, source } = node!;
        return type === 'PLAIN' && typeof value !== 'string' && typeof source === 'string'
          ? new PlainScalar(source, value)
          : value;
      }
      // Aliases and other nodes: what the plain parse gives.
      throw new Error('not a plain node');
    };
    try {
      return read(doc.contents);
    } catch {
      return yaml.parse(text);
    }
  }
}

/** `value` with every PlainScalar left (a field the schema does not type) replaced by its YAML value. */
function settle(value: unknown): unknown {
  if (value instanceof PlainScalar) return value.value;
  if (Array.isArray(value)) return value.map(settle);
  if (isObj(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, settle(v)]));
  return value;
}

/** A scalar for a field typed `type`: a string field takes a plain scalar's text. */
function scalarFor(v: unknown, type: FlagType | undefined): unknown {
  if (!(v instanceof PlainScalar)) return v;
  return type === 'string' ? v.text : v.value;
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof PlainScalar);
}

function example(type: FlagType | undefined, choices?: unknown[]): string {
  if (choices?.length) return String(choices[0]);
  switch (type) {
    case 'integer':
      return '10';
    case 'number':
      return '1.5';
    case 'boolean':
      return 'true';
    case 'object':
      return "'{key: value}'";
    case 'file':
      return '@PATH (or - for stdin)';
    default:
      return 'VALUE';
  }
}

/** Checks one scalar against a type and choices; `where` names the flag in messages. */
export function coerceScalar(
  raw: unknown,
  type: FlagType | undefined,
  choices: FlagSpec['choices'],
  where: string,
): unknown {
  let value: unknown = raw;
  const s = typeof raw === 'string' ? raw : undefined;
  const bad = (what: string) =>
    new UsageError(`${where} expects ${what}, got '${String(raw)}'`, `for example ${where} ${example(type, choices)}`);
  switch (type) {
    case 'integer':
      if (s !== undefined) {
        if (!/^-?\d+$/.test(s.trim())) throw bad('an integer');
        value = Number(s);
      } else if (typeof raw !== 'number' || !Number.isInteger(raw)) throw bad('an integer');
      break;
    case 'number':
      if (s !== undefined) {
        if (s.trim() === '' || !Number.isFinite(Number(s))) throw bad('a number');
        value = Number(s);
      } else if (typeof raw !== 'number') throw bad('a number');
      break;
    case 'boolean':
      if (s !== undefined) {
        if (s !== 'true' && s !== 'false') throw bad('true or false');
        value = s === 'true';
      } else if (typeof raw !== 'boolean') throw bad('true or false');
      break;
    case 'string':
      if (typeof raw === 'number' || typeof raw === 'boolean') value = String(raw);
      else if (typeof raw !== 'string') throw bad('a string');
      break;
    default:
      break;
  }
  if (choices?.length && !choices.some((c) => c === value || String(c) === String(value))) {
    const near = suggest(String(value), choices.map(String), 1);
    const list =
      choices.length > 12 ? `${choices.slice(0, 12).join(', ')}, … (${choices.length} in all)` : choices.join(', ');
    throw new UsageError(
      `${where}: '${String(value)}' is not one of ${list}`,
      near.length ? `did you mean ${near[0]}?` : `see --help for the choices`,
    );
  }
  return value;
}

/** An untyped dotted value (`--x.y 10`): number, boolean or null when it looks like one. */
function autoScalar(raw: string): unknown {
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (raw === 'true' || raw === 'false') return raw === 'true';
  if (raw === 'null') return null;
  return raw;
}

/**
 * Types the known properties of an object value (nested ones too) and checks
 * their choices; what the schema does not type gets its YAML value.
 */
function typeObject(value: Obj, props: FlagProperty[] | undefined, where: string): Obj {
  if (!props?.length) return settle(value) as Obj;
  const out: Obj = {};
  // A flow value may spell fields as help does (`{subject-prefix: x}`): send the JSON key.
  for (const [key, v] of Object.entries(value))
    out[props.find((x) => x.flag === key && !(x.name in value))?.name ?? key] = v;
  for (const key of Object.keys(out)) {
    const p = props.find((x) => x.name === key);
    out[key] = p ? typeField(out[key], p, `${where}.${p.flag ?? key}`) : settle(out[key]);
  }
  for (const p of props) {
    if (p.required && !(p.name in out)) {
      throw new UsageError(
        `${where} is missing its field '${p.flag ?? p.name}'`,
        `for example ${where}.${p.flag ?? p.name} ${example(p.type, p.choices)}`,
      );
    }
  }
  return out;
}

/** One field's value as its property types it: scalars coerced, objects (and lists of them) typed field by field. */
function typeField(v: unknown, p: FlagProperty, label: string): unknown {
  if (p.type === 'array') {
    const list = Array.isArray(v) ? v : [v];
    return list.map((x) =>
      p.items === 'object' && isObj(x)
        ? typeObject(x, p.properties, label)
        : p.items && p.items !== 'object' && p.items !== 'json'
          ? coerceScalar(scalarFor(x, p.items), p.items, p.choices, label)
          : settle(x),
    );
  }
  if (p.type === 'object' && isObj(v)) return typeObject(v, p.properties, label);
  if (p.type === 'object' || p.type === 'json' || v === null) return settle(v);
  if (v instanceof PlainScalar && v.value === null) return null;
  return coerceScalar(scalarFor(v, p.type), p.type, p.choices, label);
}

/** The value at `a.b.c` inside an object, if every step is an object. */
function getPath(target: Obj, path: string): unknown {
  let cur: unknown = target;
  for (const part of path.split('.')) cur = isObj(cur) ? cur[part] : undefined;
  return cur;
}

/** Sets `a.b.c` inside an object, creating intermediate objects. */
function setPath(target: Obj, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = target;
  for (const part of parts.slice(0, -1)) {
    if (!isObj(cur[part])) cur[part] = {};
    cur = cur[part] as Obj;
  }
  cur[parts[parts.length - 1]!] = value;
}

async function parseObjectValue(raw: string | boolean, where: string): Promise<Obj> {
  let v: unknown;
  try {
    v = await parseFlagValue(String(raw));
  } catch (e) {
    throw new UsageError(
      `${where}: cannot parse '${String(raw)}' as JSON or YAML (${(e as Error).message.split('\n')[0]})`,
      `for example ${where} '{key: value}'`,
    );
  }
  if (!isObj(v))
    throw new UsageError(
      `${where} expects an object, got '${String(raw)}'`,
      `for example ${where} '{key: value}' or ${where}.key value`,
    );
  return v;
}

/**
 * The property a dotted path names (`address.zip`), through nested objects,
 * and the path as help spells it; undefined where the schema stops.
 */
function propType(spec: FlagSpec, sub: string): { prop: FlagProperty; path: string } | undefined {
  let props = spec.properties;
  let found: FlagProperty | undefined;
  const spelled: string[] = [];
  for (const part of sub.split('.')) {
    found = props?.find((p) => p.name === part) ?? props?.find((p) => p.flag === part);
    if (!found) return undefined;
    spelled.push(found.flag ?? found.name);
    props = found.properties;
  }
  return found && { prop: found, path: spelled.join('.') };
}

function checkSub(spec: FlagSpec, sub: string, where: string): void {
  const head = sub.split('.')[0]!;
  if (spec.properties?.length && !spec.properties.some((p) => p.name === head)) {
    // Typos of either spelling find the field; the hint names its kebab form.
    const near = suggest(
      head,
      spec.properties.flatMap((p) => (p.flag ? [p.flag, p.name] : [p.name])),
    );
    const field = near.length ? findField(spec, near[0]!) : undefined;
    throw new UsageError(
      `unknown field '${head}' in ${where}`,
      `fields: ${spec.properties.map((p) => p.flag ?? p.name).join(', ')}${field ? `; did you mean --${spec.flag}.${field.flag ?? field.name}?` : ''}`,
    );
  }
}

async function subValue(spec: FlagSpec, sub: string, raw: string | boolean, where: string): Promise<unknown> {
  const typed = propType(spec, sub);
  if (!typed) return typeof raw === 'string' ? autoScalar(raw) : raw;
  const p = typed.prop;
  const label = `${where}.${typed.path}`;
  // An object or list field given as one value (`--person.address '{zip: "01234"}'`) is parsed, then typed.
  if (
    (p.type === 'object' || p.type === 'json' || p.type === 'array') &&
    typeof raw === 'string' &&
    /^\s*[{[]/.test(raw)
  ) {
    let parsed: unknown;
    try {
      parsed = await parseFlagValue(raw);
    } catch (e) {
      throw new UsageError(
        `${label}: cannot parse '${raw}' as JSON or YAML (${(e as Error).message.split('\n')[0]})`,
        `for example ${label} '{key: value}'`,
      );
    }
    return typeField(parsed, p, label);
  }
  if (p.type === 'array')
    return String(raw)
      .split(',')
      .map((x) => coerceScalar(x, p.items, p.choices, label));
  if (p.type === 'object' || p.type === 'json') return typeof raw === 'string' ? autoScalar(raw) : raw;
  return coerceScalar(raw, p.type, p.choices, label);
}

/** The value of one flag from all its occurrences. */
async function flagValue(spec: FlagSpec, raws: RawFlag[], warnings: string[]): Promise<unknown> {
  const where = `--${spec.flag}`;
  const last = raws[raws.length - 1]!;
  // Files stay as their flag values (`@PATH`, a path, `-`) until uploads.ts checks them.
  if (spec.type === 'file') return String(last.value);
  if (spec.upload && !last.sub && typeof last.value === 'string' && looksLikeUpload(last.value)) return last.value;
  if (spec.type === 'array') {
    const items: unknown[] = [];
    for (const r of raws) {
      if (spec.items === 'file') items.push(String(r.value));
      else if (spec.items === 'object') {
        if (r.sub) {
          // `--project.id a --project.role b`: fill the last item until a field repeats.
          checkSub(spec, r.sub, where);
          let last = items[items.length - 1] as Obj | undefined;
          if (!isObj(last) || r.sub.split('.')[0]! in last) items.push((last = {}));
          setPath(last, r.sub, await subValue(spec, r.sub, r.value, where));
        } else items.push(await parseObjectValue(r.value, where));
      } else if (typeof r.value === 'string' && r.value.trimStart().startsWith('[')) {
        const list = await parseFlagValue(r.value).catch(() => undefined);
        if (!Array.isArray(list))
          throw new UsageError(
            `${where}: cannot parse '${r.value}' as a list`,
            `repeat the flag instead: ${where} a ${where} b`,
          );
        for (const x of list)
          items.push(
            spec.items === 'json' ? settle(x) : coerceScalar(scalarFor(x, spec.items), spec.items, spec.choices, where),
          );
      } else if (spec.items === 'json') items.push(await parseStructured(String(r.value)).catch(() => r.value));
      else items.push(coerceScalar(r.value, spec.items, spec.choices, where));
    }
    // `file | file[]`: one file goes alone, as the schema allows.
    if (spec.single && items.length === 1) return items[0];
    return spec.items === 'object' ? items.map((x) => typeObject(x as Obj, spec.properties, where)) : items;
  }
  if (spec.type === 'object' || (spec.type === 'json' && raws.some((r) => r.sub))) {
    let obj: Obj = {};
    for (const r of raws) {
      if (r.sub) {
        checkSub(spec, r.sub, where);
        const value = await subValue(spec, r.sub, r.value, where);
        // A list field's dotted flag repeats as a list flag does: `--filter.id 3 --filter.id 4` sends both.
        const before = propType(spec, r.sub)?.prop.type === 'array' ? getPath(obj, r.sub) : undefined;
        setPath(obj, r.sub, Array.isArray(before) && Array.isArray(value) ? [...before, ...value] : value);
      } else obj = { ...obj, ...(await parseObjectValue(r.value, where)) };
    }
    return typeObject(obj, spec.properties, where);
  }
  if (spec.type === 'json') {
    if (typeof last.value !== 'string') return last.value;
    return parseStructured(last.value).catch(() => last.value);
  }
  return inRange(coerceScalar(last.value, spec.type, spec.choices, where), spec, where, warnings);
}

function rangeText(minimum: number | undefined, maximum: number | undefined): string {
  if (minimum !== undefined && maximum !== undefined) return `between ${minimum} and ${maximum}`;
  return minimum !== undefined ? `at least ${minimum}` : `at most ${maximum}`;
}

/**
 * Bounds of a number flag. A bound the schema declares refuses the value
 * ("--limit: 500 is out of range; the API accepts between 1 and 100", exit 2).
 * A bound read only from the description (`proseFacets`) is documentation that
 * may be stale: it adds a warning and the value is sent for the server to judge.
 */
function inRange(value: unknown, spec: FlagSpec, where: string, warnings: string[]): unknown {
  if (typeof value !== 'number') return value;
  const prose = spec.proseFacets ?? [];
  const min = prose.includes('minimum') ? undefined : spec.minimum;
  const max = prose.includes('maximum') ? undefined : spec.maximum;
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    throw new UsageError(
      `${where}: ${value} is out of range; the API accepts ${rangeText(min, max)}`,
      `for example ${where} ${Math.min(Math.max(min ?? value, 10), max ?? 10)}`,
    );
  }
  const { minimum, maximum } = spec;
  if ((minimum !== undefined && value < minimum) || (maximum !== undefined && value > maximum)) {
    warnings.push(
      `${where}: ${value} is outside the range the API's description states (${rangeText(minimum, maximum)}); sending it anyway`,
    );
  }
  return value;
}

/** The flag of a param, by name. */
function flagOf(cmd: CommandSpec, name: string): FlagSpec | undefined {
  return cmd.flags.find((f) => f.name === name);
}

/**
 * The forms of a body that needs one of several fields, as flags:
 * `--url or --html`, `--first-name and --last-name, or --email`.
 */
export function requiredFormsText(cmd: CommandSpec): string | undefined {
  const forms = cmd.requiredAnyOf?.map((names) => names.map((n) => `--${flagOf(cmd, n)?.flag ?? n}`).join(' and '));
  if (!forms?.length) return undefined;
  if (cmd.requiredAnyOf!.some((names) => names.length > 1)) return forms.join(', or ');
  return `${forms.slice(0, -1).join(', ')} or ${forms.at(-1)}`;
}

/** A usage error when the call sets none of the command's required forms (flags and --data fields count alike). */
function checkRequiredForms(cmd: CommandSpec, params: Obj, help: string): void {
  const given = (name: string) => params[name] !== undefined && params[name] !== null;
  if (!cmd.requiredAnyOf?.length || cmd.requiredAnyOf.some((names) => names.every(given))) return;
  const first = cmd.requiredAnyOf[0]!.map((n) => flagOf(cmd, n)).filter((f): f is FlagSpec => f !== undefined);
  throw new UsageError(
    `'${cmd.group} ${cmd.command}' needs ${requiredFormsText(cmd)}`,
    `for example ${first.map((f) => `--${f.flag} ${example(f.type === 'array' ? f.items : f.type, f.choices)}`).join(' ')}; ${help}`,
  );
}

export interface BuiltCall {
  positional?: unknown;
  params: Obj;
  /** Notes for stderr that do not stop the request (a value outside a range stated only in prose). */
  warnings: string[];
}

/**
 * Merges the body (from --data or stdin) with typed flags (flags win), checks
 * required flags, and splits off the positional param.
 */
export async function buildCall(
  cmd: CommandSpec,
  flags: RawFlag[],
  positionals: string[],
  body: unknown,
  bin: string,
): Promise<BuiltCall> {
  const params: Obj = {};
  const warnings: string[] = [];
  const help = `run '${bin} ${cmd.group} ${cmd.command} --help'`;
  if (body !== undefined) {
    if (cmd.body?.whole) params[cmd.body.whole] = body;
    else {
      if (!isObj(body)) throw new UsageError('the request body must be an object (JSON or YAML mapping)', help);
      for (const [k, v] of Object.entries(body)) {
        const spec =
          cmd.flags.find((f) => f.in === 'body' && (f.wire ?? f.name) === k) ?? cmd.flags.find((f) => f.name === k);
        params[spec ? spec.name : k] = v;
      }
    }
  }
  const bySpec = new Map<FlagSpec, RawFlag[]>();
  for (const r of flags) {
    const list = bySpec.get(r.spec);
    if (list) list.push(r);
    else bySpec.set(r.spec, [r]);
  }
  for (const [spec, raws] of bySpec) params[spec.name] = await flagValue(spec, raws, warnings);

  if (positionals.length > 1 || (positionals.length === 1 && !cmd.positional)) {
    throw new UsageError(`unexpected argument '${positionals[cmd.positional ? 1 : 0]}'`, `values go in flags; ${help}`);
  }
  if (positionals.length === 1 && cmd.positional) {
    const spec = cmd.flags.find((f) => f.name === cmd.positional)!;
    if (bySpec.has(spec)) throw new UsageError(`--${spec.flag} is given twice (flag and argument)`, `drop one of them`);
    params[cmd.positional] = inRange(
      coerceScalar(positionals[0], spec.type, spec.choices, `--${spec.flag}`),
      spec,
      `--${spec.flag}`,
      warnings,
    );
  }
  for (const f of cmd.flags) {
    if (f.required && (params[f.name] === undefined || params[f.name] === null)) {
      throw new UsageError(
        `missing required flag --${f.flag} for '${cmd.group} ${cmd.command}'`,
        `for example --${f.flag} ${example(f.type === 'array' ? f.items : f.type, f.choices)}; ${help}`,
      );
    }
    if (f.in === 'path' && params[f.name] !== undefined && String(params[f.name]) === '') {
      throw new UsageError(`--${f.flag} must not be empty`, help);
    }
  }
  checkRequiredForms(cmd, params, help);
  if (cmd.body?.whole && cmd.body.required && params[cmd.body.whole] === undefined) {
    throw new UsageError(
      `missing request body for '${cmd.group} ${cmd.command}'`,
      `pass --data @file.json, --data '<json>' or pipe it on stdin`,
    );
  }
  let positional: unknown;
  if (cmd.positional) {
    positional = params[cmd.positional];
    delete params[cmd.positional];
  }
  return { positional, params, warnings };
}
