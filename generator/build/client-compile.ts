/**
 * One client source through oxc: its ES module and its declarations
 * (isolated declarations) from one transform, as the client build does it
 * (client.ts). A cold emission that waits for its worker thread (the MCP
 * table, and in the daemon the CLI's too) compiles the client it has just
 * emitted meanwhile (`compileWhileWaiting`, generator/commands/emit-threads.ts),
 * on the thread that would otherwise idle; the build that follows takes those
 * results (`takeCompiled`) instead of compiling the same text again. A result
 * is taken only for the same file and the same bytes, so the build's output
 * is what it would compile itself.
 */
import { setImmediate as giveWay } from 'node:timers/promises';
import { contentHash } from './cache.js';
import { loadExternal } from '../externals.js';

/** The package's tsconfig targets ES2022, as this does. */
const OPTIONS = { lang: 'ts', sourceType: 'module', target: 'es2022' } as const;

/** How long compiling ahead may hold the thread before the worker's reply is let in (ms). */
const SLICE_MS = 8;

let oxcModule: typeof import('oxc-transform') | undefined;
export async function oxc(): Promise<typeof import('oxc-transform')> {
  oxcModule ??= await loadExternal<typeof import('oxc-transform')>('oxc-transform');
  return oxcModule;
}

/** Whether a file below the client's src/ is one the build compiles (TypeScript, not a declaration file). */
export function isCompiledSource(path: string): boolean {
  return path.endsWith('.ts') && !path.endsWith('.d.ts');
}

export interface Compiled {
  code: string;
  declaration: string;
}

export type TransformResult = ReturnType<typeof import('oxc-transform').transformSync>;

/** The ES module and its declarations of `text` (the source file `file`), or oxc's errors. */
export function compileSource(transformSync: typeof import('oxc-transform').transformSync, file: string, text: string): TransformResult {
  return transformSync(file, text, { ...OPTIONS, typescript: { declaration: {} } });
}

/** The ES module alone (after the declarations failed). */
export function compileModuleOnly(transformSync: typeof import('oxc-transform').transformSync, file: string, text: string): TransformResult {
  return transformSync(file, text, OPTIONS);
}

/** Results compiled ahead, by file, with the hash of the text they came from; taken by the next build. */
let ahead = new Map<string, { hash: string } & Compiled>();

/**
 * Compile `sources` (file → text) until `stopped()`, giving the thread back
 * every few milliseconds. Results with errors are left for the build, which
 * reports them.
 */
export async function compileWhileWaiting(sources: Array<[string, string]>, stopped: () => boolean): Promise<void> {
  const { transformSync } = await oxc();
  const results = new Map<string, { hash: string } & Compiled>();
  ahead = results;
  let sliceStart = performance.now();
  for (const [file, text] of sources) {
    if (stopped() || ahead !== results) return;
    const result = compileSource(transformSync, file, text);
    if (result.errors.length === 0) results.set(file, { hash: contentHash(text), code: result.code, declaration: result.declaration ?? '' });
    if (performance.now() - sliceStart > SLICE_MS) {
      await giveWay();
      sliceStart = performance.now();
    }
  }
}

/** The result compiled ahead for `file` from text of hash `hash`, once (the rest go with the next build). */
export function takeCompiled(file: string, hash: string): Compiled | undefined {
  const found = ahead.get(file);
  ahead.delete(file);
  return found?.hash === hash ? found : undefined;
}

/** Drop what was compiled ahead (a build took what it needed). */
export function dropCompiled(): void {
  ahead = new Map();
}
