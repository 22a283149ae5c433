/** Clustering the stored claims, and the per-cluster view `corpus claims` and `corpus origins` print. */
import { clusterClaims } from '../corpus/cluster.js';
import { analyzeOrigins, type Origin } from '../corpus/origins.js';
import type { Store } from './store.js';

export interface ClusteringRun {
  claims: number;
  clusters: number;
  comparisons: number;
  seconds: number;
  /** False when the stored clusters were already up to date. */
  ran: boolean;
}

/** Reclusters every stored claim unless the stored clusters already cover every document. */
export async function refreshClusters(store: Store, options: { force?: boolean } = {}): Promise<ClusteringRun> {
  if (!options.force && (await store.clustersFresh())) {
    const s = await store.stats();
    return { claims: s.claims, clusters: s.clusters, comparisons: 0, seconds: 0, ran: false };
  }
  const started = performance.now();
  const table = await store.claimTable();
  const { clusters, furniture, comparisons } = clusterClaims(table);
  await store.replaceClusters(clusters, furniture);
  return { claims: table.ids.length, clusters: clusters.length, comparisons, seconds: (performance.now() - started) / 1000, ran: true };
}

export interface ClusterDocument {
  id: string;
  outlet: string;
  published: string | null;
  claim: string;
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

export async function clusterViews(store: Store): Promise<ClusterView[]> {
  const views: ClusterView[] = [];
  for (const c of await store.clusters()) {
    const docs = new Map<string, ClusterDocument>();
    // A document's claim in the cluster is its longest: a headline and its body sentence say one thing, the
    // body in full.
    for (const m of c.members) {
      const seen = docs.get(m.docId);
      if (!seen || m.text.length > seen.claim.length) docs.set(m.docId, { id: m.docId, outlet: m.outlet, published: m.published, claim: m.text });
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
      first: documents[0]!,
      timeline: [...days].map(([date, d]) => ({ date, documents: d.documents, outlets: [...d.outlets].sort() })),
    });
  }
  const outletCount = (v: ClusterView): number => new Set(v.documents.map((d) => d.outlet)).size;
  return views.sort((a, b) => outletCount(b) - outletCount(a) || b.documents.length - a.documents.length || a.id - b.id);
}
