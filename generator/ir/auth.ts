/** What the IR says about an operation's keys, for every emitter alike. */
import type { NormalizedSpec, Operation } from './types.js';

/** Whether a call needs a key: some scheme applies and none of the document's requirements is empty. */
export function requiresKey(op: Operation): boolean {
  return op.security.length > 0 && !op.securityOptional;
}

/** Whether an API with keys has calls that need none: its client, CLI and MCP server then start without a key. */
export function keyOptional(spec: NormalizedSpec): boolean {
  return spec.auth.length > 0 && spec.operations.some((op) => !requiresKey(op));
}
