/**
 * Claims that say the same thing in different articles, found in near-linear time.
 *
 * Each claim becomes a set of 32-bit features: its normalised content words (lemmas, lower case, stop words
 * dropped) as unigrams and bigrams, plus its actor–relation signature when the relation stage found one
 * ("pakistan|train|hamas"). MinHash with LSH banding proposes candidate pairs; a candidate pair joins a
 * cluster only when the exact Jaccard similarity of the two sets reaches the threshold (union-find).
 *
 * Everything is typed arrays so a few million claims fit in memory, and everything is decided by content,
 * never by input order: items are sorted by id first, candidate buckets by content hash.
 * Pure and browser-safe (no I/O).
 */

/** MinHash rows per band and bands: P(candidate) = 1 − (1 − J^ROWS)^BANDS, ≈ 0.93 at J = 0.5, ≈ 0.4 at 0.3. */
export const ROWS = 3;
export const BANDS = 20;
export const HASHES = ROWS * BANDS;
/** Two claims say the same thing when their feature sets' Jaccard similarity reaches this. */
export const DEFAULT_THRESHOLD = 0.5;
/** Claims with fewer content words than this are too generic to match ("he said so"). */
export const MIN_WORDS = 3;
/** In an LSH bucket larger than this, each claim is compared with its WINDOW neighbours by content hash only. */
const BUCKET_ALL_PAIRS = 64;
const WINDOW = 32;

// Function words and reporting verbs: they say nothing about what a claim claims.
const STOPWORDS = new Set(
  (
    'a an the and or but nor so yet for of to in on at by with from into onto upon about above below over under ' +
    'between among through during before after since until while as than then that this these those there here ' +
    'be am is are was were been being have has had having do does did doing will would shall should can could ' +
    'may might must i me my mine we us our ours you your yours he him his she her hers it its they them their ' +
    'theirs who whom whose which what when where why how all any both each few more most other some such no not ' +
    'only own same too very just also s t don now if because again further once ever even still out up down off ' +
    'said say says saying tell told report reported according claim claimed add added state stated ' +
    '’s \'s n\'t not'
  ).split(/\s+/),
);

/** Lower-cased content words of a list of words (lemmas where the caller has them), stop words dropped. */
export function normalizeWords(words: readonly string[]): string[] {
  const out: string[] = [];
  for (const w of words) {
    const lw = w.toLowerCase().replace(/[’‘]/g, "'").replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (lw === '' || STOPWORDS.has(lw) || !/[\p{L}\p{N}]/u.test(lw)) continue;
    out.push(lw);
  }
  return out;
}

/** Words of a text without a tagger: letters and digits runs, with a crude plural fold. For tests and fallbacks. */
export function wordsOf(text: string): string[] {
  const raw = text.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? [];
  return raw.map((w) => {
    const lw = w.toLowerCase();
    return lw.length > 4 && lw.endsWith('s') && !lw.endsWith('ss') ? lw.slice(0, -1) : lw;
  });
}

/** 32-bit FNV-1a of a string, finished with a murmur3 mix so nearby strings spread. */
export function hashString(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const SEEDS = Uint32Array.from({ length: HASHES }, (_, i) => fmix32(0x9e3779b9 * (i + 1)));

export interface ClaimFeatures {
  /** Sorted, distinct feature hashes (empty when the claim has too few content words to match). */
  shingles: Uint32Array;
  /** One hash per LSH band of the MinHash signature (empty with the shingles). */
  bands: Uint32Array;
}

/**
 * Features of one claim from its normalised content words and its relation signatures
 * (`subject|predicate|object`, entity names lower-cased; empty until the relation stage finds some).
 */
export function claimFeatures(words: readonly string[], relations: readonly string[] = []): ClaimFeatures {
  if (words.length < MIN_WORDS && relations.length === 0) return { shingles: new Uint32Array(0), bands: new Uint32Array(0) };
  const set = new Set<number>();
  for (let i = 0; i < words.length; i++) {
    set.add(hashString(words[i]!, 0x811c9dc5));
    if (i + 1 < words.length) set.add(hashString(`${words[i]} ${words[i + 1]}`, 0x01234567));
  }
  for (const r of relations) {
    // The full triple and the actor–action pair: the same allegation in other words still shares them.
    set.add(hashString(`rel:${r}`, 0x0badf00d));
    set.add(hashString(`rel:${r.split('|').slice(0, 2).join('|')}`, 0x0badf00d));
  }
  // Filled by hand: Uint32Array.from(set) goes through the iterator protocol, the slowest line here.
  const shingles = new Uint32Array(set.size);
  let k = 0;
  for (const x of set) shingles[k++] = x;
  shingles.sort();
  return { shingles, bands: bandsOf(minhash(shingles)) };
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
}

export interface ClusterResult {
  /** Clusters of claim ids spanning at least two documents, each sorted; clusters sorted by their first id. */
  clusters: number[][];
  /** Candidate pairs whose Jaccard similarity was computed (the cost that must stay near-linear). */
  comparisons: number;
}

/**
 * Groups claims that say the same thing: connected components of the "Jaccard ≥ threshold" graph restricted
 * to LSH candidate pairs. The result depends only on the claims, not on their order.
 */
export function clusterClaims(table: ClaimTable, options: ClusterOptions = {}): ClusterResult {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
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
  const active: number[] = [];
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

  let comparisons = 0;
  const tryPair = (p: number, q: number): void => {
    if (find(p) === find(q)) return; // already joined: the edge would not change the components
    comparisons++;
    if (jaccard(shinglesOf(order[p]!), shinglesOf(order[q]!)) >= threshold) union(p, q);
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

  // 3. Components spanning at least two documents.
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
    const firstDoc = table.docs[order[g[0]!]!];
    if (g.every((p) => table.docs[order[p]!] === firstDoc)) continue;
    clusters.push(g.map((p) => table.ids[order[p]!]!).sort((a, b) => a - b));
  }
  clusters.sort((a, b) => a[0]! - b[0]!);
  return { clusters, comparisons };
}
