/**
 * Changes to the media facts of an operation (how its response is read, its
 * event stream, its body encoding and upload fields) and to the document's
 * webhook events. Payload and event types are named types: named-types.ts
 * reports their changes.
 */
import type { NormalizedSpec, Operation } from '../ir/types.js';
import type { Change, PackageId } from './model.js';
import { methodSubject } from './operations.js';

const ALL: PackageId[] = ['client', 'cli', 'mcp'];
const kindOf = (op: Operation) => op.responseKind ?? 'json';
const switchText = (op: Operation) => (op.stream ? (op.stream.switch ? `when ${op.stream.switch.param} = ${JSON.stringify(op.stream.switch.value)}` : 'always') : 'never');

export function diffMedia(a: Operation, b: Operation, push: (c: Change) => void): void {
  const pointers = { old: a.pointer, new: b.pointer };
  const subject = methodSubject(b);
  if (kindOf(a) !== kindOf(b)) {
    push({ section: 'all', element: 'response', action: 'changed', subject, severity: 'breaking', reason: `response read as ${kindOf(a)} → ${kindOf(b)}: the method resolves to a different kind of value`, pointers, affects: ALL });
  }
  if (switchText(a) !== switchText(b)) {
    // A new way to stream leaves every existing call as it was; losing or moving the switch breaks streaming callers.
    const added = !a.stream;
    push({
      section: 'all',
      element: 'stream',
      action: added ? 'added' : b.stream ? 'changed' : 'removed',
      subject,
      severity: added && b.stream?.switch ? 'non-breaking' : 'breaking',
      reason: `streams ${switchText(a)} → ${switchText(b)}`,
      pointers,
      affects: ALL,
    });
  }
  const encoding = (op: Operation) => (op.body ? op.body.encoding ?? 'json' : 'none');
  if (a.body && b.body && encoding(a) !== encoding(b)) {
    push({ section: 'all', element: 'body', action: 'changed', subject, severity: 'non-breaking', reason: `body sent as ${encoding(a)} → ${encoding(b)}; the generated code encodes it`, pointers, affects: ALL });
  }
  const files = (op: Operation) => (op.body?.files ?? []).join(', ');
  if (a.body && b.body && files(a) !== files(b)) {
    push({ section: 'all', element: 'upload', action: 'changed', subject, severity: 'non-breaking', reason: `upload fields [${files(a)}] → [${files(b)}]`, pointers, affects: ALL });
  }
}

export function diffWebhooks(oldSpec: NormalizedSpec, newSpec: NormalizedSpec): Change[] {
  const out: Change[] = [];
  const before = new Map((oldSpec.webhooks?.events ?? []).map((e) => [`${e.name} ${e.httpMethod}`, e]));
  const after = new Map((newSpec.webhooks?.events ?? []).map((e) => [`${e.name} ${e.httpMethod}`, e]));
  const client: PackageId[] = ['client'];
  for (const [key, e] of after) {
    const old = before.get(key);
    const subject = `webhook ${e.name}${e.eventType ? ` (${e.eventType})` : ''}`;
    if (!old) out.push({ section: 'client', element: 'webhook', action: 'added', subject, severity: 'non-breaking', reason: 'new webhook event in the event union (exhaustive switches gain a case)', pointers: { new: e.pointer }, affects: client });
    else if (old.eventType !== e.eventType) out.push({ section: 'client', element: 'webhook', action: 'changed', subject, severity: 'breaking', reason: `event type ${old.eventType ?? 'none'} → ${e.eventType ?? 'none'}: narrowing on it changes`, pointers: { old: old.pointer, new: e.pointer }, affects: client });
  }
  for (const [key, e] of before) {
    if (!after.has(key)) out.push({ section: 'client', element: 'webhook', action: 'removed', subject: `webhook ${e.name}`, severity: 'breaking', reason: 'webhook event removed from the event union', pointers: { old: e.pointer }, affects: client });
  }
  return out;
}
