/**
 * The official CLI's published invocations, read at run time from the
 * multi-language reference in ../shared/seeds (never copied into the repo),
 * and the rule that says which of them our CLI must refuse.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NormalizedSpec, Operation, Shape } from '../../../generator/ir/types.js';
import { kebabCase, singularName } from '../../../generator/names.js';
import { sharedDir } from '../../support/shared.js';

export interface Invocation {
  /** The words after the program name, unquoted. */
  args: string[];
  /** The command as published, for messages. */
  text: string;
}

/** The seed file with the official CLI reference (`003_*.txt`). */
export function officialReferenceFile(): string {
  const dir = join(sharedDir, 'seeds');
  const file = readdirSync(dir).find((f) => /^003_.*\.txt$/.test(f));
  if (!file) throw new Error(`no 003_*.txt in ${dir}`);
  return join(dir, file);
}

/** Shell words of one command line: single and double quotes, backslash escapes. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      word = (word ?? '') + line.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? line.length : end;
    } else if (c === '"') {
      let text = '';
      for (i++; i < line.length && line[i] !== '"'; i++) text += line[i] === '\\' && i + 1 < line.length ? line[++i] : line[i];
      word = (word ?? '') + text;
    } else if (c === '\\' && i + 1 < line.length) {
      word = (word ?? '') + line[++i];
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else word = (word ?? '') + c;
  }
  if (word !== undefined) words.push(word);
  return words;
}

/**
 * Every ```cli block of the reference that runs `program`, one invocation per
 * command (continuation lines joined), without repeats. The reference is a
 * rendered diff: each line may start with its line number(s), which go.
 */
export function officialInvocations(text: string, program = 'openai'): Invocation[] {
  const lines = text.split('\n').map((l) => l.replace(/^\d+/, ''));
  const out = new Map<string, Invocation>();
  for (let i = 0; i < lines.length; i++) {
    if (!/^```cli\s*$/.test(lines[i]!.trim())) continue;
    let command = '';
    for (i++; i < lines.length && !lines[i]!.trim().startsWith('```'); i++) {
      const line = lines[i]!.trim();
      if (!line) continue;
      command += line.endsWith('\\') ? `${line.slice(0, -1)} ` : `${line}\n`;
    }
    for (const one of command.split('\n').map((c) => c.trim()).filter(Boolean)) {
      const [first, ...args] = shellWords(one);
      if (first === program && args.length) out.set(args.join('\u0000'), { args, text: one });
    }
  }
  return [...out.values()];
}

/** Flag names of an invocation (`--alert-id` → `alert-id`, `--a.b=1` → `a.b`). */
export function flagNames(args: string[]): string[] {
  return args.filter((a) => a.startsWith('--')).map((a) => a.slice(2).split('=')[0]!);
}

function resolve(spec: NormalizedSpec, shape: Shape, depth = 0): Shape {
  return shape.kind === 'ref' && depth < 20 && spec.types[shape.name] ? resolve(spec, spec.types[shape.name]!.shape, depth + 1) : shape;
}

/** Property names an object value may have (through refs, unions and array items). */
function fieldNames(spec: NormalizedSpec, shape: Shape, depth = 0): Set<string> | undefined {
  const s = resolve(spec, shape);
  if (depth > 5) return undefined;
  if (s.kind === 'object') return new Set(s.properties.map((p) => p.name));
  if (s.kind === 'array') return fieldNames(spec, s.items, depth + 1);
  if (s.kind === 'union') {
    const all = s.members.map((m) => fieldNames(spec, m, depth + 1));
    return all.some((x) => !x) ? undefined : new Set(all.flatMap((x) => [...x!]));
  }
  return undefined;
}

/**
 * The rule for a flag of a published invocation: it must name a parameter of
 * the operation in the normalized spec (by its kebab name, or the singular
 * kebab name of an array), and a dotted flag a field of that parameter's
 * object. Flags that fail it name fields the document no longer has.
 */
export function isParameterFlag(spec: NormalizedSpec, op: Operation, flag: string): boolean {
  const [head, field] = flag.split('.');
  const param = op.params.find((p) => kebabCase(p.name) === head || kebabCase(singularName(p.name)) === head);
  if (!param) return false;
  if (field === undefined) return true;
  const fields = fieldNames(spec, param.schema);
  return !fields || [...fields].some((f) => f === field || kebabCase(f) === field);
}

/** The operation an invocation runs (`<group> <command>`), if the normalized spec has it. */
export function operationOf(spec: NormalizedSpec, args: string[]): Operation | undefined {
  return spec.operations.find((o) => o.names.cliGroup === args[0] && o.names.cliCommand === args[1]);
}
