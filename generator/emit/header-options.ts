/**
 * The target config's `clientHeaders` (client options sent as a header on
 * every request, e.g. OpenAI's organization) as the CLI's global flags and
 * the MCP server's flags: each named as its option in kebab case, read from
 * its env var when the flag is not given.
 */
import type { NormalizedSpec } from '../ir/types.js';
import { kebabCase } from '../names.js';
import type { HeaderOptionFlag } from '../../runtime/cli/globals.js';

export function headerOptionsOf(spec: NormalizedSpec): HeaderOptionFlag[] {
  return (spec.clientHeaders ?? []).map((h) => ({ flag: kebabCase(h.clientOption), clientOption: h.clientOption, header: h.header, ...(h.envVar ? { env: h.envVar } : {}) }));
}
