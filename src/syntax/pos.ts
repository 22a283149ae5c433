/**
 * claimtrace's own part-of-speech tagger: Universal Dependencies UPOS for a sentence's words, by an averaged
 * structured perceptron over hashed features (word, affixes, shape, GloVe word clusters, neighbours), trained
 * on UD English EWT + GUM (`npm run train:parser`, src/models/pos.json). Browser-safe: the model is data.
 */
import { decode, decodingWeights, hashFeature, type PerceptronModel, deserialize, type SerializedModel } from '../annotate/tagger/perceptron.js';
import { coarseCluster, fineCluster, wordClusterHashed } from '../lexicons/clusters.js';
import { mix } from '../annotate/techniques/features.js';
import posModel from '../models/pos.json' with { type: 'json' };

/** The 17 UPOS tags of Universal Dependencies v2. */
export const UPOS = ['ADJ', 'ADP', 'ADV', 'AUX', 'CCONJ', 'DET', 'INTJ', 'NOUN', 'NUM', 'PART', 'PRON', 'PROPN', 'PUNCT', 'SCONJ', 'SYM', 'VERB', 'X'] as const;
export type Upos = (typeof UPOS)[number];

/** A word's shape: X for capitals, x for small letters, d for digits, runs of more than two shortened. */
export function wordShape(w: string): string {
  let out = '';
  let last = '';
  let run = 0;
  const n = Math.min(w.length, 40);
  for (let i = 0; i < n; i++) {
    const code = w.charCodeAt(i);
    // ASCII by code, the rest by Unicode property.
    const c =
      code < 128
        ? code >= 65 && code <= 90 ? 'X' : code >= 97 && code <= 122 ? 'x' : code >= 48 && code <= 57 ? 'd' : w[i]!
        : /\p{Lu}/u.test(w[i]!) ? 'X' : /\p{Ll}/u.test(w[i]!) ? 'x' : /\p{N}/u.test(w[i]!) ? 'd' : w[i]!;
    run = c === last ? run + 1 : 1;
    last = c;
    if (run <= 2) out += c;
  }
  return out;
}

/** Features per word. */
const FEATURES = 31;
const BEFORE_START = hashFeature('<s>');
const AFTER_END = hashFeature('</s>');

/**
 * Features of each word of a sentence, hashed into `buckets` (a power of two). Each word's parts (its
 * lower case, affixes, shape, clusters) are hashed once; a feature is its template number mixed with them,
 * so no feature string is built.
 */
export function posFeatures(words: readonly string[], buckets: number): Int32Array[] {
  const mask = buckets - 1;
  const n = words.length;
  const hL = new Int32Array(n);
  const hS3 = new Int32Array(n);
  const fineOf = new Int32Array(n);
  const shapeOf = new Int32Array(n);
  const out: Int32Array[] = [];
  const parts: Array<[number, number, number, number, number, number, number, number, number, number]> = [];
  for (let i = 0; i < n; i++) {
    const l = words[i]!.toLowerCase();
    hL[i] = hashFeature(l);
    hS3[i] = hashFeature(l.slice(-3));
    const c = wordClusterHashed(l, hL[i]! >>> 0);
    const shape = wordShape(words[i]!);
    fineOf[i] = c === 0 ? -1 : fineCluster(c);
    shapeOf[i] = hashFeature(shape);
    parts.push([hashFeature(l.slice(-1)), hashFeature(l.slice(-2)), hashFeature(l.slice(0, 1)), hashFeature(l.slice(0, 2)), shapeOf[i]!, fineOf[i]!, c === 0 ? -1 : coarseCluster(c), shape.charCodeAt(0) || 0, hashFeature(l.slice(-4)), hashFeature(l.slice(0, 3))]);
  }
  const word = (i: number): number => (i < 0 ? BEFORE_START : i >= n ? AFTER_END : hL[i]!);
  const suffix = (i: number): number => (i < 0 ? BEFORE_START : i >= n ? AFTER_END : hS3[i]!);
  const cluster = (i: number): number => (i < 0 ? BEFORE_START : i >= n ? AFTER_END : fineOf[i]!);
  const shapeAt = (i: number): number => (i < 0 ? BEFORE_START : i >= n ? AFTER_END : shapeOf[i]!);
  for (let i = 0; i < n; i++) {
    const [s1, s2, p1, p2, sh, fine, coarse, shape0, s4, p3] = parts[i]!;
    const f = new Int32Array(FEATURES);
    let k = 0;
    f[k++] = mix(0, 0) & mask;
    f[k++] = mix(1, hL[i]!) & mask;
    f[k++] = mix(2, s1) & mask;
    f[k++] = mix(3, s2) & mask;
    f[k++] = mix(4, hS3[i]!) & mask;
    f[k++] = mix(5, p1) & mask;
    f[k++] = mix(6, p2) & mask;
    f[k++] = mix(7, sh) & mask;
    f[k++] = mix(8, fine) & mask;
    f[k++] = mix(9, coarse) & mask;
    f[k++] = mix(10, word(i - 1)) & mask;
    f[k++] = mix(11, word(i + 1)) & mask;
    f[k++] = mix(12, word(i - 2)) & mask;
    f[k++] = mix(13, word(i + 2)) & mask;
    f[k++] = mix(14, suffix(i - 1)) & mask;
    f[k++] = mix(15, suffix(i + 1)) & mask;
    f[k++] = mix(mix(16, word(i - 1)), hL[i]!) & mask;
    f[k++] = mix(mix(17, hL[i]!), word(i + 1)) & mask;
    f[k++] = mix(mix(18, i === 0 ? 1 : 0), shape0) & mask;
    f[k++] = mix(19, s4) & mask;
    f[k++] = mix(20, p3) & mask;
    f[k++] = mix(21, cluster(i - 1)) & mask;
    f[k++] = mix(22, cluster(i + 1)) & mask;
    f[k++] = mix(mix(23, cluster(i - 1)), fine) & mask;
    f[k++] = mix(mix(24, fine), cluster(i + 1)) & mask;
    f[k++] = mix(25, shapeAt(i - 1)) & mask;
    f[k++] = mix(26, shapeAt(i + 1)) & mask;
    f[k++] = mix(mix(27, hL[i]!), suffix(i + 1)) & mask;
    f[k++] = mix(mix(28, suffix(i - 1)), hL[i]!) & mask;
    f[k++] = mix(mix(29, word(i - 1)), word(i + 1)) & mask;
    f[k++] = mix(30, cluster(i + 2)) & mask;
    out.push(f);
  }
  return out;
}

let model: PerceptronModel | null = null;

/** The shipped tagger (loaded on first use). */
export function posModelShipped(): PerceptronModel {
  model ??= deserialize(posModel as unknown as SerializedModel);
  return model;
}

/**
 * UPOS tags of a sentence's words under `m` (default: the shipped model). Emission scores are summed from
 * the model's 16-bit decoding weights (one 64-byte row per feature, as the shipped model stores them).
 */
export function tagUpos(words: readonly string[], m: PerceptronModel = posModelShipped()): Upos[] {
  return tagUposRanked(words, m).tags;
}

/**
 * UPOS tags with, for each word, the tag it would take next (the runner-up of its own scores, before the
 * neighbours' tags weigh in): the parser reads both, so that a word the tagger hesitated over (AUX or
 * VERB, ADP or SCONJ) is parsed knowing it.
 */
export function tagUposRanked(words: readonly string[], m: PerceptronModel = posModelShipped()): { tags: Upos[]; runnerUp: Upos[] } {
  const n = words.length;
  if (n === 0) return { tags: [], runnerUp: [] };
  const { q, shift, scale } = decodingWeights(m);
  const L = m.labels.length;
  const emit = new Float64Array(n * L);
  const sums = new Int32Array(L);
  const seq = posFeatures(words, m.buckets);
  for (let t = 0; t < n; t++) {
    const feats = seq[t]!;
    sums.fill(0);
    for (let f = 0; f < feats.length; f++) {
      const base = feats[f]! << shift;
      for (let y = 0; y < L; y++) sums[y]! += q[base + y]!;
    }
    for (let y = 0; y < L; y++) emit[t * L + y] = sums[y]! / scale;
  }
  const best = decode(m, emit, n);
  const tags = Array.from(best, (y) => m.labels[y] as Upos);
  const runnerUp = tags.map((_, t) => {
    let second = -1;
    for (let y = 0; y < L; y++) if (y !== best[t] && (second < 0 || emit[t * L + y]! > emit[t * L + second]!)) second = y;
    return m.labels[second < 0 ? best[t]! : second] as Upos;
  });
  return { tags, runnerUp };
}
