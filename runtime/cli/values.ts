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
import { parseFlowYaml } from './flow-yaml.js';

type Obj = Record<string, unknown>;

let yamlParse: ((src: string) => unknown) | undefined;

interface YamlModule {
  parse(src: string): unknown;
  stringify(value: unknown, options?: Record<string, unknown>): string;
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

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
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

/** Types the known properties of an object value and checks their choices. */
function typeObject(value: Obj, props: FlagProperty[] | undefined, where: string): Obj {
  if (!props?.length) return value;
  const out: Obj = {};
  // A flow value may spell fields as help does (`{subject-prefix: x}`): send the JSON key.
  for (const [key, v] of Object.entries(value))
    out[props.find((x) => x.flag === key && !(x.name in value))?.name ?? key] = v;
  for (const key of Object.keys(out)) {
    const p = props.find((x) => x.name === key);
    if (!p) continue;
    const v = out[key];
    if (p.type === 'array') {
      const list = Array.isArray(v) ? v : [v];
      out[key] = list.map((x) =>
        p.items && p.items !== 'object' && p.items !== 'json'
          ? coerceScalar(x, p.items, p.choices, `${where}.${p.flag ?? key}`)
          : x,
      );
    } else if (p.type !== 'object' && p.type !== 'json' && v !== null) {
      out[key] = coerceScalar(v, p.type, p.choices, `${where}.${p.flag ?? key}`);
    }
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
    v = await parseStructured(String(raw));
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

function propType(spec: FlagSpec, sub: string): FlagProperty | undefined {
  if (sub.includes('.')) return undefined;
  return spec.properties?.find((p) => p.name === sub);
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

function subValue(spec: FlagSpec, sub: string, raw: string | boolean, where: string): unknown {
  const p = propType(spec, sub);
  if (!p) return typeof raw === 'string' ? autoScalar(raw) : raw;
  const label = `${where}.${p.flag ?? sub}`;
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
          setPath(last, r.sub, subValue(spec, r.sub, r.value, where));
        } else items.push(await parseObjectValue(r.value, where));
      } else if (typeof r.value === 'string' && r.value.trimStart().startsWith('[')) {
        const list = await parseStructured(r.value).catch(() => undefined);
        if (!Array.isArray(list))
          throw new UsageError(
            `${where}: cannot parse '${r.value}' as a list`,
            `repeat the flag instead: ${where} a ${where} b`,
          );
        for (const x of list) items.push(spec.items === 'json' ? x : coerceScalar(x, spec.items, spec.choices, where));
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
        setPath(obj, r.sub, subValue(spec, r.sub, r.value, where));
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
