/**
 * The default base URL of an API whose server URL has variables
 * (`https://{region}.api.example.com`): each variable comes from its client
 * option, else its env var, else the document's default. A value outside the
 * document's list is an error naming the option and the allowed values.
 */
import { ClientError } from './errors.js';

export interface ServerVariableSpec {
  /** Name in the template, e.g. `region`. */
  name: string;
  /** Client option that sets it, e.g. `region`. */
  option: string;
  env?: string;
  default: string;
  enum?: string[];
}

export function serverURL(
  template: string,
  variables: ServerVariableSpec[],
  given: Record<string, string | null | undefined>,
  readEnv: (name: string) => string | undefined,
): string {
  return template.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const v = variables.find((x) => x.name === name);
    if (!v) return whole;
    const value = given[v.option] ?? (v.env ? readEnv(v.env) : undefined) ?? v.default;
    if (v.enum && !v.enum.includes(value)) {
      throw new ClientError(
        `${v.option} must be one of ${v.enum.map((e) => `"${e}"`).join(', ')}; got "${value}"${given[v.option] == null && v.env ? ` (from ${v.env})` : ''}.`,
      );
    }
    return value;
  });
}
