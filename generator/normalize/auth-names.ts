/**
 * Client option and env var of each security scheme of an API. One scheme
 * is `apiKey` / `<API>_API_KEY`; several are named after the schemes
 * (`adminApiKeyAuth`), made safe: never a keyword, a leading digit, a core
 * client option (`timeout`) or a CLI global flag, and never two alike
 * (`api_key` and `apiKey` are `apiKey` and `apiKey2`).
 */
import { globalFlags } from '../../runtime/cli/globals.js';
import { camelCase, kebabCase, pascalCase, RESERVED_WORDS, snakeCase } from '../names.js';
import { coreClientOptions } from './reserved.js';

export function schemeNames(schemes: string[], upper: string): Map<string, { envVar: string; clientOption: string }> {
  const out = new Map<string, { envVar: string; clientOption: string }>();
  if (schemes.length === 1) return out.set(schemes[0]!, { envVar: `${upper}_API_KEY`, clientOption: 'apiKey' });
  const core = new Set([...coreClientOptions()].filter((o) => o !== 'apiKey'));
  const flags = new Set(globalFlags({ flag: 'api-key', env: '' }, '', []).map((g) => g.flag).filter((f) => f !== 'api-key'));
  const options = new Set<string>();
  const envs = new Set<string>();
  for (const scheme of schemes) {
    let base = camelCase(scheme) || 'key';
    if (!/^[A-Za-z_]/.test(base)) base = `key${pascalCase(scheme)}`;
    if (RESERVED_WORDS.has(base) || core.has(base) || flags.has(kebabCase(base))) base = `${base}Key`;
    let option = base;
    for (let n = 2; options.has(option); n++) option = `${base}${n}`;
    options.add(option);
    // `example_api_key` of the API `example` is EXAMPLE_API_KEY, not EXAMPLE_EXAMPLE_API_KEY; `example` is EXAMPLE_KEY.
    const own = snakeCase(scheme).toUpperCase();
    const envBase = own.startsWith(`${upper}_`) ? own : own === upper ? `${upper}_KEY` : `${upper}_${own || 'KEY'}`;
    let envVar = envBase;
    for (let n = 2; envs.has(envVar); n++) envVar = `${envBase}_${n}`;
    envs.add(envVar);
    out.set(scheme, { envVar, clientOption: option });
  }
  return out;
}
