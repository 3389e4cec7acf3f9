/**
 * IR(old) × IR(new) → change report. Pure: the caller imports the documents
 * and, when it can, passes the CLI/MCP tables the real emitters produce.
 */
import type { NormalizedSpec } from '../ir/types.js';
import { countChanges, dedupeChanges, sortChanges, type Change, type ChangeReport, type PackageId } from './model.js';
import { diffMedia, diffWebhooks } from './media.js';
import { diffNamedTypes } from './named-types.js';
import { diffOperations, methodSubject, pairOperations, paramSubject, responseSubject, type OperationPair } from './operations.js';
import { suggestBumps } from './semver.js';
import { cliTableFromIr, diffSurface, mcpTableFromIr, type SurfaceTable } from './surfaces.js';

export interface SurfaceTables {
  cli?: { old: SurfaceTable; new: SurfaceTable };
  mcp?: { old: SurfaceTable; new: SurfaceTable };
}

export interface DiffSpecOptions {
  /** Tables parsed from the emitters' output; a missing surface is derived from the IR. */
  tables?: SurfaceTables;
  /** Current versions of the generated packages (for the bump suggestion). */
  currentVersions?: Partial<Record<PackageId, string>>;
}

export function diffSpecs(oldSpec: NormalizedSpec, newSpec: NormalizedSpec, options: DiffSpecOptions = {}): ChangeReport {
  const pairs = pairOperations(oldSpec, newSpec);
  const { changes: opChanges, paramSeverity } = diffOperations(oldSpec, newSpec, pairs);
  for (const { old: a, new: b } of pairs) if (a && b) diffMedia(a, b, (c) => opChanges.push(c));
  const cli = options.tables?.cli ?? { old: cliTableFromIr(oldSpec), new: cliTableFromIr(newSpec) };
  const mcp = options.tables?.mcp ?? { old: mcpTableFromIr(oldSpec), new: mcpTableFromIr(newSpec) };
  const changes = sortChanges(
    dedupeChanges([
      ...opChanges,
      ...diffNamedTypes(oldSpec, newSpec),
      ...diffWebhooks(oldSpec, newSpec),
      ...diffSurface('cli', cli.old, cli.new, pairs, paramSeverity),
      ...diffSurface('mcp', mcp.old, mcp.new, pairs, paramSeverity),
    ]),
  );
  nameOnSurfaces(changes, pairs, { cli: cli.new, mcp: mcp.new });
  const names = { client: newSpec.packages.client, cli: newSpec.packages.cli, mcp: newSpec.packages.mcp };
  return {
    target: newSpec.target,
    old: { sourceFile: oldSpec.info.sourceFile, version: oldSpec.info.version, operations: oldSpec.operations.length, types: Object.keys(oldSpec.types).length },
    new: { sourceFile: newSpec.info.sourceFile, version: newSpec.info.version, operations: newSpec.operations.length, types: Object.keys(newSpec.types).length },
    sources: { cli: options.tables?.cli ? 'emitter' : 'ir', mcp: options.tables?.mcp ? 'emitter' : 'ir' },
    changes,
    counts: countChanges(changes),
    packages: suggestBumps(changes, names, options.currentVersions ?? {}),
  };
}

export { renderMarkdown, summaryLine } from './render.js';
export type { ChangeReport, Change } from './model.js';

/**
 * A change every surface shares names a client method, param or response; its `as` gives the
 * command (and flag) and the tool (and input) of the same operation, read from the surfaces' tables.
 */
function nameOnSurfaces(changes: Change[], pairs: OperationPair[], tables: Record<'cli' | 'mcp', SurfaceTable>): void {
  const bySubject = new Map<string, Partial<Record<'cli' | 'mcp', string>>>();
  for (const { new: op } of pairs) {
    if (!op) continue;
    const entries = { cli: tables.cli.get(op), mcp: tables.mcp.get(op) };
    const whole = Object.fromEntries(Object.entries(entries).filter(([, e]) => e).map(([k, e]) => [k, e!.name]));
    bySubject.set(methodSubject(op), whole);
    bySubject.set(responseSubject(op), whole);
    for (const param of op.params) {
      const named: Partial<Record<'cli' | 'mcp', string>> = {};
      for (const kind of ['cli', 'mcp'] as const) {
        const entry = entries[kind];
        if (!entry) continue;
        const input = entry.inputs.find((i) => i.param === param.name && !i.alias);
        named[kind] = input ? (kind === 'cli' ? `${entry.name} ${input.name}` : `${entry.name}.${input.name}`) : entry.name;
      }
      bySubject.set(paramSubject(op, param), named);
    }
  }
  for (const change of changes) {
    if (change.section !== 'all') continue;
    const named = bySubject.get(change.subject);
    if (named && Object.keys(named).length > 0) change.as = named;
  }
}
