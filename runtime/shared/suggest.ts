/**
 * "Did you mean" suggestions: the closest candidate by edit distance, or one
 * that contains the input, so `--nmae` finds `--name` and `projects` finds
 * `admin:organization:projects`.
 */

export function distance(a: string, b: string): number {
  if (a === b) return 0;
  // Optimal string alignment: Levenshtein plus adjacent transpositions (`nmae` → `name`).
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 0; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** Up to `max` candidates close to `input`, best first. */
export function suggest(input: string, candidates: Iterable<string>, max = 3): string[] {
  const lower = input.toLowerCase();
  const scored: Array<[number, string]> = [];
  for (const c of candidates) {
    const cl = c.toLowerCase();
    const d = distance(lower, cl);
    const limit = Math.max(2, Math.floor(cl.length / 3));
    if (d <= limit) scored.push([d, c]);
    else if (lower.length >= 3 && (cl.endsWith(':' + lower) || cl.endsWith(lower) || cl.includes(lower)))
      scored.push([limit + 1, c]);
  }
  scored.sort((x, y) => x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0));
  return scored.slice(0, max).map((s) => s[1]);
}
