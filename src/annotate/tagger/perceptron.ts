/**
 * A structured averaged perceptron (Collins 2002) over hashed features, with first-order Viterbi
 * decoding. Small, dependency-free and fast enough to decode at tokenizer speed; the weights are
 * plain numbers so a trained model ships as data.
 */

/** 32-bit FNV-1a hash of a feature string. */
export function hashFeature(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface PerceptronModel {
  labels: readonly string[];
  /** Number of hash buckets (a power of two). */
  buckets: number;
  /** Emission weights: weights[bucket * labels.length + label]. */
  weights: Float32Array;
  /** Transition weights: transitions[prev * labels.length + label]; row `labels.length` is the start state. */
  transitions: Float32Array;
}

export function emptyModel(labels: readonly string[], buckets: number): PerceptronModel {
  if (!Number.isInteger(buckets) || buckets < 1 || buckets > 2 ** 30 || (buckets & (buckets - 1)) !== 0) {
    throw new RangeError(`buckets must be a power of two in [1, 2^30], got ${buckets}`);
  }
  if (labels.length === 0) throw new RangeError('a model needs at least one label');
  return {
    labels,
    buckets,
    weights: new Float32Array(buckets * labels.length),
    transitions: new Float32Array((labels.length + 1) * labels.length),
  };
}

/**
 * A model's emission weights as decoding reads them: 16-bit integers `q` (the weight is `q / scale`), each
 * bucket's row `1 << shift` apart (the label count rounded up to a power of two). Decoding reads weights at
 * random, so memory traffic is much of its time: a row of 16-bit integers, aligned, never straddles two
 * cache lines, and the table is half the size. A shipped model stores exactly these integers (`serialize`
 * uses the same scale), so nothing is lost for it, and sums of integers are exact.
 */
export interface DecodingWeights {
  q: Int16Array;
  shift: number;
  scale: number;
}

const decodingCache = new WeakMap<PerceptronModel, DecodingWeights>();

/**
 * Emission scores of one token under a seven-label model: the decoding-weight rows of its features
 * (row `(ids[j] & mask) << 3`, j < count) summed in registers, divided by `scale`, into out[at…at + 6].
 * Both taggers' shipped models have seven labels, and this is their hottest loop.
 */
export function sumSevenRows(q: Int16Array, ids: Int32Array, count: number, mask: number, scale: number, out: Float64Array, at: number): void {
  let e0 = 0;
  let e1 = 0;
  let e2 = 0;
  let e3 = 0;
  let e4 = 0;
  let e5 = 0;
  let e6 = 0;
  for (let j = 0; j < count; j++) {
    const base = (ids[j]! & mask) << 3;
    e0 += q[base]!;
    e1 += q[base + 1]!;
    e2 += q[base + 2]!;
    e3 += q[base + 3]!;
    e4 += q[base + 4]!;
    e5 += q[base + 5]!;
    e6 += q[base + 6]!;
  }
  out[at] = e0 / scale;
  out[at + 1] = e1 / scale;
  out[at + 2] = e2 / scale;
  out[at + 3] = e3 / scale;
  out[at + 4] = e4 / scale;
  out[at + 5] = e5 / scale;
  out[at + 6] = e6 / scale;
}

/** The model's decoding weights, built on first use: a model is not decoded this way while it trains. */
export function decodingWeights(model: PerceptronModel): DecodingWeights {
  let d = decodingCache.get(model);
  if (d) return d;
  const L = model.labels.length;
  let shift = 0;
  while (1 << shift < L) shift++;
  let max = 0;
  for (const w of model.weights) max = Math.max(max, Math.abs(w));
  const scale = max > 0 ? 32767 / max : 1;
  const q = new Int16Array(model.buckets << shift);
  for (let b = 0; b < model.buckets; b++) for (let y = 0; y < L; y++) q[(b << shift) + y] = Math.round(model.weights[b * L + y]! * scale);
  decodingCache.set(model, (d = { q, shift, scale }));
  return d;
}

/** A sequence ready for the model: per position, the bucket ids of its features. */
export type FeatureSequence = Int32Array[];

export function toBuckets(features: readonly string[], buckets: number): Int32Array {
  const out = new Int32Array(features.length);
  const mask = buckets - 1;
  for (let i = 0; i < features.length; i++) out[i] = hashFeature(features[i]!) & mask;
  return out;
}

/** The best label sequence (label indices) under the model. */
export function viterbi(model: PerceptronModel, seq: FeatureSequence): Int32Array {
  const L = model.labels.length;
  const n = seq.length;
  const emit = new Float64Array(n * L);
  const w = model.weights;
  for (let t = 0; t < n; t++) {
    const feats = seq[t]!;
    for (let f = 0; f < feats.length; f++) {
      const base = feats[f]! * L;
      for (let y = 0; y < L; y++) emit[t * L + y] = emit[t * L + y]! + w[base + y]!;
    }
  }
  return decode(model, emit, n);
}

/**
 * First-order Viterbi over emission scores (`emit[t * L + y]`), with the model's transitions and start
 * row (`transitions[L * L + y]`). Ties go to the lowest label. Shared by every tagger.
 */
export function decode(model: PerceptronModel, emit: Float64Array, n: number): Int32Array {
  const L = model.labels.length;
  const tr = model.transitions;
  const out = new Int32Array(n);
  if (n === 0) return out;
  const back = new Int32Array(n * L);
  // Only the previous position's scores are kept (two rows swapped), not a row per token.
  let prev = new Float64Array(L);
  let cur = new Float64Array(L);
  for (let y = 0; y < L; y++) prev[y] = emit[y]! + tr[L * L + y]!;
  for (let t = 1; t < n; t++) {
    const at = t * L;
    for (let y = 0; y < L; y++) {
      // Ties go to the lowest previous label.
      let best = prev[0]! + tr[y]!;
      let arg = 0;
      for (let p = 1; p < L; p++) {
        const s = prev[p]! + tr[p * L + y]!;
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      cur[y] = best + emit[at + y]!;
      back[at + y] = arg;
    }
    const swap = prev;
    prev = cur;
    cur = swap;
  }
  let best = -Infinity;
  for (let y = 0; y < L; y++) {
    if (prev[y]! > best) {
      best = prev[y]!;
      out[n - 1] = y;
    }
  }
  for (let t = n - 1; t > 0; t--) out[t - 1] = back[t * L + out[t]!]!;
  return out;
}

export interface TrainOptions {
  epochs: number;
  /** Seed for the shuffling of sequences between epochs (training is reproducible). */
  seed: number;
  onEpoch?: (epoch: number, errors: number, tokens: number) => void;
}

/** Deterministic PRNG (mulberry32) so that training runs are reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle in place, driven by `random` (training order between epochs). */
export function shuffle(order: number[], random: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
}

/**
 * Trains with the averaging trick of Daumé (2006): keep the running weights w and a time-weighted sum u;
 * the average is w - u / c. Returns the averaged model.
 */
export function train(
  labels: readonly string[],
  buckets: number,
  data: ReadonlyArray<{ seq: FeatureSequence; gold: Int32Array }>,
  options: TrainOptions,
): PerceptronModel {
  const model = emptyModel(labels, buckets);
  const L = labels.length;
  const uw = new Float32Array(model.weights.length);
  const ut = new Float32Array(model.transitions.length);
  let c = 1;
  const order = data.map((_, i) => i);
  const random = rng(options.seed);
  const bump = (w: Float32Array, u: Float32Array, index: number, delta: number) => {
    w[index]! += delta;
    u[index]! += c * delta;
  };
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, random);
    let errors = 0;
    let tokens = 0;
    for (const k of order) {
      const { seq, gold } = data[k]!;
      const guess = viterbi(model, seq);
      tokens += seq.length;
      for (let t = 0; t < seq.length; t++) {
        const g = gold[t]!;
        const p = guess[t]!;
        const gPrev = t === 0 ? L : gold[t - 1]!;
        const pPrev = t === 0 ? L : guess[t - 1]!;
        if (g !== p) {
          errors++;
          const feats = seq[t]!;
          for (let f = 0; f < feats.length; f++) {
            bump(model.weights, uw, feats[f]! * L + g, 1);
            bump(model.weights, uw, feats[f]! * L + p, -1);
          }
        }
        if (g !== p || gPrev !== pPrev) {
          bump(model.transitions, ut, gPrev * L + g, 1);
          bump(model.transitions, ut, pPrev * L + p, -1);
        }
      }
      c++;
    }
    options.onEpoch?.(epoch, errors, tokens);
  }
  for (let i = 0; i < model.weights.length; i++) model.weights[i] = model.weights[i]! - uw[i]! / c;
  for (let i = 0; i < model.transitions.length; i++) model.transitions[i] = model.transitions[i]! - ut[i]! / c;
  return model;
}

/** A model as JSON-safe data: only non-zero buckets, weights quantised to 1/scale. */
export interface SerializedModel {
  labels: string[];
  buckets: number;
  scale: number;
  /** Base64 of Int32 bucket indices (ascending), then of Int16 weights (labels.length per bucket). */
  index: string;
  weights: string;
  transitions: number[];
}

export const toBase64 = (bytes: Uint8Array): string => {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
};
export const fromBase64 = (b64: string): Uint8Array => {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
};

function littleEndian(values: readonly number[], bytes: 2 | 4): Uint8Array {
  const view = new DataView(new ArrayBuffer(values.length * bytes));
  values.forEach((v, k) => (bytes === 4 ? view.setInt32(k * 4, v, true) : view.setInt16(k * 2, v, true)));
  return new Uint8Array(view.buffer);
}

export function serialize(model: PerceptronModel, minWeight = 0): SerializedModel {
  const L = model.labels.length;
  let max = 0;
  for (const w of model.weights) max = Math.max(max, Math.abs(w));
  const scale = max > 0 ? 32767 / max : 1;
  const index: number[] = [];
  const values: number[] = [];
  for (let b = 0; b < model.buckets; b++) {
    let keep = false;
    for (let y = 0; y < L; y++) if (Math.abs(model.weights[b * L + y]!) > minWeight && Math.round(model.weights[b * L + y]! * scale) !== 0) keep = true;
    if (!keep) continue;
    index.push(b);
    for (let y = 0; y < L; y++) values.push(Math.round(model.weights[b * L + y]! * scale));
  }
  return {
    labels: [...model.labels],
    buckets: model.buckets,
    scale,
    index: toBase64(littleEndian(index, 4)),
    weights: toBase64(littleEndian(values, 2)),
    transitions: Array.from(model.transitions, (x) => Math.round(x * 1000) / 1000),
  };
}

export function deserialize(data: SerializedModel): PerceptronModel {
  const fail = (why: string): never => {
    throw new Error(`corrupt model: ${why}`);
  };
  if (!Array.isArray(data?.labels) || data.labels.length === 0) fail('no labels');
  if (!Number.isFinite(data.scale) || data.scale <= 0) fail(`scale must be a positive number, got ${String(data.scale)}`);
  let model: PerceptronModel;
  try {
    model = emptyModel(data.labels, data.buckets);
  } catch (e) {
    return fail((e as Error).message);
  }
  const L = data.labels.length;
  if (!Array.isArray(data.transitions) || data.transitions.length !== (L + 1) * L) fail(`expected ${(L + 1) * L} transitions, got ${data.transitions?.length}`);
  let idxBytes: Uint8Array;
  let wBytes: Uint8Array;
  try {
    idxBytes = fromBase64(data.index);
    wBytes = fromBase64(data.weights);
  } catch {
    return fail('index or weights are not base64');
  }
  if (idxBytes.byteLength % 4 !== 0 || wBytes.byteLength % 2 !== 0) fail('index or weights have a partial number');
  // Little-endian on every platform, whatever the machine's byte order.
  const idx = new DataView(idxBytes.buffer, idxBytes.byteOffset, idxBytes.byteLength);
  const wv = new DataView(wBytes.buffer, wBytes.byteOffset, wBytes.byteLength);
  const n = idxBytes.byteLength / 4;
  if (wBytes.byteLength / 2 !== n * L) fail(`${n} buckets but ${wBytes.byteLength / 2} weights for ${L} labels`);
  let prev = -1;
  for (let k = 0; k < n; k++) {
    const b = idx.getInt32(k * 4, true);
    if (b <= prev || b >= data.buckets) fail(`bucket ${b} out of order or range`);
    prev = b;
    for (let y = 0; y < L; y++) model.weights[b * L + y] = wv.getInt16((k * L + y) * 2, true) / data.scale;
  }
  model.transitions.set(data.transitions);
  return model;
}
