/**
 * The whole OpenAI document imports with --scope all as a new inferred
 * target, and what it uses that cannot be represented is listed in the
 * report. (Every shared document going through the whole pipeline is
 * test/anydoc/walk.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { importDocument } from '../../generator/commands/import.js';
import { newestOpenaiSpecJson } from '../support/shared.js';

describe('the whole OpenAI document', () => {
  it('imports every operation, streaming and multipart listed in the report (details in io-facts.test.ts)', async () => {
    const { spec, report } = await importDocument({ from: newestOpenaiSpecJson(), target: 'openai-all', scope: 'all', configDir: '/nonexistent' });
    expect(spec.operations).toHaveLength(288);
    expect(report.filter((r) => r.code === 'stream').length).toBeGreaterThan(0);
    expect(report.some((r) => r.code === 'body-multipart')).toBe(true);
    const upload = spec.operations.find((o) => o.httpMethod === 'post' && o.path === '/files')!;
    expect(upload.body?.contentType).toBe('multipart/form-data');
    expect(upload.params.some((p) => p.in === 'body' && p.name === 'file')).toBe(true);
    // Names a person would choose: "OpenAI API" is `openai`.
    expect(spec.packages).toMatchObject({ client: 'openai', cliBin: 'openai', clientClass: 'OpenAI', toolPrefix: 'openai_' });
  });
});
