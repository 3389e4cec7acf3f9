/**
 * Options the generated client reads from environment variables named beside
 * its base URL's, as openai-node reads them: the log level (`OPENAI_LOG`; the
 * `logLevel` option wins, and a value that names no level is said once) and
 * headers for every request (`OPENAI_CUSTOM_HEADERS`, beneath `defaultHeaders`).
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

describe('custom headers from the environment (OPENAI_CUSTOM_HEADERS)', () => {
  const HEADERS_ENV = 'TRIGEN_CUSTOM_HEADERS_TEST';
  afterEach(() => {
    delete process.env[HEADERS_ENV];
  });

  it('reads `Name: value` lines, skips lines without a name, and layers them beneath defaultHeaders', async () => {
    process.env[HEADERS_ENV] = 'X-Env-Header: env\r\nX-My-Default-Header: env-default\nno colon here\n: no name\nX-Gone: soon\nX-Trimmed :  spaced value ';
    const client = new APIClient(
      { apiKey: KEY, baseURL: 'http://127.0.0.1:9', defaultHeaders: new Headers({ 'X-My-Default-Header': '2' }) },
      { ...META, customHeadersEnv: HEADERS_ENV },
    );
    const op = { key: 'x.list', method: 'get' as const, path: '/x', pathParams: [], auth: true };
    const { headers } = client.describeRequest(op, {}, { headers: { 'X-Gone': null } });
    expect(headers['x-env-header']).toBe('env');
    expect(headers['x-my-default-header']).toBe('2');
    expect(headers['x-trimmed']).toBe('spaced value');
    expect(headers['x-gone']).toBeUndefined();
    expect(Object.keys(headers).filter((h) => h.includes('colon') || h === '')).toEqual([]);
  });

  it('is OPENAI_CUSTOM_HEADERS for the committed OpenAI clients', () => {
    for (const target of ['openai', 'openai-admin']) {
      expect(readFileSync(join(repoRoot, 'generated', target, 'client/src/client.ts'), 'utf8')).toContain("customHeadersEnv: 'OPENAI_CUSTOM_HEADERS',");
    }
  });
});
