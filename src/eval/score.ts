/** Precision, recall and F1 from counts; exact and overlap span matching as in Citron's evaluation. */
import type { Span } from '../model/types.js';
import { overlaps } from '../model/spans.js';

export interface PRF {
  p: number;
  r: number;
  f1: number;
}

export class Counts {
  tpPredicted = 0;
  predicted = 0;
  tpGold = 0;
  gold = 0;

  add(other: { tpPredicted: number; predicted: number; tpGold: number; gold: number }): void {
    this.tpPredicted += other.tpPredicted;
    this.predicted += other.predicted;
    this.tpGold += other.tpGold;
    this.gold += other.gold;
  }

  prf(): PRF {
    const p = this.predicted ? this.tpPredicted / this.predicted : 0;
    const r = this.gold ? this.tpGold / this.gold : 0;
    return { p: round(p), r: round(r), f1: round(p + r ? (2 * p * r) / (p + r) : 0) };
  }
}

const round = (x: number): number => Math.round(x * 10000) / 10000;

export const sameSpan = (a: Span, b: Span): boolean => a.start === b.start && a.end === b.end;

/**
 * Matches predicted items to gold items. Exact matching pairs items one to one; overlap matching
 * credits each predicted item that overlaps some gold item, and each gold item overlapped by some
 * prediction (Citron's definition).
 */
export function matchCounts<T>(predicted: readonly T[], gold: readonly T[], match: (p: T, g: T) => boolean, oneToOne: boolean) {
  let tpPredicted = 0;
  let tpGold = 0;
  if (oneToOne) {
    const used = new Set<number>();
    for (const p of predicted) {
      const g = gold.findIndex((x, i) => !used.has(i) && match(p, x));
      if (g >= 0) {
        used.add(g);
        tpPredicted++;
      }
    }
    tpGold = used.size;
  } else {
    tpPredicted = predicted.filter((p) => gold.some((g) => match(p, g))).length;
    tpGold = gold.filter((g) => predicted.some((p) => match(p, g))).length;
  }
  return { tpPredicted, predicted: predicted.length, tpGold, gold: gold.length };
}

export { overlaps };
