/**
 * Handlebars with its templates' compiled code cached across runs. Compiling
 * the README and api.md templates is a sixth of `generate`'s emit time; the
 * compiled code depends only on the template text, the options and the
 * Handlebars version, so it is kept in node_modules/.cache/openapi-tri-gen/
 * (outside the committed tree) and later runs only evaluate it.
 *
 * The bundled generator (generator/launch.cjs) hands this module to every
 * `import Handlebars from 'handlebars'`; it is the same Handlebars object,
 * whose `compile` (and every `create()`d environment's) precompiles through
 * the cache. Precompiled and compiled templates come from the same compiler,
 * so the output is the same bytes; tests run the emitters on plain Handlebars.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';

const cacheFile = join(resolve(dirname(fileURLToPath(import.meta.url)), '../..'), 'node_modules/.cache/openapi-tri-gen/templates.json');

let store: Record<string, string> | undefined;
let dirty = false;

function cached(): Record<string, string> {
  if (store) return store;
  try {
    store = JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, string>;
  } catch {
    store = {};
  }
  process.once('exit', () => {
    if (!dirty) return;
    try {
      mkdirSync(dirname(cacheFile), { recursive: true });
      const temp = `${cacheFile}.tmp-${process.pid}`;
      writeFileSync(temp, JSON.stringify(store));
      renameSync(temp, cacheFile);
    } catch {
      // A cache that cannot be written only costs the next run a compile.
    }
  });
  return store;
}

type Env = typeof Handlebars;

function withCache(env: Env): Env {
  const compile = env.compile.bind(env);
  env.compile = ((input: string, options: CompileOptions = {}) => {
    if (typeof input !== 'string') return compile(input, options);
    const key = createHash('sha1').update(`${Handlebars.VERSION}\0${JSON.stringify(options)}\0${input}`).digest('hex');
    const all = cached();
    let source = all[key];
    if (source === undefined) {
      source = env.precompile(input, options) as string;
      all[key] = source;
      dirty = true;
    }
    // The compiler's own output, evaluated as Handlebars.compile itself does.
    return env.template(new Function(`return (${source});`)() as TemplateSpecification);
  }) as Env['compile'];
  return env;
}

type CompileOptions = CompileOptionsOf<Env['compile']>;
type CompileOptionsOf<F> = F extends (input: never, options?: infer O) => unknown ? O : never;
type TemplateSpecification = Parameters<Env['template']>[0];

const create = Handlebars.create.bind(Handlebars);
Handlebars.create = () => withCache(create());
withCache(Handlebars);

export default Handlebars;
