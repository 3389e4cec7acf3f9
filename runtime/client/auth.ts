/**
 * Credentials: which keys the client holds and how each operation sends one.
 * An API may accept several schemes (the full OpenAI API: a project key for
 * most endpoints, an admin key for /organization); each operation lists the
 * schemes it accepts, and the first one the client has a key for is used;
 * schemes that go together (an API key and an app id) are sent at once.
 *
 * A key may be a function (`apiKey: async () => token`), as in openai-node:
 * short-lived tokens (OAuth access tokens, Azure AD) are fetched again for
 * every request that sends that scheme, and never for one that does not.
 */
import { ClientError, MissingKeyError, type NeededKey } from './errors.js';
import type { OperationSpec } from './operation.js';

export type AuthKind = 'bearer' | 'basic' | 'apiKeyHeader' | 'apiKeyQuery' | 'apiKeyCookie';

/** One way the API accepts a key. The first scheme's key is the `apiKey` option. */
export interface AuthSchemeSpec {
  /** Security scheme name in the document, e.g. `AdminApiKeyAuth`. */
  name: string;
  /** Constructor option users pass the key as, e.g. `adminAPIKey` (for messages). */
  option: string;
  /** Environment variable read when the option is not given. */
  env?: string;
  /**
   * How the key travels: a bearer token (default); `basic` takes `user:password`
   * and sends it base64-encoded; `apiKeyHeader`/`apiKeyQuery` send it as-is
   * in the header or query parameter `param`, `apiKeyCookie` as the cookie
   * `param` (percent-encoded).
   */
  kind: AuthKind;
  param?: string;
}

/** Base64 of the UTF-8 bytes (btoa alone only takes Latin-1). */
export function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * A key given as a function: called before each request that sends it, so it
 * can hand out a fresh token (its own cache decides how often it asks for one).
 */
export type ApiKeySetter = () => string | Promise<string>;

/** A key option's value: the key, a function that gives it, or `null` for none (the environment is not read). */
export type KeyInput = string | ApiKeySetter | null | undefined;

export interface KeySources {
  /** The first scheme's key. */
  apiKey?: KeyInput;
  /** Keys of any scheme, by scheme name (wins over `apiKey` for the first). */
  credentials?: Record<string, KeyInput> | undefined;
}

/** What an operation's request carries for auth. */
export interface AuthParts {
  headers: Record<string, string>;
  query?: Record<string, string>;
}

const needed = (s: AuthSchemeSpec): NeededKey => ({ option: s.option, ...(s.env ? { env: s.env } : {}) });

function describe(schemes: AuthSchemeSpec[], packageName: string): string {
  const options = schemes.map((s) => `\`${s.option}\``).join(' or ');
  const envs = schemes.flatMap((s) => (s.env ? [s.env] : []));
  const env = envs.length ? ` or by setting the ${envs.join(' or ')} environment variable` : '';
  return `pass the ${options} option to the ${packageName} client constructor${env}`;
}

export class Credentials {
  private constructor(
    private readonly schemes: AuthSchemeSpec[],
    /** Keys by scheme name; for a scheme with a key function, the last key it gave. */
    private readonly keys: Map<string, string>,
    /** Key functions by scheme name. */
    private readonly setters: Map<string, ApiKeySetter>,
    private readonly packageName: string,
  ) {}

  /** Whether the client has a key (or a key function) for `scheme`. */
  private holds(scheme: AuthSchemeSpec): boolean {
    return this.keys.has(scheme.name) || this.setters.has(scheme.name);
  }

  /**
   * Keys from the options, else the environment. A client for an API whose
   * every operation needs auth needs at least one (unless `keyOptional`: some
   * need none); which operations it can call then depends on which schemes it
   * has keys for.
   */
  static resolve(
    sources: KeySources,
    schemes: AuthSchemeSpec[],
    packageName: string,
    readEnv: (name: string) => string | undefined,
    keyOptional = false,
  ): Credentials {
    const keys = new Map<string, string>();
    const setters = new Map<string, ApiKeySetter>();
    schemes.forEach((scheme, i) => {
      const given =
        sources.credentials && Object.prototype.hasOwnProperty.call(sources.credentials, scheme.name)
          ? sources.credentials[scheme.name]
          : i === 0
            ? sources.apiKey
            : undefined;
      // `null` says "no key" on purpose: the environment is not consulted.
      const key = given !== undefined ? given : scheme.env ? readEnv(scheme.env) : undefined;
      if (typeof key === 'function') setters.set(scheme.name, key);
      else if (key) keys.set(scheme.name, key);
    });
    if (schemes.length > 0 && keys.size === 0 && setters.size === 0 && !keyOptional)
      throw new MissingKeyError(
        `Missing API key: ${describe(schemes, packageName)}.`,
        schemes.map((s) => [needed(s)]),
      );
    return new Credentials(schemes, keys, setters, packageName);
  }

  /** Whether the client holds any key (or key function). */
  get any(): boolean {
    return this.keys.size > 0 || this.setters.size > 0;
  }

  /** The key of the scheme the client takes as option `option`, if held (for a key function, the last key it gave). */
  keyOfOption(option: string): string | null {
    const scheme = this.schemes.find((s) => s.option === option);
    return (scheme && this.keys.get(scheme.name)) || null;
  }

  /** The first scheme's key, if held (for a key function, the last key it gave). */
  get primary(): string | null {
    return (this.schemes[0] && this.keys.get(this.schemes[0].name)) || null;
  }

  /** Every form a key takes on the wire, for redaction. */
  secrets(): string[] {
    return this.schemes.flatMap((s) => {
      const key = this.keys.get(s.name);
      return !key
        ? []
        : s.kind === 'basic'
          ? [key, base64(key)]
          : s.kind === 'apiKeyCookie'
            ? [key, encodeURIComponent(key)]
            : [key];
    });
  }

  /**
   * Headers and query params that authenticate `op` (nothing for an operation
   * without auth), with the keys held now: a key function's last key (none
   * before its first call; `forRequest` calls it).
   */
  forOperation(op: OperationSpec): AuthParts {
    return this.partsOfAll(this.schemesFor(op));
  }

  /**
   * As `forOperation`, after calling the key functions of the schemes `op`
   * sends (and only those); `changed` says that a key function gave a key the
   * client did not hold before, which redaction must then learn.
   */
  async forRequest(op: OperationSpec): Promise<{ parts: AuthParts; changed: boolean }> {
    const schemes = this.schemesFor(op);
    let changed = false;
    for (const scheme of schemes) {
      const setter = this.setters.get(scheme.name);
      if (!setter) continue;
      const key = await this.callSetter(scheme, setter);
      if (this.keys.get(scheme.name) !== key) changed = true;
      this.keys.set(scheme.name, key);
    }
    return { parts: this.partsOfAll(schemes), changed };
  }

  /** Whether a request for `op` calls a key function (then each retry asks it again). */
  callsSetter(op: OperationSpec): boolean {
    return this.setters.size > 0 && this.schemesFor(op).some((s) => this.setters.has(s.name));
  }

  private async callSetter(scheme: AuthSchemeSpec, setter: ApiKeySetter): Promise<string> {
    let key: unknown;
    try {
      key = await setter();
    } catch (error) {
      throw new ClientError(
        `The \`${scheme.option}\` function threw: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    if (typeof key !== 'string' || key === '') {
      const got = typeof key === 'string' ? 'an empty string' : key === null ? 'null' : typeof key;
      throw new ClientError(
        `The \`${scheme.option}\` function must return a non-empty string (or a promise of one); it returned ${got}.`,
      );
    }
    return key;
  }

  /** The schemes whose keys authenticate `op`: none without auth (or optional auth without a key), else the first usable ones. */
  private schemesFor(op: OperationSpec): AuthSchemeSpec[] {
    if (!op.auth || this.schemes.length === 0) return [];
    if (op.authOptional) {
      try {
        return this.schemesFor({ ...op, authOptional: false });
      } catch (error) {
        if (error instanceof MissingKeyError) return [];
        throw error;
      }
    }
    if (op.requirements) return this.forRequirements(op, op.requirements);
    const accepted = op.schemes
      ? op.schemes.map((n) => this.schemes.find((s) => s.name === n)).filter((s): s is AuthSchemeSpec => !!s)
      : this.schemes;
    const scheme = accepted.find((s) => this.holds(s));
    if (!scheme) {
      const wanted = accepted.length ? accepted : this.schemes;
      throw new MissingKeyError(
        `${op.key} needs a key this client does not have: ${describe(wanted, this.packageName)}.`,
        wanted.map((s) => [needed(s)]),
      );
    }
    return [scheme];
  }

  /** The first alternative the client has every key of, all its schemes sent at once. */
  private forRequirements(op: OperationSpec, requirements: string[][]): AuthSchemeSpec[] {
    const alternatives = requirements.map((names) =>
      names.map((n) => this.schemes.find((s) => s.name === n)).filter((s): s is AuthSchemeSpec => !!s),
    );
    const usable = alternatives.find((schemes) => schemes.length > 0 && schemes.every((s) => this.holds(s)));
    if (!usable) {
      const needs = alternatives
        .map((schemes) => schemes.map((s) => `\`${s.option}\`${s.env ? ` (${s.env})` : ''}`).join(' and '))
        .join(', or ');
      throw new MissingKeyError(
        `${op.key} needs the keys ${needs}: pass them to the ${this.packageName} client constructor.`,
        alternatives.map((schemes) => schemes.map(needed)),
      );
    }
    return usable;
  }

  /** What the schemes send, together. */
  private partsOfAll(schemes: AuthSchemeSpec[]): AuthParts {
    if (schemes.length === 1) return this.partsOf(schemes[0]!);
    const parts: AuthParts = { headers: {} };
    for (const scheme of schemes) {
      const { headers, query } = this.partsOf(scheme);
      for (const [name, value] of Object.entries(headers)) {
        // Two cookie keys share the Cookie header.
        parts.headers[name] = name === 'cookie' && parts.headers.cookie ? `${parts.headers.cookie}; ${value}` : value;
      }
      if (query) parts.query = { ...parts.query, ...query };
    }
    return parts;
  }

  private partsOf(scheme: AuthSchemeSpec): AuthParts {
    // A key function not called yet (a dry run's request): the request shows where the key goes, without one.
    const key = this.keys.get(scheme.name) ?? '';
    switch (scheme.kind) {
      case 'basic':
        return { headers: { authorization: `Basic ${base64(key)}` } };
      case 'apiKeyHeader':
        return { headers: { [(scheme.param ?? 'x-api-key').toLowerCase()]: key } };
      case 'apiKeyQuery':
        return { headers: {}, query: { [scheme.param ?? 'api_key']: key } };
      case 'apiKeyCookie':
        // Cookie params of the operation join this header (request.ts).
        return { headers: { cookie: `${scheme.param ?? 'api_key'}=${encodeURIComponent(key)}` } };
      default:
        return { headers: { authorization: `Bearer ${key}` } };
    }
  }
}
