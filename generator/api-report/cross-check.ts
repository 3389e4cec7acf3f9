/**
 * The change report's client section against the emitted declarations: a
 * method or an exported type that the diff calls unchanged must read the same
 * in the old and the new API report. A difference is an emitter change the
 * IR cannot see (or a diff rule that misses one).
 */
import type { ChangeReport } from '../diff/model.js';
import type { NormalizedSpec } from '../ir/types.js';
import type { ApiModel } from './report.js';

export interface Violation {
  kind: 'method' | 'type';
  /** `admin.organization.projects.create` or a type name. */
  name: string;
  before: string;
  after: string;
}

export interface CrossCheck {
  violations: Violation[];
  /** How many methods and types the diff called unchanged and were compared. */
  methodsCompared: number;
  typesCompared: number;
}

function methods(model: ApiModel): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of model.resources) {
    const path = r.path.replace(/^client\./, '');
    for (const [name, text] of r.members) if (/^\s*\w+\(/.test(text) || /^\s*\w+</.test(text)) out.set(`${path}.${name}`, text);
  }
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function crossCheckApiReports(report: ChangeReport, before: ApiModel, after: ApiModel, newSpec: NormalizedSpec): CrossCheck {
  const client = report.changes.filter((c) => c.section === 'client');
  const touches = (name: string, callable: boolean) => {
    const re = new RegExp(`^${escape(name)}${callable ? '\\(' : '(?![A-Za-z0-9_$])'}`);
    return client.some((c) => re.test(c.subject));
  };
  const violations: Violation[] = [];
  let methodsCompared = 0;
  let typesCompared = 0;
  const [oldMethods, newMethods] = [methods(before), methods(after)];
  for (const [name, text] of newMethods) {
    const old = oldMethods.get(name);
    if (old === undefined || touches(name, true)) continue;
    methodsCompared++;
    if (old !== text) violations.push({ kind: 'method', name, before: old, after: text });
    // Its own params type (`ProjectCreateParams`) is part of the method: its changes are listed as the method's params.
    for (const params of new Set(text.match(/\b[A-Z]\w*Params\b/g) ?? [])) {
      const [a, b] = [before.exports.get(params), after.exports.get(params)];
      if (a !== undefined && b !== undefined && a !== b) violations.push({ kind: 'method', name: `${name} (${params})`, before: a, after: b });
    }
  }
  for (const name of Object.keys(newSpec.types)) {
    const [a, b] = [before.exports.get(name), after.exports.get(name)];
    if (a === undefined || b === undefined || touches(name, false)) continue;
    typesCompared++;
    if (a !== b) violations.push({ kind: 'type', name, before: a, after: b });
  }
  return { violations, methodsCompared, typesCompared };
}
