/**
 * `prepare`, run by `npm install` and `npm ci` (package.json): the launcher
 * has built the generator bundle by then; this builds the spec-independent bin
 * parts into the shared cache (generator/build/warm.ts). It never fails the
 * install: without the cache, generate only builds those parts itself.
 */
import { warmSharedParts } from '../build/warm.js';
import { rejectUnknownArgs } from './targets.js';

export async function runPrepare(argv: string[]): Promise<void> {
  rejectUnknownArgs('prepare', argv, []);
  const started = performance.now();
  try {
    const { built, cached } = await warmSharedParts();
    const done = [built.length ? `built ${built.join(', ')}` : '', cached.length ? `already cached: ${cached.join(', ')}` : ''].filter(Boolean);
    console.log(`shared bin parts ${done.join('; ')} (${Math.round(performance.now() - started)} ms)`);
  } catch (error) {
    console.warn(`warning: could not prebuild the shared bin parts (generate will build them): ${error instanceof Error ? error.message : String(error)}`);
  }
}
