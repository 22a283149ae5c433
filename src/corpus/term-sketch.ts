/**
 * How many claims of the corpus have each term, kept as a count-min sketch (two rows of 2^20 counters, 8 MB)
 * so that an incremental clustering weighs words by their rarity in the whole corpus without reading it:
 * the sketch is stored with the clusters and updated with each batch of new claims. A count is never under
 * the true one, and over it only when both of a term's counters are shared with more frequent terms.
 * Pure and browser-safe.
 */
import { fmix32 } from './features.js';
import { PRIOR_CLAIMS } from './similarity.js';

const WIDTH_BITS = 20;
const WIDTH = 1 << WIDTH_BITS;
const MASK = WIDTH - 1;

export class TermSketch {
  /** Row 0 then row 1, WIDTH counters each. */
  readonly counts: Uint32Array;
  claims: number;

  constructor(counts?: Uint32Array, claims = 0) {
    if (counts && counts.length !== 2 * WIDTH) throw new Error(`a term sketch has ${2 * WIDTH} counters, got ${counts.length}`);
    this.counts = counts ?? new Uint32Array(2 * WIDTH);
    this.claims = claims;
  }

  /** Counts one claim's terms (sorted and distinct, so each counts once). */
  add(terms: Uint32Array): void {
    if (terms.length === 0) return;
    this.claims++;
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i]!;
      this.counts[t & MASK]!++;
      this.counts[WIDTH + (fmix32(t) & MASK)]!++;
    }
  }

  count(term: number): number {
    return Math.min(this.counts[term & MASK]!, this.counts[WIDTH + (fmix32(term) & MASK)]!);
  }

  /** The weight TermWeights gives, from these counts. */
  weight(term: number): number {
    return Math.log(1 + Math.max(this.claims, PRIOR_CLAIMS) / Math.max(1, this.count(term)));
  }

  /** Bytes to store: the claim count, then the counters (little-endian uint32). */
  toBytes(): Uint8Array {
    const out = new Uint32Array(1 + this.counts.length);
    out[0] = this.claims;
    out.set(this.counts, 1);
    return new Uint8Array(out.buffer);
  }

  static fromBytes(bytes: Uint8Array): TermSketch {
    if (bytes.byteLength !== 4 * (1 + 2 * WIDTH)) throw new Error(`corrupt term sketch: ${bytes.byteLength} bytes`);
    const words = new Uint32Array(Uint8Array.from(bytes).buffer);
    return new TermSketch(words.slice(1), words[0]!);
  }
}
