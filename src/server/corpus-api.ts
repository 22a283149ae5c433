/**
 * The corpus half of the JSON API: documents with full-text search and filters, claim clusters with their
 * origins and circular-reporting flags. The routes read through `CorpusReader`, so they do not care which
 * store is behind it.
 */
import { Hono, type Context } from 'hono';
import type { Analysis } from '../model/types.js';

export interface DocumentQuery {
  /** Full-text search (SQLite FTS5 syntax for the SQLite store). */
  q?: string;
  outlet?: string;
  /** ISO dates, inclusive. */
  from?: string;
  to?: string;
  /** Only documents with at least one source of this kind (person, anonymous, media, …). */
  sourceKind?: string;
  limit: number;
  offset: number;
}

export interface DocumentSummary {
  id: string;
  outlet: string | null;
  published: string | null;
  title: string | null;
  url: string | null;
  claims: number;
  /** Search-hit excerpt (plain text) when `q` was given. */
  snippet?: string;
}

export interface ClusterDocument {
  id: string;
  outlet: string | null;
  published: string | null;
  claim: string;
  /** Source names from the outlet to the innermost origin. */
  chain?: string[];
}

export interface ClusterView {
  id: string;
  claim: string;
  documents: ClusterDocument[];
  origins: Array<{ name: string; kind: string; named: boolean }>;
  circular: boolean;
  reason: string;
}

export interface CitationEdge {
  from: string;
  to: string;
  kind: string;
  count: number;
}

export interface CorpusReader {
  documents(query: DocumentQuery): { total: number; documents: DocumentSummary[] };
  document(id: string): (DocumentSummary & { analysis: Analysis }) | undefined;
  clusters(): ClusterView[];
  cluster(id: string): ClusterView | undefined;
  outlets(): string[];
  citations(): CitationEdge[];
}

const DATE = /^\d{4}-\d{2}-\d{2}/;

export function corpusRoutes(corpus: CorpusReader | undefined): Hono {
  const api = new Hono();
  const noCorpus = (c: Context) =>
    c.json({ error: { code: 'no-corpus', message: 'no corpus is open: start the server with --db FILE' } }, 404);
  const bad = (c: Context, message: string) => c.json({ error: { code: 'bad-request', message } }, 400);
  const missing = (c: Context, what: string, id: string) => c.json({ error: { code: 'not-found', message: `no ${what} with id ${JSON.stringify(id)}` } }, 404);

  api.get('/documents', (c) => {
    if (!corpus) return noCorpus(c);
    const { q, outlet, from, to, sourceKind, limit, offset } = c.req.query();
    for (const [name, value] of [['from', from], ['to', to]] as const) {
      if (value !== undefined && value !== '' && !DATE.test(value)) return bad(c, `${name} must be a date (YYYY-MM-DD), got ${JSON.stringify(value)}`);
    }
    const lim = limit === undefined ? 50 : Number(limit);
    const off = offset === undefined ? 0 : Number(offset);
    if (!Number.isInteger(lim) || lim < 1 || lim > 500) return bad(c, `limit must be a whole number from 1 to 500, got ${JSON.stringify(limit)}`);
    if (!Number.isInteger(off) || off < 0) return bad(c, `offset must be a whole number from 0, got ${JSON.stringify(offset)}`);
    const query: DocumentQuery = { limit: lim, offset: off };
    if (q) query.q = q;
    if (outlet) query.outlet = outlet;
    if (from) query.from = from;
    if (to) query.to = to;
    if (sourceKind) query.sourceKind = sourceKind;
    try {
      return c.json({ ...corpus.documents(query), outlets: corpus.outlets() });
    } catch (e) {
      // FTS5 reports malformed queries as errors: that is the user's input, not ours.
      if (q && /fts5|syntax/i.test((e as Error).message)) return bad(c, `cannot search for ${JSON.stringify(q)}: ${(e as Error).message}`);
      throw e;
    }
  });

  api.get('/documents/:id', (c) => {
    if (!corpus) return noCorpus(c);
    const id = c.req.param('id');
    const doc = corpus.document(id);
    return doc ? c.json(doc) : missing(c, 'document', id);
  });

  api.get('/clusters', (c) => {
    if (!corpus) return noCorpus(c);
    return c.json({ clusters: corpus.clusters() });
  });

  api.get('/clusters/:id', (c) => {
    if (!corpus) return noCorpus(c);
    const id = c.req.param('id');
    const cluster = corpus.cluster(id);
    return cluster ? c.json(cluster) : missing(c, 'cluster', id);
  });

  api.get('/citations', (c) => {
    if (!corpus) return noCorpus(c);
    return c.json({ edges: corpus.citations() });
  });
  return api;
}
