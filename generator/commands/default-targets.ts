/**
 * The targets `import` writes when no `--target` is given. A document is
 * matched to the committed targets made from it by its title (the one the
 * document gives, kept in the spec even when a target's config renames the
 * API): a new version of an API then updates every target built from it, and
 * an unrelated document never lands in another API's folder. A document no
 * target was made from gets a new target, named as its packages are named
 * (`PagerDuty API` → `pagerduty`; else the file name).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { GeneratorError } from '../errors.js';
import type { NormalizedSpec } from '../ir/types.js';
import { productName } from '../normalize/product-name.js';
import { readPreviousSpec } from './previous-spec.js';
import { listTargets } from './targets.js';

export interface DefaultTargets {
  /** Each target with its committed spec, if it has one (the names the import keeps). */
  targets: Array<{ target: string; previous?: NormalizedSpec }>;
  /** One line that says which targets, and why. */
  how: string;
}

/** The title the document gives (not a config's), as the spec keeps it. */
export function documentTitle(spec: NormalizedSpec): string {
  return spec.info.sourceTitle ?? spec.info.title;
}

export function defaultTargets(root: string, doc: Record<string, any>, source: string): DefaultTargets {
  const specRoot = join(root, 'spec');
  const committed = listTargets(specRoot).map((target) => ({ target, previous: readPreviousSpec(join(specRoot, target, 'spec.json'))! }));
  const title = typeof doc.info?.title === 'string' ? doc.info.title.trim() : '';
  const matches = title ? committed.filter(({ previous }) => documentTitle(previous).trim() === title) : [];
  if (matches.length) {
    const folders = matches.map(({ target }) => `spec/${target}/`);
    return {
      targets: matches,
      how: `No --target: importing into ${joinWords(folders)}, the ${matches.length === 1 ? 'target' : 'targets'} made from “${title}”.`,
    };
  }
  const name = productName(doc.info?.title, source, 'api');
  const target = name.slug;
  const other = committed.find((c) => c.target === target);
  if (other || existsSync(join(specRoot, target))) {
    throw new GeneratorError(
      `No --target, and the target this document would get, \`${target}\`, already holds ${other ? `another API (“${documentTitle(other.previous)}”)` : 'other files'}.`,
      { file: join(specRoot, target) },
      `Pass --target <name>: \`--target ${target}\` to import into it anyway, or a new name.`,
    );
  }
  const from = name.from === 'title' ? "the document's title" : name.from === 'file' ? 'the file name' : name.from === 'folder' ? 'the folder name' : 'a default';
  const others = committed.length ? ` (no committed target was made from this document; there are ${joinWords(committed.map((c) => `\`${c.target}\``))})` : '';
  return { targets: [{ target }], how: `No --target: a new target \`${target}\`, named from ${from}${others}; pass --target to name it yourself.` };
}

function joinWords(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
