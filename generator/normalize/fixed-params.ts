/**
 * Required params that can take only one value (AWS-converted documents'
 * `Action=AddTags`, `Version=2016-11-15` and `X-Amz-Target`; Azure's
 * `api-version`): a single-value enum or a `const`, which the shape builder
 * made a literal. A careful SDK sends such a value itself, so the caller need
 * not: the param gets `fixed` and stops being required.
 *
 * Query, header and cookie params only. A path param is the method's
 * positional argument (or identifies the object), so it stays as it is; a body
 * field's single value is a discriminator the client types already carry.
 */
import type { NamedType, Operation, Param, Shape } from '../ir/types.js';
import type { Reporter } from './report.js';

type Fixed = NonNullable<Param['fixed']>;

/** The one value `shape` admits (following refs to named types), or undefined. */
export function singleValue(shape: Shape, types: Record<string, NamedType>, depth = 0): Fixed | undefined {
  if (shape.kind === 'literal') return shape.value;
  if (shape.kind !== 'ref' || depth > 20) return undefined;
  const named = types[shape.name];
  return named ? singleValue(named.shape, types, depth + 1) : undefined;
}

/** Sets `fixed` (and clears `required`) on every required single-value query, header or cookie param. */
export function markFixedParams(operations: Operation[], types: Record<string, NamedType>, report: Reporter): void {
  for (const op of operations) {
    if (!op.params.some((p) => isCandidate(p) && singleValue(p.schema, types) !== undefined)) continue;
    // A new array: operations may share theirs with a replayed step's result.
    op.params = op.params.map((p) => {
      const value = isCandidate(p) ? singleValue(p.schema, types) : undefined;
      if (value === undefined) return p;
      report.info('param-fixed', `The required ${p.in} param \`${p.wireName}\` takes only ${JSON.stringify(value)}: the client sends it when a call gives none (the CLI flag and MCP argument are optional).`, p.pointer);
      return { ...p, required: false, fixed: value };
    });
  }
}

function isCandidate(p: Param): boolean {
  return p.required && (p.in === 'query' || p.in === 'header' || p.in === 'cookie');
}
