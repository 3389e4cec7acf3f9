/**
 * Media-type facts the CLI and the MCP server share: a MIME type for an upload
 * read from a path (APIs often check the part's type: `image/png`), a file
 * name for base64 content sent without one (APIs often check the extension),
 * and whether a response's bytes are text.
 */

/** Common upload types by extension (the preferred extension of a type first); anything else is application/octet-stream. */
const BY_EXTENSION: Record<string, string> = {
  aac: 'audio/aac',
  csv: 'text/csv',
  flac: 'audio/flac',
  gif: 'image/gif',
  htm: 'text/html',
  html: 'text/html',
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  json: 'application/json',
  jsonl: 'application/jsonl',
  m4a: 'audio/mp4',
  md: 'text/markdown',
  mov: 'video/quicktime',
  mp3: 'audio/mpeg',
  mp4: 'video/mp4',
  mpeg: 'audio/mpeg',
  mpga: 'audio/mpeg',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/opus',
  pcm: 'audio/pcm',
  pdf: 'application/pdf',
  png: 'image/png',
  sdp: 'application/sdp',
  svg: 'image/svg+xml',
  txt: 'text/plain',
  wav: 'audio/wav',
  webm: 'video/webm',
  webp: 'image/webp',
  xml: 'application/xml',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  zip: 'application/zip',
};

export const OCTET_STREAM = 'application/octet-stream';

/** The type of a file name's extension, when it is a known one. */
export function knownTypeForName(name: string): string | undefined {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? BY_EXTENSION[name.slice(dot + 1).toLowerCase()] : undefined;
}

export function typeForName(name: string): string {
  return knownTypeForName(name) ?? OCTET_STREAM;
}

/** `upload.png` for image/png; `upload` when the type is unknown. */
export function nameForType(type: string | undefined): string {
  const essence = mediaEssence(type);
  const ext = Object.keys(BY_EXTENSION).find((e) => BY_EXTENSION[e] === essence);
  return ext ? `upload.${ext}` : 'upload';
}

/** `Text/Plain; charset=utf-8` → `text/plain`. */
export function mediaEssence(type: string | null | undefined): string {
  return (type ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Types whose bytes are text (returned as a text resource when they decode as UTF-8). */
export function isTextual(type: string): boolean {
  return (
    type.startsWith('text/') ||
    /^application\/(json|jsonl|x-ndjson|ndjson|xml|yaml|x-yaml|sdp|javascript|x-www-form-urlencoded)$/.test(type) ||
    /\+(json|xml)$/.test(type)
  );
}
