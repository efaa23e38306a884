/**
 * "Did you mean": the candidates closest to what was written, best first. Used for unknown fields
 * of a type (`order.nme` → `name`) and usable for unknown variables.
 *
 * Ranking, case-insensitive: the same name in another case; then names that start with what was
 * written (`total` → `totalPrice`), shorter first; then names within a few typing mistakes
 * (insert, delete, replace, swap two neighbours), fewer first; then names that contain it.
 * Names too far from what was written are not offered at all.
 */
export interface ClosestNamesOptions {
  /** At most this many names (default 3). */
  readonly max?: number;
  /** Names to offer after others of the same rank (e.g. deprecated fields). */
  readonly demoted?: ReadonlySet<string>;
}

export function closestNames(candidates: Iterable<string>, written: string, options: ClosestNamesOptions = {}): string[] {
  const { max = 3, demoted } = options;
  const query = written.toLowerCase();
  if (query === '' || max <= 0) return [];
  const limit = Math.max(1, Math.ceil(query.length / 3));
  const ranked: { name: string; rank: number; demoted: boolean; tie: number }[] = [];
  for (const name of candidates) {
    const lower = name.toLowerCase();
    let rank: number;
    let tie = 0;
    if (lower === query) rank = 0;
    else if (query.length >= 2 && lower.startsWith(query)) {
      rank = 1;
      tie = lower.length - query.length;
    } else {
      const distance = editDistance(query, lower, limit);
      if (distance <= limit) rank = 1 + distance;
      else if (query.length >= 3 && lower.includes(query)) {
        rank = 2 + limit;
        tie = lower.length - query.length;
      } else continue;
    }
    ranked.push({ name, rank, demoted: demoted?.has(name) ?? false, tie });
  }
  ranked.sort(
    (a, b) => a.rank - b.rank || Number(a.demoted) - Number(b.demoted) || a.tie - b.tie || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  return ranked.slice(0, max).map((r) => r.name);
}

/**
 * Optimal string alignment distance (Levenshtein plus swapping two neighbours), giving up once
 * every way is over `limit` (returns limit + 1): most candidates are far off, and this is per keystroke.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const width = b.length + 1;
  if (rows.length < 3 * width) rows = new Int32Array(3 * width * 2);
  // Three rows of one reused buffer (two back, one back, this one): no allocation per candidate.
  let before = 0;
  let previous = width;
  let current = 2 * width;
  for (let j = 0; j < width; j++) rows[previous + j] = j;
  for (let i = 1; i <= a.length; i++) {
    rows[current] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[previous + j]! + 1, rows[current + j - 1]! + 1, rows[previous + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[before + j - 2]! + 1);
      rows[current + j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    [before, previous, current] = [previous, current, before];
  }
  return rows[previous + b.length]!;
}

let rows = new Int32Array(3 * 64);
