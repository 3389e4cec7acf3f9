/**
 * Measure 1 (issue 2): admin import and full-document import of the newest
 * OpenAI YAML against a bare parse of the same file. Baseline for the YAML
 * imports: the fastest bare parse of that YAML file (js-yaml or `yaml`); the
 * import of the .json copy is compared with JSON.parse of that copy. All are
 * timed in this run.
 * The fast contenders run round-robin so load spikes hit all of them.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as jsYaml from 'js-yaml';
import YAML from 'yaml';
import type { Measure } from '../child.js';
import { newestYaml } from '../lib/paths.js';
import { interleave, timeRuns } from '../lib/time.js';
import { compare, median, Skip, skippedRow, type Row } from '../lib/types.js';
import { adminImport, fullImport, loadImporter, type ImportDocument } from '../lib/generator.js';

const RUNS = 7;
/** `yaml` takes ~1 s per parse and is never the fastest; fewer runs keep the bench short. */
const SLOW_PARSE_RUNS = 3;
const FULL_RUNS = 3;

const measure: Measure = {
  title: 'Import (newest OpenAI YAML) vs bare parse',
  async run() {
    const yamlPath = newestYaml();
    const jsonPath = yamlPath.replace(/\.yaml$/, '.json');
    const hasJson = existsSync(jsonPath);
    const rows: Row[] = [];

    let importDocument: ImportDocument | undefined;
    let missing = '';
    try {
      importDocument = await loadImporter();
    } catch (error) {
      if (!(error instanceof Skip)) throw error;
      missing = error.message;
    }

    // Bare parses include reading the file, as the importer has to.
    const contenders: Record<string, () => unknown> = {
      jsyaml: () => jsYaml.load(readFileSync(yamlPath, 'utf8')),
    };
    if (hasJson) contenders.json = () => JSON.parse(readFileSync(jsonPath, 'utf8'));
    let ops = 0;
    if (importDocument) {
      const imp = importDocument;
      ops = (await adminImport(imp, yamlPath)).spec.operations.length;
      contenders.admin = () => adminImport(imp, yamlPath);
      if (hasJson) contenders.adminJson = () => adminImport(imp, jsonPath);
    }
    const s = await interleave(contenders, RUNS);
    const slow = await timeRuns(() => YAML.parse(readFileSync(yamlPath, 'utf8')), SLOW_PARSE_RUNS);

    const parses = [
      { id: 'import.parse.jsyaml', label: 'js-yaml', samples: s.jsyaml! },
      { id: 'import.parse.yaml', label: 'yaml', samples: slow },
      ...(s.json ? [{ id: 'import.parse.json', label: 'JSON.parse (.json copy)', samples: s.json }] : []),
    ];
    for (const p of parses) rows.push(compare(p.id, `bare parse: ${p.label}`, 'ms', p.samples, undefined));
    // Same file, same format: the YAML import against the fastest YAML parse.
    const fastest = parses
      .filter((p) => p.id !== 'import.parse.json')
      .map((p) => ({ label: p.label, value: median(p.samples) }))
      .reduce((a, b) => (b.value < a.value ? b : a));
    const baseline = { label: `fastest bare parse of the YAML (${fastest.label})`, value: fastest.value };
    const jsonBaseline = s.json ? { label: 'JSON.parse of the .json copy', value: median(s.json) } : baseline;

    if (!importDocument) {
      rows.push(skippedRow('import.admin', 'admin import (YAML)', missing));
      rows.push(skippedRow('import.full', 'full import --scope all (YAML)', missing));
      return rows;
    }
    rows.push(compare('import.admin', 'admin import (YAML)', 'ms', s.admin!, baseline, { op: '<=', limit: 2 }, `${ops} ops`));
    // Also against the fastest parse of any form (JSON.parse of the .json copy), so
    // the stricter reading of the target stays visible next to the same-file one.
    if (s.json) {
      rows.push(compare('import.admin.vsAnyParse', '  admin import (YAML) vs fastest parse of any form', 'ms', s.admin!, jsonBaseline, undefined, 'informational'));
    }
    if (s.adminJson) rows.push(compare('import.admin.json', 'admin import (.json copy)', 'ms', s.adminJson, jsonBaseline));

    try {
      const imp = importDocument;
      const fullOps = (await fullImport(imp, yamlPath)).spec.operations.length;
      const full = await timeRuns(() => fullImport(imp, yamlPath), FULL_RUNS, 0);
      rows.push(compare('import.full', 'full import --scope all (YAML)', 'ms', full, baseline, undefined, `${fullOps} ops`));
    } catch (error) {
      rows.push(skippedRow('import.full', 'full import --scope all (YAML)', error instanceof Error ? error.message.split('\n')[0]! : String(error)));
    }
    return rows;
  },
};
export default measure;
