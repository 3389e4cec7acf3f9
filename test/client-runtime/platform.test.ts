/**
 * The client runtime is copied into packages that run in Node, Deno, Bun,
 * workers and browsers: no module may import a Node built-in or reach for
 * Node-only globals at load time. (The generated client also compiles with
 * `types: []`, so Node's types are out of reach there.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '..', '..', 'runtime', 'client');
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

describe('runtime/client is platform neutral', () => {
  it.each(files)('%s imports no Node built-in and needs no Node global', (file) => {
    const code = readFileSync(join(dir, file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    expect(code).not.toMatch(/from\s+['"](node:|fs|path|stream|buffer|crypto|http)['"/]/);
    expect(code).not.toMatch(/\brequire\s*\(|\bimport\s*\(\s*['"]node:/);
    expect(code).not.toMatch(/\bBuffer\./);
    // process is only ever read through globalThis, guarded (a string that names it, as a message quoting
    // `process.env['OPENAI_LOG']` does, is no use of it).
    expect(code.replace(/globalThis as \{[^}]*process[^}]*\}/g, '')).not.toMatch(/(^|[^.\w'"`])process\./m);
    expect('const env = process.env;').toMatch(/(^|[^.\w'"`])process\./m);
  });
});
