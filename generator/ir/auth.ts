/** What the IR says about an operation's keys, for every emitter alike. */
import type { Operation } from './types.js';

/** Whether a call needs a key: some scheme applies and none of the document's requirements is empty. */
export function requiresKey(op: Operation): boolean {
  return op.security.length > 0 && !op.securityOptional;
}
