/**
 * The log level from the environment variable the generated client names
 * (`OPENAI_LOG` beside `OPENAI_BASE_URL`), as openai-node reads it: the
 * `logLevel` option wins, and a value that names no level is said once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { APIClient } from '../../runtime/client/index.js';
import { repoRoot } from '../support/shared.js';
import { KEY, META, memoryLogger } from './support/fixtures.js';

const ENV = 'TRIGEN_LOG_LEVEL_TEST';
const meta = { ...META, logLevelEnv: ENV };
afterEach(() => {
  delete process.env[ENV];
});

describe('the log level from the environment', () => {
  it('sets the level when the option does not', () => {
    process.env[ENV] = 'debug';
    expect(new APIClient({ apiKey: KEY, logger: memoryLogger() }, meta).logLevel).toBe('debug');
    expect(new APIClient({ apiKey: KEY, logger: memoryLogger(), logLevel: 'off' }, meta).logLevel).toBe('off');
  });

  it('says when it names no level, as openai-node words it, and keeps warn', () => {
    process.env[ENV] = 'not a log level';
    const logger = memoryLogger();
    expect(new APIClient({ apiKey: KEY, logger }, meta).logLevel).toBe('warn');
    expect(logger.lines).toEqual([
      `warn process.env['${ENV}'] was set to "not a log level", expected one of ["off","error","warn","info","debug"] `,
    ]);
  });

  it('is not read, nor complained of, when the option gives a valid level', () => {
    process.env[ENV] = 'not a log level';
    const logger = memoryLogger();
    expect(new APIClient({ apiKey: KEY, logger, logLevel: 'debug' }, meta).logLevel).toBe('debug');
    expect(logger.lines).toEqual([]);
  });

  it('is OPENAI_LOG for the committed OpenAI clients (named beside OPENAI_BASE_URL)', () => {
    for (const target of ['openai', 'openai-admin']) {
      expect(readFileSync(join(repoRoot, 'generated', target, 'client/src/client.ts'), 'utf8')).toContain("logLevelEnv: 'OPENAI_LOG',");
    }
  });
});
