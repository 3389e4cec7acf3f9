/**
 * The same zero-config walk (walk-support.ts) over documents nobody on the
 * team wrote: the JSON documents of `@readme/oas-examples` (a devDependency),
 * Swagger 2.0, OpenAPI 3.0 and 3.1 examples of every feature ReadMe renders:
 * callbacks, circular schemas, discriminators, every parameter style, server
 * variables, polymorphism, ReadMe's own API. Its first run found unions
 * beside object parts, `allOf` of scalars and path styles.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { walkDocuments } from './walk-support.js';

const examples = dirname(createRequire(import.meta.url).resolve('@readme/oas-examples/package.json'));

walkDocuments('@readme/oas-examples: import ⇒ generate ⇒ build ⇒ use, with no config', examples, ['2.0/json', '3.0/json', '3.1/json'].map((d) => join(examples, d)), 60, 'test-walk-examples');
