/**
 * How alike two claims are, from their typed terms (src/corpus/features.ts): a number in [0, 1].
 *
 * - Words are weighed by how rare they are among the corpus's claims (inverse document frequency, learnt
 *   from the corpus being clustered), and compared by a weighted Dice coefficient: what both say over what
 *   each says. The same is done for the words' clusters, which credit a reworded predicate.
 * - A claim that is negated and one that is not are different statements (score 0).
 * - Numbers must agree: when each claim gives a number the other does not, they are different statements
 *   ("sold for $2.5 billion in 1998" / "for $1.8 billion in 1998"); when only one adds numbers, the score
 *   loses a share.
 * - Relation signatures that agree add to the score: the same allegation in other words.
 * Pure and browser-safe.
 */
import { TERM_CLUSTER, TERM_MARK, TERM_NUMBER, TERM_WORD, NEGATED_TERM } from './features.js';

export interface SimilarityParameters {
  /** Share of the score from words; the rest comes from word clusters. */
  wordShare: number;
  /** Factor applied when both claims give numbers and some of them differ. */
  numberMismatch: number;
  /** Added per shared relation signature (the score is capped at 1). */
  relationBonus: number;
  /**
   * How the two sides' coverages (the share of each claim's weight the other also has) combine: a power
   * mean with this exponent; −1 is the Dice coefficient, lower values punish a claim that adds much.
   */
  meanExponent: number;
}

/**
 * Chosen on the MRPC training pairs without the internal test part (scripts/tune-paraphrase.ts); MRPC's
 * licence allows research use only, so it chose these few numbers and nothing is learnt from it.
 */
export const DEFAULT_SIMILARITY: SimilarityParameters = { wordShare: 0.6, numberMismatch: 0.6, relationBonus: 0.2, meanExponent: -4 };
/** Two claims say the same thing when their similarity reaches this. */
export const DEFAULT_THRESHOLD = 0.5;

/**
 * Term → weight: log(1 + N / df) over the claims that have terms, where N is at least PRIOR_CLAIMS so that a
 * small corpus weighs its words almost alike instead of calling every shared word common.
 */
export const PRIOR_CLAIMS = 1000;

export class TermWeights {
  private mask = 1023;
  private keys = new Uint32Array(1024);
  private counts = new Uint32Array(1024);
  private used = new Uint8Array(1024);
  private distinct = 0;
  private claims = 0;

  /** Counts one claim's terms (sorted and distinct, so each counts once). */
  add(terms: Uint32Array): void {
    if (terms.length === 0) return;
    this.claims++;
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i]!;
      let at = this.slot(term);
      if (this.used[at] === 0) {
        if (2 * (this.distinct + 1) > this.keys.length) {
          this.grow();
          at = this.slot(term);
        }
        this.used[at] = 1;
        this.keys[at] = term;
        this.distinct++;
      }
      this.counts[at]!++;
    }
  }

  private slot(term: number): number {
    let at = (Math.imul(term, 0x9e3779b1) >>> 0) & this.mask;
    while (this.used[at] === 1 && this.keys[at] !== term) at = (at + 1) & this.mask;
    return at;
  }

  private grow(): void {
    const { keys, counts, used } = this;
    const size = keys.length * 2;
    this.mask = size - 1;
    this.keys = new Uint32Array(size);
    this.counts = new Uint32Array(size);
    this.used = new Uint8Array(size);
    for (let k = 0; k < keys.length; k++) {
      if (used[k] === 0) continue;
      const at = this.slot(keys[k]!);
      this.used[at] = 1;
      this.keys[at] = keys[k]!;
      this.counts[at] = counts[k]!;
    }
  }

  /** How many counted claims have the term. */
  count(term: number): number {
    const at = this.slot(term);
    return this.used[at] === 1 ? this.counts[at]! : 0;
  }

  weight(term: number): number {
    const n = Math.max(this.claims, PRIOR_CLAIMS);
    return Math.log(1 + n / Math.max(1, this.count(term)));
  }

  static of(termLists: Iterable<Uint32Array>): TermWeights {
    const w = new TermWeights();
    for (const t of termLists) w.add(t);
    return w;
  }
}

/** A power mean of two coverages: q = −1 is the Dice coefficient; lower q leans toward the smaller one. */
function powerMean(x: number, y: number, q: number): number {
  if (x === 0 || y === 0) return 0;
  return ((x ** q + y ** q) / 2) ** (1 / q);
}

/** Similarity of two claims' terms (sorted, distinct) under the corpus weights. */
export function similarity(a: Uint32Array, b: Uint32Array, weights: TermWeights, p: SimilarityParameters = DEFAULT_SIMILARITY): number {
  if (a.length === 0 || b.length === 0) return 0;
  // Weight of each side's words and clusters, and of those both have (by term type).
  const inA = [0, 0, 0, 0];
  const inB = [0, 0, 0, 0];
  const inBoth = [0, 0, 0, 0];
  let numbersA = 0;
  let numbersB = 0;
  let numbersBoth = 0;
  let negA = false;
  let negB = false;
  let relations = 0;
  let i = 0;
  let j = 0;
  const visit = (term: number, side: 0 | 1 | 2): void => {
    const type = term & 3;
    if (type === TERM_NUMBER) {
      if (side !== 1) numbersA++;
      if (side !== 0) numbersB++;
      if (side === 2) numbersBoth++;
      return;
    }
    if (type === TERM_MARK) {
      if (term === NEGATED_TERM) {
        if (side !== 1) negA = true;
        if (side !== 0) negB = true;
      } else if (side === 2) relations++;
      return;
    }
    const w = weights.weight(term);
    if (side !== 1) inA[type]! += w;
    if (side !== 0) inB[type]! += w;
    if (side === 2) inBoth[type]! += w;
  };
  while (i < a.length || j < b.length) {
    const x = i < a.length ? a[i]! : Infinity;
    const y = j < b.length ? b[j]! : Infinity;
    if (x === y) {
      visit(x, 2);
      i++;
      j++;
    } else if (x < y) {
      visit(x, 0);
      i++;
    } else {
      visit(y, 1);
      j++;
    }
  }
  if (negA !== negB) return 0;
  // Each side gives a number the other does not: they disagree ("for $2.5 billion" / "for $1.8 billion").
  if (numbersA > numbersBoth && numbersB > numbersBoth) return 0;
  const agreement = (type: number): number =>
    inA[type]! > 0 && inB[type]! > 0 ? powerMean(inBoth[type]! / inA[type]!, inBoth[type]! / inB[type]!, p.meanExponent) : 0;
  const words = agreement(TERM_WORD);
  // Claims of names and numbers only have no clusters: their words speak for both.
  const clusters = inA[TERM_CLUSTER]! > 0 || inB[TERM_CLUSTER]! > 0 ? agreement(TERM_CLUSTER) : words;
  let score = p.wordShare * words + (1 - p.wordShare) * clusters;
  if (numbersA > 0 && numbersB > 0 && numbersBoth < Math.max(numbersA, numbersB)) score *= p.numberMismatch;
  return Math.min(1, score + relations * p.relationBonus);
}
