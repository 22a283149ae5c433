import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claimFeatures, clusterClaims, packClaims, type ClaimTable } from './cluster.js';
import { termsOfText } from './features.js';
import { extendClusters } from './incremental.js';
import { TermSketch } from './term-sketch.js';

/** Stories told by several outlets in their own words, and claims that match nothing. */
const STORIES = [
  [
    'The Harlow river bridge will close for six weeks of structural repairs starting in May',
    'Harlow river bridge to close for six weeks of structural repairs from May',
    'The river bridge in Harlow will shut for six weeks of structural repairs beginning in May',
  ],
  [
    "Pakistan's intelligence service is training Hamas fighters at secret camps in Kashmir",
    'Hamas fighters are being trained by Pakistan intelligence at secret camps in Kashmir',
    "Pakistan's spy agency trains Hamas fighters in secret Kashmir camps",
  ],
  [
    'The regional ferry operator cancelled its winter timetable after a second engine failure',
    'A second engine failure led the regional ferry operator to cancel its winter timetable',
  ],
];
const SINGLES = [
  'Parliament approved the new fisheries quota for the northern coast on Tuesday',
  'The city council voted to raise parking fees in the old town by a fifth',
  'A heatwave pushed electricity demand to a record high across the southern grid',
  'The central bank kept its main interest rate unchanged for a third month',
  'Striking nurses at three hospitals accepted a pay offer after talks',
];

interface Item {
  id: number;
  doc: number;
  outlet: number;
  text: string;
}

function corpus(): Item[] {
  const items: Item[] = [];
  let id = 1;
  STORIES.forEach((story, s) => story.forEach((text, o) => items.push({ id: id++, doc: id, outlet: 10 * s + o, text })));
  SINGLES.forEach((text, i) => items.push({ id: id++, doc: id, outlet: 100 + i, text }));
  return items;
}

function tableOf(items: readonly Item[]): ClaimTable {
  const t = packClaims(items.map((c) => ({ id: c.id, doc: c.doc, ...claimFeatures(termsOfText(c.text)) })));
  return { ...t, outlets: Float64Array.from(items, (c) => c.outlet) };
}

/** The clusters after adding `fresh` to a corpus clustered in full without it: each as sorted claim ids. */
function grown(base: readonly Item[], fresh: readonly Item[]): number[][] {
  const known = tableOf(base);
  const stored = clusterClaims(known).clusters;
  const clusterOf = new Map<number, number>();
  const seedOf = new Map<number, number>();
  stored.forEach((members, i) => {
    seedOf.set(i + 1, members[0]!);
    for (const id of members) clusterOf.set(id, i + 1);
  });
  const sketch = new TermSketch();
  const all = tableOf([...base, ...fresh]);
  for (let k = 0; k < all.ids.length; k++) sketch.add(all.shingles.subarray(all.offsets[k]!, all.offsets[k + 1]!));
  const update = extendClusters({ fresh: tableOf(fresh), known, clusterOf, seedOf, furnitureOf: new Map(), weights: sketch });
  const clusters = stored.map((m) => [...m]);
  for (const [cluster, id] of update.joins) clusters[cluster - 1]!.push(id);
  return [...clusters, ...update.created].map((m) => m.sort((a, b) => a - b)).sort((a, b) => a[0]! - b[0]!);
}

describe('extendClusters', () => {
  it('adding any one claim gives the clusters a full clustering gives', () => {
    const items = corpus();
    const full = clusterClaims(tableOf(items)).clusters;
    expect(full.length).toBe(STORIES.length);
    for (const one of items) expect(grown(items.filter((c) => c !== one), [one]), one.text).toEqual(full);
  });

  it('a new story told by two new claims becomes a new cluster; a lone new claim joins none', () => {
    const items = corpus();
    const last = STORIES[2]!.length;
    const ferry = items.filter((c) => STORIES[2]!.includes(c.text));
    expect(ferry).toHaveLength(last);
    expect(grown(items.filter((c) => !ferry.includes(c)), ferry)).toEqual(clusterClaims(tableOf(items)).clusters);
    expect(grown(items.filter((c) => c !== ferry[0]), []).some((m) => m.includes(ferry[1]!.id))).toBe(false);
  });

  it('never puts a claim in two clusters, nor makes a cluster of one outlet', () => {
    const items = corpus();
    fc.assert(
      fc.property(fc.subarray(items, { minLength: 1 }), (fresh) => {
        const base = items.filter((c) => !fresh.includes(c));
        const clusters = grown(base, fresh);
        const ids = clusters.flat();
        expect(new Set(ids).size).toBe(ids.length);
        const outletOf = new Map(items.map((c) => [c.id, c.outlet]));
        for (const m of clusters) expect(new Set(m.map((id) => outletOf.get(id))).size).toBeGreaterThan(1);
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it('a claim repeating its outlet\'s stored furniture word for word joins that furniture', () => {
    const note = 'Email any tips about this story to the newsroom at the address below';
    const known = tableOf([{ id: 1, doc: 1, outlet: 5, text: note }]);
    const fresh = tableOf([{ id: 2, doc: 2, outlet: 5, text: note }, { id: 3, doc: 3, outlet: 6, text: note }]);
    const sketch = new TermSketch();
    const update = extendClusters({ fresh, known, clusterOf: new Map(), seedOf: new Map(), furnitureOf: new Map([[1, 4]]), weights: sketch });
    expect(update.furniture).toEqual([[4, 2]]);
    // The other outlet's copy is not that outlet's furniture, and has nothing else to match.
    expect(update.created).toEqual([]);
  });
});

describe('TermSketch', () => {
  it('counts each claim\'s terms once, never under the true count, and stores and loads byte for byte', () => {
    const s = new TermSketch();
    const a = termsOfText(STORIES[0]![0]!);
    const b = termsOfText(STORIES[0]![1]!);
    s.add(a);
    s.add(b);
    expect(s.claims).toBe(2);
    for (const t of a) expect(s.count(t)).toBeGreaterThanOrEqual(b.includes(t) ? 2 : 1);
    const shared = [...a].find((t) => b.includes(t))!;
    expect(s.count(shared)).toBe(2);
    const again = TermSketch.fromBytes(s.toBytes());
    expect(again.claims).toBe(2);
    expect(again.count(shared)).toBe(2);
    expect(() => TermSketch.fromBytes(new Uint8Array(12))).toThrow('corrupt term sketch: 12 bytes');
  });
});
