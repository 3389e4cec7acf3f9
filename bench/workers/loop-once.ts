/**
 * One cold full loop, as a user runs it: import the admin scope of a document,
 * emit all three surfaces, write them. Spawned by measures/loop.ts.
 * usage: node --import tsx bench/workers/loop-once.ts <openapi doc> <out dir>
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../lib/paths.js';

const [from, outDir] = process.argv.slice(2);
const importMod = await import(pathToFileURL(join(repoRoot, 'generator/commands/import.ts')).href);
const generateMod = await import(pathToFileURL(join(repoRoot, 'generator/commands/generate.ts')).href);
const writeMod = await import(pathToFileURL(join(repoRoot, 'generator/write.ts')).href);
const { spec } = await importMod.importDocument({ from, target: 'openai-admin' });
const files = generateMod.emitAll(spec) as Map<string, string>;
writeMod.replaceDirectory(outDir, files);
