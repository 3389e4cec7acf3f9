/**
 * Example calls for JSDoc `@example` blocks, the README and api.md: the
 * required params only, with placeholder values derived from each shape
 * (enum → first value, a path param → its own name, as the official docs do).
 */
import type { NormalizedSpec, Shape } from '../../ir/types.js';
import { camelCase, isIdentifier, RESERVED_WORDS } from '../../names.js';
import { chain, type MethodModel } from './model.js';
import { streamType, uploadType } from './core-imports.js';
import { resolveShape } from './ts-types.js';
import { tsLiteral, tsString } from './writer.js';

/** A JS expression for a placeholder value of `shape`. */
export function sampleValue(shape: Shape, spec: NormalizedSpec, name: string, depth = 0): string {
  const resolved = resolveShape(shape, spec);
  // Deep down an array is empty and an object `{}`; a scalar keeps its own placeholder (a number five levels down was `'x'`).
  if (depth > 4 && (resolved.kind === 'array' || resolved.kind === 'object')) return resolved.kind === 'array' ? '[]' : '{}';
  if (depth > 12) return '{}';
  switch (resolved.kind) {
    case 'literal':
      return tsLiteral(resolved.value);
    case 'string':
      // Not an empty value an enum also lists (Brex's `dataset` path param: `'', mini, …`): a call with it fails.
      if (resolved.enum?.length) return tsLiteral(resolved.enum.find((v) => v !== '') ?? resolved.enum[0]!);
      if (resolved.format === 'email') return tsString('user@example.com');
      if (resolved.format === 'uri' || resolved.format === 'url') return tsString('https://example.com');
      if (typeof resolved.example === 'string' && resolved.example.length <= 40 && !/[\n\r]/.test(resolved.example)) return tsString(resolved.example);
      return tsString(name);
    case 'integer':
    case 'number':
      if (resolved.enum?.length) return tsLiteral(resolved.enum[0]!);
      if (typeof resolved.example === 'number') return String(resolved.example);
      return String(resolved.minimum ?? 0);
    case 'boolean':
      return 'true';
    case 'null':
      return 'null';
    case 'file':
      // As openai-node's examples when the core takes any upload (a file stream is the common one), else a Blob.
      return uploadType().file ? `fs.createReadStream(${tsString(`path/to/${name}`)})` : `new Blob([${tsString(name)}])`;
    case 'array':
      return `[${sampleValue(resolved.items, spec, name, depth + 1)}]`;
    case 'union':
      return resolved.members[0] ? sampleValue(resolved.members[0], spec, name, depth + 1) : '{}';
    case 'object': {
      const required = resolved.properties.filter((p) => p.required);
      if (required.length === 0) return '{}';
      const fields = required.map((p) => `${isIdentifier(p.name) ? p.name : tsString(p.name)}: ${sampleValue(p.shape, spec, p.name, depth + 1)}`);
      return `{ ${fields.join(', ')} }`;
    }
    default:
      return '{}';
  }
}

/** The argument list of an example call: positional first, then required params. */
export function exampleArgs(method: MethodModel, spec: NormalizedSpec): string {
  const args: string[] = [];
  if (method.positional) args.push(sampleValue(method.positional.param.schema, spec, method.positional.param.name));
  // A union body: the first member's params, as that member requires them.
  const required = (method.variants?.[0]?.params ?? method.objectParams).filter((p) => p.required);
  if (required.length > 0) {
    const fields = required.map((p) => `${isIdentifier(p.name) ? p.name : tsString(p.name)}: ${sampleValue(p.schema, spec, p.name)}`);
    args.push(`{ ${fields.join(', ')} }`);
  }
  return args.join(', ');
}

/**
 * A variable name for a result: the response type's camelCase, else `item`
 * for a list's items and `response` for the rest. Never a reserved word
 * (OpenAI's `Eval` made `const eval = …` and GitHub's `Import` made
 * `const import = …`; neither parses in a module) nor a name the example
 * itself reads (`client`, `console`).
 */
export function resultName(method: MethodModel): string {
  const shape = method.op.pagination?.item ?? method.op.response?.schema;
  const name = shape?.kind === 'ref' ? camelCase(shape.name) : '';
  if (isIdentifier(name) && !RESERVED_WORDS.has(name) && !EXAMPLE_NAMES.has(name)) return name;
  return method.paginated ? 'item' : 'response';
}

/** Names an example reads besides its result (and `of`, which reads badly in `for await (const of of …)`). */
const EXAMPLE_NAMES = new Set(['client', 'console', 'of', 'undefined', 'fs']);

/** The example body (no fences): an await, or a for-await walk for lists. */
export function exampleCode(method: MethodModel, spec: NormalizedSpec): string {
  const call = `${chain('client', [...method.accessor, method.name])}(${exampleArgs(method, spec)})`;
  const name = resultName(method);
  if (method.paginated) {
    // A single page is iterable too, but there are no more pages to fetch.
    const comment = method.op.pagination?.style === 'single' ? '' : '// Automatically fetches more pages as needed.\n';
    return `${comment}for await (const ${name} of ${call}) {\n  console.log(${name});\n}`;
  }
  if (method.op.stream && !method.op.stream.switch && streamType()) return `const stream = await ${call};\nfor await (const event of stream) {\n  console.log(event);\n}`;
  const kind = method.op.responseKind;
  if (kind === 'empty' || (!method.op.response && kind !== 'binary')) return `await ${call};`;
  if (kind === 'binary') return `const response = await ${call};\n\nconst content = await response.blob();\nconsole.log(content);`;
  if (kind === 'text') return `const text = await ${call};\nconsole.log(text);`;
  return `const ${name} = await ${call};\nconsole.log(${name});`;
}
