/**
 * Retry policy, the same as openai-node's so behaviour is familiar:
 * 408/409/429/5xx and connection errors, exponential backoff with jitter
 * (0.5 s doubling to an 8 s cap), server hints first.
 */

export const INITIAL_RETRY_DELAY_MS = 500;
export const MAX_RETRY_DELAY_MS = 8000;
/** Server hints longer than this are ignored in favour of our own backoff. */
const MAX_HINT_MS = 60_000;

/** Whether a response status (or the server's `x-should-retry` hint) allows a retry. */
export function shouldRetry(response: { status: number; headers: Headers }): boolean {
  const hint = response.headers.get('x-should-retry');
  if (hint === 'true') return true;
  if (hint === 'false') return false;
  const s = response.status;
  return s === 408 || s === 409 || s === 429 || s >= 500;
}

/** Milliseconds the server asked us to wait, or undefined when it gave no usable hint. */
export function retryAfterMs(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  let ms: number | undefined;
  const msHeader = headers.get('retry-after-ms');
  if (msHeader !== null && msHeader.trim() !== '') {
    const n = Number(msHeader);
    if (Number.isFinite(n)) ms = n;
  }
  if (ms === undefined) {
    const ra = headers.get('retry-after');
    if (ra !== null && ra.trim() !== '') {
      const secs = Number(ra);
      if (Number.isFinite(secs)) ms = secs * 1000;
      else {
        const date = Date.parse(ra);
        if (Number.isFinite(date)) ms = date - now;
      }
    }
  }
  if (ms === undefined || ms < 0 || ms >= MAX_HINT_MS) return undefined;
  return ms;
}

/** Backoff for the attempt after `retriesDone` retries: 0.5 s · 2^n, capped, with up to 25 % jitter down. */
export function backoffMs(retriesDone: number, random: () => number = Math.random): number {
  const base = Math.min(INITIAL_RETRY_DELAY_MS * Math.pow(2, retriesDone), MAX_RETRY_DELAY_MS);
  return base * (1 - random() * 0.25);
}

export function retryDelayMs(retriesDone: number, headers: Headers | undefined): number {
  return retryAfterMs(headers) ?? backoffMs(retriesDone);
}

/** Sleeps, waking early (rejecting with `onAbort()`) when the signal fires. */
export function sleep(ms: number, signal?: AbortSignal | null, onAbort?: () => unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(onAbort ? onAbort() : new Error('aborted'));
      return;
    }
    const done = () => {
      signal?.removeEventListener('abort', abort);
      resolve();
    };
    const timer: ReturnType<typeof setTimeout> = setTimeout(done, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(onAbort ? onAbort() : new Error('aborted'));
    };
    signal?.addEventListener('abort', abort, { once: true });
  });
}
