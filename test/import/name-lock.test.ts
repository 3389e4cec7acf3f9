/**
 * User-visible names survive spec churn: the 2026-07-15 → 2026-07-22 documents
 * rename an operationId, and names never depend on the order of operations.
 */
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../generator/commands/import.js';
import { repoRoot, newestOpenaiSpecJson, openaiSpecsDir } from '../support/shared.js';

const ROUTE = 'POST /organization/projects/{project_id}/service_accounts/{service_account_id}/api_keys';
let configDir: string;

beforeAll(() => {
  // The admin config without its mcpNames overrides: only the lock can keep the old name.
  const config = parse(readFileSync(join(repoRoot, 'spec/openai-admin/config.yaml'), 'utf8'));
  delete config.mcpNames;
  configDir = mkdtempSync(join(tmpdir(), 'import-lock-'));
  writeFileSync(join(configDir, 'config.yaml'), stringify(config));
});

const find = (ops: Array<{ httpMethod: string; path: string }>, route: string) => ops.find((o) => `${o.httpMethod.toUpperCase()} ${o.path}` === route) as any;

describe('name lock', () => {
  it('keeps the established names when an operationId is renamed, and reports it', async () => {
    const before = await importDocument({ from: join(openaiSpecsDir, '2026-07-15-535f5dc.yaml'), target: 'openai-admin', configDir, relock: true });
    const old = find(before.spec.operations, ROUTE);
    expect(old.operationId).toBe('create-project-service-account-api-key');
    expect(old.names.mcpTool).toBe('openai_admin_create_project_service_account_api_key');

    const after = await importDocument({ from: join(openaiSpecsDir, '2026-07-22-f940017.yaml'), target: 'openai-admin', configDir, previous: before.spec });
    const op = find(after.spec.operations, ROUTE);
    expect(op.operationId).toBe('CreateanAPIkeyforaserviceaccount');
    expect(op.names).toEqual(old.names);
    const notes = after.report.filter((r) => r.pointer === op.pointer).map((r) => r.code);
    expect(notes).toEqual(expect.arrayContaining(['operation-id-changed', 'name-locked', 'ugly-operation-id']));
    expect(after.files.get('spec/openai-admin/report.md')).toContain('CreateanAPIkeyforaserviceaccount');

    // Without the lock the name would follow the ugly id: the lock is what keeps it.
    const unlocked = await importDocument({ from: join(openaiSpecsDir, '2026-07-22-f940017.yaml'), target: 'openai-admin', configDir, relock: true });
    expect(find(unlocked.spec.operations, ROUTE).names.mcpTool).not.toBe(old.names.mcpTool);
  });

  it('keeps the names when only path-param names change, and reports the new path', async () => {
    const before = await importDocument({ from: newestOpenaiSpecJson(), target: 'openai-admin', relock: true });
    const doc = JSON.parse(readFileSync(newestOpenaiSpecJson(), 'utf8'));
    const item = doc.paths['/organization/certificates/{certificate_id}'];
    delete doc.paths['/organization/certificates/{certificate_id}'];
    for (const op of Object.values(item) as Array<{ operationId: string; parameters: Array<{ name: string; in: string }> }>) {
      for (const p of op.parameters) if (p.in === 'path') p.name = 'cert_id';
      op.operationId = `${op.operationId}Renamed`; // the derived MCP name would change too
    }
    doc.paths['/organization/certificates/{cert_id}'] = item;
    const dir = mkdtempSync(join(tmpdir(), 'import-param-rename-'));
    const renamed = join(dir, 'renamed.json');
    writeFileSync(renamed, JSON.stringify(doc));
    const after = await importDocument({ from: renamed, target: 'openai-admin', previous: before.spec });
    for (const method of ['GET', 'POST', 'DELETE']) {
      const old = find(before.spec.operations, `${method} /organization/certificates/{certificate_id}`);
      const op = find(after.spec.operations, `${method} /organization/certificates/{cert_id}`);
      expect(op.names, method).toEqual(old.names);
      expect(op.params.find((p: { in: string }) => p.in === 'path').name).toBe('cert_id');
      expect(after.report.filter((r) => r.pointer === op.pointer).map((r) => r.code)).toEqual(expect.arrayContaining(['path-param-renamed', 'name-locked']));
    }
    expect(find(after.spec.operations, 'GET /organization/certificates/{cert_id}').names.mcpTool).toBe('openai_admin_get_certificate');
  });

  it('does not depend on the order of paths in the document', async () => {
    const doc = JSON.parse(readFileSync(newestOpenaiSpecJson(), 'utf8'));
    doc.paths = Object.fromEntries(Object.entries(doc.paths).reverse().map(([p, item]) => [p, Object.fromEntries(Object.entries(item as object).reverse())]));
    doc.components.schemas = Object.fromEntries(Object.entries(doc.components.schemas).reverse());
    const dir = mkdtempSync(join(tmpdir(), 'import-order-'));
    mkdirSync(dir, { recursive: true });
    const shuffled = join(dir, '2026-08-21-f85dbe2.json');
    writeFileSync(shuffled, JSON.stringify(doc));
    const a = await importDocument({ from: newestOpenaiSpecJson(), target: 'openai-admin', relock: true });
    const b = await importDocument({ from: shuffled, target: 'openai-admin', relock: true });
    expect(b.files.get('spec/openai-admin/spec.json') === a.files.get('spec/openai-admin/spec.json')).toBe(true);
  });
});
