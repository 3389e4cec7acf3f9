/**
 * The official SDK's method index, `../shared/reference/openai-node/api.md`
 * (Apache-2.0), parsed at run time: it is never copied into the repo. Every
 * method line reads
 *   <code title="post /chat/completions">client.chat.<a …>create</a>({ ...params }) -> ChatCompletion</code>
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDir } from './shared.js';

export const openaiNodeApiFile = join(sharedDir, 'reference/openai-node/api.md');

export interface SdkMethod {
  /** Lower-case HTTP verb, e.g. `post`. */
  verb: string;
  /** The route as the SDK's title gives it, e.g. `/responses?beta=true`. */
  route: string;
  /** Accessor chain, e.g. `['chat', 'completions', 'create']`. */
  clientPath: string[];
  /** The declared return type, e.g. `ChatCompletion`, `ChatCompletionsPage`, `Response`, `void`. */
  returns: string;
  /** 1-based line in api.md, for messages. */
  line: number;
}

const METHOD_LINE = /<code title="(\w+) ([^"]+)">client\.((?:\w+\.)*)<a [^>]*>(\w+)<\/a>\([^)]*\) (?:->|-&gt;) ([^<]+)<\/code>/;

export function readSdkMethods(file = openaiNodeApiFile): SdkMethod[] {
  const out: SdkMethod[] = [];
  readFileSync(file, 'utf8').split('\n').forEach((text, i) => {
    if (!text.includes('<code title="')) return;
    const m = METHOD_LINE.exec(text);
    if (!m) throw new Error(`${file}:${i + 1}: a method line this parser does not understand: ${text.slice(0, 160)}`);
    const [, verb, route, chain, method, returns] = m;
    out.push({ verb: verb!.toLowerCase(), route: route!, clientPath: [...chain!.split('.').filter(Boolean), method!], returns: returns!.trim(), line: i + 1 });
  });
  return out;
}

/** Every type name api.md lists under a `Types:` heading (`<code><a href=…>ChatCompletionChunk</a></code>`). */
export function readSdkTypeNames(file = openaiNodeApiFile): Set<string> {
  const names = new Set<string>();
  for (const m of readFileSync(file, 'utf8').matchAll(/^- <code><a href="[^"]*">(\w+)<\/a><\/code>$/gm)) names.add(m[1]!);
  return names;
}

/** A helper line of api.md: a method with no route (`runs.poll`, `files.waitForProcessing`), several requests or none. */
export interface SdkHelper {
  /** Accessor chain, e.g. `['beta', 'threads', 'runs', 'poll']`. */
  clientPath: string[];
  /** The argument list as written, split at its top-level commas, e.g. `['runId', 'params', 'options?']`. */
  args: string[];
  line: number;
}

// A generated api.md's hand-written methods have no return type: `(…)</code> — hand-written: …`.
const HELPER_LINE = /^- <code>client\.((?:\w+\.)*)<a [^>]*>(\w+)<\/a>\((.*?)\)(?: (?:->|-&gt;) .+)?<\/code>(?: — hand-written.*)?$/;

/** Every method line without a route title, in `file` (openai-node's api.md, or a generated one of the same form). */
export function readSdkHelpers(file = openaiNodeApiFile): SdkHelper[] {
  const out: SdkHelper[] = [];
  readFileSync(file, 'utf8').split('\n').forEach((text, i) => {
    const m = HELPER_LINE.exec(text);
    if (!m) return;
    const args = m[3]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    out.push({ clientPath: [...m[1]!.split('.').filter(Boolean), m[2]!], args: splitTopLevel(args), line: i + 1 });
  });
  return out;
}

function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if ('{[(<'.includes(ch)) depth++;
    if ('}])>'.includes(ch)) depth--;
    if (ch === ',' && depth === 0) {
      out.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}
