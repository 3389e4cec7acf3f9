/**
 * Help text at three levels: all groups, one group's commands (or the groups
 * under a prefix such as `admin:organization`), and one command's flags with
 * type, required mark, default, choices and the spec's description.
 */
import type { CommandSpec, FlagSpec } from './table.js';
import type { TableIndex } from './argv.js';
import type { GlobalFlag } from './globals.js';
import { streamSwitch } from './events.js';
import { requiredFormsText } from './values.js';

/** A Markdown list item's marker at the start of a line (`- `, `* `, `1. `). */
const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+/;

/** A Markdown code fence's line (```json, ~~~). */
const FENCE = /^\s*(```|~~~)/;
/** A Markdown table's line (`| field | meaning |`). */
const TABLE_ROW = /^\s*\|/;

/**
 * Paragraphs reflowed to `width`; a list item starts a line of its own (a
 * nested one keeps its indentation) and its continuation lines hang under its
 * text. Code in fences and Markdown tables keep their lines as written (the
 * fences themselves dropped, the code indented), where reflowing would run
 * JSON examples and table rows into one line.
 */
function wrap(text: string, width: number, indent: string): string {
  const out: string[] = [];
  let prose: string[] = [];
  const flush = () => {
    if (prose.some((l) => l.trim())) out.push(wrapProse(prose.join('\n'), width, indent), '');
    prose = [];
  };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (FENCE.test(line)) {
      const close = FENCE.exec(line)![1]!;
      flush();
      for (i++; i < lines.length && !lines[i]!.trimStart().startsWith(close); i++)
        out.push(`${indent}  ${lines[i]!.trimEnd()}`);
      out.push('');
    } else if (TABLE_ROW.test(line)) {
      flush();
      for (; i < lines.length && TABLE_ROW.test(lines[i]!); i++) out.push(`${indent}${lines[i]!.trim()}`);
      i--;
      out.push('');
    } else prose.push(line);
  }
  flush();
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

function wrapProse(text: string, width: number, indent: string): string {
  const out: string[] = [];
  for (const para of text.split(/\n\s*\n/)) {
    const blocks: string[] = [];
    for (const raw of para.split('\n')) {
      if (blocks.length === 0 || LIST_ITEM.test(raw)) blocks.push(LIST_ITEM.test(raw) ? raw.trimEnd() : raw.trim());
      else blocks[blocks.length - 1] += ` ${raw.trim()}`;
    }
    for (const block of blocks) {
      const marker = LIST_ITEM.exec(block);
      const nest = marker ? /^\s*/.exec(block)![0] : '';
      const hang = marker ? ' '.repeat(marker[0].length) : '';
      let line = '';
      let lead = indent + nest;
      for (const word of block.split(/\s+/).filter(Boolean)) {
        if (line && lead.length - indent.length + line.length + 1 + word.length > width) {
          out.push(lead + line);
          lead = indent + hang;
          line = word;
        } else line = line ? `${line} ${word}` : word;
      }
      if (line) out.push(lead + line);
    }
    out.push('');
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

/** First paragraph only: spec descriptions can run to pages. */
function firstParagraph(text: string | undefined): string {
  return (text ?? '')
    .trim()
    .split(/\n\s*\n/)[0]!
    .replace(/\s+/g, ' ');
}

function rows(pairs: Array<[string, string]>, width: number, maxLeft = 34): string {
  const left = Math.min(maxLeft, Math.max(...pairs.map(([a]) => a.length)) + 2);
  return pairs
    .map(([a, b]) => {
      const text = wrap(b, Math.max(30, width - left - 2), ' '.repeat(left + 2)).trimStart();
      return a.length + 2 > left ? `  ${a}\n${' '.repeat(left + 2)}${text}` : `  ${a.padEnd(left)}${text}`;
    })
    .join('\n');
}

function globalRows(globals: GlobalFlag[], width: number): string {
  return rows(
    globals.map((g) => [
      `--${g.flag}${g.value ? ' ' + g.value : ''}`,
      g.description + (g.choices ? ` (${g.choices.join('|')})` : ''),
    ]),
    width,
  );
}

export function rootHelp(ix: TableIndex, width: number): string {
  const { table } = ix;
  const groups = [...ix.commands.keys()].sort();
  const summary = (g: string) => [...ix.commands.get(g)!.keys()].join(', ');
  return [
    `${table.bin} ${table.version}: command-line interface for the ${table.title} (API ${table.apiVersion}).`,
    '',
    'Usage:',
    `  ${table.bin} <group> <command> [flags]`,
    `  ${table.bin} <group> --help           list a group's commands`,
    `  ${table.bin} <group> <command> --help show a command's flags`,
    `  ${table.bin} completion bash|zsh|fish print a shell completion script`,
    '',
    'Groups:',
    rows(
      groups.map((g) => [g, summary(g)]),
      width,
      48,
    ),
    '',
    'Global flags (before or after the command):',
    globalRows(ix.globals, width),
    '',
  ].join('\n');
}

export function groupHelp(ix: TableIndex, group: string, width: number): string {
  const { table } = ix;
  const cmds = ix.commands.get(group);
  const spec = table.groups.find((g) => g.name === group);
  const sub = [...ix.groups].filter((g) => g.startsWith(group + ':')).sort();
  const parts: string[] = [];
  if (cmds) {
    parts.push(`Usage: ${table.bin} ${group} <command> [flags]`, '');
    if (spec?.title) parts.push(spec.title + (spec.description ? `: ${firstParagraph(spec.description)}` : ''), '');
    parts.push(
      'Commands:',
      rows(
        [...cmds.values()].map((c) => [
          c.command,
          `${c.deprecated ? '(deprecated) ' : ''}${firstParagraph(c.summary ?? c.description)}`,
        ]),
        width,
      ),
      '',
    );
  } else parts.push(`Groups under ${group}:`, '');
  if (sub.length)
    parts.push(
      ...(cmds ? ['Sub-groups:'] : []),
      rows(
        sub.map((g) => [g, [...ix.commands.get(g)!.keys()].join(', ')]),
        width,
        48,
      ),
      '',
    );
  parts.push(`Run '${table.bin} ${cmds ? group + ' <command>' : '<group>'} --help' for more.`, '');
  return parts.join('\n');
}

export function typeLabel(f: FlagSpec): string {
  if (f.choices?.length && f.choices.length <= 6) return f.choices.join('|');
  if (f.type === 'file' || f.items === 'file') return '@PATH';
  const label = f.type === 'array' ? (f.items ?? 'value') : f.type;
  return f.upload ? `@PATH|${label}` : label;
}

function flagNotes(f: FlagSpec): string {
  const notes: string[] = [];
  if (f.required) notes.push('required');
  if (f.type === 'array') notes.push(f.items === 'file' ? 'repeatable: one file each' : 'repeatable');
  if (f.deprecated) notes.push('deprecated');
  const head = notes.length ? `(${notes.join(', ')}) ` : '';
  const description = firstParagraph(f.description);
  // A description without a full stop would run into what follows ("Automation type Choices: …").
  let text = head + (description && !/[.!?:;)]$/.test(description) ? `${description}.` : description);
  if (f.choices && f.choices.length > 6) text += ` Choices: ${f.choices.join(', ')}.`;
  if (f.minimum !== undefined || f.maximum !== undefined) {
    const prose = f.proseFacets?.some((x) => x === 'minimum' || x === 'maximum');
    text += ` Range: ${f.minimum ?? '…'}..${f.maximum ?? '…'}${prose ? ' (per the description; not enforced)' : ''}.`;
  }
  if (f.properties?.length)
    text += ` Fields: ${f.properties.map((p) => `${p.flag ?? p.name}${p.required ? '*' : ''} ${p.type === 'array' ? `${p.items ?? 'value'}[]` : p.choices?.length ? p.choices.join('|') : p.type}`).join(', ')} (as --${f.flag}.FIELD or '{FIELD: VALUE}').`;
  if (f.default !== undefined) {
    text += ` (default: ${typeof f.default === 'string' ? f.default : JSON.stringify(f.default)}${f.proseFacets?.includes('default') ? ', per the description' : ''})`;
  }
  if (f.aliases?.length) text += ` Also --${f.aliases.join(', --')}.`;
  return text.trim();
}

export function commandHelp(ix: TableIndex, cmd: CommandSpec, width: number): string {
  const { table } = ix;
  const required = cmd.flags.filter((f) => f.required).map((f) => `--${f.flag} <${typeLabel(f)}>`);
  const parts: string[] = [];
  const summary = firstParagraph(cmd.summary ?? cmd.description);
  const lead = [summary, cmd.deprecated ? '(deprecated)' : ''].filter(Boolean).join(' ');
  if (lead) parts.push(wrap(lead, width, ''), '');
  // The description below the route, less a first paragraph that already leads (a missing or repeated summary).
  const paragraphs = cmd.description?.trim().split(/\n\s*\n/) ?? [];
  const rest = (
    paragraphs[0] !== undefined && firstParagraph(paragraphs[0]) === summary ? paragraphs.slice(1) : paragraphs
  ).join('\n\n');
  parts.push(
    `Usage: ${table.bin} ${cmd.group} ${cmd.command}${required.length ? ' ' + required.join(' ') : ''} [flags]`,
    '',
  );
  parts.push(`${cmd.http} ${cmd.path}${cmd.pagination ? '  (paginated: lists every page up to --max-items)' : ''}`, '');
  const forms = requiredFormsText(cmd);
  if (forms) parts.push(`Needs ${forms} (flags or --data fields).`, '');
  if (rest.trim()) parts.push(wrap(rest.trim(), width, ''), '');
  if (cmd.flags.length) {
    parts.push(
      'Flags:',
      rows(
        cmd.flags.map((f) => [`--${f.flag} ${typeLabel(f)}`, flagNotes(f)]),
        width,
      ),
      '',
    );
  }
  if (cmd.positional) {
    const f = cmd.flags.find((x) => x.name === cmd.positional);
    if (f)
      parts.push(
        `--${f.flag} may also be given as the only argument: ${table.bin} ${cmd.group} ${cmd.command} <${f.name}>`,
        '',
      );
  }
  parts.push(...ioNotes(cmd, table.bin, width));
  parts.push('Global flags:', globalRows(ix.globals, width), '');
  return parts.join('\n');
}

/** How the command's body goes in and its result comes out, when that is not plain JSON. */
function ioNotes(cmd: CommandSpec, bin: string, width: number): string[] {
  const notes: string[] = [];
  const usage = `${bin} ${cmd.group} ${cmd.command}`;
  const enc = cmd.body?.encoding;
  if (enc === 'raw') {
    notes.push(
      `Body: sent as-is (${cmd.body!.contentType}): --data @FILE or --data - (both streamed), --data '<text>', or piped stdin.`,
    );
  } else if (cmd.body) {
    notes.push(
      `Body: --data @file.json|@file.yaml|-|'<json>', or piped stdin when no body flag is given; flags override its fields.`,
    );
  }
  const files = cmd.flags.filter((f) => f.type === 'file' || f.items === 'file' || f.upload);
  if (files.length) {
    const how =
      enc === 'json-or-multipart'
        ? 'a file makes the request multipart/form-data (JSON otherwise)'
        : 'sent as multipart/form-data';
    notes.push(
      `Files (${files.map((f) => `--${f.flag}`).join(', ')}): @PATH or a path, - for stdin; add ;type=MIME or ;filename=NAME as curl does. Streamed from disk, never read whole; ${how}.`,
    );
  }
  if (enc === 'form') notes.push('Body: sent as application/x-www-form-urlencoded.');
  if (cmd.stream) {
    const sw = streamSwitch(cmd);
    notes.push(
      `${sw ? `Streaming: with ${sw}, events` : 'Streaming: this command always streams; events'} print as JSONL as they arrive (--format json: one array at the end; yaml: a document each; pretty: coloured, strings as text). --transform applies per event. Ctrl-C stops the request (exit 130).`,
    );
  }
  if (cmd.response === 'binary')
    notes.push(
      `Output: binary data${sw(cmd)}, written to --output FILE (atomically) or to a pipe (${usage} > FILE); never to a terminal.`,
    );
  if (cmd.response === 'text')
    notes.push('Output: text, printed as it comes (--format json prints it as a JSON string).');
  return notes.flatMap((n) => [wrap(n, width, ''), '']);
}

function sw(cmd: CommandSpec): string {
  const s = streamSwitch(cmd);
  return s ? ` (events instead with ${s})` : '';
}
