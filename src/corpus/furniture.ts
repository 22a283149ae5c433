/**
 * An outlet's furniture: the sentences it prints under many different stories (editor's notes, sign-offs,
 * newsletter pitches, "Email any tips…"). They are the outlet's, not claims that spread, so they leave the
 * clusters.
 *
 * A claim is furniture when claims with the same terms recur in at least FURNITURE_MIN_DOCUMENTS documents
 * of one outlet, and those documents are different stories: in the typical one (the median), at most half
 * of its claims recur elsewhere in the outlet. Updates of one story, which repeat most of their sentences,
 * are therefore not furniture. Linear after one sort. Pure and browser-safe.
 */

/** Documents of one outlet a sentence must recur in to be furniture. */
export const FURNITURE_MIN_DOCUMENTS = 3;

export interface FurnitureInput {
  /** Positions of the claims to consider. */
  positions: readonly number[];
  docOf: (position: number) => number;
  outletOf: (position: number) => number;
  /** Equal for claims with equal terms (collisions are told apart by `same`). */
  contentHash: (position: number) => number;
  same: (a: number, b: number) => boolean;
}

/** The positions that are furniture, in groups of one sentence of one outlet. */
export function findFurniture(input: FurnitureInput): number[][] {
  const { positions, docOf, outletOf, contentHash, same } = input;
  // Runs of one outlet's claims with equal terms.
  const sorted = positions.slice().sort((p, q) => outletOf(p) - outletOf(q) || contentHash(p) - contentHash(q) || docOf(p) - docOf(q) || p - q);
  const runs: number[][] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && outletOf(sorted[j]!) === outletOf(sorted[i]!) && contentHash(sorted[j]!) === contentHash(sorted[i]!) && same(sorted[i]!, sorted[j]!)) j++;
    if (j - i > 1) runs.push(sorted.slice(i, j));
    i = j;
  }
  if (runs.length === 0) return [];
  // Per document: its claims, and those that recur in another document of its outlet.
  const claims = new Map<number, number>();
  const recurring = new Map<number, number>();
  for (const p of positions) claims.set(docOf(p), (claims.get(docOf(p)) ?? 0) + 1);
  const docsOfRun = runs.map((run) => [...new Set(run.map(docOf))]);
  runs.forEach((run, k) => {
    if (docsOfRun[k]!.length < 2) return;
    for (const p of run) recurring.set(docOf(p), (recurring.get(docOf(p)) ?? 0) + 1);
  });
  return runs.filter((_run, k) => {
    const docs = docsOfRun[k]!;
    if (docs.length < FURNITURE_MIN_DOCUMENTS) return false;
    const shares = docs.map((d) => (recurring.get(d) ?? 0) / claims.get(d)!).sort((a, b) => a - b);
    return shares[Math.floor(shares.length / 2)]! <= 0.5;
  });
}
