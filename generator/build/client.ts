/**
 * Compiles the generated client in place: `dist/` holds ESM `.js` and `.d.ts`,
 * `dist/cjs/` the CommonJS build with its own copy of the declarations and a
 * `package.json` saying `"type": "commonjs"`.
 *
 * esbuild transpiles file by file (no bundling, so apps can tree-shake).
 * Declarations come from `ts.transpileDeclaration` (isolatedDeclarations), which
 * needs no type-checking program and is ~10x faster; if any file is not
 * isolated-declarations clean, the build falls back to a full strict program,
 * which also fails on any type error. `typecheckClient` is the full strict
 * check on its own (used by tests).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { build } from 'esbuild';
import ts from 'typescript';
import { GeneratorError } from '../errors.js';

function listSources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listSources(full));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

function parseConfig(pkgDir: string): ts.ParsedCommandLine {
  const configPath = join(pkgDir, 'tsconfig.json');
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  if (read.error) throw new GeneratorError(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'), { file: configPath });
  return ts.parseJsonConfigFileContent(read.config, ts.sys, pkgDir);
}

function formatDiagnostics(diagnostics: readonly ts.Diagnostic[], pkgDir: string): string {
  return ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => pkgDir, getNewLine: () => '\n' });
}

/**
 * Full strict type-check of the package with its own tsconfig; returns
 * formatted diagnostics (empty when clean). `extraRoots` are checked in the
 * same program (tests use it for type-level assertions against the package).
 */
export function typecheckClient(pkgDir: string, emit?: (fileName: string, text: string) => void, extraRoots: string[] = []): string[] {
  const parsed = parseConfig(pkgDir);
  const options: ts.CompilerOptions = { ...parsed.options, declaration: true, emitDeclarationOnly: true, noEmit: !emit, outDir: join(pkgDir, 'dist') };
  if (extraRoots.length > 0) delete options.rootDir;
  const program = ts.createProgram({ rootNames: [...parsed.fileNames, ...extraRoots], options });
  const diagnostics = [...ts.getPreEmitDiagnostics(program)];
  if (emit && diagnostics.length === 0) diagnostics.push(...program.emit(undefined, emit).diagnostics);
  return diagnostics.map((d) => formatDiagnostics([d], pkgDir));
}

/** Declarations per file without a program; undefined when some file needs type information. */
function isolatedDeclarations(srcDir: string, files: string[]): Map<string, string> | undefined {
  const out = new Map<string, string>();
  const compilerOptions: ts.CompilerOptions = {
    isolatedDeclarations: true,
    declaration: true,
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
  };
  for (const file of files) {
    const result = ts.transpileDeclaration(readFileSync(file, 'utf8'), { fileName: file, compilerOptions, reportDiagnostics: true });
    if (result.diagnostics && result.diagnostics.length > 0) return undefined;
    out.set(relative(srcDir, file).replace(/\.ts$/, '.d.ts'), result.outputText);
  }
  return out;
}

export async function buildClient(pkgDir: string): Promise<void> {
  const srcDir = join(pkgDir, 'src');
  const distDir = join(pkgDir, 'dist');
  const cjsDir = join(distDir, 'cjs');
  rmSync(distDir, { recursive: true, force: true });
  const entryPoints = listSources(srcDir);
  const common = { entryPoints, bundle: false, platform: 'neutral' as const, target: 'es2022', logLevel: 'silent' as const, outbase: srcDir };
  const [esm, cjs] = await Promise.all([build({ ...common, outdir: distDir, format: 'esm' }), build({ ...common, outdir: cjsDir, format: 'cjs' })]);
  const problems = [...esm.errors, ...cjs.errors];
  if (problems.length > 0) throw new GeneratorError(`esbuild failed: ${problems[0]!.text}`, { file: problems[0]!.location?.file });
  writeFileSync(join(cjsDir, 'package.json'), JSON.stringify({ type: 'commonjs' }, null, 2) + '\n');

  let declarations = isolatedDeclarations(srcDir, entryPoints);
  if (!declarations) {
    const emitted = new Map<string, string>();
    const diagnostics = typecheckClient(pkgDir, (fileName, text) => emitted.set(relative(distDir, fileName), text));
    if (diagnostics.length > 0) {
      throw new GeneratorError(`the generated client does not type-check (${diagnostics.length} diagnostics)`, { file: srcDir }, diagnostics.slice(0, 20).join(''));
    }
    declarations = emitted;
  }
  for (const [rel, text] of declarations) {
    for (const out of [distDir, cjsDir]) {
      const target = join(out, rel);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
  }
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { main?: string; types?: string; module?: string };
  for (const entry of [pkg.main, pkg.types, pkg.module]) {
    if (entry && !statSync(join(pkgDir, entry), { throwIfNoEntry: false })) {
      throw new GeneratorError(`built client is missing ${entry}`, { file: join(pkgDir, 'package.json') });
    }
  }
}
