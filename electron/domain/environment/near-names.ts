/**
 * Names close to `name`, best first, for a "did you mean": those it starts or is contained in, then those
 * a few typing mistakes away. Case does not matter.
 */
export function nearNames(name: string, candidates: Iterable<string>, max = 3): string[] {
  const lower = name.toLowerCase();
  const limit = Math.max(2, Math.floor(name.length / 3));
  const scored: { candidate: string; score: number }[] = [];
  for (const candidate of candidates) {
    const other = candidate.toLowerCase();
    const edits = editDistance(lower, other, limit);
    const related = other.startsWith(lower) || lower.startsWith(other) || (lower.length >= 3 && other.includes(lower));
    if (edits <= limit || related) scored.push({ candidate, score: Math.min(edits, related ? limit : edits) - (related ? 0.5 : 0) });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.candidate.length - b.candidate.length || a.candidate.localeCompare(b.candidate))
    .slice(0, max)
    .map((s) => s.candidate);
}

/** Levenshtein distance, giving up (returning limit + 1) once every path is over `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const value = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      next.push(value);
      if (value < best) best = value;
    }
    if (best > limit) return limit + 1;
    row = next;
  }
  return row[b.length]!;
}
