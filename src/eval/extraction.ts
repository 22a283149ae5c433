/**
 * Scoring text extraction against hand-made article bodies, as extraction benchmarks do: token precision,
 * recall and F1 over the bags of words (lower-cased runs of letters and digits) of the extracted text and
 * of the gold body, per page and over all pages (micro-averaged). Pure and browser-safe.
 */

export interface TokenScores {
  precision: number;
  recall: number;
  f1: number;
}

/** Lower-cased runs of letters and digits: what both sides are compared by. */
export function bodyTokens(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

/** Tokens in common (as multisets), and each side's count. */
export function tokenOverlap(predicted: string, gold: string): { common: number; predicted: number; gold: number } {
  const counts = new Map<string, number>();
  const g = bodyTokens(gold);
  for (const t of g) counts.set(t, (counts.get(t) ?? 0) + 1);
  const p = bodyTokens(predicted);
  let common = 0;
  for (const t of p) {
    const n = counts.get(t) ?? 0;
    if (n > 0) {
      common++;
      counts.set(t, n - 1);
    }
  }
  return { common, predicted: p.length, gold: g.length };
}

export function scoresOf(common: number, predicted: number, gold: number): TokenScores {
  const precision = predicted ? common / predicted : 0;
  const recall = gold ? common / gold : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}
