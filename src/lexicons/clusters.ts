/**
 * GloVe word clusters (src/lexicons/word-clusters.json, built by scripts/build-word-clusters.ts): each
 * known word's coarse and fine cluster, so a model that learnt a word in training knows something of the
 * words near it in vector space.
 */
import { hashFeature } from '../annotate/tagger/perceptron.js';
import { WordTable } from './word-table.js';
import wordClusters from './word-clusters.json' with { type: 'json' };

/** Cluster counts of the coarse and fine clusterings. */
export const CLUSTER_SIZES: readonly number[] = wordClusters.sizes;

let table: WordTable | null = null;

/**
 * A word's clusters packed as coarse * 65536 + fine + 1, or 0 when the word (lower case) is not listed;
 * `hash` must be hashFeature(word). The table is built on first use (60k entries, a few milliseconds).
 */
export function wordClusterHashed(word: string, hash: number): number {
  table ??= new WordTable(
    wordClusters.entries.map((entry) => {
      const [w, coarse, fine] = entry.split(' ');
      return [w!, Number(coarse) * 65536 + Number(fine) + 1] as const;
    }),
  );
  return table.get(word, hash);
}

/** wordClusterHashed for a word whose hash is not at hand. */
export const wordCluster = (word: string): number => wordClusterHashed(word, hashFeature(word));

/** The fine cluster of a packed value (0 for none, else 1 + the cluster number). */
export const fineCluster = (packed: number): number => packed & 0xffff;
/** The coarse cluster of a packed value (meaningful only when the packed value is not 0). */
export const coarseCluster = (packed: number): number => packed >>> 16;

let ranks: Map<string, number> | null = null;

/**
 * A word's rank by frequency among the listed words (1 for "the"; the list is in GloVe's frequency order),
 * or 0 when it is not listed.
 */
export function wordRank(word: string): number {
  ranks ??= new Map(wordClusters.entries.map((entry, i) => [entry.slice(0, entry.indexOf(' ')), i + 1]));
  return ranks.get(word) ?? 0;
}
