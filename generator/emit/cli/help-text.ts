/**
 * Spec prose as a terminal shows it: Markdown reads well as it is, HTML
 * (Stripe's descriptions are `<p>…</p>`, AWS's add `<note>` and
 * `<important>`) does not, so HTML tags become
 * paragraph breaks, list items and plain text, and entities their characters.
 * Only real HTML tag names count, and never inside a code span
 * (`<workspace_id>__<connector_id>` stays). Text without tags is unchanged.
 */
const HTML_TAG = /<\/?(?:a|abbr|b|blockquote|br|code|dd|div|dl|dt|em|fullname|h[1-6]|hr|i|important|li|note|ol|p|pre|s|small|span|strong|sub|sup|table|tbody|td|th|thead|tr|u|ul)\b[^>]*>/gi;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function plainHtml(text: string): string {
  return text
    .replace(/<\/p>\s*<p\b[^>]*>/gi, '\n\n')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li\b[^>]*>\s*/gi, '\n- ')
    // AWS's documentation tags: a note or a warning is a paragraph of its own, led by its kind.
    .replace(/<(note|important)\b[^>]*>\s*/gi, (_m, kind: string) => `\n\n${kind[0]!.toUpperCase()}${kind.slice(1).toLowerCase()}: `)
    .replace(/<\/(?:note|important)>/gi, '\n\n')
    .replace(/<\/(?:ul|ol)>/gi, '\n\n')
    .replace(HTML_TAG, '')
    .replace(/&(amp|lt|gt|quot|apos|nbsp);/g, (_m, name: string) => ENTITIES[name]!)
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code)));
}

export function terminalText(text: string): string {
  HTML_TAG.lastIndex = 0;
  if (!HTML_TAG.test(text)) return text;
  // Code spans keep their text; the prose around them loses its HTML.
  const parts = text.split(/(`+[^`]*`+)/);
  return parts
    .map((part, i) => (i % 2 === 1 ? part : plainHtml(part)))
    .join('')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
