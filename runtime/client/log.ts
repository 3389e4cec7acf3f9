/**
 * Levelled logging with secret redaction. Every log line and error message
 * passes through a scrubber that knows the API key, so the key cannot leak
 * through debug output even when a server echoes it back.
 */

export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

export interface Logger {
  error(message: string, ...rest: unknown[]): void;
  warn(message: string, ...rest: unknown[]): void;
  info(message: string, ...rest: unknown[]): void;
  debug(message: string, ...rest: unknown[]): void;
}

const LEVELS: Record<LogLevel, number> = { off: 0, error: 200, warn: 300, info: 400, debug: 500 };

/** The levels, quietest first. */
export const LOG_LEVELS: readonly LogLevel[] = Object.keys(LEVELS) as LogLevel[];

export function isLogLevel(v: unknown): v is LogLevel {
  return typeof v === 'string' && Object.prototype.hasOwnProperty.call(LEVELS, v);
}

/** Header names whose values are secrets whatever they contain. */
const SECRET_HEADERS = new Set([
  'authorization',
  'api-key',
  'x-api-key',
  'proxy-authorization',
  'cookie',
  'set-cookie',
]);
export const REDACTED = '***';

/** Returns a function that replaces every occurrence of each secret in a string. */
export function makeScrubber(secrets: Array<string | null | undefined>): (text: string) => string {
  // Short strings would redact ordinary words; real keys are long.
  const list = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 6);
  if (list.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const s of list) out = out.split(s).join(REDACTED);
    return out;
  };
}

/** Copies headers into a plain object with secret header values masked. */
export function redactHeaders(
  headers: Headers | Record<string, string>,
  scrub: (t: string) => string,
): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = headers instanceof Headers ? Array.from(headers.entries()) : Object.entries(headers);
  for (const [k, v] of entries) out[k] = SECRET_HEADERS.has(k.toLowerCase()) ? REDACTED : scrub(v);
  return out;
}

/** Deep copy of a log argument with every string scrubbed. */
export function redactValue(v: unknown, scrub: (t: string) => string, depth = 0): unknown {
  if (typeof v === 'string') return scrub(v);
  if (depth > 8 || v === null || typeof v !== 'object') return v;
  if (v instanceof Headers) return redactHeaders(v, scrub);
  if (v instanceof Error) {
    const copy: Record<string, unknown> = { name: v.name, message: scrub(v.message) };
    return copy;
  }
  if (Array.isArray(v)) return v.map((x) => redactValue(x, scrub, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    out[k] = SECRET_HEADERS.has(k.toLowerCase()) && typeof x === 'string' ? REDACTED : redactValue(x, scrub, depth + 1);
  }
  return out;
}

const noop = () => {};

/** A logger that drops lines below `level` and scrubs the rest. */
export function levelLogger(level: LogLevel, target: Logger, scrub: (t: string) => string): Logger {
  const at = LEVELS[level];
  const make = (name: keyof Logger) =>
    LEVELS[name] > at
      ? noop
      : (message: string, ...rest: unknown[]) =>
          target[name](scrub(message), ...rest.map((r) => redactValue(r, scrub)));
  return { error: make('error'), warn: make('warn'), info: make('info'), debug: make('debug') };
}
