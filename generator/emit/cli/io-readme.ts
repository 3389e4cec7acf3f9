/**
 * Examples for the generated CLI README's section on streams, uploads,
 * downloads and non-JSON bodies, taken from the command table so each
 * target's README shows its own commands (and leaves out what it lacks).
 */
import type { CommandSpec, CommandTable, FlagSpec } from '../../../runtime/cli/table.js';
import { typeLabel } from '../../../runtime/cli/help.js';
import { streamSwitch } from '../../../runtime/cli/events.js';

const isFileFlag = (f: FlagSpec) => f.type === 'file' || f.items === 'file' || !!f.upload;

/** `group command --flag <type> …` with the required flags, file flags given `@FILE` (or `-` for stdin). */
function usage(c: CommandSpec, stdinFile = false, skip: string[] = []): string {
  const required = c.flags.filter((f) => f.required && !skip.includes(f.name));
  const firstFile = required.find(isFileFlag);
  const args = required.map((f) => `--${f.flag} ${isFileFlag(f) ? (stdinFile && f === firstFile ? "'-;filename=FILE.EXT'" : '@FILE') : `<${typeLabel(f)}>`}`);
  return [c.group, c.command, ...args].join(' ');
}

export interface IoReadme {
  /** A command with a stream switch, and the switch. */
  stream?: { command: string; switch: string };
  /** A command that always streams. */
  alwaysStream?: string;
  upload?: { command: string; flag: string; stdin: string };
  uploadArray?: { command: string; flag: string };
  jsonOrMultipart?: string;
  download?: { command: string };
  text?: string;
  raw?: { command: string; contentType: string };
  form?: string;
  streams: boolean;
  any: boolean;
}

export function ioReadme(table: CommandTable): IoReadme {
  const cmds = table.commands.filter((c) => !c.deprecated).concat(table.commands.filter((c) => c.deprecated));
  const out: IoReadme = { streams: false, any: false };
  const switched = cmds.find((c) => c.stream?.param !== undefined && (c.stream.value === undefined || c.stream.value === true)) ?? cmds.find((c) => c.stream?.param !== undefined);
  if (switched) {
    const sw = streamSwitch(switched)!;
    out.stream = { command: `${usage(switched, false, [switched.stream!.param!])} ${sw}`, switch: sw };
  }
  const always = cmds.find((c) => c.stream && c.stream.param === undefined);
  if (always) out.alwaysStream = usage(always);
  const upload = cmds.find((c) => c.flags.some((f) => f.required && f.type === 'file')) ?? cmds.find((c) => c.flags.some(isFileFlag));
  if (upload) {
    const flag = upload.flags.find((f) => f.required && f.type === 'file') ?? upload.flags.find(isFileFlag)!;
    const required = usage(upload, false, [flag.name]);
    out.upload = { command: `${required} --${flag.flag} @FILE`, flag: `--${flag.flag}`, stdin: `${required} --${flag.flag} '-;filename=FILE.EXT'` };
  }
  const many = cmds.find((c) => c.flags.some((f) => f.items === 'file'));
  if (many) {
    const flag = many.flags.find((f) => f.items === 'file')!;
    out.uploadArray = { command: `${usage(many, false, [flag.name])} --${flag.flag} @A --${flag.flag} @B`, flag: `--${flag.flag}` };
  }
  const jom = cmds.find((c) => c.body?.encoding === 'json-or-multipart');
  if (jom) out.jsonOrMultipart = `${jom.group} ${jom.command}`;
  const download = cmds.find((c) => c.response === 'binary');
  if (download) out.download = { command: usage(download) };
  const text = cmds.find((c) => c.response === 'text');
  if (text) out.text = `${text.group} ${text.command}`;
  const raw = cmds.find((c) => c.body?.encoding === 'raw');
  if (raw) out.raw = { command: usage(raw), contentType: raw.body!.contentType };
  const form = cmds.find((c) => c.body?.encoding === 'form');
  if (form) out.form = `${form.group} ${form.command}`;
  out.streams = !!(out.stream || out.alwaysStream);
  out.any = !!(out.stream || out.alwaysStream || out.upload || out.download || out.text || out.raw || out.form);
  return out;
}
