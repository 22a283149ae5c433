/**
 * The corpus half of the JSON API: documents with full-text search and filters, claim clusters with their
 * origins and circular-reporting flags. The routes read the `Store` interface through `CorpusReader`, so
 * they do not care which database is behind it. The corpus is read as it was when the server opened it.
 */
import { ANALYSIS_VERSION } from '../pipeline.js';
import { Hono, type Context } from 'hono';
import type { AnalyzeText, CitationCount, DocumentSearch, Store } from '../store/store.js';
import { CLUSTER_ORDERS, clusterViews, isClusterOrder, refreshClusters, sortClusterViews, type ClusterView } from '../store/clusters.js';

/** A cluster as the API returns it (see docs/openapi.yaml): the store's view, with a string id. */
export type ClusterJson = Omit<ClusterView, 'id'> & { id: string };

/** The corpus as the pages read it: the store, and its clusters (computed once when the server opens it). */
export class CorpusReader {
  private views: Promise<ClusterJson[]> | undefined;
  private citationCounts: Promise<CitationCount[]> | undefined;
  private version: string | undefined;
  /** How a stored plain-text document is analysed when read: the server sets its worker pool here. */
  analyzeText: AnalyzeText | undefined;
  constructor(readonly store: Store) {}

  /** Clusters and citations are derived from every document: kept until an ingest changes the corpus. */
  private async current(): Promise<void> {
    const version = await this.store.documentsVersion();
    if (version === this.version) return;
    this.version = version;
    this.views = undefined;
    this.citationCounts = undefined;
  }

  /** Who cites whom: it reads every claim's chain, so it is computed once per version of the corpus. */
  async citations(): Promise<CitationCount[]> {
    await this.current();
    this.citationCounts ??= this.store.citations();
    return this.citationCounts;
  }

  async clusters(): Promise<ClusterJson[]> {
    await this.current();
    this.views ??= (async () => {
      await refreshClusters(this.store);
      return (await clusterViews(this.store)).map((v) => ({ ...v, id: String(v.id) }));
    })();
    return this.views;
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}/;

export function corpusRoutes(corpus: CorpusReader | undefined): Hono {
  const api = new Hono();
  const noCorpus = (c: Context) =>
    c.json({ error: { code: 'no-corpus', message: 'no corpus is open: start the server with --db FILE' } }, 404);
  const bad = (c: Context, message: string) => c.json({ error: { code: 'bad-request', message } }, 400);
  const missing = (c: Context, what: string, id: string) => c.json({ error: { code: 'not-found', message: `no ${what} with id ${JSON.stringify(id)}` } }, 404);

  api.get('/documents', async (c) => {
    if (!corpus) return noCorpus(c);
    const { q, outlet, from, to, sourceKind, limit, offset } = c.req.query();
    for (const [name, value] of [['from', from], ['to', to]] as const) {
      if (value !== undefined && value !== '' && !DATE.test(value)) return bad(c, `${name} must be a date (YYYY-MM-DD), got ${JSON.stringify(value)}`);
    }
    const lim = limit === undefined ? 50 : Number(limit);
    const off = offset === undefined ? 0 : Number(offset);
    if (!Number.isInteger(lim) || lim < 1 || lim > 500) return bad(c, `limit must be a whole number from 1 to 500, got ${JSON.stringify(limit)}`);
    if (!Number.isInteger(off) || off < 0) return bad(c, `offset must be a whole number from 0, got ${JSON.stringify(offset)}`);
    const query: DocumentSearch = { limit: lim, offset: off };
    if (q) query.q = q;
    if (outlet) query.outlet = outlet;
    if (from) query.from = from;
    if (to) query.to = to;
    if (sourceKind) query.sourceKind = sourceKind;
    try {
      return c.json({ ...(await corpus.store.searchDocuments(query)), outlets: await corpus.store.outlets() });
    } catch (e) {
      // A malformed query (FTS5 reports it, PostgreSQL's translation refuses it) is the user's input, not ours.
      if (q && ((e as Error).name === 'SqliteError' || (e as Error).name === 'SearchSyntaxError')) return bad(c, `cannot search for ${JSON.stringify(q)}: ${(e as Error).message} (use words, "a phrase", or AND/OR/NOT)`);
      throw e;
    }
  });

  api.get('/documents/:id', async (c) => {
    if (!corpus) return noCorpus(c);
    const id = c.req.param('id');
    const doc = await corpus.store.document(id, corpus.analyzeText);
    // Its stored rows (claims, clusters) come from the version that ingested it: say when that is not today's.
    return doc ? c.json({ ...doc, currentVersion: ANALYSIS_VERSION, stale: doc.analysisVersion !== ANALYSIS_VERSION }) : missing(c, 'document', id);
  });

  api.get('/clusters', async (c) => {
    if (!corpus) return noCorpus(c);
    const order = c.req.query('sort') ?? 'reach';
    if (!isClusterOrder(order)) return bad(c, `sort must be one of ${CLUSTER_ORDERS.join(', ')}, got ${JSON.stringify(order.slice(0, 40))}`);
    // Clusters over documents analysed by different versions are shown, never silently: the versions go with them.
    const versions = await corpus.store.analysisVersions();
    const clusters = order === 'reach' ? await corpus.clusters() : sortClusterViews([...(await corpus.clusters())], order);
    return c.json({ clusters, currentVersion: ANALYSIS_VERSION, versions, mixedVersions: versions.length > 1 });
  });

  api.get('/clusters/:id', async (c) => {
    if (!corpus) return noCorpus(c);
    const id = c.req.param('id');
    const cluster = (await corpus.clusters()).find((x) => x.id === id);
    return cluster ? c.json(cluster) : missing(c, 'cluster', id);
  });

  api.get('/citations', async (c) => {
    if (!corpus) return noCorpus(c);
    return c.json({ edges: await corpus.citations() });
  });
  return api;
}
