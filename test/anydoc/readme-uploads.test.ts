/**
 * The client README's examples of an API that takes file uploads: an
 * upload's example reads a file with `fs.createReadStream(…)`, and no block
 * of the README imported `fs` (pasted as it was, the example did not
 * compile: "Cannot find name 'fs'"). The usage block imports it now, as
 * openai-node's README does, and only when an example needs it.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emitClient } from '../../generator/emit/client/index.js';
import { importTree, tempDir } from './support.js';

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string' } } } } } } };

function doc(withUpload: boolean): object {
  const upload = {
    post: {
      operationId: 'uploadScan',
      requestBody: {
        required: true,
        content: { 'multipart/form-data': { schema: { type: 'object', required: ['scan'], properties: { scan: { type: 'string', format: 'binary' } } } } },
      },
      responses: ok,
    },
  };
  return {
    openapi: '3.0.3',
    info: { title: 'Scans', version: '1' },
    servers: [{ url: 'https://api.example.test' }],
    paths: { '/notes': { get: { operationId: 'listNotes', responses: ok } }, ...(withUpload ? { '/scans': upload } : {}) },
  };
}

async function readme(name: string, withUpload: boolean): Promise<string> {
  const { spec } = await importTree(join(tempDir(name), 'doc'), { 'openapi.yaml': doc(withUpload) });
  return emitClient(spec).get('client/README.md')!;
}

const usageBlock = (text: string) => /## Usage[\s\S]*?```ts\n([\s\S]*?)```/.exec(text)![1]!;

describe('README examples of uploads', () => {
  it('import fs in the usage block when an example reads a file', async () => {
    const text = await readme('readme-uploads', true);
    expect(text).toContain("scan: fs.createReadStream('path/to/scan')");
    expect(usageBlock(text)).toBe("import fs from 'fs';\nimport Scans from 'scans';\n\nconst client = new Scans();\n");
  });

  it('leave fs out when no example needs it', async () => {
    const text = await readme('readme-no-uploads', false);
    expect(text).not.toContain('fs.');
    expect(usageBlock(text)).not.toContain("import fs");
  });
});
