/**
 * Upload arguments → Files for the generated client. A file field takes
 *
 *   {"base64": "<content or a data: URL>", "filename": "a.png", "mime_type": "image/png"}
 *   {"path": "/allowed/dir/a.png"}            (only under --allow-file-dir; see files.ts)
 *
 * anywhere inside the input properties the call table lists in `files` (a
 * field, array items, a union member). Everything else is passed on as is.
 */
import { FileAccess, UploadError } from './files.js';
import { nameForType, typeForName } from '../shared/media-types.js';

/** The client's `toFile(bytes, name, { type })`. */
export type ToFile = (data: Uint8Array, name?: string | null, options?: { type?: string }) => Promise<unknown>;

const UPLOAD_KEYS = new Set(['base64', 'path', 'filename', 'mime_type']);

/** What a file field takes, for error messages. */
export const UPLOAD_FORMS =
  'A file argument takes {"base64": "<content>", "filename": "a.png", "mime_type": "image/png"} or {"path": "<local file>"}';

/** A non-empty object of upload keys only (an empty object may belong to another union member). */
function isUploadArgument(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => UPLOAD_KEYS.has(k));
}

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;
const DATA_URL = /^data:([^;,]*)(?:;[^,]*)?;base64,/i;

/** Bytes of a base64 (or base64url) string, or of a `data:<type>;base64,` URL; the URL's type when there is one. */
export function decodeBase64(text: string, where: string): { bytes: Uint8Array; type?: string } {
  let body = text;
  let type: string | undefined;
  const dataUrl = DATA_URL.exec(text);
  if (dataUrl) {
    body = text.slice(dataUrl[0].length);
    type = dataUrl[1] || undefined;
  }
  body = body.replace(/\s+/g, '');
  if (!BASE64.test(body) || body.length % 4 === 1) throw new UploadError(`${where}.base64 is not base64 content`);
  return {
    bytes: Buffer.from(body, body.includes('-') || body.includes('_') ? 'base64url' : 'base64'),
    ...(type ? { type } : {}),
  };
}

async function toUpload(
  arg: Record<string, unknown>,
  where: string,
  files: FileAccess,
  toFile: ToFile,
): Promise<unknown> {
  for (const key of ['base64', 'path', 'filename', 'mime_type']) {
    if (arg[key] !== undefined && typeof arg[key] !== 'string')
      throw new UploadError(`${where}.${key} must be a string`);
  }
  const { base64, path, filename, mime_type: mimeType } = arg as Record<string, string | undefined>;
  if (base64 !== undefined && path !== undefined) throw new UploadError(`${where}: give base64 or path, not both`);
  if (path !== undefined) {
    const type = mimeType || typeForName(filename || path);
    const { blob, name } = await files.open(path, type);
    return toFile(blob as never, filename || name, { type });
  }
  if (base64 === undefined) throw new UploadError(`${where}: give base64 (file content) or path (a local file)`);
  const { bytes, type: urlType } = decodeBase64(base64, where);
  const type = mimeType || urlType || (filename ? typeForName(filename) : undefined);
  return toFile(bytes, filename || nameForType(type), type ? { type } : {});
}

/** Replaces every upload argument inside `value` with a File. */
async function convert(value: unknown, where: string, files: FileAccess, toFile: ToFile, depth = 0): Promise<unknown> {
  if (isUploadArgument(value)) return toUpload(value, where, files, toFile);
  if (depth > 16 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value))
    return Promise.all(value.map((v, i) => convert(v, `${where}[${i}]`, files, toFile, depth + 1)));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = await convert(v, `${where}.${k}`, files, toFile, depth + 1);
  return out;
}

/** `args` with the upload arguments of the `files` properties turned into Files (in place). */
export async function resolveUploads(
  args: Record<string, unknown>,
  fileProps: string[] | undefined,
  files: FileAccess,
  toFile: ToFile,
): Promise<void> {
  for (const prop of fileProps ?? []) {
    // The schema was checked already: a string here is one the field's union accepts.
    if (args[prop] !== undefined) args[prop] = await convert(args[prop], prop, files, toFile);
  }
}
