/**
 * Loading a package that the generator's bundle leaves outside (launch.cjs's
 * EXTERNAL list: native or large ones used on some paths only).
 *
 * require() first: for a CommonJS package it skips the ES module loader's
 * scan of its exports (~20 ms for esbuild), and Node 20.19+ requires ES
 * modules too. An older Node refuses those (ERR_REQUIRE_ESM): then import(),
 * through the loader launch.cjs lends on `globalThis`, because the bundle runs
 * in a vm.Script compiled from a V8 code cache, whose own import() has no
 * module loader.
 */
import { createRequire } from 'node:module';

const requireExternal = createRequire(import.meta.url);

export async function loadExternal<T>(specifier: string): Promise<T> {
  try {
    return requireExternal(specifier) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_REQUIRE_ESM') throw error;
  }
  const lent = (globalThis as { __trigenImport?: (specifier: string) => Promise<unknown> }).__trigenImport;
  return (await (lent ? lent(specifier) : import(specifier))) as T;
}
