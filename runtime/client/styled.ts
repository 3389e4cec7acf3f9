/**
 * Path and header values per OpenAPI's `simple`, `label` and `matrix` styles
 * (RFC 6570 expansion): a primitive as it is (`.blue`, `;color=blue`), an
 * array comma-joined or, exploded, one item per separator (`.blue.black`,
 * `;color=blue;color=black`), an object as `key,value` pairs or, exploded,
 * `key=value` pairs (`R=100,G=200`, `;R=100;G=200`).
 */
import { scalarText } from './query.js';

export type ParamStyle = 'simple' | 'label' | 'matrix';

/** `name` is the wire name (matrix repeats it); `encode` escapes each key and value (not the separators). */
export function styledValue(
  value: unknown,
  style: ParamStyle,
  explode: boolean,
  name: string,
  encode: (text: string) => string,
): string {
  const prefix = style === 'label' ? '.' : style === 'matrix' ? ';' : '';
  const named = (text: string) => (style === 'matrix' ? `;${encode(name)}=${text}` : prefix + text);
  if (Array.isArray(value)) {
    const items = value.filter((v) => v !== undefined && v !== null).map((v) => encode(scalarText(v)));
    if (!explode) return named(items.join(','));
    return style === 'matrix'
      ? items.map((v) => named(v)).join('')
      : prefix + items.join(style === 'label' ? '.' : ',');
  }
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    const pairs = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => [encode(k), encode(scalarText(v))] as const);
    if (!explode) return named(pairs.flat().join(','));
    return prefix + pairs.map(([k, v]) => `${k}=${v}`).join(style === 'simple' ? ',' : prefix);
  }
  return named(encode(scalarText(value)));
}
