/**
 * The full strict type-check of a generated client, with the TypeScript
 * compiler. Tests and `check` run it; the build uses it only when a file is
 * not isolated-declarations clean. TypeScript takes about a second to load,
 * so it is required on first use, never at start-up.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type TS from 'typescript';
import { GeneratorError } from '../errors.js';

let loaded: typeof TS | undefined;
function typescript(): typeof TS {
  loaded ??= createRequire(import.meta.url)('typescript') as typeof TS;
  return loaded;
}

function parseConfig(pkgDir: string): TS.ParsedCommandLine {
  const ts = typescript();
  const configPath = join(pkgDir, 'tsconfig.json');
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  if (read.error) throw new GeneratorError(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'), { file: configPath });
  return ts.parseJsonConfigFileContent(read.config, ts.sys, pkgDir);
}

function formatDiagnostics(diagnostics: readonly TS.Diagnostic[], pkgDir: string): string {
  return typescript().formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => pkgDir, getNewLine: () => '\n' });
}

/**
 * Full strict type-check of the package with its own tsconfig; returns
 * formatted diagnostics (empty when clean). With `emit`, declarations are
 * emitted too (when clean). `extraRoots` are checked in the same program
 * (tests use it for type-level assertions against the package).
 */
export function typecheckClient(pkgDir: string, emit?: (fileName: string, text: string) => void, extraRoots: string[] = []): string[] {
  const ts = typescript();
  const parsed = parseConfig(pkgDir);
  const options: TS.CompilerOptions = { ...parsed.options, declaration: true, emitDeclarationOnly: true, noEmit: !emit, outDir: join(pkgDir, 'dist') };
  if (extraRoots.length > 0) delete options.rootDir;
  const program = ts.createProgram({ rootNames: [...parsed.fileNames, ...extraRoots], options });
  const diagnostics = [...ts.getPreEmitDiagnostics(program)];
  if (emit && diagnostics.length === 0) diagnostics.push(...program.emit(undefined, emit).diagnostics);
  return diagnostics.map((d) => formatDiagnostics([d], pkgDir));
}
