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

/** What a word's features read, hashed (`wordParts`): the indices of its fields. */
export const PART = { lower: 0, suffix3: 1, suffix1: 2, suffix2: 3, prefix1: 4, prefix2: 5, shape: 6, fine: 7, coarse: 8, shape0: 9, suffix4: 10, prefix3: 11 } as const;

/** Distinct words whose parts are kept; past this the cache starts afresh (words repeat: most are hits). */
const PARTS_CACHE_SIZE = 50_000;
const partsCache = new Map<string, Int32Array>();

/**
 * A word's lower case, affixes, shape and clusters, hashed (fields by `PART`; -1 for no cluster), computed
 * once per distinct word: a pure function of the word, so the cache changes no result. The tagger and the
 * parser both read it.
 */
export function wordParts(word: string): Int32Array {
  let parts = partsCache.get(word);
  if (parts) return parts;
  if (partsCache.size >= PARTS_CACHE_SIZE) partsCache.clear();
  const l = word.toLowerCase();
  const lower = hashFeature(l);
  const c = wordClusterHashed(l, lower);
  const shape = wordShape(word);
  parts = Int32Array.of(
    lower,
    hashFeature(l.slice(-3)),
    hashFeature(l.slice(-1)),
    hashFeature(l.slice(-2)),
    hashFeature(l.slice(0, 1)),
    hashFeature(l.slice(0, 2)),
    hashFeature(shape),
    c === 0 ? -1 : fineCluster(c),
    c === 0 ? -1 : coarseCluster(c),
    shape.charCodeAt(0) || 0,
    hashFeature(l.slice(-4)),
    hashFeature(l.slice(0, 3)),
  );
  partsCache.set(word, parts);
  return parts;
}

/**
 * Features of each word of a sentence, hashed into `buckets` (a power of two). Each word's parts (its
 * lower case, affixes, shape, clusters) are hashed once (`wordParts`); a feature is its template number mixed
 * with them, so no feature string is built.
 */
export function posFeatures(words: readonly string[], buckets: number): Int32Array[] {
  const mask = buckets - 1;
  const n = words.length;
  const hL = new Int32Array(n);
  const hS3 = new Int32Array(n);
  const fineOf = new Int32Array(n);
  const shapeOf = new Int32Array(n);
  const out: Int32Array[] = [];
  const all: Int32Array[] = [];
  for (let i = 0; i < n; i++) {
    const p = wordParts(words[i]!);
    all.push(p);
    hL[i] = p[PART.lower]!;
    hS3[i] = p[PART.suffix3]!;
    fineOf[i] = p[PART.fine]!;
    shapeOf[i] = p[PART.shape]!;
  }
  const word = (i: number): number => (i < 0 ? BEFORE_START : i >= n ? AFTER_END : hL[i]!);
  const suffix = (i: number): number => (i < 0 ? BEFORE_START : i >= n ? AFTER_END : hS3[i]!);
  const cluster = (i: number): number => (i < 0 ? BEFORE_START : i >= n ? AFTER_END : fineOf[i]!);
  const shapeAt = (i: number): number => (i < 0 ? BEFORE_START : i >= n ? AFTER_END : shapeOf[i]!);
  for (let i = 0; i < n; i++) {
    const p = all[i]!;
    const [s1, s2, p1, p2, sh, fine, coarse, shape0, s4, p3] = [p[PART.suffix1]!, p[PART.suffix2]!, p[PART.prefix1]!, p[PART.prefix2]!, p[PART.shape]!, p[PART.fine]!, p[PART.coarse]!, p[PART.shape0]!, p[PART.suffix4]!, p[PART.prefix3]!];
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
 * Emission scores of one word under a 17-label model (rows 32 apart): the rows of its features summed in
 * registers into out[at…at + 16], divided by `scale`. The tagger's hottest loop.
 */
function sumUposRows(q: Int16Array, feats: Int32Array, out: Float64Array, at: number, scale: number): void {
  let e0 = 0, e1 = 0, e2 = 0, e3 = 0, e4 = 0, e5 = 0, e6 = 0, e7 = 0, e8 = 0;
  let e9 = 0, e10 = 0, e11 = 0, e12 = 0, e13 = 0, e14 = 0, e15 = 0, e16 = 0;
  for (let j = 0; j < feats.length; j++) {
    const b = feats[j]! << 5;
    e0 += q[b]!; e1 += q[b + 1]!; e2 += q[b + 2]!; e3 += q[b + 3]!; e4 += q[b + 4]!; e5 += q[b + 5]!;
    e6 += q[b + 6]!; e7 += q[b + 7]!; e8 += q[b + 8]!; e9 += q[b + 9]!; e10 += q[b + 10]!; e11 += q[b + 11]!;
    e12 += q[b + 12]!; e13 += q[b + 13]!; e14 += q[b + 14]!; e15 += q[b + 15]!; e16 += q[b + 16]!;
  }
  out[at] = e0 / scale; out[at + 1] = e1 / scale; out[at + 2] = e2 / scale; out[at + 3] = e3 / scale;
  out[at + 4] = e4 / scale; out[at + 5] = e5 / scale; out[at + 6] = e6 / scale; out[at + 7] = e7 / scale;
  out[at + 8] = e8 / scale; out[at + 9] = e9 / scale; out[at + 10] = e10 / scale; out[at + 11] = e11 / scale;
  out[at + 12] = e12 / scale; out[at + 13] = e13 / scale; out[at + 14] = e14 / scale; out[at + 15] = e15 / scale;
  out[at + 16] = e16 / scale;
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
    if (L === UPOS.length && shift === 5) {
      sumUposRows(q, feats, emit, t * L, scale);
      continue;
    }
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
