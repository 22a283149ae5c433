/**
 * Scoring claim matching on sentence pairs judged the same statement or not, the way a corpus sees them:
 * every sentence is its own one-sentence article from its own outlet, all of them are clustered together
 * (src/corpus/cluster.ts, with weights learnt from those sentences), and a pair counts as matched when a
 * claim of one sentence and a claim of the other land in one cluster.
 *
 * Two formats, told apart by the header:
 * - the MSR Paraphrase Corpus: `Quality<TAB>#1 ID<TAB>#2 ID<TAB>#1 String<TAB>#2 String`, 1 = same statement;
 * - SemEval STS: `score<TAB>s1<TAB>s2`, a 0–5 score; a pair scored STS_SAME or more ("mostly equivalent") is
 *   the same statement, and rows without a score are skipped.
 */
import { clusterClaims, claimFeatures, packClaims, type ClusterOptions } from '../corpus/cluster.js';

export interface ParaphrasePair {
  /** MRPC: "ID1-ID2"; STS: "line N". */
  id: string;
  same: boolean;
  a: string;
  b: string;
}

/** STS scores from which a pair is taken as the same statement (4: "mostly equivalent, unimportant details differ"). */
export const STS_SAME = 4;

export function parsePairs(tsv: string, name: string): ParaphrasePair[] {
  const lines = tsv.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0]?.split('\t') ?? [];
  const mrpc = header[0]?.trim() === 'Quality' && header.length >= 5;
  const pairs: ParaphrasePair[] = [];
  for (let k = mrpc ? 1 : 0; k < lines.length; k++) {
    const line = lines[k]!;
    if (line.trim() === '') continue;
    const cols = line.split('\t');
    if (mrpc) {
      if (cols.length < 5 || !/^[01]$/.test(cols[0]!.trim())) throw new Error(`${name}:${k + 1}: expected Quality (0 or 1), two ids and two sentences separated by tabs`);
      pairs.push({ id: `${cols[1]}-${cols[2]}`, same: cols[0]!.trim() === '1', a: cols[3]!, b: cols[4]! });
      continue;
    }
    if (cols.length < 3) throw new Error(`${name}:${k + 1}: expected "score<TAB>sentence<TAB>sentence" (STS) or an MRPC header, got ${cols.length} column(s)`);
    const score = cols[0]!.trim();
    if (score === '') continue; // unlabelled
    const value = Number(score);
    if (!Number.isFinite(value)) throw new Error(`${name}:${k + 1}: the score "${score}" is not a number`);
    pairs.push({ id: `line ${k + 1}`, same: value >= STS_SAME, a: cols[1]!, b: cols[2]! });
  }
  return pairs;
}

export interface ParaphraseScores {
  pairs: number;
  /** Pairs judged the same statement. */
  same: number;
  /** Pairs the matcher put in one cluster. */
  matched: number;
  truePositives: number;
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
  /** Sentences with no claim to match (too short, or no claim found). */
  sentencesWithoutTerms: number;
}

/**
 * Matches the pairs through the corpus clustering. `termsOf` gives each distinct sentence's claims' terms
 * (src/corpus/features.ts), as ingest computes them.
 */
export function matchPairs(pairs: readonly ParaphrasePair[], termsOf: (sentence: string) => Uint32Array[], options: ClusterOptions = {}): boolean[] {
  const index = new Map<string, number>();
  const claims: Array<{ id: number; doc: number; shingles: Uint32Array; bands: Uint32Array }> = [];
  const claimsOf: number[][] = [];
  for (const p of pairs) {
    for (const s of [p.a, p.b]) {
      if (index.has(s)) continue;
      const doc = index.size;
      index.set(s, doc);
      const ids: number[] = [];
      for (const terms of termsOf(s)) {
        const id = claims.length;
        claims.push({ id, doc, ...claimFeatures(terms) });
        ids.push(id);
      }
      claimsOf.push(ids);
    }
  }
  const { clusters } = clusterClaims(packClaims(claims), options);
  const clusterOf = new Int32Array(claims.length).fill(-1);
  clusters.forEach((c, k) => {
    for (const id of c) clusterOf[id] = k;
  });
  const clustersOfDoc = (doc: number): Set<number> => new Set(claimsOf[doc]!.map((id) => clusterOf[id]!).filter((k) => k >= 0));
  return pairs.map((p) => {
    const a = clustersOfDoc(index.get(p.a)!);
    for (const k of clustersOfDoc(index.get(p.b)!)) if (a.has(k)) return true;
    return false;
  });
}

export function scorePairs(pairs: readonly ParaphrasePair[], matched: readonly boolean[], sentencesWithoutTerms = 0): ParaphraseScores {
  let tp = 0;
  let predicted = 0;
  let same = 0;
  let correct = 0;
  pairs.forEach((p, k) => {
    if (p.same) same++;
    if (matched[k]) predicted++;
    if (p.same && matched[k]) tp++;
    if (p.same === matched[k]) correct++;
  });
  const precision = predicted ? tp / predicted : 0;
  const recall = same ? tp / same : 0;
  return {
    pairs: pairs.length,
    same,
    matched: predicted,
    truePositives: tp,
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    accuracy: pairs.length ? correct / pairs.length : 0,
    sentencesWithoutTerms,
  };
}
