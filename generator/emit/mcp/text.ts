/**
 * Descriptions for tools and params: spec Markdown reduced to plain text
 * (links → their text, no emphasis/backticks/headings/HTML), lists flattened
 * inline, and trimmed at a sentence boundary so the tools/list payload stays small.
 */

/** plainText per Markdown text (memoized: a named type's description recurs in every tool that inlines it). */
const plainTexts = new Map<string, string>();

export function plainText(markdown: string | undefined): string {
  if (!markdown) return '';
  let text = plainTexts.get(markdown);
  if (text === undefined) plainTexts.set(markdown, (text = toPlainText(markdown)));
  return text;
}

function toPlainText(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, ' ') // code blocks are examples, not descriptions
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/<\/?[A-Za-z][^>]*>/g, ' ')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s*>\s?/gm, '')
    .replace(/^\s*(?:[-*+]|\d+\.)\s+/gm, '- ')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[\s(])[*_]([^*_\s][^*_]*?)[*_](?=[\s).,;:!?]|$)/g, '$1$2')
    .replace(/`+([^`]*)`+/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Cut `text` to about `max` characters, preferring the end of a sentence
 * (a first sentence up to 1.35 × `max` is kept whole), else a word boundary
 * with an ellipsis.
 */
export function trimText(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  const sentence = Math.max(head.lastIndexOf('. '), head.lastIndexOf('! '), head.lastIndexOf('? '));
  if (sentence >= max * 0.4) return head.slice(0, sentence + 1);
  // A first sentence a little over the cap stays whole: cutting "greater than or equal to this value"
  // to "greater than…" would change its meaning.
  const first = text.search(/[.!?](\s|$)/);
  if (first >= 0 && first < max * 1.35) return text.slice(0, first + 1);
  const space = head.lastIndexOf(' ');
  return `${head.slice(0, space > 0 ? space : max - 1).replace(/[\s,;:]+$/, '')}…`;
}

/** `Summary. Description` without repeating the summary when the description starts with it. */
export function joinSummary(summary: string, description: string): string {
  if (!summary) return description;
  if (!description) return summary;
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');
  if (norm(description).startsWith(norm(summary))) return description;
  if (norm(summary).startsWith(norm(description))) return summary;
  return `${summary.replace(/[.\s]*$/, '')}. ${description}`;
}

/** Sentences that only point elsewhere: the model cannot follow them. */
const POINTER_SENTENCE = /^(see |for (more|all|details|further)\b|learn more|refer to |read more)/i;
/** Sentences that only restate the default, left out when the schema carries it. */
const DEFAULT_SENTENCE = /^(defaults? (to|is)\b|the default is\b|by default\b)[^,;]*$/i;
/** Sentences that only restate the schema's bounds ("Limit can range between 1 and 100."). */
const BOUNDS_SENTENCE = /^(?:[\w ]{0,40}? )?(?:can|must|may|should) (?:range|be) (?:between|from) (-?\d+(?:\.\d+)?) (?:and|to) (-?\d+(?:\.\d+)?)(?: \(inclusive\))?\.?$/i;

/** Whether `sentence` states exactly the bounds the schema carries. */
function restatesBounds(sentence: string, bounds: { minimum?: unknown; maximum?: unknown }): boolean {
  const m = BOUNDS_SENTENCE.exec(sentence);
  return !!m && Number(m[1]) === bounds.minimum && Number(m[2]) === bounds.maximum;
}
/** A trailing ", and the default is 20" clause, cut when the schema carries the default. */
const DEFAULT_CLAUSE = /,?\s+(and )?(the )?default(s)? (is|to) [^,;]+?(?=[.!?]?$)/i;

/** Split plain text into sentences (a stop, a space, then a capital, digit, quote or flattened list dash). */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[A-Z0-9"'(-])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export interface LeadOptions {
  /** The schema has a `default`: sentences that only restate it go. */
  hasDefault?: boolean;
  /** The schema's `minimum` and `maximum`: a sentence that states exactly these goes. */
  bounds?: { minimum?: unknown; maximum?: unknown };
  /** Names (param, tool): sentences that add nothing to them go (see addsInformation). */
  context?: string[];
}

/**
 * The leading informative sentences of `text` that fit in `max` characters (at
 * least one, cut by trimText when it alone is longer). Left out: "see the
 * docs" pointers, restated defaults, sentences that only restate the names,
 * and flattened Markdown lists (detail). Every byte goes into tools/list.
 */
export function leadText(text: string, max: number, options: LeadOptions = {}): string {
  const kept: string[] = [];
  let length = 0;
  for (let sentence of sentences(text)) {
    if (POINTER_SENTENCE.test(sentence)) continue;
    if (options.hasDefault && DEFAULT_SENTENCE.test(sentence)) continue;
    if (options.hasDefault) sentence = sentence.replace(DEFAULT_CLAUSE, '');
    if (options.bounds && restatesBounds(sentence, options.bounds)) continue;
    if (options.context && !addsInformation(sentence, options.context)) continue;
    if (kept.length && sentence.startsWith('- ')) break;
    const next = length + (kept.length ? 1 : 0) + sentence.length;
    if (kept.length && next > max) break;
    kept.push(sentence);
    length = next;
  }
  return trimText(kept.join(' '), max);
}

/**
 * Words that carry nothing next to a param and tool name: articles, "the ID
 * of", the action verbs ID descriptions end with ("…to inspect", "…to
 * update", "…to return"), and "optional"/"updated".
 */
const STOP_WORDS = new Set(
  ('a an the of to for on in by with from at as or and this these that those is are be being been should will can which whose who its it their ' +
    'id ids identifier unique specified given return returns returned only number limit object objects ' +
    'inspect retrieve get fetch list update modify delete remove ' +
    // "Optional…", "Updated…": the required list and the tool's verb say so ("new" is kept:
    // on a renamed body param it tells the new value from the path param's current one).
    'optional updated ' +
    // "…is greater than this value", "…you want to list", "…is being managed": filler around the words that matter.
    'value values you your want manage managed')
    .split(' '),
);

/** Abbreviations names use for words descriptions spell out (comparison keys of range filters included). */
const ABBREVIATIONS: Record<string, string> = {
  max: 'maximum', min: 'minimum', org: 'organization', config: 'configuration',
  gt: 'greater than', gte: 'greater than or equal', lt: 'less than', lte: 'less than or equal',
};
const stem = (w: string) => w.replace(/(?<=.{3})(ies)$/, 'y').replace(/(?<=.{3})(ed|es|s|e)$/, '');
const STOP_STEMS = new Set([...STOP_WORDS].map(stem));

/** Stems per lower-case word (memoized: the same words recur across thousands of descriptions). */
const wordStems = new Map<string, string[]>();

function stems(text: string): string[] {
  const out: string[] = [];
  for (const word of text.toLowerCase().split(/[^a-z0-9]+/)) {
    let found = wordStems.get(word);
    if (!found) {
      // hasOwn: a description may say "constructor".
      found = (Object.hasOwn(ABBREVIATIONS, word) ? ABBREVIATIONS[word]! : word)
        .split(' ')
        .filter((w) => w && !STOP_WORDS.has(w))
        .map(stem)
        .filter((w) => !STOP_STEMS.has(w));
      wordStems.set(word, found);
    }
    out.push(...found);
  }
  return out;
}

/**
 * Stem sets of context strings (param and tool names, a parent's description):
 * every child of an object shares its parent's, so each is computed once.
 */
const contextStems = new Map<string, Set<string>>();
function stemSet(text: string): Set<string> {
  let set = contextStems.get(text);
  if (!set) {
    set = new Set(stems(text));
    contextStems.set(text, set);
  }
  return set;
}

/**
 * Whether `text` says anything that the words in `context` (param name, tool
 * name) do not: "The ID of the project to update." on `project_id` of
 * `update_project` does not, "Start time (Unix seconds), inclusive." does.
 */
export function addsInformation(text: string, context: string[]): boolean {
  const known = context.map(stemSet);
  return stems(text).some((w) => !known.some((set) => set.has(w)));
}
