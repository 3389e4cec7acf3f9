/**
 * "One of these fields is required": a body whose `oneOf`/`anyOf` members
 * require different fields (urlbox's `url` or `html`). Every surface states
 * and checks the same forms, each in its own spelling (MCP input keys, CLI
 * flags), so the rule is derived here once, from the IR's body variants.
 */
import type { Operation, Param } from '../ir/types.js';

/**
 * What a union body's members require beyond the params that are required
 * anyway: one list of body params per member (duplicates and lists that
 * contain another one dropped). Undefined when that adds no rule: one member
 * requires nothing more (so `{}` can be that member), or a required field is
 * not a body param.
 */
export function requiredBodyAlternatives(op: Operation): Param[][] | undefined {
  const variants = op.body?.variants;
  if (!variants || variants.length < 2) return undefined;
  const field = new Map(op.params.filter((p) => p.in === 'body').map((p) => [p.name, p]));
  const lists: Param[][] = [];
  for (const v of variants) {
    const params = v.required.map((f) => field.get(f));
    if (params.some((p) => p === undefined)) return undefined;
    const extra = (params as Param[]).filter((p) => !p.required);
    if (!extra.length) return undefined;
    lists.push(extra);
  }
  const covers = (a: Param[], b: Param[]) => b.every((p) => a.includes(p));
  const minimal = lists.filter((l, i) => !lists.some((o, j) => covers(l, o) && (!covers(o, l) || j < i)));
  return minimal.length > 1 ? minimal : undefined;
}
