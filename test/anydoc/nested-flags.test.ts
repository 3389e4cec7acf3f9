/**
 * CLI values for fields nested in object flags are typed by the schema at
 * every depth, whether given as dotted flags (`--person.address.zip 01234`) or
 * as a JSON/YAML value at any level: a string field keeps what was typed
 * (leading zeros, digits, `true`), a number field gets a number, and a field
 * the schema does not type gets its YAML value. The table used to type only
 * the first level, so "01234" went out as 1234 and an object given to a
 * nested field went out as its text.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recorder } from '../support/http-recorder.js';
import { runBin, type Built, type Imported } from '../support/pipeline.js';
import { op, recordedApi, tempDir } from './support.js';

describe('nested fields of object flags', () => {
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('nested-flags', join(tempDir('nested-flags'), 'doc'), (url) => ({
      openapi: '3.0.3',
      info: { title: 'Nest', version: '1' },
      servers: [{ url }],
      paths: {
        '/people': {
          post: {
            operationId: 'createPerson',
            requestBody: {
              required: true,
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['person'],
                    properties: {
                      person: {
                        type: 'object',
                        properties: {
                          name: { type: 'string' },
                          age: { type: 'integer' },
                          address: { type: 'object', properties: { zip: { type: 'string' }, line1: { type: 'string' }, floor: { type: 'integer' } } },
                          ids: { type: 'array', items: { type: 'object', properties: { ssn: { type: 'string' }, primary: { type: 'boolean' } } } },
                          extra: { type: 'object', additionalProperties: true },
                          tags: { type: 'array', items: { type: 'string' } },
                          scores: { type: 'array', items: { type: 'integer' } },
                        },
                      },
                    },
                  },
                },
              },
            },
            responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } },
          },
        },
        // A union of objects whose members share a field with different required nested fields.
        '/payments': {
          post: {
            operationId: 'createPayment',
            requestBody: {
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      method: {
                        oneOf: [
                          { type: 'object', properties: { card: { type: 'object', required: ['number'], properties: { number: { type: 'string' }, token: { type: 'string' } } } } },
                          { type: 'object', properties: { card: { type: 'object', required: ['token'], properties: { token: { type: 'string' } } } } },
                        ],
                      },
                    },
                  },
                },
              },
            },
            responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } },
          },
        },
      },
    })));
  }, 120_000);
  afterAll(async () => rec?.close());

  const send = async (...args: string[]) => {
    rec.reset();
    const create = op(imported.spec, 'post', '/people');
    const res = await runBin(built.cliBin, [create.names.cliGroup, create.names.cliCommand, ...args], {});
    expect(res.code, res.stderr).toBe(0);
    return JSON.parse(rec.requests[0]!.body).person;
  };

  it('dotted flags at any depth are typed by the schema', async () => {
    expect(await send('--person.name', '007', '--person.address.zip', '01234', '--person.address.line1', '10', '--person.address.floor', '3', '--person.age', '40')).toEqual({
      name: '007',
      age: 40,
      address: { zip: '01234', line1: '10', floor: 3 },
    });
  });

  it('a repeated dotted flag of a list field adds to the list, as a repeated list flag does', async () => {
    // `--filter.id 3 --filter.id 4` used to send only 4.
    expect(await send('--person.tags', 'a', '--person.tags', 'b,c', '--person.scores', '1', '--person.scores', '[2, 3]')).toEqual({ tags: ['a', 'b', 'c'], scores: [1, 2, 3] });
    expect(await send('--person', '{tags: [a]}', '--person.tags', 'b')).toEqual({ tags: ['a', 'b'] });
  });

  it('a flow value at any level keeps the text of string fields, and types the rest', async () => {
    expect(await send('--person', '{name: 007, age: 41, address: {zip: 01234, floor: 2}, ids: [{ssn: 078051120, primary: true}], extra: {n: 5, s: 0x1}}')).toEqual({
      name: '007',
      age: 41,
      address: { zip: '01234', floor: 2 },
      ids: [{ ssn: '078051120', primary: true }],
      extra: { n: 5, s: 1 },
    });
    expect(await send('--person.address', '{zip: "01234", line1: 22}')).toEqual({ address: { zip: '01234', line1: '22' } });
    // YAML beyond the flow subset (a quoted key) goes through the YAML package, with the same typing.
    expect(await send('--person', '{"name": 007, address: {zip: 01234}}')).toEqual({ name: '007', address: { zip: '01234' } });
    // JSON is taken as written: a number given to a string field is its decimal text.
    expect(await send('--person', '{"name": "007", "address": {"zip": 1234}}')).toEqual({ name: '007', address: { zip: '1234' } });
  });

  it('keeps keys that YAML reads as numbers or booleans, and refuses a scalar where an object belongs', async () => {
    expect(await send('--person', '{extra: {1: a, true: b}}')).toEqual({ extra: { '1': 'a', true: 'b' } });
    const create = op(imported.spec, 'post', '/people');
    const res = await runBin(built.cliBin, [create.names.cliGroup, create.names.cliCommand, '--person', '01234'], {});
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/--person expects an object, got '01234'/);
  });

  it('a field that union members share requires only what every member requires, at any depth', async () => {
    rec.reset();
    const pay = op(imported.spec, 'post', '/payments');
    for (const args of [['--method.card.token', 'tok_1'], ['--method', '{card: {token: tok_1}}']]) {
      const res = await runBin(built.cliBin, [pay.names.cliGroup, pay.names.cliCommand, ...args], {});
      expect(res.code, res.stderr).toBe(0);
    }
    expect(rec.requests.map((r) => JSON.parse(r.body))).toEqual([{ method: { card: { token: 'tok_1' } } }, { method: { card: { token: 'tok_1' } } }]);
  });

  it('a nested value of the wrong type is a usage error naming the field', async () => {
    const create = op(imported.spec, 'post', '/people');
    const res = await runBin(built.cliBin, [create.names.cliGroup, create.names.cliCommand, '--person.address.floor', 'high'], {});
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/--person\.address\.floor expects an integer, got 'high'/);
  });
});
