/**
 * Check-worthiness as logistic regression over hashed features (src/rank/features.ts), its raw score made
 * a probability by Platt scaling fitted on scores the model gave to documents it was not trained on. Linear:
 * scoring a unit is one lookup per feature. The weights ship as data (src/models/checkworthiness.json).
 */
import { hashFeature, rng, shuffle, serialize, deserialize, type SerializedModel } from '../annotate/tagger/perceptron.js';

export interface CheckworthinessModel {
  /** Number of hash buckets (a power of two). */
  buckets: number;
  weights: Float32Array;
  /** Platt scaling: probability = 1 / (1 + exp(-(a · raw + b))). */
  platt: { a: number; b: number };
}

export interface SerializedCheckworthinessModel {
  source: string;
  platt: { a: number; b: number };
  weights: SerializedModel;
}

export interface TrainOptions {
  buckets: number;
  epochs: number;
  /** AdaGrad's base rate. */
  rate: number;
  /** L2 penalty per example seen. */
  l2: number;
  /** Weight of a check-worthy example's loss (they are about 3 in 100). */
  positiveWeight: number;
  seed: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { buckets: 1 << 18, epochs: 8, rate: 0.02, l2: 1e-6, positiveWeight: 1, seed: 7 };

export interface Example {
  features: readonly string[];
  /** Each feature's value (src/rank/features.ts: lexical ones scaled by the unit's length). */
  values: ArrayLike<number>;
  label: 0 | 1;
}

/** Bucket indices of a unit's features (a feature hashed twice into one bucket counts twice). */
export function bucketsOf(features: readonly string[], buckets: number): Int32Array {
  const out = new Int32Array(features.length);
  for (let k = 0; k < features.length; k++) out[k] = hashFeature(features[k]!) & (buckets - 1);
  return out;
}

/** The unit's raw score (log-odds before calibration): Σ weight × value. */
export function rawScore(model: Pick<CheckworthinessModel, 'weights' | 'buckets'>, features: readonly string[], values: ArrayLike<number>): number {
  let z = 0;
  for (let k = 0; k < features.length; k++) z += model.weights[hashFeature(features[k]!) & (model.buckets - 1)]! * values[k]!;
  return z;
}

/** The same from the features' hashes (`RankContext.hashes`): what an analysis scores with. */
export function rawScoreOfHashes(model: Pick<CheckworthinessModel, 'weights' | 'buckets'>, hashes: readonly number[], values: ArrayLike<number>): number {
  let z = 0;
  for (let k = 0; k < hashes.length; k++) z += model.weights[hashes[k]! & (model.buckets - 1)]! * values[k]!;
  return z;
}

export const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** The calibrated probability that a fact-checker would choose to check the unit, from its features' hashes. */
export function probability(model: CheckworthinessModel, hashes: readonly number[], values: ArrayLike<number>): number {
  return sigmoid(model.platt.a * rawScoreOfHashes(model, hashes, values) + model.platt.b);
}

/**
 * Logistic regression by AdaGrad over examples in a seeded shuffled order, with lazily applied L2 and the
 * average of the weights over all steps (as the averaged perceptron: steadier on 16k noisy labels).
 */
export function trainWeights(examples: readonly Example[], options: TrainOptions = DEFAULT_TRAIN_OPTIONS): Float32Array {
  const B = options.buckets;
  const rows = examples.map((e) => bucketsOf(e.features, B));
  const w = new Float64Array(B);
  const g2 = new Float64Array(B).fill(1e-8);
  // Averaging by the usual trick: total = Σ w over steps, kept as w·t − u.
  const u = new Float64Array(B);
  const order = examples.map((_, i) => i);
  const random = rng(options.seed);
  let t = 1;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, random);
    for (const i of order) {
      const row = rows[i]!;
      const values = examples[i]!.values;
      let z = 0;
      for (let k = 0; k < row.length; k++) z += w[row[k]!]! * values[k]!;
      const y = examples[i]!.label;
      const weight = y === 1 ? options.positiveWeight : 1;
      const g = (sigmoid(z) - y) * weight;
      for (let k = 0; k < row.length; k++) {
        const b = row[k]!;
        const grad = g * values[k]! + options.l2 * w[b]!;
        g2[b]! += grad * grad;
        const step = (options.rate * grad) / Math.sqrt(g2[b]!);
        w[b]! -= step;
        u[b]! -= t * step;
      }
      t++;
    }
  }
  const out = new Float32Array(B);
  for (let b = 0; b < B; b++) out[b] = w[b]! - u[b]! / t;
  return out;
}

/**
 * Platt scaling: a and b minimising the log-loss of sigmoid(a·raw + b) on held-out (raw, label) pairs,
 * with Platt's smoothed targets, by Newton's method (two parameters, a fixed number of steps).
 */
export function fitPlatt(raw: readonly number[], labels: readonly (0 | 1)[]): { a: number; b: number } {
  const positives = labels.filter((y) => y === 1).length;
  const negatives = labels.length - positives;
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (negatives + 2);
  let a = 1;
  let b = 0;
  for (let step = 0; step < 50; step++) {
    let ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
    for (let i = 0; i < raw.length; i++) {
      const p = sigmoid(a * raw[i]! + b);
      const target = labels[i] === 1 ? hi : lo;
      const d = p - target;
      const h = Math.max(p * (1 - p), 1e-12);
      ga += d * raw[i]!;
      gb += d;
      haa += h * raw[i]! * raw[i]!;
      hab += h * raw[i]!;
      hbb += h;
    }
    haa += 1e-9;
    hbb += 1e-9;
    const det = haa * hbb - hab * hab;
    if (!(Math.abs(det) > 0)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-10) break;
  }
  return { a: round(a), b: round(b) };
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

export function serializeModel(model: CheckworthinessModel, source: string): SerializedCheckworthinessModel {
  const perceptron = { labels: ['checkworthy'], buckets: model.buckets, weights: model.weights, transitions: new Float32Array(2) };
  return { source, platt: model.platt, weights: serialize(perceptron) };
}

export function deserializeModel(data: SerializedCheckworthinessModel): CheckworthinessModel {
  if (!data || typeof data.platt?.a !== 'number' || typeof data.platt?.b !== 'number' || !data.weights) {
    throw new Error('corrupt check-worthiness model: missing platt or weights');
  }
  const m = deserialize(data.weights);
  if (m.labels.length !== 1) throw new Error(`corrupt check-worthiness model: expected one label, got ${m.labels.length}`);
  return { buckets: m.buckets, weights: m.weights, platt: data.platt };
}
