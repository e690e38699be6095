/**
 * "Did you mean" for keys and enum values of the YAML file. Distance is the optimal-string-alignment
 * variant of Damerau–Levenshtein, so a swapped pair (`office356`, `tenatnId`) costs one edit like a typo,
 * and the comparison ignores case (`tenantID`, `Office365`).
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const table: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: columns }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(table[i - 1]![j]! + 1, table[i]![j - 1]! + 1, table[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, table[i - 2]![j - 2]! + 1);
      table[i]![j] = best;
    }
  }
  return table[a.length]![b.length]!;
}

/**
 * The candidate closest to `input`, when it is close enough to be a typo: at most a third of the input's
 * length in edits (at least one). Ties go to the earlier candidate, so callers list common values first.
 */
export function suggest(input: string, candidates: readonly string[]): string | undefined {
  const lowered = input.toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    if (candidate === input) continue;
    const distance = editDistance(lowered, candidate.toLowerCase());
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  if (!best) return undefined;
  return best.distance <= Math.max(1, Math.floor(input.length / 3)) ? best.candidate : undefined;
}
