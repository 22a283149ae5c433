/**
 * How alike two claims are, from their typed terms (src/corpus/features.ts): a number in [0, 1].
 *
 * - Words are weighed by how rare they are among the corpus's claims (inverse document frequency, learnt
 *   from the corpus being clustered); each claim's coverage is the share of its weight the other also has,
 *   and the two coverages combine by a power mean that leans toward the smaller. The same is done for the
 *   words' clusters, which credit a reworded predicate.
 * - A claim that is negated and one that is not are different statements (score 0).
 * - Numbers must agree: when each claim gives a number the other does not, they are different statements
 *   ("sold for $2.5 billion in 1998" / "for $1.8 billion in 1998"); when only one adds numbers, the score
 *   loses a share.
 * - Each naming an actor the other does not ("Gingrich won the primary" / "Trump won the primary") costs a
 *   share of the score.
 * - Relation signatures that agree add to the score: the same allegation in other words.
 * Pure and browser-safe.
 */
import { ACTOR_BIT, COMMON_BIT, TERM_CLUSTER, TERM_NUMBER, TERM_WORD, NEGATED_TERM } from './features.js';

export interface SimilarityParameters {
  /** Share of the score from words; the rest comes from word clusters. */
  wordShare: number;
  /** Factor applied when both claims give numbers and some of them differ. */
  numberMismatch: number;
  /** Factor applied when each claim names an actor the other does not ("Gingrich won…" / "Trump won…"). */
  actorMismatch: number;
  /** Added per shared relation signature (the score is capped at 1). */
  relationBonus: number;
  /**
   * How the two sides' coverages (the share of each claim's weight the other also has) combine: a power
   * mean with this exponent; −1 is the Dice coefficient, lower values punish a claim that adds much.
   */
  meanExponent: number;
  /**
   * Words both claims must share that are not among the most common words of English (COMMON_WORDS): two
   * generic claims ("They want safe homes") share too little to be one statement. Counted, not weighed, so
   * that a story the whole corpus carries still matches.
   */
  minSharedWords: number;
}

/**
 * Chosen on the MRPC training pairs without the internal test part (scripts/tune-paraphrase.ts); MRPC's
 * licence allows research use only, so it chose these few numbers and nothing is learnt from it.
 */
export const DEFAULT_SIMILARITY: SimilarityParameters = {
  wordShare: 0.6,
  numberMismatch: 0.6,
  actorMismatch: 0.8,
  relationBonus: 0.2,
  meanExponent: -4,
  minSharedWords: 1,
};
/** Two claims say the same thing when their similarity reaches this. */
export const DEFAULT_THRESHOLD = 0.45;

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
  const weigh = (terms: Uint32Array): Float64Array => Float64Array.from(terms, (t) => weights.weight(t));
  return weightedSimilarity(a, weigh(a), b, weigh(b), p);
}

/**
 * The similarity with each term's weight given beside it (`aw[i]` is the weight of `a[i]`): clustering
 * weighs every claim's terms once, not once per comparison.
 */
export function weightedSimilarity(a: Uint32Array, aw: ArrayLike<number>, b: Uint32Array, bw: ArrayLike<number>, p: SimilarityParameters): number {
  if (a.length === 0 || b.length === 0) return 0;
  // Weight of each side's words and clusters, and of those both have (by term type).
  let wordsA = 0;
  let wordsB = 0;
  let wordsBoth = 0;
  let clustersA = 0;
  let clustersB = 0;
  let clustersBoth = 0;
  let numbersA = 0;
  let numbersB = 0;
  let numbersBoth = 0;
  let distinctShared = 0;
  let actorsOnlyA = false;
  let actorsOnlyB = false;
  let negA = false;
  let negB = false;
  let relations = 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? a[i]! : 0x100000000;
    const y = j < b.length ? b[j]! : 0x100000000;
    const term = x <= y ? x : y;
    const inA = x <= y;
    const inB = y <= x;
    const w = inA ? aw[i]! : bw[j]!;
    if (inA) i++;
    if (inB) j++;
    switch (term & 3) {
      case TERM_WORD:
        if (inA) wordsA += w;
        if (inB) wordsB += w;
        if (inA && inB) {
          wordsBoth += w;
          if ((term & COMMON_BIT) === 0) distinctShared++;
        } else if ((term & ACTOR_BIT) !== 0) {
          actorsOnlyA ||= inA;
          actorsOnlyB ||= inB;
        }
        break;
      case TERM_CLUSTER:
        if (inA) clustersA += w;
        if (inB) clustersB += w;
        if (inA && inB) clustersBoth += w;
        break;
      case TERM_NUMBER:
        if (inA) numbersA++;
        if (inB) numbersB++;
        if (inA && inB) numbersBoth++;
        break;
      default:
        if (term === NEGATED_TERM) {
          negA ||= inA;
          negB ||= inB;
        } else if (inA && inB) relations++;
    }
  }
  if (negA !== negB) return 0;
  // Each side gives a number the other does not: they disagree ("for $2.5 billion" / "for $1.8 billion").
  if (numbersA > numbersBoth && numbersB > numbersBoth) return 0;
  const agreement = (inA: number, inB: number, both: number): number => (inA > 0 && inB > 0 ? powerMean(both / inA, both / inB, p.meanExponent) : 0);
  const words = agreement(wordsA, wordsB, wordsBoth);
  if (distinctShared < p.minSharedWords) return 0;
  // Claims of names and numbers only have no clusters: their words speak for both.
  const clusters = clustersA > 0 || clustersB > 0 ? agreement(clustersA, clustersB, clustersBoth) : words;
  let score = p.wordShare * words + (1 - p.wordShare) * clusters;
  if (numbersA > 0 && numbersB > 0 && numbersBoth < Math.max(numbersA, numbersB)) score *= p.numberMismatch;
  if (actorsOnlyA && actorsOnlyB) score *= p.actorMismatch;
  return Math.min(1, score + relations * p.relationBonus);
}
