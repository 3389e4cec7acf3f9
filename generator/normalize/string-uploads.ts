/**
 * Multipart fields the document types as a plain string although they are
 * the file of the upload: Stripe's `POST /v1/files` and Linode's ticket
 * attachments write `file: { type: string }` (no `format: binary`), and their
 * SDKs upload there. Typed as text, no surface could send a file. A field is
 * an upload when its schema is a bare string (or an array of them) and
 * - its `encoding` entry gives a `contentType` of bytes only (one type, or a
 *   comma list of them: `application/octet-stream`, `image/png, image/jpeg`,
 *   `image/*`): OpenAPI's own way of saying a part is a file; or
 * - its wire name says it is the file: `file`, or ending in `_file`, `-file`,
 *   `File` (`audio_file`, `imageFile`); an array as `files`, `_files`, ...
 *   A separator or case boundary is required, so `profile` is not one, and
 *   names about a file (`file_id`, `file_name`, `filename`, `file_url`) are not.
 * Multipart only: in form and JSON bodies such fields hold file IDs (Slack's `file`).
 */
import type { Shape, ShapeBase } from '../ir/types.js';
import type { RefResolver } from '../load/refs.js';
import { isJsonType, isTextual } from './media.js';

type Raw = Record<string, any>;

/**
 * Keys a bare string may carry: annotations and length bounds. Anything else
 * (`format`, `enum`, `const`, `pattern`, `contentEncoding`, `contentMediaType`,
 * `default`, structure) says more about the text than that it is text.
 */
const BARE_KEYS = new Set(['type', 'description', 'title', 'example', 'examples', 'nullable', 'deprecated', 'readOnly', 'writeOnly', 'minLength', 'maxLength', 'externalDocs', 'xml']);

/** A schema that says only "a string" (type `string` or none, annotations aside). */
function isBareString(node: unknown): node is Raw {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return false;
  const n = node as Raw;
  if (n.type !== undefined && n.type !== 'string') return false;
  return Object.keys(n).every((k) => BARE_KEYS.has(k) || k.startsWith('x-'));
}

/** An array of bare strings may also bound its length. */
const ARRAY_KEYS = new Set(['items', 'minItems', 'maxItems']);

const FILE_NAME = /^(?:file|.*[_-]file|.*File)$/;
const FILES_NAME = /^(?:files|.*[_-]files|.*Files)$/;

/** A media type of bytes: not text, not JSON, not a wildcard type (`image/*` is one; `*` + `/*` is not). */
function isBytesType(t: string): boolean {
  return /^[^\s/*;,]+\/[^\s/;,]+(;.*)?$/.test(t) && !isTextual(t) && !isJsonType(t) && !/^(multipart|message)\//i.test(t) && !/^application\/x-www-form-urlencoded/i.test(t);
}

/** The `encoding` entry's `contentType` when every type it lists is bytes. */
function bytesContentType(entry: unknown): string | undefined {
  const raw = (entry as Raw | undefined)?.contentType;
  if (typeof raw !== 'string') return undefined;
  const types = raw.split(',').map((t) => t.trim());
  return types.length && types.every(isBytesType) ? raw.trim() : undefined;
}

export interface StringUpload {
  /** Why the field is an upload, for the report: `named as a file`, `` `encoding` contentType `image/png` ``. */
  reason: string;
  shape: Shape;
}

/**
 * The upload a multipart field is, when its schema is a bare string (or an
 * array of them) and its name or `encoding` entry says it is a file;
 * undefined otherwise. `entry` is the field's `encoding` entry, if any.
 */
export function stringUpload(wireName: string, schema: unknown, ptr: string, entry: unknown, resolver: RefResolver): StringUpload | undefined {
  const node = resolver.deref(schema, ptr);
  const one = isBareString(node.node);
  const list = node.node as Raw | undefined;
  const items = !one && list?.type === 'array' && Object.keys(list).every((k) => ARRAY_KEYS.has(k) || BARE_KEYS.has(k) || k.startsWith('x-'))
    ? resolver.deref(list.items, `${node.ptr}/items`)
    : undefined;
  if (!one && !(items && isBareString(items.node))) return undefined;
  const bytes = bytesContentType(entry);
  const named = one ? FILE_NAME.test(wireName) : FILES_NAME.test(wireName);
  if (!bytes && !named) return undefined;
  const reason = bytes ? `\`encoding\` contentType \`${bytes}\`` : 'named as a file';
  if (one) return { reason, shape: { ...annotations(node.node as Raw, ptr), kind: 'file' } };
  const bounds = Object.fromEntries(['minItems', 'maxItems'].filter((k) => typeof list![k] === 'number').map((k) => [k, list![k] as number]));
  return { reason, shape: { ...annotations(list!, ptr), kind: 'array', items: { ...annotations(items!.node as Raw, items!.ptr), kind: 'file' }, ...bounds } };
}

/** What a file shape keeps of the string's schema: its docs, not its example or length (they describe the text). */
function annotations(n: Raw, pointer: string): ShapeBase {
  return {
    ...(typeof n.description === 'string' ? { description: n.description } : {}),
    ...(typeof n.title === 'string' ? { title: n.title } : {}),
    ...(n.deprecated === true ? { deprecated: true } : {}),
    ...(n.nullable === true ? { nullable: true } : {}),
    pointer,
  };
}
