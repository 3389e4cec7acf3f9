/**
 * The CLI emitter: normalized spec → `cli/` package files (paths relative to
 * generated/<target>/): the command table as JSON data, the hand-written
 * runtime copied verbatim, a small entry file, package.json and README.md
 * from templates/cli/. `generator/build/cli.ts` bundles it into bin/.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { Emitter } from '../types.js';
import type { NormalizedSpec } from '../../ir/types.js';
import type { CommandTable } from '../../../runtime/cli/table.js';
import { codeHeader, GENERATED_NOTICE, JSON_NOTICE_KEY, markdownHeader } from '../header.js';
import { copiedRuntime } from '../runtime-files.js';
import { isAbsoluteURL, markdownCode, markdownText } from '../markdown.js';
import { globalFlags, pagesByLink } from '../../../runtime/cli/globals.js';
import { typeLabel } from '../../../runtime/cli/help.js';
import { arrow, assignment, expr } from '../layout/code.js';
import { layout } from '../layout/doc.js';
import { prettyJson } from '../layout/json.js';
import { tsString } from '../layout/literals.js';
import { buildCommandTable } from './table.js';
import { ioReadme } from './io-readme.js';
import { bundledClientDevDependency, publishMetadata } from '../release-files.js';

const templatesDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../templates/cli');

function template(name: string): Handlebars.TemplateDelegate {
  const hb = Handlebars.create();
  // JSON string literal (quotes included) for package.json values.
  hb.registerHelper('json', (v: unknown) => new hb.SafeString(JSON.stringify(v)));
  hb.registerHelper('md', (v: unknown) => new hb.SafeString(markdownText(String(v ?? ''))));
  hb.registerHelper('code', (v: unknown) => new hb.SafeString(markdownCode(String(v ?? ''))));
  return hb.compile(readFileSync(resolve(templatesDir, name), 'utf8'), { noEscape: true, strict: true });
}

function firstSentence(text: string | undefined): string {
  const para = (text ?? '').trim().split(/\n\s*\n/)[0]!.replace(/\s+/g, ' ');
  return para.length > 160 ? para.slice(0, 157) + '…' : para;
}

/** Text inside a block comment: nothing may close it early. */
function commentText(text: string): string {
  return text.replace(/\*\//g, '*\\/').replace(/[\r\n]+/g, ' ');
}

function entryFile(spec: NormalizedSpec): string {
  const bin = commentText(spec.packages.cliBin);
  const loadClient = layout([assignment('loadClient', ':', arrow(expr(`import(${tsString(spec.packages.client)})`))), ','], 2);
  return `${codeHeader(spec.target)}/**
 * Entry of the \`${bin}\` bin. The build bundles this file and the
 * runtime into bin/${bin}.js and the client into bin/lib/client.js; the
 * command table ships beside as bin/commands.json, read and parsed on start,
 * and the client is loaded only when a command runs.
 */
import { main } from './runtime/main.js';
// The build makes this the text of bin/commands.json, read at start (see generator/build/cli.ts).
import tableText from './commands.json';

void main({
  loadTable: () => JSON.parse(tableText as unknown as string),
  ${loadClient}
});
`;
}

function readmeModel(spec: NormalizedSpec, table: CommandTable) {
  const bin = table.bin;
  const first = table.commands.find((c) => c.pagination) ?? table.commands[0];
  // Prefer a bracket-style array with choices (audit-log event types) to show the wire form.
  const arrayCands = table.commands.flatMap((c) => c.flags.filter((f) => f.type === 'array' && f.items !== 'object' && f.in === 'query').map((f) => ({ c, f })));
  const wireOf = (key: string, name: string) => spec.operations.find((o) => o.key === key)?.params.find((p) => p.name === name)?.wireName ?? name;
  const arrayPick = arrayCands.find((x) => x.f.choices?.length && wireOf(x.c.key, x.f.name).endsWith('[]')) ?? arrayCands[0];
  const withArray = arrayPick?.c;
  const arrayFlag = arrayPick?.f;
  const withObject = table.commands.find((c) => c.flags.some((f) => f.type === 'object' && f.properties?.length));
  const objectFlag = withObject?.flags.find((f) => f.type === 'object' && f.properties?.length);
  const groups = table.groups.map((g) => ({
    name: g.name,
    title: g.title ?? g.name,
    commands: table.commands
      .filter((c) => c.group === g.name)
      .map((c) => ({
        usage: `${c.group} ${c.command}${c.flags.some((f) => f.required) ? ' ' : ''}${c.flags.filter((f) => f.required).map((f) => `--${f.flag} <${typeLabel(f)}>`).join(' ')}`,
        http: `${c.http} ${c.path}`,
        summary: `${c.deprecated ? '(deprecated) ' : ''}${firstSentence(c.summary ?? c.description)}`.trim(),
      })),
  }));
  return {
    notice: markdownHeader(spec.target),
    generatedNotice: GENERATED_NOTICE,
    bin,
    binPath: `bin/${bin}.js`,
    pkg: spec.packages.cli,
    clientPkg: spec.packages.client,
    title: spec.info.title,
    version: table.version,
    apiVersion: spec.info.version,
    description: `Command-line interface for the ${spec.info.title}`,
    authFlag: table.auth?.flag,
    authEnv: table.auth?.env,
    authValue: table.auth?.basic ? 'user:password' : '...',
    moreAuth: table.moreAuth ?? [],
    baseURLEnv: table.baseURL.env,
    baseURL: table.baseURL.default,
    noDefaultBase: !isAbsoluteURL(table.baseURL.default),
    commandCount: table.commands.length,
    globals: globalFlags(table.auth, table.baseURL.env, table.moreAuth, table.serverVariables, table.headerOptions, table.commands.some((c) => pagesByLink(c.pagination))).map((g) => ({
      flag: `--${g.flag}${g.value ? ' ' + g.value : ''}`,
      description: g.description,
    })),
    example: first ? `${first.group} ${first.command}` : '',
    arrayExample: withArray && arrayFlag ? `${withArray.group} ${withArray.command} ${withArray.flags.filter((f) => f.required).map((f) => `--${f.flag} ${f.type === 'integer' ? '1730419200' : 'VALUE'}`).join(' ')} --${arrayFlag.flag} ${String(arrayFlag.choices?.[0] ?? 'a')} --${arrayFlag.flag} ${String(arrayFlag.choices?.[1] ?? 'b')}`.replace(/\s+/g, ' ') : '',
    arrayWire: withArray && arrayFlag ? [0, 1].map((i) => `${wireOf(withArray.key, arrayFlag.name)}=${String(arrayFlag.choices?.[i] ?? 'ab'[i])}`).join('&') : '',
    objectExample: withObject && objectFlag ? `${withObject.group} ${withObject.command} --${objectFlag.flag}.${objectFlag.properties![0]!.flag ?? objectFlag.properties![0]!.name} 1730419200` : '',
    kebabField: kebabFieldExample(table),
    objectFlowExample: withObject && objectFlag ? `${withObject.group} ${withObject.command} --${objectFlag.flag} '{${objectFlag.properties!.slice(0, 2).map((p, i) => `${p.name}: ${i * 10}`).join(', ')}}'` : '',
    groups,
    io: ioReadme(table),
    linkLists: table.commands.some((c) => c.pagination?.style === 'next_link'),
    countedLists: table.commands.some((c) => c.pagination?.style === 'page_number' || c.pagination?.style === 'offset'),
    arrayLists: table.commands.some((c) => c.pagination?.itemsField === ''),
  };
}

/** A field whose kebab spelling differs from its JSON key, for the README: `{flag, kebab, key}`. */
function kebabFieldExample(table: CommandTable): { flag: string; key: string } | undefined {
  for (const c of table.commands) {
    for (const f of c.flags) {
      const p = f.properties?.find((x) => x.flag);
      if (p) return { flag: `--${f.flag}.${p.flag}`, key: p.name };
    }
  }
  return undefined;
}

export const emitCli: Emitter = (spec) => {
  const table = buildCommandTable(spec);
  const files = new Map<string, string>();
  const put = (path: string, contents: string) => files.set(`cli/${path}`, contents);
  for (const [path, contents] of copiedRuntime('cli', 'src/runtime', codeHeader(spec.target))) put(path, contents);
  put('src/commands.json', prettyJson({ [JSON_NOTICE_KEY]: GENERATED_NOTICE, ...table }));
  put('src/index.ts', entryFile(spec));
  const model = readmeModel(spec, table);
  // Parse once: a template bug must fail here, not in npm.
  const pkg = { ...JSON.parse(template('package.json.hbs')({ ...model, devDependencies: bundledClientDevDependency(spec) })), ...publishMetadata(spec, 'cli') };
  put('package.json', JSON.stringify(pkg, null, 2) + '\n');
  put('README.md', template('README.md.hbs')(model));
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
};
