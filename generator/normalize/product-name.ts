/**
 * The name a person would give the packages of an API, from its document:
 * "PagerDuty API" → `pagerduty` (bin and npm name), `PagerDuty` (client
 * class), `pagerduty_` (MCP tool prefix). Words keep their own spelling
 * (`PagerDuty`, `OpenAI` are one word each), generic trailing words (`API`,
 * `REST`, `Client`, `SDK`, versions) go ("Acme API Client" → `Acme`; "API
 * Client" alone names nothing, where it gave the class `APIClientClient`),
 * and a title with nothing left falls back to the file name, then its
 * folder, then the target.
 */
import { basename, dirname } from 'node:path';

/** Words that say "this is an API document" rather than which API. */
const GENERIC = new Set([
  'api', 'apis', 'rest', 'restful', 'openapi', 'swagger', 'http', 'https', 'json', 'service', 'services', 'server', 'spec',
  'specification', 'definition', 'definitions', 'documentation', 'docs', 'reference', 'interface', 'endpoints', 'public',
  'version', 'schema', 'official', 'unofficial', 'client', 'sdk',
]);
/** File names that name no API (`openapi.yaml`, `swagger.json`). */
const GENERIC_FILES = new Set(['openapi', 'swagger', 'api', 'apis', 'spec', 'schema', 'index', 'main', 'root', 'definition', 'document', 'bundle', 'bundled', 'resolved']);

const isGeneric = (w: string) => GENERIC.has(w.toLowerCase()) || /^v?\d+([._-]\d+)*[a-z]*\d*$/i.test(w);

/**
 * ASCII words of a text, each with its own spelling; accents folded (`Café` →
 * `Cafe`), possessives dropped (`GitHub's` → `GitHub`).
 */
function tokens(text: string): string[] {
  return text
    .replace(/['\u2019]s\b/g, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

/** Longest name kept (characters): the MCP tool prefix is made of it, and tool names stop at 64. */
const MAX_SLUG = 32;

/**
 * Drops a leading "The" and generic trailing words (`The Foo API v2` → `Foo`),
 * then words past MAX_SLUG; nothing when every word is generic.
 */
function meaningful(words: string[]): string[] {
  let out = words[0]?.toLowerCase() === 'the' ? words.slice(1) : [...words];
  while (out.length && isGeneric(out[out.length - 1]!)) out = out.slice(0, -1);
  while (out.length > 1 && out.join('-').length > MAX_SLUG) out = out.slice(0, -1);
  return out;
}

export interface ProductName {
  /** The words the names are made of, in their own spelling. */
  words: string[];
  /** `pagerduty`, `box-platform`: npm name, bin and env var stem. */
  slug: string;
  /** `PagerDuty`, `BoxPlatform`: a TypeScript identifier. */
  className: string;
  /** Where the words came from, for the report. */
  from: 'title' | 'file' | 'folder' | 'target';
}

function fileStem(source: string): string {
  return basename(source.split(/[?#]/)[0]!).replace(/\.[^.]*$/, '').replace(/\.(openapi|swagger|oas\d*|spec)$/i, '');
}

/**
 * A title without what it adds after a ` + ` (`GitHub's official OpenAPI
 * spec + Octokit extension`): the API is what comes first. (A ` - ` stays:
 * `Twilio - Pricing` names one of Twilio's APIs.)
 */
function mainPart(title: string): string {
  const [first] = title.split(/\s\+\s/);
  return tokens(first!).length ? first! : title;
}

export function productName(title: unknown, source: string, target: string): ProductName {
  const candidates: Array<[ProductName['from'], string]> = [
    ['title', typeof title === 'string' ? mainPart(title) : ''],
    ['file', GENERIC_FILES.has(fileStem(source).toLowerCase()) ? '' : fileStem(source)],
    ['folder', /^https?:/i.test(source) ? '' : basename(dirname(source))],
    ['target', target],
  ];
  for (const [from, text] of candidates) {
    const words = meaningful(tokens(text));
    if (words.length) return { words, slug: words.map((w) => w.toLowerCase()).join('-'), className: className(words), from };
  }
  return { words: ['api'], slug: 'api', className: 'API', from: 'target' };
}

/** `PagerDuty`, `OpenAI`, `USPTO` keep their capitals; lower-case words are capitalized. */
function className(words: string[]): string {
  const name = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return /^[0-9]/.test(name) ? `API${name}` : name;
}
