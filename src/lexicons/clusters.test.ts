import { describe, expect, it } from 'vitest';
import wordClusters from './word-clusters.json' with { type: 'json' };
import { CLUSTER_SIZES, coarseCluster, fineCluster, wordCluster } from './clusters.js';

describe('word clusters', () => {
  it('lists each word once, with a coarse and a fine cluster in range', () => {
    expect(CLUSTER_SIZES).toHaveLength(2);
    const seen = new Set<string>();
    const inRange = (value: string | undefined, size: number) => /^\d+$/.test(value ?? '') && Number(value) < size;
    // Collected, then asserted once: 60k expect calls would take seconds.
    const bad = wordClusters.entries.filter((entry) => {
      const [word, coarse, fine, extra] = entry.split(' ');
      const ok = wordCluster(word!) === Number(coarse) * 65536 + Number(fine) + 1 && extra === undefined && /^\p{Ll}[\p{Ll}'-]+$/u.test(word!) && !seen.has(word!) && inRange(coarse, CLUSTER_SIZES[0]!) && inRange(fine, CLUSTER_SIZES[1]!);
      seen.add(word!);
      return !ok;
    });
    expect(bad).toEqual([]);
    expect(seen.size).toBeGreaterThan(10_000);
    expect(wordClusters.source).toMatch(/GloVe/);
  });

  it.each([
    ['tyranny', 'despotism'],
    ['terrorists', 'militants'],
    ['said', 'told'],
  ])('puts %s and %s in the same fine cluster', (a, b) => {
    expect(wordCluster(a)).not.toBe(0);
    expect(fineCluster(wordCluster(a))).toBe(fineCluster(wordCluster(b)));
  });

  it('packs the coarse and fine clusters of a listed word, and 0 for any other string', () => {
    const entry = wordClusters.entries.find((e) => e.startsWith('nightmare '))!;
    const [, coarse, fine] = entry.split(' ').map(Number);
    expect(coarseCluster(wordCluster('nightmare'))).toBe(coarse);
    expect(fineCluster(wordCluster('nightmare'))).toBe(fine! + 1);
    for (const other of ['', 'Nightmare', 'qwertyuiopzx', '__proto__', 'hasOwnProperty', '12']) expect(wordCluster(other)).toBe(0);
  });
});
