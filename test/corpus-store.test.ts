/**
 * The stores on their own, SQLite and PostgreSQL alike: migrations recorded once, idempotent writes, a batch
 * that fails leaves nothing, features read back, clusters that grow with the corpus, and (PostgreSQL) workers
 * that share documents without doing one twice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { BANDS, claimFeatures } from '../src/corpus/cluster.js';
import { termsOfText } from '../src/corpus/features.js';
import { refreshClusters, clusterViews } from '../src/store/clusters.js';
import { MIGRATIONS } from '../src/store/migrations/index.js';
import { openStore, StoreError } from '../src/store/open.js';
import type { DocumentRecord } from '../src/store/store.js';
import { BACKENDS } from './support/backends.js';

const dir = mkdtempSync(join(tmpdir(), 'claimtrace-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function doc(hash: string, outlet: string, claim: string, sourceName: string | null): DocumentRecord {
  const f = claimFeatures(termsOfText(claim));
  const sources = [{ sid: 's0', name: outlet, kind: 'outlet', named: true, unresolved: false, outlet, head: null, descriptors: [] }];
  if (sourceName) sources.push({ sid: 's1', name: sourceName, kind: 'person', named: true, unresolved: false, outlet: null, head: null, descriptors: [] });
  return {
    hash, sourceId: hash, path: `${hash}.txt`, url: null, outlet, outletFrom: 'input', published: null, title: null, byline: null, wire: null,
    format: 'text', text: claim, analysis: new Uint8Array([1, 2, 3]), model: 'test',
    sources,
    claims: [{ cid: 'c0', start: 0, end: claim.length, text: claim, sentence: 0, chain: sourceName ? ['s0', 's1'] : ['s0'], attribution: null, continued: false, headline: false, hedges: [], relations: [], ...f }],
    attributions: [], hedges: [], entities: [], relations: [], techniques: [],
  };
}

const CLAIM = 'The Harlow river bridge will close for six weeks of structural repairs starting in May';
const NEW_CLAIM = 'The regional ferry operator cancelled its winter timetable after a second engine failure';
/** Unrelated claims, so that a few new documents are a small share of the corpus. */
const OTHER = [
  'Parliament approved the new fisheries quota for the northern coast on Tuesday',
  'The city council voted to raise parking fees in the old town by a fifth',
  'A heatwave pushed electricity demand to a record high across the southern grid',
  'The central bank kept its main interest rate unchanged for a third month',
  'Striking nurses at three hospitals accepted a pay offer after talks',
  'The national museum will reopen its renovated east wing in September',
  'Police arrested two men after a jewellery shop robbery in the market square',
  'The football club sacked its manager following a run of seven defeats',
  'A new survey found that most farmers expect lower harvests this year',
  'The airline will add direct flights to three Asian cities from next spring',
  'Flooding closed the main railway line between the two largest towns',
  'The university announced a freeze on tuition fees for local students',
];
const backendRows = (file: string, sql: string) => BACKENDS[0]!.query(file, sql);

describe.each(BACKENDS)('the $name store', (backend) => {
  it.skipIf(backend.skipped)('records its migrations once and reopens without reapplying them', async () => {
    const file = await backend.newDb('m');
    const a = await openStore(file);
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions[0]).toBe(1);
    expect(await a.migrations()).toEqual(versions);
    await a.close();
    const b = await openStore(file);
    expect(await b.migrations()).toEqual(versions);
    await b.close();
  });

  it.skipIf(backend.skipped)('writes a document with its rows once, whatever the number of attempts', async () => {
    const store = await openStore(await backend.newDb('w'));
    expect(await store.writeDocuments([doc('h1', 'Northern Herald', CLAIM, 'Amina Osei')])).toBe(1);
    expect(await store.writeDocuments([doc('h1', 'Northern Herald', CLAIM, 'Amina Osei'), doc('h2', 'Valley Gazette', CLAIM, 'Daniel Kowalski')])).toBe(1);
    expect(await store.hasDocument('h2')).toBe(true);
    expect(await store.stats()).toEqual({ documents: 2, claims: 2, sources: 4, clusters: 0, furniture: 0 });
    await refreshClusters(store);
    const views = await clusterViews(store);
    expect(views.map((v) => [v.documents.map((d) => d.outlet), v.circular, v.origins.map((o) => o.name)])).toEqual([
      [['Northern Herald', 'Valley Gazette'], false, ['Amina Osei', 'Daniel Kowalski']],
    ]);
    expect(await store.clustersFresh()).toBe(true);
    await store.writeDocuments([doc('h3', 'Coast Observer', 'Something else entirely about the council budget vote', null)]);
    expect(await store.clustersFresh()).toBe(false);
    await store.close();
  });

  it.skipIf(backend.skipped)('a batch that fails part-way is rolled back whole: no document without its rows', async () => {
    const store = await openStore(await backend.newDb('r'));
    const bad = doc('h2', 'Valley Gazette', CLAIM, null);
    bad.sources.push({ ...bad.sources[0]! }); // duplicate source id: the insert fails after the document row
    await expect(store.writeDocuments([doc('h1', 'Northern Herald', CLAIM, null), bad])).rejects.toThrow();
    expect(await store.stats()).toEqual({ documents: 0, claims: 0, sources: 0, clusters: 0, furniture: 0 });
    await store.close();
  });

  it.skipIf(backend.skipped)('reads back every claim\'s features, one packed row per document, in claim order', async () => {
    const store = await openStore(await backend.newDb('f'));
    const other = 'Parliament approved the new fisheries quota for the northern coast on Tuesday';
    const two = doc('h2', 'Valley Gazette', CLAIM, null);
    two.claims.push({ ...two.claims[0]!, cid: 'c1', text: other, ...claimFeatures(termsOfText(other)) });
    const empty = doc('h3', 'Coast Observer', 'Yes.', null);
    empty.claims[0] = { ...empty.claims[0]!, shingles: new Uint32Array(0), bands: new Uint32Array(0) };
    await store.writeDocuments([doc('h1', 'Northern Herald', CLAIM, null), two, empty]);
    const t = await store.claimTable();
    const written = [doc('h1', 'Northern Herald', CLAIM, null).claims[0]!, ...two.claims, empty.claims[0]!];
    expect(Array.from(t.ids)).toEqual([1, 2, 3, 4]);
    expect(Array.from(t.docs)).toEqual([1, 2, 2, 3]);
    written.forEach((c, k) => {
      expect(Array.from(t.shingles.subarray(t.offsets[k]!, t.offsets[k + 1]!))).toEqual(Array.from(c.shingles));
      expect(Array.from(t.bands.subarray(k * BANDS, (k + 1) * BANDS))).toEqual(c.bands.length ? Array.from(c.bands) : new Array(BANDS).fill(0));
    });
    expect(written[0]!.shingles.length).toBeGreaterThan(3);
    await store.close();
  });

  it.skipIf(backend.skipped)('a damaged claim_features row is reported with its document, not read as claims', async () => {
    const file = await backend.newDb('damaged');
    const store = await openStore(file);
    await store.writeDocuments([doc('h1', 'Northern Herald', CLAIM, null)]);
    await store.close();
    if (backend.name === 'sqlite') {
      const raw = new Database(file);
      raw.prepare("UPDATE claim_features SET packed = x'0102030405' WHERE doc_id = 1").run();
      raw.close();
    } else await backend.query(file, "UPDATE claim_features SET packed = '\\x0102030405'::bytea WHERE doc_id = 1");
    const again = await openStore(file);
    await expect(again.claimTable()).rejects.toThrow('corrupt claim features for document 1: 5 bytes');
    await again.close();
  });

  it.skipIf(backend.skipped)('grows its clusters with a few new documents, as a full re-clustering would make them', async () => {
    const store = await openStore(await backend.newDb('grow'));
    const first = [doc('a1', 'Northern Herald', CLAIM, 'Amina Osei'), doc('a2', 'Valley Gazette', CLAIM, 'Daniel Kowalski'), ...OTHER.map((text, i) => doc(`o${i}`, `Outlet ${i}`, text, null))];
    await store.writeDocuments(first);
    const full = await refreshClusters(store);
    expect([full.ran, full.incremental, full.clusters]).toEqual([true, false, 1]);
    // A third outlet repeats the bridge claim; two more say a new thing to each other.
    await store.writeDocuments([doc('a3', 'Coast Observer', `${CLAIM}, officials said`, null), doc('n1', 'Coast Observer', NEW_CLAIM, null), doc('n2', 'Hill Times', NEW_CLAIM, null)]);
    expect(await store.clustersFresh()).toBe(false);
    const grown = await refreshClusters(store);
    expect([grown.ran, grown.incremental, grown.claims]).toEqual([true, true, 3]);
    expect(await store.clustersFresh()).toBe(true);
    const shape = async (): Promise<string[][]> => (await clusterViews(store)).map((v) => v.documents.map((d) => d.outlet).sort());
    const incremental = await shape();
    expect(incremental).toEqual([['Coast Observer', 'Northern Herald', 'Valley Gazette'], ['Coast Observer', 'Hill Times']]);
    const again = await refreshClusters(store, { full: true });
    expect(again.incremental).toBe(false);
    expect(await shape()).toEqual(incremental);
    await store.close();
  });
});

describe('the SQLite store', () => {
  it('migration 3 moves the claim features of a version-2 database into claim_features, clustering the same', async () => {
    const file = join(dir, 'v2.db');
    const old = new Database(file);
    old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    for (const m of MIGRATIONS.filter((m) => m.version <= 2)) {
      old.exec(m.sql);
      old.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, 'then');
    }
    // Version 2 kept each claim's features in its own row.
    const bytes = (a: Uint32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    const claims = [CLAIM, `${CLAIM} again`, 'A different claim about the weather on Sunday'];
    claims.forEach((text, i) => {
      const f = claimFeatures(termsOfText(text));
      old.prepare("INSERT INTO documents (hash, source_id, path, outlet, outlet_from, format, text, analysis, model, ingested_at) VALUES (?, ?, ?, ?, 'input', 'text', ?, x'', 'test', 'then')").run(`h${i}`, `d${i}`, `d${i}.txt`, `Outlet ${i}`, text);
      old.prepare("INSERT INTO claims (doc_id, cid, start, end, text, sentence, chain, continued, headline, hedges, relations, shingles, bands) VALUES (?, 'c0', 0, ?, ?, 0, '[]', 0, 0, '[]', '[]', ?, ?)").run(i + 1, text.length, text, bytes(f.shingles), bytes(f.bands));
    });
    old.close();
    const store = await openStore(file);
    expect(await store.migrations()).toEqual(MIGRATIONS.map((m) => m.version));
    const t = await store.claimTable();
    expect(Array.from(t.ids)).toEqual([1, 2, 3]);
    claims.forEach((text, k) => expect(Array.from(t.shingles.subarray(t.offsets[k]!, t.offsets[k + 1]!))).toEqual(Array.from(claimFeatures(termsOfText(text)).shingles)));
    const run = await refreshClusters(store, { force: true });
    expect(run.clusters).toBe(1);
    await store.close();
  });

  it('migration 6 indexes the bands of a version-5 database\'s claims, and its next clustering is a full one', async () => {
    const file = join(dir, 'v5.db');
    const old = new Database(file);
    old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    for (const m of MIGRATIONS.filter((m) => m.version <= 5)) {
      old.exec(m.sql);
      m.run?.(old);
      old.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, 'then');
    }
    old.close();
    // Written as version 5 wrote: without the band rows; then clustered as version 5 did.
    const raw = new Database(file);
    const f = claimFeatures(termsOfText(CLAIM));
    const words = new Uint32Array([1, f.shingles.length, ...f.shingles, ...f.bands]);
    raw.prepare("INSERT INTO documents (hash, source_id, path, outlet, outlet_from, format, text, analysis, model, ingested_at) VALUES ('h1', 'd1', 'd1.txt', 'Outlet', 'input', 'text', ?, x'', 'test', 'then')").run(CLAIM);
    raw.prepare("INSERT INTO claims (doc_id, cid, start, end, text, sentence, chain, continued, headline, hedges, relations, shingles, bands) VALUES (1, 'c0', 0, 1, ?, 0, '[]', 0, 0, '[]', '[]', x'', x'')").run(CLAIM);
    raw.prepare('INSERT INTO claim_features VALUES (1, ?)').run(Buffer.from(words.buffer));
    raw.prepare("INSERT INTO state VALUES ('clustered', '1:1')").run();
    raw.close();
    const store = await openStore(file);
    expect(await backendRows(file, 'SELECT count(*) AS n FROM claim_bands')).toEqual([{ n: new Set(f.bands).size }]);
    expect((await store.waiting()).clustered).toBe(false);
    await store.close();
  });

  it.each([
    // Port 9 (discard) on loopback: nothing listens there.
    ['postgres://user:secret@127.0.0.1:9/claims', /^--db postgres:\/\/user:…@127\.0\.0\.1:9\/claims: cannot open the PostgreSQL corpus \(.*ECONNREFUSED.*\)$/],
    ['mysql://localhost/claims', /unsupported database URL/],
  ])('refuses %s clearly, in one line without the password', async (url, message) => {
    const open = openStore(url);
    await expect(open).rejects.toThrow(StoreError);
    await expect(open).rejects.toThrow(message);
    await expect(open).rejects.not.toThrow(/secret|\n/);
  });
});
