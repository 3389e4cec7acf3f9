/**
 * Spec text in generated Markdown (READMEs, api.md tables). Spec strings are
 * untrusted: they must not open HTML, break a table row or start emphasis.
 */

/** Plain text for a paragraph or table cell: one line, no HTML, Markdown syntax escaped. */
export function markdownText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]|#]/g, (c) => `\\${c}`);
}

/** An inline code span that survives backticks in the text (and `|` inside a table). */
export function markdownCode(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  const fence = oneLine.includes('`') ? '``' : '`';
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${oneLine.replace(/\|/g, '\\|')}${pad}${fence}`;
}

/** Text inside a code span the template writes (backticks cannot be escaped there). */
export function codeSpan(text: string): string {
  return text.replace(/`/g, "'").replace(/\s+/g, ' ');
}

/** Text inside an HTML element or attribute. */
export function htmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A code fence longer than any backtick run in the code. */
export function fenceFor(code: string): string {
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

/**
 * Whether a base URL is one a call can use as it is (`http(s)://…`): the
 * READMEs say "defaults to" only then; a relative server URL (`/v1`) or none
 * must be given at run time (normalize/spec-parts.ts reports it).
 */
export function isAbsoluteURL(url: string): boolean {
  return /^https?:\/\//i.test(url);
}
