/**
 * The corpus half of the API over a real store: the hand-made corpora (three outlets citing each other and
 * intelligence sources; three outlets quoting distinct named officials) ingested into each store (a
 * temporary SQLite file, a PostgreSQL database), then searched, filtered, opened and clustered through HTTP
 * requests: the answers are the same on both.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/server/app.js';
import { CorpusReader, type ClusterJson } from '../src/server/corpus-api.js';
import { allowedHosts, loadAssets } from '../src/cli/serve.js';
import { ingest } from '../src/store/ingest.js';
import { openStore } from '../src/store/open.js';
import { ACTIVE_BACKENDS } from './support/backends.js';
import type { Hono } from 'hono';
import { ANALYSIS_VERSION } from '../src/pipeline.js';

const FIXTURES = fileURLToPath(new URL('fixtures/', import.meta.url));
const local = { Host: '127.0.0.1:8080' };
let dir = '';
let app: Hono;
let reader: CorpusReader;

async function get<T>(path: string, status = 200): Promise<T> {
  const res = await app.request(path, { headers: local });
  expect(res.status, path).toBe(status);
  return (await res.json()) as T;
}

interface Listing {
  total: number;
  documents: Array<{ id: string; outlet: string; published: string | null; title: string | null; claims: number; snippet?: string }>;
  outlets: string[];
}

describe.each(ACTIVE_BACKENDS)('the $name store', (backend) => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'claimtrace-api-'));
    const store = await openStore(await backend.newDb('api'));
    const summary = await ingest(store, [join(FIXTURES, 'corpus-circular'), join(FIXTURES, 'corpus-independent')], { workers: 0 });
    expect(summary.failures).toEqual([]);
    reader = new CorpusReader(store);
    app = createApp({ allowedHosts: new Set(allowedHosts('127.0.0.1', 8080)), assets: loadAssets(), corpus: reader });
  }, 120_000);

  afterAll(async () => {
    await reader?.store.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe('GET /api/documents', () => {
    it('lists every document, newest first, with the outlets for the filter', async () => {
      const all = await get<Listing>('/api/documents');
      expect(all.total).toBe(6);
      expect(all.outlets).toEqual([...all.outlets].sort());
      expect(all.outlets).toContain('Capital Courier');
      const dates = all.documents.map((d) => d.published ?? '');
      expect(dates).toEqual([...dates].sort().reverse());
      expect(all.documents.every((d) => d.claims > 0)).toBe(true);
    });

    it.each([
      ['q=Kashmir', 3],
      ['q=%22structural%20repairs%22', 3],
      ['q=Hamas%20AND%20Courier', 1],
      ['outlet=Frontier%20Post', 1],
      ['q=Kashmir&outlet=Capital%20Courier', 1],
      ['from=2024-03-13&to=2024-03-13', 1],
      ['to=2024-03-12', 1],
      ['sourceKind=anonymous', 2],
      ['q=nonexistentword', 0],
    ])('%s → %i documents', async (query, total) => {
      const r = await get<Listing>(`/api/documents?${query}`);
      expect(r.total).toBe(total);
      expect(r.documents.length).toBe(total);
      if (query.startsWith('q=') && total > 0) expect(r.documents.every((d) => typeof d.snippet === 'string' && d.snippet.length > 0)).toBe(true);
    });

    it('pages with limit and offset', async () => {
      const first = await get<Listing>('/api/documents?limit=4');
      const rest = await get<Listing>('/api/documents?limit=4&offset=4');
      expect(first.documents.length).toBe(4);
      expect(rest.documents.length).toBe(2);
      expect(new Set([...first.documents, ...rest.documents].map((d) => d.id)).size).toBe(6);
    });

    it.each([
      ['q=%22unclosed', 'cannot search'],
      ['from=yesterday', 'from must be a date'],
      ['limit=0', 'limit must be'],
      ['offset=-1', 'offset must be'],
    ])('refuses %s with 400', async (query, message) => {
      const r = await get<{ error: { code: string; message: string } }>(`/api/documents?${query}`, 400);
      expect(r.error.code).toBe('bad-request');
      expect(r.error.message).toContain(message);
    });
  });

  describe('GET /api/documents/:id', () => {
    it('returns the stored analysis with its text, the same shape analyze --json gives', async () => {
      const doc = await get<{ id: string; outlet: string; analysis: { document: { text: string }; claims: Array<{ start: number; end: number; text: string; chain: string[] }> } }>(
        '/api/documents/courier-0313',
      );
      expect(doc.outlet).toBe('Capital Courier');
      expect(doc.analysis.document.text).toMatch(/^Report: ISI training Hamas operatives/);
      for (const c of doc.analysis.claims) expect(doc.analysis.document.text.slice(c.start, c.end)).toBe(c.text);
      expect(doc.analysis.claims.some((c) => c.chain.length > 1)).toBe(true);
    });

    it('says which analysis version made its stored rows, and whether that is not the running one', async () => {
      const doc = await get<{ analysisVersion: string; currentVersion: string; stale: boolean }>('/api/documents/courier-0313');
      expect(doc).toMatchObject({ analysisVersion: ANALYSIS_VERSION, currentVersion: ANALYSIS_VERSION, stale: false });
      const clusters = await get<{ versions: unknown[]; mixedVersions: boolean }>('/api/clusters');
      expect(clusters.mixedVersions).toBe(false);
      expect(clusters.versions).toEqual([{ version: ANALYSIS_VERSION, documents: expect.any(Number) }]);
    });

    it('404s an unknown id', async () => {
      expect((await get<{ error: { code: string } }>('/api/documents/nope', 404)).error.code).toBe('not-found');
    });
  });

  describe('GET /api/clusters', () => {
    it('flags the outlets citing each other and anonymous sources as circular, and not the named officials', async () => {
      const { clusters } = await get<{ clusters: ClusterJson[] }>('/api/clusters');
      const training = clusters.find((c) => /training Hamas/i.test(c.claim));
      const bridge = clusters.find((c) => /bridge/i.test(c.claim));
      expect(training?.circular).toBe(true);
      expect(training?.reason).toMatch(/cite each other|unnamed origin/);
      expect(new Set(training?.documents.map((d) => d.outlet)).size).toBe(3);
      expect(training?.first.outlet).toBe('The Daily Meridian');
      expect(bridge?.circular).toBe(false);
      expect(bridge?.origins.every((o) => o.named)).toBe(true);
      const one = await get<ClusterJson>(`/api/clusters/${training!.id}`);
      expect(one).toEqual(training);
      await get(`/api/clusters/999999`, 404);
    });

    it('orders the clusters by check-worthiness on request, and refuses an unknown order', async () => {
      const { clusters } = await get<{ clusters: ClusterJson[] }>('/api/clusters?sort=checkworthy');
      const scores = clusters.map((c) => c.checkworthiness!);
      expect(scores.length).toBeGreaterThan(1);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      const reach = await get<{ clusters: ClusterJson[] }>('/api/clusters');
      expect(new Set(reach.clusters.map((c) => c.id))).toEqual(new Set(clusters.map((c) => c.id)));
      await get('/api/clusters?sort=sideways', 400);
    });
  });

  describe('a corpus that grows while the server runs', () => {
    it('shows a document ingested after the clusters were first read', async () => {
      const before = await get<{ clusters: ClusterJson[] }>('/api/clusters');
      const bridgeBefore = before.clusters.find((c) => /bridge/i.test(c.claim))!;
      const late = join(dir, 'late.jsonl');
      writeFileSync(
        late,
        JSON.stringify({
          id: 'ledger-0404',
          outlet: 'Harlow Ledger',
          published: '2024-04-04T08:00:00Z',
          text: 'Harlow bridge works\n\nThe Harlow river bridge will close for six weeks of structural repairs starting in May, deputy mayor Ines Moreau said on Thursday.\n',
        }) + '\n',
      );
      const summary = await ingest(reader.store, [late], { workers: 0 });
      expect(summary.added).toBe(1);
      const after = await get<{ clusters: ClusterJson[] }>('/api/clusters');
      const bridgeAfter = after.clusters.find((c) => /bridge/i.test(c.claim))!;
      expect(bridgeAfter.documents.map((d) => d.outlet)).toContain('Harlow Ledger');
      expect(bridgeAfter.documents.length).toBe(bridgeBefore.documents.length + 1);
    });
  });

  describe('GET /api/citations', () => {
    it('counts who cites whom along the chains', async () => {
      const { edges } = await get<{ edges: Array<{ from: string; to: string; kind: string; count: number }> }>('/api/citations');
      expect(edges.some((e) => e.from === 'Capital Courier' && /Meridian/.test(e.to))).toBe(true);
      expect(edges.some((e) => e.from === 'Northern Herald' && /Amina Osei/.test(e.to) && e.kind === 'person')).toBe(true);
      expect(edges.every((e) => e.count >= 1)).toBe(true);
    });
  });
});
