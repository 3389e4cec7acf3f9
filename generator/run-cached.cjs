/**
 * Runs one of the generator's CommonJS bundles (node_modules/.cache/openapi-tri-gen/:
 * the command bundle, the worker-thread entries) compiled from a V8 code cache,
 * so a run does not compile again the functions an earlier run compiled
 * (Node 20 keeps no code cache for ES modules). A missing cache, or one V8
 * rejects (another Node, other flags, a rebuilt bundle), is written when the
 * run, or the worker thread, ends. A Node without the vm loader for import()
 * runs the bundle with plain require(). Used by launch.cjs and by
 * generator/commands/workers.ts; plain JavaScript, loaded before any bundle.
 */
'use strict';
const { readFileSync, renameSync, writeFileSync } = require('node:fs');
const { dirname } = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');
const { threadId } = require('node:worker_threads');
const { createHash } = require('node:crypto');

/**
 * V8 rejects a code cache made under other flags: runs with other Node options
 * (a profiler, a heap setting) keep their own cache beside it instead of
 * overwriting each other's.
 */
function cacheFor(cacheFile) {
  const options = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ').trim();
  return options ? cacheFile.replace(/\.v8cache$/, `.${createHash('sha1').update(options).digest('hex').slice(0, 8)}.v8cache`) : cacheFile;
}

function runCached(file, defaultCacheFile) {
  const cacheFile = cacheFor(defaultCacheFile);
  const importModuleDynamically = vm.constants && vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  if (!importModuleDynamically) {
    require(file);
    return;
  }
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // None yet: this run writes it.
  }
  const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData, importModuleDynamically });
  if (!cachedData || script.cachedDataRejected) {
    process.once('exit', () => {
      const temp = `${cacheFile}.tmp-${process.pid}-${threadId}`;
      try {
        writeFileSync(temp, script.createCachedData());
        renameSync(temp, cacheFile);
      } catch {
        // Without a cache the next run only compiles more.
      }
    });
  }
  const module = new Module(file);
  module.filename = file;
  module.paths = Module._nodeModulePaths(dirname(file));
  script.runInThisContext()(module.exports, Module.createRequire(file), module, file, dirname(file));
}

module.exports = { runCached };
