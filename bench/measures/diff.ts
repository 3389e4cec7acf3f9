/**
 * Measure 6 (issue 5): `diffDocuments` across the 2026-07-23 → 2026-08-08
 * pair against one admin import of the newer document, timed in this run.
 */
import type { Measure } from '../child.js';
import { specByDate } from '../lib/paths.js';
import { interleave } from '../lib/time.js';
import { compare, median, type Row } from '../lib/types.js';
import { adminImport, ADMIN_TARGET, loadDiff, loadImporter } from '../lib/generator.js';

const RUNS = 5;

const measure: Measure = {
  title: 'Diff 2026-07-23 → 2026-08-08 vs one import',
  async run() {
    const oldDoc = specByDate('2026-07-23');
    const newDoc = specByDate('2026-08-08');
    const importDocument = await loadImporter();
    const diffDocuments = await loadDiff();
    const samples = await interleave(
      {
        import: () => adminImport(importDocument, newDoc),
        diff: () => diffDocuments(oldDoc, newDoc, { target: ADMIN_TARGET }),
      },
      RUNS,
    );
    const rows: Row[] = [compare('diff.import', 'one admin import (2026-08-08)', 'ms', samples.import!, undefined)];
    rows.push(compare('diff.diff', 'diffDocuments(07-23, 08-08)', 'ms', samples.diff!, { label: 'one import', value: median(samples.import!) }, { op: '<=', limit: 3 }));
    return rows;
  },
};
export default measure;
