/**
 * Measure 7 (issue 12): the client's API report, ours (ts-morph over the
 * built declarations, generator/api-report) against API Extractor's report of
 * the same dist/index.d.ts, timed round-robin in this process. API Extractor
 * also misses the resource classes (reached through `import * as` namespaces),
 * so ours is the one `check` and `release` use.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Measure } from '../child.js';
import { generatedDir, scratchRoot } from '../lib/paths.js';
import { interleave } from '../lib/time.js';
import { compare, median, Skip, type Row } from '../lib/types.js';

const RUNS = 5;

const measure: Measure = {
  title: 'API report: ts-morph over dist/*.d.ts vs API Extractor',
  async run() {
    const pkg = join(generatedDir, 'client');
    if (!existsSync(join(pkg, 'dist/index.d.ts'))) throw new Skip(`${pkg}/dist is not built`);
    const { readApiModel, renderApiReport } = await import('../../generator/api-report/report.js');
    let extractor: typeof import('@microsoft/api-extractor');
    try {
      extractor = await import('@microsoft/api-extractor');
    } catch {
      throw new Skip('@microsoft/api-extractor is not installed');
    }
    const out = join(scratchRoot, 'api-extractor');
    mkdirSync(join(out, 'temp'), { recursive: true });
    const config = extractor.ExtractorConfig.prepare({
      configObject: {
        projectFolder: pkg,
        mainEntryPointFilePath: join(pkg, 'dist/index.d.ts'),
        compiler: { overrideTsconfig: { compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022', 'DOM', 'DOM.Iterable'], types: [], strict: true, skipLibCheck: true }, include: ['dist/index.d.ts'] } },
        apiReport: { enabled: true, reportFolder: out, reportTempFolder: join(out, 'temp'), reportFileName: 'client' },
        docModel: { enabled: false },
        dtsRollup: { enabled: false },
        tsdocMetadata: { enabled: false },
        messages: { extractorMessageReporting: { default: { logLevel: extractor.ExtractorLogLevel.None } }, compilerMessageReporting: { default: { logLevel: extractor.ExtractorLogLevel.None } }, tsdocMessageReporting: { default: { logLevel: extractor.ExtractorLogLevel.None } } },
      },
      configObjectFullPath: join(pkg, 'api-extractor.json'),
      packageJsonFullPath: join(pkg, 'package.json'),
    });
    const samples = await interleave(
      {
        ours: () => renderApiReport(readApiModel('client', join(pkg, 'dist'))),
        extractor: () => extractor.Extractor.invoke(config, { localBuild: true, messageCallback: (m) => void (m.handled = true) }),
      },
      RUNS,
    );
    const rows: Row[] = [compare('apireport.extractor', 'API Extractor report of dist/index.d.ts', 'ms', samples.extractor!, undefined)];
    rows.push(compare('apireport.ours', 'our report (ts-morph, resources included)', 'ms', samples.ours!, { label: 'API Extractor', value: median(samples.extractor!) }, { op: '<', limit: 1 }));
    return rows;
  },
};
export default measure;
