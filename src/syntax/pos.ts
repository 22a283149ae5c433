/**
 * claimtrace's own part-of-speech tagger: Universal Dependencies UPOS for a sentence's words, by an averaged
 * structured perceptron over hashed features (word, affixes, shape, GloVe word clusters, neighbours), trained
 * on UD English EWT + GUM (`npm run train:parser`, src/models/pos.json). Browser-safe: the model is data.
 */
import { hashFeature, type PerceptronModel, deserialize, viterbi, type SerializedModel } from '../annotate/tagger/perceptron.js';
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
    const f = [
      mix(0, 0),
      mix(1, hL[i]!),
      mix(2, s1),
      mix(3, s2),
      mix(4, hS3[i]!),
      mix(5, p1),
      mix(6, p2),
      mix(7, sh),
      mix(8, fine),
      mix(9, coarse),
      mix(10, word(i - 1)),
      mix(11, word(i + 1)),
      mix(12, word(i - 2)),
      mix(13, word(i + 2)),
      mix(14, suffix(i - 1)),
      mix(15, suffix(i + 1)),
      mix(mix(16, word(i - 1)), hL[i]!),
      mix(mix(17, hL[i]!), word(i + 1)),
      mix(mix(18, i === 0 ? 1 : 0), shape0),
      mix(19, s4),
      mix(20, p3),
      mix(21, cluster(i - 1)),
      mix(22, cluster(i + 1)),
      mix(mix(23, cluster(i - 1)), fine),
      mix(mix(24, fine), cluster(i + 1)),
      mix(25, shapeAt(i - 1)),
      mix(26, shapeAt(i + 1)),
      mix(mix(27, hL[i]!), suffix(i + 1)),
      mix(mix(28, suffix(i - 1)), hL[i]!),
      mix(mix(29, word(i - 1)), word(i + 1)),
      mix(30, cluster(i + 2)),
    ];
    out.push(Int32Array.from(f, (h) => h & mask));
  }
  return out;
}

let model: PerceptronModel | null = null;

/** The shipped tagger (loaded on first use). */
export function posModelShipped(): PerceptronModel {
  model ??= deserialize(posModel as unknown as SerializedModel);
  return model;
}

/** UPOS tags of a sentence's words under `m` (default: the shipped model). */
export function tagUpos(words: readonly string[], m: PerceptronModel = posModelShipped()): Upos[] {
  if (words.length === 0) return [];
  return Array.from(viterbi(m, posFeatures(words, m.buckets)), (y) => m.labels[y] as Upos);
}
