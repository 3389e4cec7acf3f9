/**
 * A logger for the generated client whose every level writes one formatted
 * line through `write`: the CLI and the MCP server give the client one on
 * stderr, since their stdout is the response or the protocol.
 */
import { format } from 'node:util';

export type LineLogger = Record<'error' | 'warn' | 'info' | 'debug', (...args: unknown[]) => void>;

export function lineLogger(write: (line: string) => void): LineLogger {
  const line = (...args: unknown[]) => write(`${format(...args)}\n`);
  return { error: line, warn: line, info: line, debug: line };
}
