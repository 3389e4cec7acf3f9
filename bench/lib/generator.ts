/**
 * Typed handles on the generator pieces the bench drives. They are loaded at
 * run time (see optionalImport) because other helpers write them in parallel.
 */
import { optionalImport } from './paths.js';

export interface ImportOptions {
  from: string;
  target: string;
  scope?: string;
}
export interface ImportResult {
  spec: { operations: unknown[] } & Record<string, unknown>;
  report: unknown;
  files: Map<string, string> | Record<string, string>;
}
export type ImportDocument = (options: ImportOptions) => Promise<ImportResult> | ImportResult;
export type EmitAll = (spec: ImportResult['spec']) => Map<string, string>;
export type DiffDocuments = (oldDoc: string, newDoc: string, opts?: Record<string, unknown>) => unknown;

export const ADMIN_TARGET = 'openai-admin';
/** A target name with no committed config: `--scope all` with inferred defaults. */
export const FULL_TARGET = 'openai-bench-full';

export function loadImporter(): Promise<ImportDocument> {
  return optionalImport<ImportDocument>('generator/commands/import.js', 'importDocument');
}

export function loadEmitAll(): Promise<EmitAll> {
  return optionalImport<EmitAll>('generator/commands/generate.js', 'emitAll');
}

export function loadDiff(): Promise<DiffDocuments> {
  return optionalImport<DiffDocuments>('generator/commands/diff.js', 'diffDocuments');
}

export async function adminImport(importDocument: ImportDocument, from: string): Promise<ImportResult> {
  return importDocument({ from, target: ADMIN_TARGET });
}

export async function fullImport(importDocument: ImportDocument, from: string): Promise<ImportResult> {
  return importDocument({ from, target: FULL_TARGET, scope: 'all' });
}
