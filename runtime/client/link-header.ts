/**
 * The RFC 8288 `Link` response header, as GitHub, GitLab and Sentry page
 * their bare-array lists with it:
 *
 *   Link: <https://api.example.com/items?page=3>; rel="next", <…?page=9>; rel="last"
 *
 * A header may list several links (also across several `Link` headers, which
 * fetch joins with ", "); a target's `<…>` and a quoted value may hold commas
 * and semicolons; `rel` may name several relations at once (`rel="next last"`)
 * and relation names are case-insensitive.
 */

export interface LinkValue {
  /** The target as written (a URI reference: relative ones resolve against the request). */
  target: string;
  /** Params by lower-cased name, the first of each (`rel`, `title`…); a param without a value is ''. */
  params: Record<string, string>;
}

/** Every link of a `Link` header value; malformed parts are skipped. */
export function parseLinkHeader(header: string): LinkValue[] {
  const links: LinkValue[] = [];
  let i = 0;
  const skipSpace = () => {
    while (i < header.length && (header[i] === ' ' || header[i] === '\t')) i++;
  };
  /** Past the next comma that is outside a quoted string (the end of a link-value). */
  const skipToComma = () => {
    while (i < header.length && header[i] !== ',') {
      if (header[i] === '"') readQuoted();
      else i++;
    }
    i++;
  };
  /** A quoted-string starting at `i`, unescaped. */
  const readQuoted = (): string => {
    let out = '';
    for (i++; i < header.length && header[i] !== '"'; i++) {
      if (header[i] === '\\' && i + 1 < header.length) i++;
      out += header[i];
    }
    i++;
    return out;
  };
  const readToken = (): string => {
    const start = i;
    while (i < header.length && !/[\s;,="]/.test(header[i]!)) i++;
    return header.slice(start, i);
  };
  while (i < header.length) {
    skipSpace();
    if (header[i] !== '<') {
      skipToComma();
      continue;
    }
    const end = header.indexOf('>', i);
    if (end < 0) break;
    const target = header.slice(i + 1, end).trim();
    i = end + 1;
    const params: Record<string, string> = {};
    for (;;) {
      skipSpace();
      if (header[i] !== ';') break;
      i++;
      skipSpace();
      const name = readToken().toLowerCase();
      skipSpace();
      let value = '';
      if (header[i] === '=') {
        i++;
        skipSpace();
        value = header[i] === '"' ? readQuoted() : readToken();
      }
      // RFC 8288: a `rel` after the first is ignored; so is any repeated param here.
      if (name && !Object.prototype.hasOwnProperty.call(params, name)) params[name] = value;
    }
    links.push({ target, params });
    skipToComma();
  }
  return links;
}

/** The relation types of a link (`rel="next last"` is both), lower-cased. */
export function relationsOf(link: LinkValue): string[] {
  return (link.params['rel'] ?? '')
    .toLowerCase()
    .split(/[ \t]+/)
    .filter(Boolean);
}

/** Relations that page a list: a header with one of them says where the list goes on, or that it ends. */
const PAGING_RELATIONS = new Set(['next', 'prev', 'previous', 'first', 'last']);

/**
 * What a response's `Link` header says about the next page: `undefined` when
 * it has no paging link (absent, or other relations only: the header has no
 * say), else the `rel="next"` target as written, or null at the last page.
 */
export function nextFromLinkHeader(header: string | null): string | null | undefined {
  if (!header) return undefined;
  const links = parseLinkHeader(header);
  if (!links.some((link) => relationsOf(link).some((rel) => PAGING_RELATIONS.has(rel)))) return undefined;
  return links.find((link) => relationsOf(link).includes('next'))?.target ?? null;
}
