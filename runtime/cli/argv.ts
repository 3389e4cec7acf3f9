/**
 * Turns argv into a command, raw flag values and global options, using the
 * command table. Flags are matched in order, so global flags may come before
 * or after the command; command flags must come after it (their meaning
 * depends on it). Values are not typed here; see values.ts.
 */
import type { CommandSpec, CommandTable, FlagProperty, FlagSpec } from './table.js';
import { globalFlags, pagesByLink, parseDuration, UsageError, type GlobalFlag, type GlobalOptions } from './globals.js';
import { suggest } from '../shared/suggest.js';

export interface RawFlag {
  spec: FlagSpec;
  /** Dotted sub-path for object flags (`--effective-at.gt` → `gt`). */
  sub?: string;
  value: string | boolean;
  /** The flag as typed, for messages. */
  display: string;
}

export interface ParsedArgs {
  globals: GlobalOptions;
  /** Group or group prefix as typed (`admin:organization:projects`). */
  group?: string;
  command?: CommandSpec;
  positionals: string[];
  flags: RawFlag[];
  /** `completion <shell>`: the shell, or '' when missing. */
  completion?: string;
}

export interface TableIndex {
  table: CommandTable;
  globals: GlobalFlag[];
  globalByFlag: Map<string, GlobalFlag>;
  groups: Set<string>;
  /** group → command → spec. */
  commands: Map<string, Map<string, CommandSpec>>;
}

export function indexTable(table: CommandTable): TableIndex {
  const globals = globalFlags(
    table.auth,
    table.baseURL.env,
    table.moreAuth,
    table.serverVariables,
    table.headerOptions,
    table.commands.some((c) => pagesByLink(c.pagination)),
  );
  const commands = new Map<string, Map<string, CommandSpec>>();
  for (const c of table.commands) {
    let g = commands.get(c.group);
    if (!g) commands.set(c.group, (g = new Map()));
    g.set(c.command, c);
  }
  return {
    table,
    globals,
    globalByFlag: new Map(globals.map((g) => [g.flag, g])),
    groups: new Set(commands.keys()),
    commands,
  };
}

/** A field of an object flag by its kebab spelling (`subject-prefix`) or its JSON key (`subject_prefix`). */
export function findField(spec: FlagSpec, field: string): FlagProperty | undefined {
  return spec.properties?.find((p) => p.name === field) ?? spec.properties?.find((p) => p.flag === field);
}

/**
 * Finds a command flag by name, alias or dotted object path. The first field
 * after the dot comes back as its JSON key, whichever spelling was typed.
 */
export function findFlag(cmd: CommandSpec, name: string): { spec: FlagSpec; sub?: string } | undefined {
  for (const f of cmd.flags) if (f.flag === name || f.aliases?.includes(name)) return { spec: f };
  const dot = name.indexOf('.');
  if (dot > 0) {
    const head = name.slice(0, dot);
    for (const f of cmd.flags) {
      if (
        (f.flag === head || f.aliases?.includes(head)) &&
        (f.type === 'object' || f.type === 'json' || f.items === 'object')
      ) {
        const [field, ...rest] = name.slice(dot + 1).split('.');
        const key = findField(f, field!)?.name ?? field!;
        return { spec: f, sub: [key, ...rest].join('.') };
      }
    }
  }
  return undefined;
}

function isNumberLike(tok: string): boolean {
  return /^-\d/.test(tok);
}

export function parseArgv(argv: string[], ix: TableIndex): ParsedArgs {
  const out: ParsedArgs = { globals: {}, positionals: [], flags: [] };
  const bin = ix.table.bin;
  let endOfFlags = false;
  for (let i = 0; i < argv.length; i++) {
    const tok = argv[i]!;
    if (!endOfFlags && tok === '--') {
      endOfFlags = true;
      continue;
    }
    if (!endOfFlags && (tok === '-h' || tok === '--help')) {
      out.globals.help = true;
      continue;
    }
    if (!endOfFlags && tok.startsWith('--')) {
      const eq = tok.indexOf('=');
      let name = eq >= 0 ? tok.slice(2, eq) : tok.slice(2);
      const inline = eq >= 0 ? tok.slice(eq + 1) : undefined;
      let negated = false;
      // Value-taking flags consume the next token unless it is a flag (`--x`, `--`, `-h`, the only short one), as
      // argparse (the official CLI's parser) reads it: `--title --dry-run` must not send a request titled
      // "--dry-run". Numbers (`--max-items -1`), descending sorts (`--sort -created_at`) and stdin (`-`,
      // `-;filename=a.txt`) pass; a value that looks like a flag goes as --name=VALUE.
      const nextValue = (): string => {
        if (inline !== undefined) return inline;
        const next = argv[i + 1];
        if (next === undefined || next === '--' || next === '-h' || /^--[A-Za-z]/.test(next))
          throw new UsageError(
            next === undefined ? `flag --${name} needs a value` : `flag --${name} needs a value, not the flag ${next}`,
            `pass it as --${name} VALUE or --${name}=VALUE (the = form for a value that starts with -)`,
          );
        return argv[++i]!;
      };
      const boolValue = (): boolean | string => {
        if (inline !== undefined) return inline;
        const next = argv[i + 1];
        if (next === 'true' || next === 'false') return argv[++i]!;
        return !negated;
      };
      const g = ix.globalByFlag.get(name);
      if (g) {
        applyGlobal(out.globals, g, g.kind === 'boolean' ? boolValue() : nextValue());
        continue;
      }
      if (!out.command) {
        const where = out.group ? `for group ${out.group}` : 'before the command';
        const near = suggest(
          name,
          ix.globals.map((x) => x.flag),
        ).map((s) => `--${s}`);
        throw new UsageError(
          `unknown flag --${name} ${where}`,
          near.length
            ? `did you mean ${near.join(', ')}? Command flags go after the command.`
            : `run '${bin} --help' for the global flags; command flags go after the command`,
        );
      }
      let hit = findFlag(out.command, name);
      if (!hit && name.startsWith('no-')) {
        const base = findFlag(out.command, name.slice(3));
        if (base && base.spec.type === 'boolean' && !base.sub) {
          hit = base;
          negated = true;
          name = name.slice(3);
        }
      }
      if (!hit) {
        const cands = out.command.flags
          .flatMap((f) => [f.flag, ...(f.aliases ?? [])])
          .concat(ix.globals.map((x) => x.flag));
        // `--notification_channel.subject-prefix`: suggest for the part before the dot, keep the field.
        const dot = name.indexOf('.');
        const near =
          dot > 0
            ? suggest(name.slice(0, dot), cands).map((s) => `--${s}${name.slice(dot)}`)
            : suggest(name, cands).map((s) => `--${s}`);
        throw new UsageError(
          `unknown flag --${name} for '${out.command.group} ${out.command.command}'`,
          (near.length ? `did you mean ${near.join(', ')}? ` : '') +
            `run '${bin} ${out.command.group} ${out.command.command} --help'`,
        );
      }
      // `--file-search.enabled` alone means true, like a top-level boolean flag.
      const isBool = hit.sub
        ? hit.spec.properties?.find((p) => p.name === hit!.sub)?.type === 'boolean'
        : hit.spec.type === 'boolean';
      out.flags.push({ spec: hit.spec, sub: hit.sub, value: isBool ? boolValue() : nextValue(), display: `--${name}` });
      continue;
    }
    if (!endOfFlags && tok.startsWith('-') && tok.length > 1 && !isNumberLike(tok)) {
      throw new UsageError(`unknown option ${tok}`, `flags are long (--name); run '${bin} --help'`);
    }
    // A word: the group, then the command, then at most one positional value.
    if (out.completion !== undefined) {
      if (out.completion)
        throw new UsageError(`unexpected argument '${tok}'`, `usage: ${bin} completion bash|zsh|fish`);
      out.completion = tok;
    } else if (out.group === undefined && tok === 'completion' && !ix.groups.has(tok)) {
      out.completion = '';
    } else if (out.group === undefined && tok === 'help' && !ix.groups.has(tok) && !out.globals.help) {
      // `openai-admin help <group> [<command>]` reads like `--help`.
      out.globals.help = true;
    } else if (out.group === undefined) {
      out.group = tok;
      if (!ix.groups.has(tok) && !isGroupPrefix(ix, tok)) {
        const near = suggest(tok, [...ix.groups]);
        throw new UsageError(
          `unknown command group '${tok}'`,
          near.length ? `did you mean ${near.join(', ')}?` : `run '${bin} --help' for the list of groups`,
        );
      }
    } else if (!out.command) {
      const cmds = ix.commands.get(out.group);
      const cmd = cmds?.get(tok);
      if (!cmd) {
        if (!cmds) {
          // A prefix such as `admin:organization` followed by a word: maybe `admin:organization projects`.
          const near = suggest(`${out.group}:${tok}`, [...ix.groups]);
          throw new UsageError(
            `unknown command group '${out.group}'`,
            near.length ? `did you mean ${near.join(', ')}?` : `run '${bin} --help'`,
          );
        }
        const near = suggest(tok, [...cmds.keys()]);
        throw new UsageError(
          `unknown command '${tok}' in group ${out.group}`,
          near.length ? `did you mean '${out.group} ${near[0]}'?` : `run '${bin} ${out.group} --help' for its commands`,
        );
      }
      out.command = cmd;
    } else {
      out.positionals.push(tok);
    }
  }
  return out;
}

export function isGroupPrefix(ix: TableIndex, word: string): boolean {
  for (const g of ix.groups) if (g.startsWith(word + ':')) return true;
  return false;
}

function applyGlobal(g: GlobalOptions, flag: GlobalFlag, value: string | boolean): void {
  const name = `--${flag.flag}`;
  const target = g as Record<string, unknown>;
  switch (flag.kind) {
    case 'boolean': {
      if (typeof value === 'boolean') target[flag.key] = value;
      else if (value === 'true' || value === 'false') target[flag.key] = value === 'true';
      else throw new UsageError(`${name} takes true or false, got '${value}'`, `use ${name} or ${name}=false`);
      return;
    }
    case 'integer': {
      const s = String(value);
      if (!/^-?\d+$/.test(s)) throw new UsageError(`${name} expects an integer, got '${s}'`, `for example ${name} 10`);
      target[flag.key] = Number(s);
      return;
    }
    case 'header': {
      const s = String(value);
      const colon = s.indexOf(':');
      const header = colon > 0 ? s.slice(0, colon).trim() : '';
      // RFC 9110 token characters: a name fetch would refuse is a usage error, not a failed request.
      if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(header))
        throw new UsageError(
          // The value is not echoed: it may be a credential typed without its colon (`Authorization Bearer …`).
          `${name} expects 'NAME: VALUE' (a header name of letters, digits and -, then ':' and the value)`,
          `for example ${name} 'X-Request-Source: cli'`,
        );
      g.headers = [...(g.headers ?? []), [header, s.slice(colon + 1).trim()]];
      return;
    }
    case 'duration': {
      const ms = parseDuration(String(value));
      if (ms === undefined)
        throw new UsageError(
          `${name} expects a duration, got '${value}'`,
          `for example ${name} 30 (seconds), 500ms or 2m`,
        );
      target[flag.key] = ms;
      return;
    }
    default: {
      const s = String(value);
      if (flag.choices && !flag.choices.includes(s)) {
        throw new UsageError(
          `${name} must be one of ${flag.choices.join(', ')}, got '${s}'`,
          `for example ${name} ${flag.choices[1] ?? flag.choices[0]}`,
        );
      }
      if (flag.option)
        target[flag.key] = { ...(target[flag.key] as Record<string, string> | undefined), [flag.option]: s };
      else target[flag.key] = s;
    }
  }
}
