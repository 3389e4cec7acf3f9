/**
 * The target config's `custom.methods`: hand-written client methods, each an
 * export of a file in spec/<target>/custom/ (see CustomMethod in ir/types.ts).
 * Pure: the files themselves are checked by the import (ir/custom-code.ts)
 * and read when the spec is loaded.
 */
import { GeneratorError, pointer } from '../errors.js';
import type { CustomMethod, NormalizedSpec, Operation, Resource } from '../ir/types.js';
import { camelCase } from '../names.js';
import type { TargetConfig } from './config.js';
import { clientMemberNames } from './naming.js';
import { pollHelperNames } from './polling.js';

/** Where a config entry's errors point (the import turns it into the config file's line). */
export const customMethodPointer = (key: string): string => pointer('x-config', 'custom', 'methods', key);

/**
 * The config's `custom.methods`, on resources that exist, under names no
 * operation (nor its aliases and poll helpers) or sub-resource of theirs has.
 */
export function customMethodsOf(config: TargetConfig, resources: Resource[], operations: Operation[]): Pick<NormalizedSpec, 'customMethods'> {
  const entries = Object.entries(config.custom?.methods ?? {});
  if (entries.length === 0) return {};
  const byKey = new Map(resources.map((r) => [r.key, r]));
  const members = clientMemberNames(operations);
  const methods: CustomMethod[] = entries.map(([key, m]) => {
    const ptr = customMethodPointer(key);
    const dot = key.lastIndexOf('.');
    const resource = key.slice(0, dot);
    const name = camelCase(key.slice(dot + 1));
    const home = byKey.get(resource);
    if (!home) {
      const known = [...byKey.keys()];
      throw new GeneratorError(`Config \`custom.methods.${key}\`: the client has no resource \`${resource}\`.`, { pointer: ptr }, `Resources: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''}.`);
    }
    const taken = new Set([
      ...(members.get(resource) ?? []),
      ...operations.filter((op) => op.poll && op.resource.join('.') === resource).flatMap((op) => pollHelperNames(op.poll!)),
    ]);
    if (taken.has(name)) throw new GeneratorError(`Config \`custom.methods.${key}\`: \`${resource}\` already has a member \`${name}\`.`, { pointer: ptr }, 'Pick another method name.');
    return { resource, name, file: m.file, export: m.export, ...(m.description ? { description: m.description } : {}), pointer: ptr };
  });
  const byName = (a: CustomMethod, b: CustomMethod) => (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  methods.sort(byName);
  for (let i = 1; i < methods.length; i++) {
    const [a, b] = [methods[i - 1]!, methods[i]!];
    if (a.resource === b.resource && a.name === b.name) throw new GeneratorError(`Config \`custom.methods\` names \`${a.resource}.${a.name}\` twice.`, { pointer: b.pointer });
  }
  return { customMethods: methods };
}
