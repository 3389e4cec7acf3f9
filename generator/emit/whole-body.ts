/**
 * The one param that stands for a whole request body the IR does not
 * flatten (arrays, JSON-patch documents, free-form objects, raw text or
 * bytes). Every emitter names it the same way, so the CLI and the MCP server
 * hand the client exactly the key its operations table reads: `body`, or
 * `request_body` (`request_body_2`…) when a param already has that name.
 */
import type { Operation, Param } from '../ir/types.js';
import { kebabCase } from '../names.js';

export function wholeBodyParam(op: Operation): Param | undefined {
  if (!op.body || op.body.flattened || op.params.some((p) => p.in === 'body')) return undefined;
  const taken = new Set(op.params.map((p) => kebabCase(p.name) || p.name));
  let name = 'body';
  for (let n = 1; taken.has(kebabCase(name)); n++) name = n === 1 ? 'request_body' : `request_body_${n}`;
  return {
    name,
    wireName: name,
    in: 'body',
    required: op.body.required,
    schema: op.body.schema,
    style: 'json',
    explode: false,
    description: op.body.schema.description ?? 'The request body.',
    deprecated: false,
    pointer: op.body.pointer,
  };
}

/** The operation's params with the whole-body param, when it has one, last. */
export function withWholeBody(op: Operation): Param[] {
  const whole = wholeBodyParam(op);
  return whole ? [...op.params, whole] : op.params;
}
