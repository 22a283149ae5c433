/**
 * A read-only word → non-zero integer table keyed by the words' feature hashes (hashFeature). The taggers
 * hash every token's word and lemma anyway, so a look-up here is an integer probe plus, on a hit, one
 * string comparison, where a Map<string, …> would hash the string again (the hottest line of the
 * technique stage's context before).
 */
import { hashFeature } from '../annotate/tagger/perceptron.js';

export class WordTable {
  private readonly mask: number;
  /** Per slot: 1 + index into `words`, or 0 when empty. */
  private readonly slots: Int32Array;
  private readonly hashes: Int32Array;
  private readonly words: string[] = [];
  private readonly values: number[] = [];

  /** `entries`: words with non-zero values; a repeated word keeps its first value. */
  constructor(entries: Iterable<readonly [string, number]>) {
    const list = [...entries];
    let size = 2;
    while (size < list.length * 2) size <<= 1;
    this.mask = size - 1;
    this.slots = new Int32Array(size);
    this.hashes = new Int32Array(size);
    for (const [word, value] of list) {
      if (value === 0 || !Number.isInteger(value)) throw new RangeError(`WordTable values must be non-zero integers, got ${value} for ${JSON.stringify(word)}`);
      const h = hashFeature(word) | 0;
      let at = h & this.mask;
      while (this.slots[at] !== 0 && !(this.hashes[at] === h && this.words[this.slots[at]! - 1] === word)) at = (at + 1) & this.mask;
      if (this.slots[at] !== 0) continue;
      this.words.push(word);
      this.values.push(value);
      this.slots[at] = this.words.length;
      this.hashes[at] = h;
    }
  }

  /** The word's value, or 0 when it is not in the table; `hash` must be hashFeature(word). */
  get(word: string, hash: number): number {
    const h = hash | 0;
    for (let at = h & this.mask; ; at = (at + 1) & this.mask) {
      const k = this.slots[at]!;
      if (k === 0) return 0;
      if (this.hashes[at] === h && this.words[k - 1] === word) return this.values[k - 1]!;
    }
  }

  get size(): number {
    return this.words.length;
  }
}
