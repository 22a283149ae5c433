/** Clustering the stored claims, and the per-cluster view `corpus claims` and `corpus origins` print. */
import { BANDS, clusterClaims } from '../corpus/cluster.js';
import { bandValues, extendClusters, FIRST_BANDS, PER_BAND, pickCandidates, unsettled } from '../corpus/incremental.js';
import { analyzeOrigins, type Origin } from '../corpus/origins.js';
import { TermSketch } from '../corpus/term-sketch.js';
import type { Store } from './store.js';

export interface ClusteringRun {
  /** Claims clustered: all of them, or the new ones when incremental. */
  claims: number;
  clusters: number;
  comparisons: number;
  seconds: number;
  /** False when the stored clusters were already up to date. */
  ran: boolean;
  /** True when only the new documents' claims were added to the stored clusters. */
  incremental: boolean;
}

/**
 * New claims up to this share of the corpus's are added to the stored clusters (src/corpus/incremental.ts);
 * beyond it, or when asked, every claim is clustered again. A first clustering is always a full one.
 */
export const INCREMENTAL_SHARE = 0.2;

/**
 * Brings the clusters up to date with the stored documents: adds the new documents' claims to them when
 * they are few, else (or with `full`) clusters every stored claim again. Nothing runs when they are fresh.
 */
export async function refreshClusters(store: Store, options: { force?: boolean; full?: boolean } = {}): Promise<ClusteringRun> {
  const release = await store.lockClustering();
  try {
    if (!options.force && !options.full && (await store.clustersFresh())) {
      const s = await store.stats();
      return { claims: s.claims, clusters: s.clusters, comparisons: 0, seconds: 0, ran: false, incremental: false };
    }
    const started = performance.now();
    const seconds = (): number => (performance.now() - started) / 1000;
    // The documents waiting now: a full clustering's table, read next, holds at least their claims.
    const { clustered, documents } = await store.waiting();
    const sketch = clustered && !options.force && !options.full ? await store.termSketch() : null;
    const fresh = sketch ? await store.claimsOfDocuments(documents) : null;
    if (sketch && fresh && fresh.ids.length <= INCREMENTAL_SHARE * (await store.stats()).claims) {
      const freshIds = new Set(fresh.ids);
      const all = Array.from(fresh.ids, (_, k) => k);
      const head = await store.claimsSharingBands(bandValues(fresh, all, 0, FIRST_BANDS), PER_BAND);
      const tail = await store.claimsSharingBands(bandValues(fresh, unsettled(fresh, head), FIRST_BANDS, BANDS), PER_BAND);
      const near = pickCandidates(fresh, [...head, ...tail], freshIds);
      const first = await store.membership([...near, ...freshIds]);
      // A new claim already in a cluster (a full clustering that ran meanwhile took it) is left as it is.
      const todo = [...freshIds].filter((id) => !first.clusterOf.has(id) && !first.furnitureOf.has(id));
      const nearIds = new Set(near);
      const seeds = [...new Set(first.seedOf.values())].filter((id) => !nearIds.has(id));
      const known = await store.claimsById([...near, ...seeds]);
      const freshTable = todo.length === fresh.ids.length ? fresh : await store.claimsById(todo);
      for (let k = 0; k < freshTable.ids.length; k++) sketch.add(freshTable.shingles.subarray(freshTable.offsets[k]!, freshTable.offsets[k + 1]!));
      const update = extendClusters({ fresh: freshTable, known, clusterOf: first.clusterOf, seedOf: first.seedOf, furnitureOf: first.furnitureOf, weights: sketch });
      await store.extendClusters({ documents, ...update, sketch });
      return { claims: freshTable.ids.length, clusters: (await store.stats()).clusters, comparisons: update.comparisons, seconds: seconds(), ran: true, incremental: true };
    }
    const table = await store.claimTable();
    const { clusters, furniture, comparisons } = clusterClaims(table);
    const full = new TermSketch();
    for (let k = 0; k < table.ids.length; k++) full.add(table.shingles.subarray(table.offsets[k]!, table.offsets[k + 1]!));
    await store.replaceClusters(clusters, furniture, { documents, sketch: full });
    return { claims: table.ids.length, clusters: clusters.length, comparisons, seconds: seconds(), ran: true, incremental: false };
  } finally {
    await release();
  }
}

export interface ClusterDocument {
  id: string;
  outlet: string;
  published: string | null;
  claim: string;
  /** That claim's check-worthiness (null when stored before it was computed). */
  checkworthiness: number | null;
}

export interface ClusterView {
  id: number;
  claim: string;
  documents: ClusterDocument[];
  origins: Origin[];
  circular: boolean;
  reason: string;
  /** The chains behind the flag, one line each. */
  chains: string[];
  /** The highest check-worthiness among its claims (null when none has one): what `--sort checkworthy` ranks by. */
  checkworthiness: number | null;
  /** The earliest document (by published date when known, else by ingestion). */
  first: ClusterDocument;
  /** Documents per day (or "undated"), in date order. */
  timeline: Array<{ date: string; documents: number; outlets: string[] }>;
}

function byDate(a: { published: string | null }, b: { published: string | null }): number {
  if (a.published === b.published) return 0;
  if (a.published === null) return 1;
  if (b.published === null) return -1;
  return a.published < b.published ? -1 : 1;
}

/** How `corpus claims` and the web app order clusters: by reach (outlets, then documents), or by check-worthiness. */
export type ClusterOrder = 'reach' | 'checkworthy';

export const CLUSTER_ORDERS: readonly ClusterOrder[] = ['reach', 'checkworthy'];

export const isClusterOrder = (s: string): s is ClusterOrder => (CLUSTER_ORDERS as readonly string[]).includes(s);

function highest(scores: ReadonlyArray<number | null>): number | null {
  let best: number | null = null;
  for (const s of scores) if (s !== null && (best === null || s > best)) best = s;
  return best;
}

export async function clusterViews(store: Store, order: ClusterOrder = 'reach'): Promise<ClusterView[]> {
  const views: ClusterView[] = [];
  for (const c of await store.clusters()) {
    const docs = new Map<string, ClusterDocument>();
    // A document's claim in the cluster is its longest: a headline and its body sentence say one thing, the
    // body in full.
    for (const m of c.members) {
      const seen = docs.get(m.docId);
      if (!seen || m.text.length > seen.claim.length) docs.set(m.docId, { id: m.docId, outlet: m.outlet, published: m.published, claim: m.text, checkworthiness: m.checkworthiness });
    }
    // Stable sort: undated documents keep ingestion order.
    const documents = [...docs.values()].sort(byDate);
    const report = analyzeOrigins(c.members.map((m) => ({ docId: m.docId, outlet: m.outlet, published: m.published, wire: m.wire, text: m.text, chain: m.chain })));
    const days = new Map<string, { documents: number; outlets: Set<string> }>();
    for (const d of documents) {
      const date = d.published?.slice(0, 10) ?? 'undated';
      const day = days.get(date) ?? { documents: 0, outlets: new Set<string>() };
      day.documents++;
      day.outlets.add(d.outlet);
      days.set(date, day);
    }
    views.push({
      id: c.id,
      claim: documents[0]!.claim,
      documents,
      ...report,
      checkworthiness: highest(c.members.map((m) => m.checkworthiness)),
      first: documents[0]!,
      timeline: [...days].map(([date, d]) => ({ date, documents: d.documents, outlets: [...d.outlets].sort() })),
    });
  }
  return sortClusterViews(views, order);
}

/** Clusters in place in that order: by reach (outlets, then documents), or the most check-worthy first. */
export function sortClusterViews<T extends { id: number | string; checkworthiness: number | null; documents: ReadonlyArray<{ outlet: string | null }> }>(views: T[], order: ClusterOrder): T[] {
  const outletCount = (v: T): number => new Set(v.documents.map((d) => d.outlet)).size;
  const byId = (a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const reach = (a: T, b: T) => outletCount(b) - outletCount(a) || b.documents.length - a.documents.length || byId(a, b);
  // Unscored clusters (stored before scores were computed) last.
  const checkworthy = (a: T, b: T) => (b.checkworthiness ?? -1) - (a.checkworthiness ?? -1) || reach(a, b);
  return views.sort(order === 'checkworthy' ? checkworthy : reach);
}
