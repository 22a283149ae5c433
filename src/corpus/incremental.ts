/**
 * Clusters updated with a batch of new claims, without the rest of the corpus: each new claim is compared
 * with the stored claims that share one of its LSH bands (the store's indexed band table finds them) and
 * with the batch's other claims, under the corpus's term weights (a TermSketch).
 *
 * The rules are the full clustering's (src/corpus/cluster.ts): near-copies join at once; other matches are
 * taken best first, and two groups merge only when their seeds match too. What an update does not do is
 * merge two clusters already stored, or take claims out of one: a full re-cluster does that. Claims that
 * repeat their outlet's stored furniture word for word join that furniture. Pure and browser-safe.
 */
import { BANDS, jaccard, NEAR_COPY, type ClaimTable } from './cluster.js';
import { DEFAULT_SIMILARITY, DEFAULT_THRESHOLD, weightedSimilarity, type SimilarityParameters } from './similarity.js';

/**
 * Stored claims per band value the store returns, and stored claims per new claim compared with it: those
 * sharing the most of its bands. A corpus repeats a sentence in many documents, and a band value then
 * names them all; a few stand for the rest, as in the full clustering's large buckets.
 */
export const PER_BAND = 2;
export const CANDIDATES_PER_CLAIM = 2;
/** Claims of one band value (stored or new) a new claim may be compared with. */
const BUCKET = 8;
/** Claims a new claim is compared with: those sharing the most of its bands. */
const COMPARED_PER_CLAIM = 8;
/**
 * Band values looked up first for every new claim. A stored claim sharing all of them is almost surely a
 * copy (two claims at Jaccard 0.5 share them with probability 0.5^8), and the new claim's other bands are
 * then not looked up: news repeats itself (wire copy, updates), so most lookups end here.
 */
export const FIRST_BANDS = 2;

/** The band values of these new claims (positions in `fresh`), bands `from` to `to`, without zeros or repeats. */
export function bandValues(fresh: ClaimTable, positions: Iterable<number>, from: number, to: number): Uint32Array {
  const values = new Set<number>();
  for (const k of positions) for (let b = from; b < to; b++) if (fresh.bands[k * BANDS + b] !== 0) values.add(fresh.bands[k * BANDS + b]!);
  return Uint32Array.from(values);
}

/** Positions of the new claims for which no stored claim shares all of their first FIRST_BANDS band values. */
export function unsettled(fresh: ClaimTable, pairs: ReadonlyArray<readonly [number, number]>): number[] {
  const byBand = new Map<number, number[]>();
  for (const [band, id] of pairs) {
    const list = byBand.get(band);
    if (list) list.push(id);
    else byBand.set(band, [id]);
  }
  const out: number[] = [];
  for (let k = 0; k < fresh.ids.length; k++) {
    // A stored claim (not this one) in the list of each of the first bands.
    const first = byBand.get(fresh.bands[k * BANDS]!) ?? [];
    const settled = first.some((id) => {
      if (id === fresh.ids[k]) return false;
      for (let b = 1; b < FIRST_BANDS; b++) if (!(byBand.get(fresh.bands[k * BANDS + b]!) ?? []).includes(id)) return false;
      return true;
    });
    if (!settled) out.push(k);
  }
  return out;
}

/**
 * The stored claims worth comparing with the new ones: for each new claim, the CANDIDATES_PER_CLAIM stored
 * claims that share the most band values with it (then the lowest ids), from the store's [band, claim] pairs.
 */
export function pickCandidates(fresh: ClaimTable, pairs: ReadonlyArray<readonly [number, number]>, freshIds: ReadonlySet<number>): number[] {
  const byBand = new Map<number, number[]>();
  for (const [band, id] of pairs) {
    if (freshIds.has(id)) continue;
    const list = byBand.get(band);
    if (list) list.push(id);
    else byBand.set(band, [id]);
  }
  const picked = new Set<number>();
  // Per new claim: the stored claims of its bands and how many bands each shares (a few, so arrays).
  const candidates: number[] = [];
  const counts: number[] = [];
  for (let k = 0; k < fresh.ids.length; k++) {
    candidates.length = 0;
    counts.length = 0;
    for (let b = k * BANDS; b < (k + 1) * BANDS; b++) {
      if (fresh.bands[b] === 0) continue;
      for (const id of byBand.get(fresh.bands[b]!) ?? []) {
        const at = candidates.indexOf(id);
        if (at >= 0) counts[at]!++;
        else (candidates.push(id), counts.push(1));
      }
    }
    if (candidates.length <= CANDIDATES_PER_CLAIM) {
      for (const id of candidates) picked.add(id);
      continue;
    }
    const order = candidates.map((_, i) => i).sort((x, y) => counts[y]! - counts[x]! || candidates[x]! - candidates[y]!);
    for (let i = 0; i < CANDIDATES_PER_CLAIM; i++) picked.add(candidates[order[i]!]!);
  }
  return [...picked].sort((a, b) => a - b);
}

export interface IncrementalInput {
  /** The new claims, with outlets. */
  fresh: ClaimTable;
  /** Stored claims near them (sharing a band), with outlets; the seeds of their clusters among them. */
  known: ClaimTable;
  /** Stored claim id → its cluster, for the known claims in one. */
  clusterOf: ReadonlyMap<number, number>;
  /** Cluster → its seed claim id. */
  seedOf: ReadonlyMap<number, number>;
  /** Stored claim id → its furniture group, for the known claims that are furniture. */
  furnitureOf: ReadonlyMap<number, number>;
  /** Term weights of the whole corpus, the new claims counted. */
  weights: { weight(term: number): number };
  threshold?: number;
  similarity?: SimilarityParameters;
}

export interface IncrementalResult {
  /** New members of stored clusters: [cluster, claim id]. */
  joins: Array<[number, number]>;
  /** New clusters (claim ids, sorted; stored claims that had none may be among them), by first id. */
  created: number[][];
  /** New claims that repeat their outlet's furniture: [group, claim id]. */
  furniture: Array<[number, number]>;
  comparisons: number;
}

export function extendClusters(input: IncrementalInput): IncrementalResult {
  const { fresh, known, clusterOf, seedOf, furnitureOf, weights } = input;
  const threshold = input.threshold ?? DEFAULT_THRESHOLD;
  const parameters = input.similarity ?? DEFAULT_SIMILARITY;
  const K = known.ids.length;
  const n = K + fresh.ids.length;
  // Node i < K is known claim i; node K + j is fresh claim j. Each node's views, made once.
  const ids = new Float64Array(n);
  const outlets = new Float64Array(n);
  const terms: Uint32Array[] = new Array(n);
  const bandViews: Uint32Array[] = new Array(n);
  for (const [t, base] of [[known, 0], [fresh, K]] as const) {
    for (let k = 0; k < t.ids.length; k++) {
      ids[base + k] = t.ids[k]!;
      outlets[base + k] = t.outlets ? t.outlets[k]! : t.docs[k]!;
      terms[base + k] = t.shingles.subarray(t.offsets[k]!, t.offsets[k + 1]!);
      bandViews[base + k] = t.bands.subarray(k * BANDS, (k + 1) * BANDS);
    }
  }
  const idOf = (i: number): number => ids[i]!;
  const outletOf = (i: number): number => outlets[i]!;
  const shinglesOf = (i: number): Uint32Array => terms[i]!;
  const weightCache: Array<Float64Array | undefined> = new Array(n);
  const weightsOf = (i: number): Float64Array => {
    let w = weightCache[i];
    if (!w) {
      const t = terms[i]!;
      w = weightCache[i] = new Float64Array(t.length);
      for (let x = 0; x < t.length; x++) w[x] = weights.weight(t[x]!);
    }
    return w;
  };
  let comparisons = 0;
  const similar = (a: number, b: number): number => {
    comparisons++;
    return weightedSimilarity(shinglesOf(a), weightsOf(a), shinglesOf(b), weightsOf(b), parameters);
  };

  const nodeOfId = new Map<number, number>();
  for (let i = 0; i < K; i++) nodeOfId.set(known.ids[i]!, i);
  // Groups: union-find over nodes, each root with its stored cluster (−1: none) and its seed node.
  const parent = new Int32Array(n);
  const cluster = new Float64Array(n).fill(-1);
  const seed = new Int32Array(n);
  const size = new Int32Array(n).fill(1);
  for (let i = 0; i < n; i++) {
    parent[i] = i;
    seed[i] = i;
    if (i < K) {
      const c = clusterOf.get(idOf(i));
      if (c !== undefined) {
        cluster[i] = c;
        seed[i] = nodeOfId.get(seedOf.get(c) ?? -1) ?? i;
      }
    }
  }
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  // Two known claims of one stored cluster start as one group.
  const rootOfCluster = new Map<number, number>();
  for (let i = 0; i < K; i++) {
    if (cluster[i]! < 0) continue;
    const r = rootOfCluster.get(cluster[i]!);
    if (r === undefined) rootOfCluster.set(cluster[i]!, i);
    else parent[i] = r;
  }
  /** Joins two groups unless each holds a different stored cluster; the larger group's seed stays. */
  const union = (a: number, b: number): boolean => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return false;
    if (cluster[ra]! >= 0 && cluster[rb]! >= 0) return false;
    const [root, child] = ra < rb ? [ra, rb] : [rb, ra];
    const keep = cluster[ra]! >= 0 ? seed[ra]! : cluster[rb]! >= 0 ? seed[rb]! : size[ra]! >= size[rb]! ? seed[ra]! : seed[rb]!;
    parent[child] = root;
    cluster[root] = Math.max(cluster[ra]!, cluster[rb]!);
    seed[root] = keep;
    size[root] = size[ra]! + size[rb]!;
    return true;
  };

  // Band value → nodes with it: the known claims, then each fresh claim as it comes.
  const byBand = new Map<number, number[]>();
  const bandsOf = (i: number): Uint32Array => bandViews[i]!;
  const addBands = (i: number): void => {
    for (const b of bandsOf(i)) {
      if (b === 0) continue;
      const list = byBand.get(b);
      // A band value shared by very many claims (a repeated sentence): the first BUCKET stand for it, so
      // each new claim's comparisons stay bounded.
      if (!list) byBand.set(b, [i]);
      else if (list.length < BUCKET) list.push(i);
    }
  };
  // Only the band values of new claims can bring a stored claim to a comparison.
  const freshBands = new Set<number>();
  for (let i = K; i < n; i++) for (const b of bandsOf(i)) if (b !== 0) freshBands.add(b);
  for (let i = 0; i < K; i++) {
    if (furnitureOf.has(idOf(i))) continue;
    for (const b of bandsOf(i)) {
      if (!freshBands.has(b)) continue;
      const list = byBand.get(b);
      if (!list) byBand.set(b, [i]);
      else if (list.length < BUCKET) list.push(i);
    }
  }
  const furnitureByOutlet = new Map<number, Array<{ node: number; group: number }>>();
  for (let i = 0; i < K; i++) {
    const g = furnitureOf.get(idOf(i));
    if (g === undefined) continue;
    const list = furnitureByOutlet.get(outletOf(i)) ?? [];
    list.push({ node: i, group: g });
    furnitureByOutlet.set(outletOf(i), list);
  }

  const furniture: Array<[number, number]> = [];
  const candidates: number[] = [];
  const shared: number[] = [];
  const deferred: Array<{ a: number; b: number; sim: number }> = [];
  const order = Array.from({ length: fresh.ids.length }, (_, j) => K + j).sort((a, b) => idOf(a) - idOf(b));
  for (const f of order) {
    const terms = shinglesOf(f);
    if (terms.length === 0) continue;
    const repeated = furnitureByOutlet.get(outletOf(f))?.find((c) => jaccard(shinglesOf(c.node), terms) === 1);
    if (repeated) {
      furniture.push([repeated.group, idOf(f)]);
      continue;
    }
    // The claims sharing the most of its bands, stored or new (a few, so arrays).
    candidates.length = 0;
    shared.length = 0;
    for (const b of bandsOf(f)) {
      const list = byBand.get(b);
      if (!list) continue;
      for (const c of list) {
        if (c === f) continue;
        const at = candidates.indexOf(c);
        if (at >= 0) shared[at]!++;
        else (candidates.push(c), shared.push(1));
      }
    }
    const best = candidates.map((_, i) => i).sort((x, y) => shared[y]! - shared[x]! || candidates[x]! - candidates[y]!);
    for (let r = 0; r < Math.min(best.length, COMPARED_PER_CLAIM); r++) {
      const c = candidates[best[r]!]!;
      if (find(c) === find(f)) continue;
      const sim = similar(f, c);
      if (sim >= NEAR_COPY) union(f, c);
      else if (sim >= threshold) deferred.push({ a: f, b: c, sim });
    }
    addBands(f);
  }
  deferred.sort((x, y) => y.sim - x.sim || idOf(x.a) - idOf(y.a) || idOf(x.b) - idOf(y.b));
  for (const { a, b } of deferred) {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb || (cluster[ra]! >= 0 && cluster[rb]! >= 0)) continue;
    const sa = seed[ra]!;
    const sb = seed[rb]!;
    if ((sa !== a || sb !== b) && similar(sa, sb) < threshold) continue;
    union(a, b);
  }

  // Each group touching a new claim: new members of its stored cluster, or a new cluster across outlets.
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if (size[r]! < 2 && cluster[r]! < 0) continue;
    const g = groups.get(r) ?? [];
    g.push(i);
    groups.set(r, g);
  }
  const joins: Array<[number, number]> = [];
  const created: number[][] = [];
  for (const [root, members] of groups) {
    if (!members.some((i) => i >= K)) continue;
    if (cluster[root]! >= 0) {
      for (const i of members) if (i >= K || !clusterOf.has(idOf(i))) joins.push([cluster[root]!, idOf(i)]);
      continue;
    }
    if (members.every((i) => outletOf(i) === outletOf(members[0]!))) continue;
    created.push(members.map(idOf).sort((a, b) => a - b));
  }
  joins.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  created.sort((a, b) => a[0]! - b[0]!);
  return { joins, created, furniture, comparisons };
}
