/**
 * Fixture pieces of the counted-list tests (number-pages.test.ts,
 * offset-array-pages.test.ts): schemas and params of a small list document,
 * items by id, and what to read back from the recorder and the CLI.
 */
import type { RecordedRequest } from '../support/http-recorder.js';

export const item = { type: 'object', properties: { id: { type: 'string' } } };
export const list = { type: 'array', items: item };
export const int = (name: string, extra: object = {}) => ({ name, in: 'query', schema: { type: 'integer', ...extra } });
export const json = (schema: object) => ({ '200': { description: 'ok', content: { 'application/json': { schema } } } });
export const get = (operationId: string, parameters: object[], schema: object) => ({ get: { operationId, parameters, responses: json(schema) } });
/** The ids of the JSON lines a CLI list printed. */
export const lines = (stdout: string) => stdout.trim().split('\n').map((line) => JSON.parse(line).id as string);
/** One query param of a recorded request. */
export const query = (req: RecordedRequest, name: string) => new URLSearchParams(req.query).get(name);
/** `n` items with ids `${prefix}${from}`… */
export const ids = (prefix: string, from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${from + i}` }));
