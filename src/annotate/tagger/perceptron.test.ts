/**
 * The structured perceptron on synthetic data (no corpus): Viterbi is exact (checked against brute force),
 * training learns a toy attribution-like tagging task and generalises, is reproducible from its seed, and a
 * model survives serialisation; bad bucket counts and corrupt model data are refused.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodingWeights,
  deserialize,
  emptyModel,
  hashFeature,
  rng,
  serialize,
  toBuckets,
  train,
  viterbi,
  type FeatureSequence,
  type PerceptronModel,
  type SerializedModel,
} from './perceptron.js';

/** Score of a label sequence under the model, exactly as the model defines it (emissions + transitions). */
function pathScore(model: PerceptronModel, seq: FeatureSequence, labels: ArrayLike<number>): number {
  const L = model.labels.length;
  let s = 0;
  for (let t = 0; t < seq.length; t++) {
    const y = labels[t]!;
    const prev = t === 0 ? L : labels[t - 1]!;
    s += model.transitions[prev * L + y]!;
    for (const b of seq[t]!) s += model.weights[b * L + y]!;
  }
  return s;
}

/** Best score over all L^n label sequences. */
function bruteForceBest(model: PerceptronModel, seq: FeatureSequence): number {
  const L = model.labels.length;
  const n = seq.length;
  const labels = new Int32Array(n);
  let best = -Infinity;
  for (let code = 0; code < L ** n; code++) {
    for (let t = 0, c = code; t < n; t++, c = Math.floor(c / L)) labels[t] = c % L;
    best = Math.max(best, pathScore(model, seq, labels));
  }
  return best;
}

describe('hashFeature / toBuckets', () => {
  it('hashes to unsigned 32-bit values and buckets within range', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 20 }), fc.integer({ min: 0, max: 20 }), (features, log2) => {
        const buckets = 2 ** log2;
        for (const f of features) {
          const h = hashFeature(f);
          expect(Number.isInteger(h) && h >= 0 && h < 2 ** 32).toBe(true);
        }
        const ids = toBuckets(features, buckets);
        expect(ids.length).toBe(features.length);
        for (let i = 0; i < ids.length; i++) expect(ids[i]).toBe(hashFeature(features[i]!) % buckets);
      }),
    );
  });
});

describe('viterbi', () => {
  const BUCKETS = 8;
  /** A model with 2 or 3 labels over 8 buckets, and a sequence of length 0..5 of bucket-id sets. */
  const weight = fc.oneof(
    fc.double({ min: -5, max: 5, noNaN: true }),
    // Small integers make ties likely: Viterbi must still return *a* best path.
    fc.integer({ min: -2, max: 2 }),
  );
  const instance = fc.integer({ min: 2, max: 3 }).chain((L) =>
    fc.record({
      L: fc.constant(L),
      weights: fc.array(weight, { minLength: BUCKETS * L, maxLength: BUCKETS * L }),
      transitions: fc.array(weight, { minLength: (L + 1) * L, maxLength: (L + 1) * L }),
      seq: fc.array(fc.array(fc.integer({ min: 0, max: BUCKETS - 1 }), { maxLength: 4 }), { maxLength: 5 }),
    }),
  );

  it('returns a label sequence whose score equals the brute-force optimum', () => {
    fc.assert(
      fc.property(instance, ({ L, weights, transitions, seq }) => {
        const model = emptyModel(['A', 'B', 'C'].slice(0, L), BUCKETS);
        model.weights.set(weights);
        model.transitions.set(transitions);
        const features = seq.map((f) => Int32Array.from(f));
        const out = viterbi(model, features);
        expect(out.length).toBe(seq.length);
        for (const y of out) expect(y >= 0 && y < L).toBe(true);
        const best = bruteForceBest(model, features);
        const got = pathScore(model, features, out);
        if (seq.length === 0) expect(got).toBe(0);
        else expect(Math.abs(got - best)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(best)));
      }),
      { numRuns: 500 },
    );
  });

  it('uses transitions: a sequence of featureless tokens follows the best chain from the start state', () => {
    // Labels X, Y. Start prefers Y, Y→X and X→Y are strong: featureless tokens alternate Y X Y X.
    const model = emptyModel(['X', 'Y'], 2);
    const L = 2;
    model.transitions[L * L + 1] = 1; // start → Y
    model.transitions[1 * L + 0] = 2; // Y → X
    model.transitions[0 * L + 1] = 2; // X → Y
    const seq: FeatureSequence = Array.from({ length: 5 }, () => new Int32Array(0));
    expect(Array.from(viterbi(model, seq))).toEqual([1, 0, 1, 0, 1]);
  });

  it('decodes the empty sequence to an empty label array', () => {
    expect(viterbi(emptyModel(['O', 'C'], 4), []).length).toBe(0);
  });
});

/**
 * Toy attribution task: 'said' is the cue (C), the tokens after it up to (not including) the next '.'
 * are its content (T), everything else is O. The only feature is the word itself, and content words
 * are drawn from the same vocabulary as the others, so telling content from O needs the transitions.
 */
const TOY_LABELS = ['O', 'C', 'T'] as const;
const VOCAB = ['the', 'mayor', 'police', 'plan', 'is', 'was', 'dead', 'good', 'a', 'city', 'on', 'Monday', ',', 'it', 'will', 'said', '.'];
const TOY_BUCKETS = 1 << 12;
const EPOCHS = 15;

function toySentence(random: () => number): { words: string[]; gold: Int32Array } {
  const n = 3 + Math.floor(random() * 10);
  const words: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = random();
    // 'said' and '.' a bit more often than the other words, so most sequences have both.
    words.push(r < 0.1 ? 'said' : r < 0.22 ? '.' : VOCAB[Math.floor(random() * (VOCAB.length - 2))]!);
  }
  const gold = new Int32Array(n);
  let inContent = false;
  for (let i = 0; i < n; i++) {
    const w = words[i]!;
    if (w === 'said') {
      gold[i] = 1;
      inContent = true;
    } else if (w === '.') {
      gold[i] = 0;
      inContent = false;
    } else gold[i] = inContent ? 2 : 0;
  }
  return { words, gold };
}

const toyFeatures = (w: string): string[] => [`w=${w}`];

function toyData(seed: number, count: number): Array<{ seq: FeatureSequence; gold: Int32Array }> {
  const random = rng(seed);
  return Array.from({ length: count }, () => {
    const { words, gold } = toySentence(random);
    const seq = words.map((w) => toBuckets(toyFeatures(w), TOY_BUCKETS));
    return { seq, gold };
  });
}

function tokenAccuracy(model: PerceptronModel, data: ReadonlyArray<{ seq: FeatureSequence; gold: Int32Array }>): number {
  let right = 0;
  let total = 0;
  for (const { seq, gold } of data) {
    const out = viterbi(model, seq);
    for (let t = 0; t < gold.length; t++) if (out[t] === gold[t]) right++;
    total += gold.length;
  }
  return right / total;
}

const decodeAll = (model: PerceptronModel, data: ReadonlyArray<{ seq: FeatureSequence }>): number[][] => data.map(({ seq }) => Array.from(viterbi(model, seq)));

describe('train on a toy tagging task', () => {
  const trainSet = toyData(1, 1000);
  const heldOut = toyData(2, 200);
  const epochLog: Array<{ errors: number; tokens: number }> = [];
  const model = train(TOY_LABELS, TOY_BUCKETS, trainSet, { epochs: EPOCHS, seed: 42, onEpoch: (_, errors, tokens) => epochLog.push({ errors, tokens }) });

  it('the toy data exercises every label', () => {
    const counts = [0, 0, 0];
    for (const { gold } of trainSet) for (const y of gold) counts[y]!++;
    expect(counts.every((c) => c > 100)).toBe(true);
  });

  it('reports every epoch, and its online errors fall to (near) zero', () => {
    expect(epochLog.length).toBe(EPOCHS);
    const tokens = trainSet.reduce((s, d) => s + d.gold.length, 0);
    for (const e of epochLog) expect(e.tokens).toBe(tokens);
    const last = epochLog[EPOCHS - 1]!;
    expect(epochLog[0]!.errors).toBeGreaterThan(10 * last.errors);
    expect(last.errors / tokens).toBeLessThan(0.002);
  });

  it('the averaged model fits the training data and generalises to held-out sequences', () => {
    expect(tokenAccuracy(model, trainSet)).toBeGreaterThanOrEqual(0.995);
    expect(tokenAccuracy(model, heldOut)).toBeGreaterThanOrEqual(0.99);
    // An untrained model labels everything O: far worse.
    expect(tokenAccuracy(emptyModel(TOY_LABELS, TOY_BUCKETS), heldOut)).toBeLessThan(0.8);
  });

  it('labels a hand-written sentence as expected', () => {
    // The averaged model keeps content running to the '.' (a first-order model does this only through the
    // transitions; word weights alone would cut it short at O-leaning words such as 'dead').
    const words = ['the', 'mayor', 'said', 'the', 'plan', 'is', 'dead', '.', 'it', 'was', 'good'];
    const seq = words.map((w) => toBuckets(toyFeatures(w), TOY_BUCKETS));
    expect(Array.from(viterbi(model, seq), (y) => TOY_LABELS[y]).join(' ')).toBe('O O C T T T T O O O O');
  });

  it('is reproducible: the same seed gives identical weights and transitions', () => {
    const again = train(TOY_LABELS, TOY_BUCKETS, trainSet, { epochs: EPOCHS, seed: 42 });
    expect(again.weights).toEqual(model.weights);
    expect(again.transitions).toEqual(model.transitions);
  });

  it('the seed drives the shuffling: other seeds give different (averaged) weights, equally good', () => {
    const others = [7, 8, 9].map((seed) => train(TOY_LABELS, TOY_BUCKETS, trainSet, { epochs: EPOCHS, seed }));
    expect(others.some((m) => !m.weights.every((w, i) => w === model.weights[i]))).toBe(true);
    for (const m of others) expect(tokenAccuracy(m, heldOut)).toBeGreaterThanOrEqual(0.99);
  });

  it('zero epochs gives the empty model', () => {
    const none = train(TOY_LABELS, TOY_BUCKETS, trainSet, { epochs: 0, seed: 1 });
    expect(none.weights.every((w) => w === 0)).toBe(true);
    expect(none.transitions.every((w) => w === 0)).toBe(true);
  });

  it('serialize → JSON → deserialize keeps decoded labels exactly and weights within 1/scale', () => {
    const data = serialize(model);
    const back = deserialize(JSON.parse(JSON.stringify(data)) as SerializedModel);
    expect(back.labels).toEqual([...TOY_LABELS]);
    expect(back.buckets).toBe(TOY_BUCKETS);
    expect(decodeAll(back, trainSet)).toEqual(decodeAll(model, trainSet));
    expect(decodeAll(back, heldOut)).toEqual(decodeAll(model, heldOut));
    let nonZero = 0;
    for (let i = 0; i < model.weights.length; i++) {
      if (model.weights[i] !== 0) nonZero++;
      expect(Math.abs(back.weights[i]! - model.weights[i]!)).toBeLessThanOrEqual(1 / data.scale);
    }
    expect(nonZero).toBeGreaterThan(0);
    // Transitions are kept to 3 decimals.
    for (let i = 0; i < model.transitions.length; i++) expect(Math.abs(back.transitions[i]! - model.transitions[i]!)).toBeLessThanOrEqual(0.0005 + 1e-6);
  });

  it('decodingWeights gives back the 16-bit integers a model is stored with, in rows a power of two apart', () => {
    const data = serialize(model);
    const back = deserialize(data);
    const { q, shift, scale } = decodingWeights(back);
    const L = TOY_LABELS.length;
    expect(1 << shift).toBeGreaterThanOrEqual(L);
    expect(1 << (shift - 1)).toBeLessThan(L);
    expect(scale).toBeCloseTo(data.scale, 6);
    const index = new Int32Array(Uint8Array.from(Buffer.from(data.index, 'base64')).buffer);
    const stored = new Int16Array(Uint8Array.from(Buffer.from(data.weights, 'base64')).buffer);
    expect(index.length).toBeGreaterThan(0);
    index.forEach((b, k) => {
      for (let y = 0; y < L; y++) expect(q[(b << shift) + y]).toBe(stored[k * L + y]);
    });
    // Buckets not stored, and the padding past the labels, are zero.
    const kept = new Set(index);
    for (let b = 0; b < TOY_BUCKETS; b++) {
      for (let y = 0; y < 1 << shift; y++) if (!kept.has(b) || y >= L) expect(q[(b << shift) + y]).toBe(0);
    }
  });

  it('serialize with a minWeight drops the buckets whose weights are all that small, and only those', () => {
    const L = TOY_LABELS.length;
    const bucketMax = (b: number): number => Math.max(...Array.from(model.weights.subarray(b * L, b * L + L), Math.abs));
    const used = Array.from({ length: TOY_BUCKETS }, (_, b) => bucketMax(b)).filter((m) => m > 0).sort((a, b) => a - b);
    const minWeight = used[Math.floor(used.length / 2)]!;
    const full = serialize(model);
    const pruned = serialize(model, minWeight);
    expect(pruned.scale).toBe(full.scale);
    expect(pruned.index.length).toBeLessThan(full.index.length);
    const back = deserialize(pruned);
    for (let b = 0; b < TOY_BUCKETS; b++) {
      for (let y = 0; y < L; y++) {
        const want = bucketMax(b) > minWeight ? model.weights[b * L + y]! : 0;
        expect(Math.abs(back.weights[b * L + y]! - want)).toBeLessThanOrEqual(1 / pruned.scale);
      }
    }
  });
});

describe('rng', () => {
  it('is deterministic per seed and stays in [0, 1)', () => {
    const a = rng(123);
    const b = rng(123);
    const c = rng(124);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 1000 }, () => c())).not.toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.05);
  });
});

describe('bad input', () => {
  it('emptyModel rejects a bucket count that is not a power of two, naming it', () => {
    for (const n of [3, 6, 1000, 12345, -4]) {
      expect(() => emptyModel(['O', 'C'], n)).toThrow(RangeError);
      expect(() => emptyModel(['O', 'C'], n)).toThrow(String(n));
    }
    for (const n of [1, 2, 1024]) expect(emptyModel(['O', 'C'], n).weights.length).toBe(2 * n);
  });
  it('emptyModel rejects 0, NaN and non-integer bucket counts', () => {
    for (const n of [0, Number.NaN, 2.5]) expect(() => emptyModel(['O', 'C'], n)).toThrow(/power of two in \[1, 2\^30\], got/);
  });

  const small = (): SerializedModel => {
    const m = emptyModel(['O', 'C'], 8);
    m.weights[3] = 1.5;
    m.weights[10] = -2;
    m.transitions[1] = 0.25;
    return serialize(m);
  };
  const b64 = (bytes: ArrayBufferView): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

  it('deserialize reads back the small model', () => {
    const m = deserialize(small());
    expect(m.weights[3]).toBeCloseTo(1.5, 3);
    expect(m.weights[10]).toBeCloseTo(-2, 3);
    expect(m.transitions[1]).toBe(0.25);
  });

  it('deserialize refuses weights that do not match the bucket index, with a clear message', () => {
    const data = small();
    const weights = new Int16Array(Uint8Array.from(Buffer.from(data.weights, 'base64')).buffer);
    // One weight short, one bucket's worth short, one weight extra.
    for (const w of [weights.subarray(0, weights.length - 1), weights.subarray(0, weights.length - 2), Int16Array.from([...weights, 7])]) {
      expect(() => deserialize({ ...data, weights: b64(w) })).toThrow(/corrupt model: 2 buckets but \d+ weights for 2 labels/);
    }
    // An extra bucket in the index without weights.
    expect(() => deserialize({ ...data, index: b64(Int32Array.from([1, 5, 6])) })).toThrow(/corrupt model: 3 buckets but 4 weights/);
    // Truncated base64 (odd byte count).
    expect(() => deserialize({ ...data, weights: Buffer.from(data.weights, 'base64').subarray(0, 3).toString('base64') })).toThrow(/corrupt model/);
  });

  it('deserialize refuses a non-power-of-two bucket count and malformed base64', () => {
    expect(() => deserialize({ ...small(), buckets: 12 })).toThrow(/power of two in \[1, 2\^30\], got 12/);
    expect(() => deserialize({ ...small(), index: '###' })).toThrow();
  });
  it('deserialize refuses out-of-range bucket indices, wrong-length transitions and a non-positive scale', () => {
    const data = small();
    expect(() => deserialize({ ...data, index: b64(Int32Array.from([1, 99])) })).toThrow(/corrupt model: bucket 99 out of order or range/);
    expect(() => deserialize({ ...data, transitions: data.transitions.slice(1) })).toThrow(/corrupt model: expected 6 transitions, got 5/);
    expect(() => deserialize({ ...data, scale: 0 })).toThrow(/corrupt model: scale must be a positive number/);
  });
});
