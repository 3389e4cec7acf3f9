/**
 * In the generator daemon, the last few outputs of expensive pure text
 * functions, by the text of their input: after a one-field change a large
 * API's tool table, command table and api.md are most often the same as
 * before, and laying them out again (megabytes of JSON through prettier's
 * rules, a Handlebars pass over every method) is a good part of the emission
 * done ahead of `generate`. A process that emits once keeps nothing.
 */
import { isLongLived } from '../long-lived.js';

/** Outputs kept: a few per target (several targets may share a daemon's project). */
const MAX_KEPT = 12;
const kept = new Map<string, string>();

/**
 * `compute()`, a pure function of the text `input()` returns (its whole
 * input), or the output it gave for the same text; `input` runs in the daemon
 * only.
 */
export function sameInputSameOutput(inputText: () => string, compute: () => string): string {
  if (!isLongLived()) return compute();
  const input = inputText();
  const output = kept.get(input);
  if (output !== undefined) {
    // Most recently used last.
    kept.delete(input);
    kept.set(input, output);
    return output;
  }
  const fresh = compute();
  kept.set(input, fresh);
  if (kept.size > MAX_KEPT) kept.delete(kept.keys().next().value!);
  return fresh;
}
