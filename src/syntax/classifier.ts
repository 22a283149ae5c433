/**
 * An averaged multiclass perceptron over hashed features: the parser's two classifiers (which transition,
 * which relation) are each one. Training keeps the running weights and a time-weighted sum (Daumé 2006),
 * so averaging costs nothing per update; a trained model is quantised to 16-bit integers and ships as
 * base64 data. Browser-safe.
 */
import { fromBase64, toBase64 } from '../annotate/tagger/perceptron.js';

export interface Classifier {
  classes: readonly string[];
  /** Number of hash buckets (a power of two). */
  buckets: number;
  /** weights[bucket * stride + class]; a row is `stride` wide (the class count rounded up to a power of two). */
  weights: Float32Array;
  stride: number;
}

export function emptyClassifier(classes: readonly string[], buckets: number): Classifier {
  if (!Number.isInteger(buckets) || buckets < 2 || (buckets & (buckets - 1)) !== 0 || buckets > 2 ** 26) {
    throw new RangeError(`buckets must be a power of two in [2, 2^26], got ${buckets}`);
  }
  if (classes.length === 0) throw new RangeError('a classifier needs at least one class');
  let stride = 1;
  while (stride < classes.length) stride <<= 1;
  return { classes, buckets, stride, weights: new Float32Array(buckets * stride) };
}

/** Adds each class's score over the features `feats[0…count)` (bucket ids) into `out` (zeroed first). */
export function scores(c: Classifier, feats: Int32Array, count: number, out: Float64Array): void {
  const C = c.classes.length;
  const w = c.weights;
  const shift = Math.log2(c.stride);
  out.fill(0, 0, C);
  for (let j = 0; j < count; j++) {
    const base = feats[j]! << shift;
    for (let y = 0; y < C; y++) out[y]! += w[base + y]!;
  }
}

/**
 * Scores the classes over `count` feature bucket ids into `out` (one score per class); given `only` (class
 * indices), just those classes are scored.
 */
export type Scorer = (feats: Int32Array, count: number, out: Float64Array, only?: Int32Array) => void;

/** The scorer of a classifier as it trains: its running float weights. */
export function floatScorer(c: Classifier): Scorer {
  const shift = Math.log2(c.stride);
  const w = c.weights;
  return (feats, count, out, only) => {
    if (!only) return scores(c, feats, count, out);
    for (let k = 0; k < only.length; k++) out[only[k]!] = 0;
    for (let j = 0; j < count; j++) {
      const base = feats[j]! << shift;
      for (let k = 0; k < only.length; k++) out[only[k]!]! += w[base + only[k]!]!;
    }
  };
}

const quantisedScorers = new WeakMap<Classifier, Scorer>();

/**
 * The scorer of a trained classifier: its weights as 16-bit integers (the largest is 32767), as a shipped
 * model stores them, so nothing is lost for it. Parsing reads weights at random, so memory traffic is much of
 * its time: half the bytes per row, and a three-class row is one 8-byte read. Scores are integer sums, exact.
 */
export function quantisedScorer(c: Classifier): Scorer {
  let scorer = quantisedScorers.get(c);
  if (scorer) return scorer;
  let max = 0;
  for (const w of c.weights) max = Math.max(max, Math.abs(w));
  const scale = max > 0 ? 32767 / max : 1;
  const q = new Int16Array(c.weights.length);
  for (let i = 0; i < q.length; i++) q[i] = Math.round(c.weights[i]! * scale);
  const C = c.classes.length;
  const shift = Math.log2(c.stride);
  if (C === 3 && shift === 2) {
    scorer = (feats, count, out) => {
      let a = 0;
      let b = 0;
      let d = 0;
      for (let j = 0; j < count; j++) {
        const base = feats[j]! << 2;
        a += q[base]!;
        b += q[base + 1]!;
        d += q[base + 2]!;
      }
      out[0] = a;
      out[1] = b;
      out[2] = d;
    };
  } else {
    const sums = new Int32Array(C);
    scorer = (feats, count, out, only) => {
      if (only) {
        const m = only.length;
        sums.fill(0, 0, m);
        for (let j = 0; j < count; j++) {
          const base = feats[j]! << shift;
          for (let k = 0; k < m; k++) sums[k]! += q[base + only[k]!]!;
        }
        for (let k = 0; k < m; k++) out[only[k]!] = sums[k]!;
        return;
      }
      sums.fill(0);
      for (let j = 0; j < count; j++) {
        const base = feats[j]! << shift;
        for (let y = 0; y < C; y++) sums[y]! += q[base + y]!;
      }
      for (let y = 0; y < C; y++) out[y] = sums[y]!;
    };
  }
  quantisedScorers.set(c, scorer);
  return scorer;
}

/** The training state of a classifier: its running weights and the time-weighted sums for averaging. */
export class Trainer {
  readonly model: Classifier;
  private readonly sums: Float64Array;
  private clock = 1;

  constructor(classes: readonly string[], buckets: number) {
    this.model = emptyClassifier(classes, buckets);
    this.sums = new Float64Array(this.model.weights.length);
  }

  /** One example done: updates after this count later in the average. */
  tick(): void {
    this.clock++;
  }

  /** Moves the weights of `feats` towards class `gold` and away from `guess`. */
  update(feats: Int32Array, count: number, gold: number, guess: number): void {
    if (gold === guess) return;
    const w = this.model.weights;
    const s = this.sums;
    const shift = Math.log2(this.model.stride);
    const c = this.clock;
    for (let j = 0; j < count; j++) {
      const base = feats[j]! << shift;
      w[base + gold]! += 1;
      s[base + gold]! += c;
      w[base + guess]! -= 1;
      s[base + guess]! -= c;
    }
  }

  /** The averaged model (the trainer is spent afterwards). */
  average(): Classifier {
    const w = this.model.weights;
    for (let i = 0; i < w.length; i++) w[i] = w[i]! - this.sums[i]! / this.clock;
    return this.model;
  }
}

/** A classifier as JSON-safe data: the buckets with a non-zero weight, weights quantised to 1/scale. */
export interface SerializedClassifier {
  classes: string[];
  buckets: number;
  scale: number;
  /** Base64 of a bitmap of the kept buckets (bit b % 8 of byte b / 8): a dense model needs no ids. */
  present: string;
  /** Base64 of little-endian Int16 weights, `classes.length` per kept bucket. */
  weights: string;
}

export function serializeClassifier(c: Classifier): SerializedClassifier {
  const C = c.classes.length;
  let max = 0;
  for (const w of c.weights) max = Math.max(max, Math.abs(w));
  const scale = max > 0 ? 32767 / max : 1;
  const present = new Uint8Array(Math.ceil(c.buckets / 8));
  const values: number[] = [];
  for (let b = 0; b < c.buckets; b++) {
    const row = b * c.stride;
    let keep = false;
    for (let y = 0; y < C && !keep; y++) keep = Math.round(c.weights[row + y]! * scale) !== 0;
    if (!keep) continue;
    present[b >> 3]! |= 1 << (b & 7);
    for (let y = 0; y < C; y++) values.push(Math.round(c.weights[row + y]! * scale));
  }
  const wv = new DataView(new ArrayBuffer(values.length * 2));
  values.forEach((v, k) => wv.setInt16(k * 2, v, true));
  return { classes: [...c.classes], buckets: c.buckets, scale, present: toBase64(present), weights: toBase64(new Uint8Array(wv.buffer)) };
}

export function deserializeClassifier(data: SerializedClassifier, name = 'classifier'): Classifier {
  const fail = (why: string): never => {
    throw new Error(`corrupt ${name}: ${why}`);
  };
  if (!Array.isArray(data?.classes) || data.classes.length === 0) fail('no classes');
  if (!Number.isFinite(data.scale) || data.scale <= 0) fail(`scale must be a positive number, got ${String(data.scale)}`);
  let c: Classifier;
  try {
    c = emptyClassifier(data.classes, data.buckets);
  } catch (e) {
    return fail((e as Error).message);
  }
  let present: Uint8Array;
  let wBytes: Uint8Array;
  try {
    present = fromBase64(data.present);
    wBytes = fromBase64(data.weights);
  } catch {
    return fail('bitmap or weights are not base64');
  }
  if (present.length !== Math.ceil(c.buckets / 8)) fail(`a bitmap of ${present.length} bytes for ${c.buckets} buckets`);
  if (wBytes.byteLength % 2 !== 0) fail(`weights end in half a number (${wBytes.byteLength} bytes)`);
  const C = data.classes.length;
  let n = 0;
  for (let b = 0; b < c.buckets; b++) if (present[b >> 3]! & (1 << (b & 7))) n++;
  if (wBytes.byteLength !== n * C * 2) fail(`${n} buckets but ${wBytes.byteLength / 2} weights for ${C} classes`);
  const wv = new DataView(wBytes.buffer, wBytes.byteOffset, wBytes.byteLength);
  let k = 0;
  for (let b = 0; b < c.buckets; b++) {
    if (!(present[b >> 3]! & (1 << (b & 7)))) continue;
    for (let y = 0; y < C; y++) c.weights[b * c.stride + y] = wv.getInt16((k * C + y) * 2, true) / data.scale;
    k++;
  }
  return c;
}
