/**
 * `import`: OpenAPI document → spec/<target>/{spec.json, report.md} (and an
 * inferred config.yaml for a new target). `importDocument` reads the document,
 * the config and its custom code, and returns the files without writing them;
 * `runImport` parses argv and writes the files atomically.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFilesAtomically } from '../write.js';
import { markdownHeader } from '../emit/header.js';
import { GeneratorError } from '../errors.js';
import { keepWrittenSpec, REPO_ROOT, serializeSpecWithCopy } from '../ir/serialize.js';
import { isLongLived } from '../long-lived.js';
import { readPreviousSpec } from './previous-spec.js';
import { prepareEarlyWorker, startEarlyWorker } from '../daemon/ahead.js';
import type { NormalizedSpec, ReportEntry } from '../ir/types.js';
import { loadDocument, type LoadedDocument } from '../load/load.js';
import { locatePointer } from '../load/locate.js';
import { checkCustomMethods, readCustomCode } from '../ir/custom-code.js';
import { defaultTargets } from './default-targets.js';
import { inferConfig, readConfig, renderConfigYaml } from '../normalize/config.js';
import { normalize } from '../normalize/index.js';
import { renderReportMarkdown, summarize } from '../normalize/report.js';

export interface ImportOptions {
  from: string;
  target: string;
  scope?: 'config' | 'all';
  /** Folder holding config.yaml; default spec/<target>/. */
  configDir?: string;
  /** Prior spec whose names are locked; default the committed spec/<target>/spec.json, if any. */
  previous?: NormalizedSpec;
  /** Ignore any previous spec (no name lock). */
  relock?: boolean;
  /** Repository root for default paths (tests pass a temp dir). */
  root?: string;
  /** Reuse the YAML entries parsed by the last import of this target (generator/load/yaml-chunks.ts); the command does. */
  parseCache?: boolean;
  /** The document, already loaded (an import into several targets reads it once). */
  loaded?: LoadedDocument;
}

export interface ImportResult {
  spec: NormalizedSpec;
  report: ReportEntry[];
  /** Repo-relative path → contents. */
  files: Map<string, string>;
  /** The spec as spec.json reads back, when the serializer made it (see serializeSpecWithCopy). */
  written?: NormalizedSpec;
}

function assertTargetName(target: string): void {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(target)) {
    throw new GeneratorError(`Invalid target name \`${target}\`.`, {}, 'Use lower-case letters, digits and dashes, e.g. `--target petstore`.');
  }
}

export async function importDocument(opts: ImportOptions): Promise<ImportResult> {
  const target = opts.target;
  assertTargetName(target);
  const root = opts.root ?? REPO_ROOT;
  const specDir = join(root, 'spec', target);
  const configDir = opts.configDir ?? specDir;
  const [loaded, fileConfig] = await Promise.all([opts.loaded ?? loadDocument(opts.from, opts.parseCache ? specDir : undefined), readConfig(configDir, target)]);
  const config = fileConfig ?? inferConfig(loaded.doc, target, loaded.source);
  const scope = opts.scope ?? (fileConfig ? 'config' : 'all');
  let previous = opts.relock ? undefined : opts.previous;
  if (!previous && !opts.relock) previous = readPreviousSpec(join(specDir, 'spec.json'));
  const { spec, report } = withConfigLines(() => normalize({ loaded, config, scope, previous }), configDir, !!fileConfig);
  if (spec.customMethods) {
    const text = readConfigText(configDir);
    checkCustomMethods(spec.customMethods, readCustomCode(configDir), join(configDir, 'config.yaml'), (ptr) => (text ? locatePointer(text, ptr) : undefined));
  }
  const files = new Map<string, string>();
  const rel = `spec/${target}`;
  const serialized = serializeSpecWithCopy(spec, isLongLived(), previous);
  files.set(`${rel}/spec.json`, serialized.text);
  files.set(`${rel}/report.md`, renderReportMarkdown(target, spec.info.sourceFile, spec.operations.length, Object.keys(spec.types).length, report, markdownHeader(target)));
  if (!fileConfig) files.set(`${rel}/config.yaml`, renderConfigYaml(config));
  return { spec, report, files, ...(serialized.copy ? { written: serialized.copy } : {}) };
}

function readConfigText(configDir: string): string | undefined {
  try {
    return readFileSync(join(configDir, 'config.yaml'), 'utf8');
  } catch {
    return undefined;
  }
}

/** `run()`, with an error about the config (pointer `/x-config/…`) placed at its line of config.yaml. */
function withConfigLines<T>(run: () => T, configDir: string, hasConfigFile: boolean): T {
  try {
    return run();
  } catch (e) {
    const ptr = e instanceof GeneratorError ? e.location.pointer : undefined;
    const text = hasConfigFile && ptr?.startsWith('/x-config/') ? readConfigText(configDir) : undefined;
    if (!text) throw e;
    const file = join(configDir, 'config.yaml');
    throw new GeneratorError((e as GeneratorError).message, { file, ...locatePointer(text, ptr!.slice('/x-config'.length)) }, (e as GeneratorError).hint);
  }
}

/** The command's options; no `target` when `--target` is not given (see default-targets.ts). */
function parseArgs(argv: string[]): Omit<ImportOptions, 'target'> & { target?: string } {
  const opts: Partial<ImportOptions> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--')) throw new GeneratorError(`Option ${flag} needs a value.`, {}, 'Usage: npm run import -- --from <file|url> [--target <name>] [--scope all]');
      return v;
    };
    if (flag === '--from') opts.from = value();
    else if (flag === '--target') opts.target = value();
    else if (flag === '--scope') {
      const v = value();
      if (v !== 'all' && v !== 'config') throw new GeneratorError(`--scope must be \`all\` or \`config\`, not \`${v}\`.`);
      opts.scope = v;
    } else if (flag === '--relock') opts.relock = true;
    else throw new GeneratorError(`Unknown option \`${a}\` for import.`, {}, 'Usage: npm run import -- --from <file|url> [--target <name>] [--scope all] [--relock]');
  }
  if (!opts.from) throw new GeneratorError('import needs --from <openapi.yaml|.json|http(s) URL>.', {}, 'Example: npm run import -- --from ../shared/specs/openai/2026-08-21-f85dbe2.yaml');
  if (!/^https?:\/\//i.test(opts.from)) opts.from = resolve(process.cwd(), opts.from);
  return opts as Omit<ImportOptions, 'target'> & { target?: string };
}

export async function runImport(argv: string[]): Promise<void> {
  const { target, ...opts } = parseArgs(argv);
  const root = opts.root ?? REPO_ROOT;
  const lines: string[] = [];
  let plans: ImportOptions[];
  if (target) plans = [{ ...opts, target, parseCache: true }];
  else {
    // The document is read once, and decides the targets (its entry cache is the spec folder's, no target's).
    const loaded = await loadDocument(opts.from, join(root, 'spec'));
    const chosen = defaultTargets(root, loaded.doc, loaded.source);
    lines.push(chosen.how);
    plans = chosen.targets.map((t) => ({ ...opts, target: t.target, previous: opts.relock ? undefined : t.previous, loaded }));
  }
  // Every target is imported before anything is written: a failure leaves all of them as they were.
  const results: ImportResult[] = [];
  // In the daemon, the worker of the emission ahead loads meanwhile (see prepareEarlyWorker).
  if (isLongLived()) for (const plan of plans) prepareEarlyWorker(plan.target);
  for (const plan of plans) results.push(await importDocument(plan));
  // In the daemon, the emission ahead of `generate` starts its worker on the spec now, while this writes and replies.
  if (isLongLived()) for (const { spec, files } of results) startEarlyWorker(spec.target, files.get(`spec/${spec.target}/spec.json`)!);
  writeFilesAtomically(root, new Map(results.flatMap((r) => [...r.files])));
  for (const { spec, report, written } of results) {
    const specFile = `spec/${spec.target}/spec.json`;
    keepWrittenSpec(join(root, specFile), written);
    lines.push(...summaryLines(spec, report));
  }
  process.stdout.write(lines.join('\n') + '\n');
}

function summaryLines(spec: NormalizedSpec, report: ReportEntry[]): string[] {
  const counts = summarize(report);
  const by = (level: string) => counts.filter((c) => c.level === level).reduce((n, c) => n + c.count, 0);
  const lines = [
    `Imported ${count(spec.operations.length, 'operation')}, ${count(Object.keys(spec.types).length, 'named type')} from ${spec.info.sourceFile} into spec/${spec.target}/.`,
    `Report: ${by('unsupported')} not representable, ${count(by('warning'), 'warning')}, ${count(by('info'), 'transformation')} (spec/${spec.target}/report.md).`,
  ];
  for (const e of report.filter((r) => r.level !== 'info').slice(0, 20)) lines.push(`  ${e.level}: [${e.code}] ${e.pointer || '/'}: ${e.message}`);
  const rest = report.filter((r) => r.level !== 'info').length - 20;
  if (rest > 0) lines.push(`  … and ${rest} more in the report.`);
  return lines;
}

/** `1 operation`, `2 operations`. */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
