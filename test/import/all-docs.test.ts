/**
 * Generality: every document in ../shared/specs (OpenAI history and the other
 * APIs) imports with the whole path set in scope, as a new inferred target,
 * and what cannot be represented is listed in the report rather than dropped.
 */
import { describe, expect, it } from 'vitest';
import { basename } from 'node:path';
import { importDocument } from '../../generator/commands/import.js';
import { openaiSpecHistory, otherSpecs, newestOpenaiSpecJson } from '../support/shared.js';

const docs = [...openaiSpecHistory(), ...otherSpecs()];

describe('every shared document imports with --scope all', () => {
  it.each(docs.map((d) => [basename(d), d]))('%s', async (_name, file) => {
    const { spec, files } = await importDocument({ from: file, target: 'scratch-target', scope: 'all', configDir: '/nonexistent' });
    expect(spec.operations.length).toBeGreaterThan(0);
    // A new target gets an inferred config next to its spec.
    expect([...files.keys()].sort()).toEqual(['spec/scratch-target/config.yaml', 'spec/scratch-target/report.md', 'spec/scratch-target/spec.json']);
    expect(new Set(spec.operations.map((o) => o.key)).size).toBe(spec.operations.length);
    expect(new Set(spec.operations.map((o) => o.names.mcpTool)).size).toBe(spec.operations.length);
    expect(spec.operations.every((o) => o.names.mcpTool.length <= 64)).toBe(true);
    // Every ref points at a named type.
    const refs = files.get('spec/scratch-target/spec.json')!.matchAll(/"kind": "ref",\s*"name": "([^"]+)"/g);
    for (const [, name] of refs) expect(spec.types[name!], name).toBeDefined();
  });

  it('imports the whole OpenAI document: 288 operations, streaming and multipart listed in the report (details in io-facts.test.ts)', async () => {
    const { spec, report } = await importDocument({ from: newestOpenaiSpecJson(), target: 'openai-all', scope: 'all', configDir: '/nonexistent' });
    expect(spec.operations).toHaveLength(288);
    expect(report.filter((r) => r.code === 'stream').length).toBeGreaterThan(0);
    expect(report.some((r) => r.code === 'body-multipart')).toBe(true);
    const upload = spec.operations.find((o) => o.httpMethod === 'post' && o.path === '/files')!;
    expect(upload.body?.contentType).toBe('multipart/form-data');
    expect(upload.params.some((p) => p.in === 'body' && p.name === 'file')).toBe(true);
    expect(spec.packages.client).toBeTruthy();
  });
});
