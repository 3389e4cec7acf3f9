/**
 * What `--dry-run` and `--debug` show of a request body, without holding an
 * upload in memory: text as it is; a multipart body part by part as it goes
 * on the wire, with each file part's bytes counted rather than shown; other
 * bytes, and streams (stdin), as a one-line summary.
 */

/** Non-file parts longer than this are cut in the preview. */
const PART_LIMIT = 4096;
/** Text bodies up to this size are shown whole. */
const TEXT_LIMIT = 1 << 20;

function isTextual(type: string): boolean {
  return /^text\/|json|xml|yaml|sdp|x-www-form-urlencoded|javascript/i.test(type);
}

interface BlobLike {
  size: number;
  stream(): ReadableStream<Uint8Array>;
  text(): Promise<string>;
}

function isBlob(v: unknown): v is BlobLike {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as BlobLike).stream === 'function' &&
    typeof (v as BlobLike).size === 'number'
  );
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

export async function previewBody(body: unknown, contentType: string | undefined): Promise<string | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body === '' ? undefined : body;
  if (body instanceof URLSearchParams) return body.toString() || undefined;
  const type = contentType ?? '';
  let blob: BlobLike | undefined;
  if (isBlob(body)) blob = body;
  else if (ArrayBuffer.isView(body) || body instanceof ArrayBuffer) blob = new Blob([body as ArrayBuffer]);
  if (!blob) return `[${type || 'body'} streamed as it is read (stdin or a pipe): not shown]`;
  const boundary = /multipart\/form-data;.*boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (boundary) return previewMultipart(blob.stream(), boundary);
  if (isTextual(type) && blob.size <= TEXT_LIMIT) return (await blob.text()) || undefined;
  return `[${plural(blob.size, 'byte')} of ${type || 'binary data'}: not shown]`;
}

const CRLF = Buffer.from('\r\n');

/**
 * Reads a multipart body chunk by chunk: part headers are kept, text parts
 * up to PART_LIMIT, and file parts (those with a filename) only counted.
 */
export async function previewMultipart(
  stream: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>,
  boundary: string,
): Promise<string> {
  // Every delimiter is CRLF + `--boundary`; the body's first one has no CRLF, so one is put in front.
  const delim = Buffer.from(`\r\n--${boundary}`);
  let pending: Buffer = Buffer.from(CRLF);
  type State = 'preamble' | 'after-delim' | 'headers' | 'content' | 'end';
  let state = 'preamble' as State;
  const out: string[] = [];
  let headers = '';
  let isFile = false;
  let kept: Buffer[] = [];
  let keptBytes = 0;
  let total = 0;
  const take = (bytes: Buffer) => {
    total += bytes.length;
    if (!isFile && keptBytes < PART_LIMIT) {
      const piece = bytes.subarray(0, PART_LIMIT - keptBytes);
      kept.push(piece);
      keptBytes += piece.length;
    }
  };
  const endPart = () => {
    if (isFile) out.push(`[${plural(total, 'byte')} of file content: not shown]`);
    else
      out.push(Buffer.concat(kept).toString('utf8') + (total > keptBytes ? `… [${plural(total, 'byte')} in all]` : ''));
  };
  const step = (): boolean => {
    switch (state) {
      case 'preamble':
      case 'content': {
        const at = pending.indexOf(delim);
        if (at < 0) {
          const keep = Math.max(0, pending.length - delim.length + 1);
          if (state === 'content') take(pending.subarray(0, keep));
          pending = pending.subarray(keep);
          return false;
        }
        if (state === 'content') {
          take(pending.subarray(0, at));
          endPart();
        }
        pending = pending.subarray(at + delim.length);
        state = 'after-delim';
        return true;
      }
      case 'after-delim': {
        if (pending.length < 2) return false;
        const closing = pending[0] === 0x2d && pending[1] === 0x2d;
        out.push(`--${boundary}${closing ? '--' : ''}`);
        pending = pending.subarray(2);
        state = closing ? 'end' : 'headers';
        headers = '';
        return !closing;
      }
      case 'headers': {
        const at = pending.indexOf('\r\n\r\n');
        if (at < 0) return false;
        headers = pending.subarray(0, at).toString('utf8').replace(/\r\n/g, '\n');
        out.push(headers, '');
        isFile = /filename\*?=/i.test(headers);
        kept = [];
        keptBytes = 0;
        total = 0;
        pending = pending.subarray(at + 4);
        state = 'content';
        return true;
      }
      default:
        return false;
    }
  };
  for await (const chunk of stream as AsyncIterable<Uint8Array>) {
    pending = pending.length ? Buffer.concat([pending, chunk]) : Buffer.from(chunk);
    while (step()) {
      /* advance */
    }
    if (state === 'end') break;
  }
  if (state !== 'end') out.push('[the multipart body ended early]');
  return out.join('\n');
}
