/**
 * Literals written the way prettier writes them (`singleQuote: true`), so a
 * formatter pass never changes a quote, an escape, a number or a key.
 */

/** Text that needs no escape in single quotes. */
const PLAIN = /^[\w ./:,;=+*#%&()[\]{}<>!?@~^$|-]*$/;

/**
 * A TS string literal for any spec text: single quotes unless the text holds
 * more single than double quotes (prettier's choice), with only the enclosing
 * quote escaped. Line and paragraph separators are escaped too, for old parsers.
 */
export function tsString(value: string): string {
  if (PLAIN.test(value)) return `'${value}'`;
  let singles = 0;
  let doubles = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 39) singles++;
    else if (c === 34) doubles++;
  }
  let body = JSON.stringify(value).slice(1, -1);
  if (/[\u2028\u2029]/.test(body)) body = body.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  if (singles > doubles) return `"${body}"`;
  if (doubles > 0) body = body.replace(/\\"/g, '"');
  if (singles > 0) body = body.replace(/'/g, "\\'");
  return `'${body}'`;
}

/** A number as prettier prints it (`1e+21` → `1e21`, lower-case exponent, no trailing zeros). */
export function tsNumber(value: number): string {
  const raw = String(value);
  if (raw.length === 1) return raw;
  return raw
    .toLowerCase()
    .replace(/^([+-]?[\d.]+e)(?:\+|(-))?0*(?=\d)/, '$1$2')
    .replace(/^([+-]?[\d.]+)e[+-]?0+$/, '$1')
    .replace(/^([+-])?\./, '$10.')
    .replace(/(\.\d+?)0+(?=e|$)/, '$1')
    .replace(/\.(?=e|$)/, '');
}

/** A TS literal for a JSON scalar. */
export function tsLiteral(value: string | number | boolean | null): string {
  if (typeof value === 'string') return tsString(value);
  if (typeof value === 'number') return tsNumber(value);
  return String(value);
}

/**
 * An identifier name as ES5 defines it (Unicode letters allowed, reserved
 * words too): prettier writes such quoted object keys without quotes.
 */
const ES5_IDENTIFIER_NAME = /^[$_\p{Lu}\p{Ll}\p{Lt}\p{Lm}\p{Lo}\p{Nl}][$_\p{Lu}\p{Ll}\p{Lt}\p{Lm}\p{Lo}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}\u200c\u200d]*$/u;

/**
 * A property key in an object literal, interface or type literal: bare when
 * prettier would unquote it, otherwise a string literal (numeric-looking keys
 * stay quoted: prettier never unquotes them in TypeScript).
 */
export function propertyKey(name: string): string {
  return ES5_IDENTIFIER_NAME.test(name) ? name : tsString(name);
}
