/**
 * Claims that say the same thing in different articles, found in near-linear time.
 *
 * Each claim is a set of typed terms (src/corpus/features.ts: content words and actors, their word clusters,
 * numbers, relation signatures). MinHash with LSH banding over the distinctive terms proposes candidate
 * pairs; a candidate pair matches when its similarity (src/corpus/similarity.ts: words weighed by their
 * rarity in this corpus, numbers and negation agreeing) reaches the threshold. Near-copies join at once;
 * other matches merge best first, and only when the two clusters' seeds match too (union-find).
 *
 * Everything is typed arrays so a few million claims fit in memory, and everything is decided by content,
 * never by input order: items are sorted by id first, candidate buckets by content hash.
 * Pure and browser-safe (no I/O).
 */
import { fmix32, isBandTerm } from './features.js';
import { findFurniture } from './furniture.js';
import { DEFAULT_SIMILARITY, DEFAULT_THRESHOLD, TermWeights, weightedSimilarity, type SimilarityParameters } from './similarity.js';

export { DEFAULT_THRESHOLD };

/**
 * MinHash rows per band and bands: P(candidate) = 1 − (1 − J^ROWS)^BANDS, where J is the Jaccard similarity
 * of the two term sets (≈ 0.96 at J = 0.3, ≈ 0.64 at 0.15): a reworded claim shares few exact terms.
 */
export const ROWS = 2;
export const BANDS = 20;
export const HASHES = ROWS * BANDS;
/** In an LSH bucket larger than this, each claim is compared with its WINDOW neighbours by content hash only. */
const BUCKET_ALL_PAIRS = 24;
/** Claims this similar are copies of one another: they join at once. */
export const NEAR_COPY = 0.9;
const WINDOW = 8;

const SEEDS = Uint32Array.from({ length: HASHES }, (_, i) => fmix32(0x9e3779b9 * (i + 1)));

export interface ClaimFeatures {
  /** Sorted, distinct typed terms (empty when the claim says too little to match). */
  shingles: Uint32Array;
  /** One hash per LSH band of the MinHash signature (empty with the terms). */
  bands: Uint32Array;
}

/**
 * A claim's matching features from its terms (src/corpus/features.ts, matchTerms). The bands come from its
 * distinctive terms only (no word clusters, no common words), unless it has none.
 */
export function claimFeatures(terms: Uint32Array): ClaimFeatures {
  if (terms.length === 0) return { shingles: terms, bands: new Uint32Array(0) };
  const distinctive = terms.filter(isBandTerm);
  return { shingles: terms, bands: bandsOf(minhash(distinctive.length > 0 ? distinctive : terms)) };
}

export function minhash(shingles: Uint32Array): Uint32Array {
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  for (let k = 0; k < shingles.length; k++) {
    const x = shingles[k]!;
    for (let i = 0; i < HASHES; i++) {
      const h = fmix32(x ^ SEEDS[i]!);
      if (h < sig[i]!) sig[i] = h;
    }
  }
  return sig;
}

export function bandsOf(sig: Uint32Array): Uint32Array {
  const bands = new Uint32Array(BANDS);
  for (let b = 0; b < BANDS; b++) {
    let h = fmix32(b + 1);
    for (let r = 0; r < ROWS; r++) h = fmix32(Math.imul(h ^ sig[b * ROWS + r]!, 0x01000193));
    bands[b] = h;
  }
  return bands;
}

/** Exact Jaccard similarity of two sorted, distinct arrays. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      common++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return common / (a.length + b.length - common);
}

/**
 * Claims to cluster, packed: claim k has id `ids[k]` (unique), belongs to document `docs[k]`, its shingles are
 * `shingles[offsets[k] .. offsets[k+1])` and its bands `bands[k*BANDS .. (k+1)*BANDS)` (all zero when it has
 * no shingles).
 */
export interface ClaimTable {
  ids: Float64Array;
  docs: Float64Array;
  offsets: Uint32Array;
  shingles: Uint32Array;
  bands: Uint32Array;
  /**
   * The outlet of each claim's document, as a number (equal for one outlet): with it, an outlet's furniture
   * leaves the clusters and a cluster must span two outlets; without it every document is its own outlet.
   */
  outlets?: Float64Array;
}

/** Packs claims given one by one (tests, small corpora). */
export function packClaims(items: ReadonlyArray<{ id: number; doc: number } & ClaimFeatures>): ClaimTable {
  const n = items.length;
  const total = items.reduce((s, c) => s + c.shingles.length, 0);
  const t: ClaimTable = {
    ids: new Float64Array(n),
    docs: new Float64Array(n),
    offsets: new Uint32Array(n + 1),
    shingles: new Uint32Array(total),
    bands: new Uint32Array(n * BANDS),
  };
  let at = 0;
  items.forEach((c, k) => {
    t.ids[k] = c.id;
    t.docs[k] = c.doc;
    t.offsets[k] = at;
    t.shingles.set(c.shingles, at);
    at += c.shingles.length;
    if (c.bands.length === BANDS) t.bands.set(c.bands, k * BANDS);
  });
  t.offsets[n] = at;
  return t;
}

export interface ClusterOptions {
  threshold?: number;
  similarity?: SimilarityParameters;
}

export interface ClusterResult {
  /** Clusters of claim ids spanning at least two outlets, each sorted; clusters sorted by their first id. */
  clusters: number[][];
  /** Claims that are their outlet's furniture (src/corpus/furniture.ts): ids, one group per sentence, sorted. */
  furniture: number[][];
  /** Candidate pairs whose similarity was computed (the cost that must stay near-linear). */
  comparisons: number;
}

/**
 * Groups claims that say the same thing, from the LSH candidate pairs whose similarity reaches the threshold,
 * with an outlet's furniture left out. The result depends only on the claims, not on their order.
 */
export function clusterClaims(table: ClaimTable, options: ClusterOptions = {}): ClusterResult {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const parameters = options.similarity ?? DEFAULT_SIMILARITY;
  const n = table.ids.length;
  // Canonical order: by id.
  const order = new Int32Array(n);
  let sorted = true;
  for (let k = 0; k < n; k++) {
    order[k] = k;
    if (k > 0 && table.ids[k - 1]! > table.ids[k]!) sorted = false;
  }
  // Stores hand claims over already in id order; only unsorted input pays for a comparison sort.
  if (!sorted) order.sort((a, b) => table.ids[a]! - table.ids[b]!);
  const shinglesOf = (k: number): Uint32Array => table.shingles.subarray(table.offsets[k]!, table.offsets[k + 1]!);

  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    // The smaller canonical position is the root, so the forest does not depend on the order of unions.
    if (ra < rb) parent[rb] = ra;
    else if (rb < ra) parent[ra] = rb;
  };

  // Positions (in canonical order) of claims that have features, and a content hash of each set.
  let active: number[] = [];
  for (let p = 0; p < n; p++) if (table.offsets[order[p]! + 1]! > table.offsets[order[p]!]!) active.push(p);
  const contentHash = new Float64Array(n);
  for (const p of active) {
    const s = shinglesOf(order[p]!);
    let h1 = 0x12345678;
    let h2 = 0x9abcdef0;
    for (let i = 0; i < s.length; i++) {
      h1 = fmix32(Math.imul(h1 ^ s[i]!, 0x01000193));
      h2 = fmix32(h2 + s[i]! + i);
    }
    contentHash[p] = h1 * 0x100000 + (h2 & 0xfffff); // 52 bits, exact in a double
  }
  const outletOf = (p: number): number => (table.outlets ? table.outlets[order[p]!]! : table.docs[order[p]!]!);

  // An outlet's furniture is not a claim: it leaves before anything is compared.
  const furnitureGroups = table.outlets
    ? findFurniture({
        positions: active,
        docOf: (p) => table.docs[order[p]!]!,
        outletOf,
        contentHash: (p) => contentHash[p]!,
        same: (p, q) => jaccard(shinglesOf(order[p]!), shinglesOf(order[q]!)) === 1,
      })
    : [];
  const furniturePositions = new Set(furnitureGroups.flat());
  if (furniturePositions.size > 0) active = active.filter((p) => !furniturePositions.has(p));

  // How rare each term is among this corpus's claims: the weights of the similarity.
  const weights = new TermWeights();
  for (const p of active) weights.add(shinglesOf(order[p]!));

  let comparisons = 0;
  // Every term's weight once, beside the terms.
  const termWeights = new Float64Array(table.shingles.length);
  for (const p of active) {
    const k = order[p]!;
    for (let i = table.offsets[k]!; i < table.offsets[k + 1]!; i++) termWeights[i] = weights.weight(table.shingles[i]!);
  }
  const weightsOf = (k: number): Float64Array => termWeights.subarray(table.offsets[k]!, table.offsets[k + 1]!);
  const similar = (p: number, q: number): number =>
    weightedSimilarity(shinglesOf(order[p]!), weightsOf(order[p]!), shinglesOf(order[q]!), weightsOf(order[q]!), parameters);
  // Near-copies join at once; other matches wait, best first, so that a cluster cannot drift one weak
  // match at a time from one story to the next (single linkage would chain a whole campaign's claims).
  const deferred = new Map<number, number>(); // pair key → similarity
  const tryPair = (p: number, q: number): void => {
    if (find(p) === find(q)) return; // already joined: the edge would not change the components
    const key = p < q ? p * n + q : q * n + p;
    if (deferred.has(key)) return;
    comparisons++;
    const sim = similar(p, q);
    if (sim >= NEAR_COPY) union(p, q);
    else if (sim >= threshold) deferred.set(key, sim);
  };

  // 1. Identical feature sets (syndicated copy, repeated sentences) join without LSH, so they do not
  //    flood the buckets: only one representative of each goes on.
  const byContent = active.slice().sort((p, q) => contentHash[p]! - contentHash[q]! || p - q);
  const reps: number[] = [];
  for (let i = 0; i < byContent.length; i++) {
    const p = byContent[i]!;
    const prev = i > 0 ? byContent[i - 1]! : -1;
    if (prev >= 0 && contentHash[prev] === contentHash[p] && jaccard(shinglesOf(order[prev]!), shinglesOf(order[p]!)) === 1) {
      union(prev, p);
    } else reps.push(p);
  }
  reps.sort((a, b) => a - b);

  // 2. LSH: per band, sort (band hash, rep index) packed into one double and scan runs of equal hashes.
  const m = reps.length;
  const idxBits = Math.max(1, Math.ceil(Math.log2(m + 1)));
  const hashBits = Math.min(32, 53 - idxBits);
  const shift = 2 ** idxBits;
  const keys = new Float64Array(m);
  const bucket: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    for (let r = 0; r < m; r++) {
      const h = table.bands[order[reps[r]!]! * BANDS + b]! >>> (32 - hashBits);
      keys[r] = h * shift + r;
    }
    keys.sort();
    let start = 0;
    for (let i = 1; i <= m; i++) {
      if (i < m && Math.floor(keys[i]! / shift) === Math.floor(keys[start]! / shift)) continue;
      if (i - start > 1) {
        bucket.length = 0;
        for (let k = start; k < i; k++) bucket.push(reps[keys[k]! % shift]!);
        compareBucket(bucket);
      }
      start = i;
    }
  }

  function compareBucket(members: number[]): void {
    if (members.length <= BUCKET_ALL_PAIRS) {
      for (let i = 0; i < members.length; i++) for (let j = i + 1; j < members.length; j++) tryPair(members[i]!, members[j]!);
      return;
    }
    // A huge bucket (a very common phrase): compare neighbours in content-hash order, which keeps the cost
    // linear and still depends on content only.
    members.sort((p, q) => contentHash[p]! - contentHash[q]! || p - q);
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < Math.min(members.length, i + 1 + WINDOW); j++) tryPair(members[i]!, members[j]!);
    }
  }

  // 3. The waiting matches, most similar first: two clusters merge only when their seeds (the claims that
  //    started them) match too, so every claim is within two matches of its cluster's seed.
  const seed = new Int32Array(n);
  const size = new Int32Array(n).fill(1);
  for (let p = 0; p < n; p++) seed[p] = p;
  const edges = [...deferred].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  for (const [key] of edges) {
    const p = Math.floor(key / n);
    const q = key - p * n;
    const rp = find(p);
    const rq = find(q);
    if (rp === rq) continue;
    const sp = seed[rp]!;
    const sq = seed[rq]!;
    if (sp !== p || sq !== q) {
      comparisons++;
      if (similar(sp, sq) < threshold) continue;
    }
    const keep = size[rp]! > size[rq]! || (size[rp] === size[rq] && sp < sq) ? sp : sq;
    union(rp, rq);
    const root = find(rp);
    seed[root] = keep;
    size[root] = size[rp]! + size[rq]!;
  }

  // 4. Components spanning at least two outlets.
  const groups = new Map<number, number[]>();
  for (const p of active) {
    const root = find(p);
    let g = groups.get(root);
    if (!g) groups.set(root, (g = []));
    g.push(p);
  }
  const clusters: number[][] = [];
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    // Spreading means two outlets at least: one outlet repeating itself is not.
    const firstOutlet = outletOf(g[0]!);
    if (g.every((p) => outletOf(p) === firstOutlet)) continue;
    clusters.push(g.map((p) => table.ids[order[p]!]!).sort((a, b) => a - b));
  }
  clusters.sort((a, b) => a[0]! - b[0]!);
  const furniture = furnitureGroups.map((g) => g.map((p) => table.ids[order[p]!]!).sort((a, b) => a - b)).sort((a, b) => a[0]! - b[0]!);
  return { clusters, furniture, comparisons };
}
