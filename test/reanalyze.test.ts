/**
 * Analysis versions in the corpus: documents made by another version are counted stale, and
 * `corpus reanalyze` makes them current, even after a run stopped half-way; the counts and clusters then
 * equal a fresh ingest's. HTML is read again from its file only when the file is unchanged.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ANALYSIS_VERSION } from '../src/pipeline.js';
import { ingest } from '../src/store/ingest.js';
import { openStore } from '../src/store/open.js';
import { reanalyze } from '../src/store/reanalyze.js';
import { clusterViews, refreshClusters } from '../src/store/clusters.js';
import type { Store } from '../src/store/store.js';
import { ACTIVE_BACKENDS, BACKENDS, type Backend } from './support/backends.js';

const FIXTURES = fileURLToPath(new URL('fixtures/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'claimtrace-reanalyze-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The two hand-made corpora, and one HTML page, in a folder of their own (the page is changed later).
const input = join(dir, 'input');
mkdirSync(input);
for (const corpus of ['corpus-circular', 'corpus-independent']) copyFileSync(join(FIXTURES, corpus, 'articles.jsonl'), join(input, `${corpus}.jsonl`));
const page = join(dir, 'page.html');
writeFileSync(page, '<html><head><title>Port sold</title></head><body><article><p>The port was sold to a shell firm, officials said.</p><p>“It was quiet,” a dock worker said.</p></article></body></html>');

async function summary(store: Store) {
  await refreshClusters(store);
  // Everything a reader sees of a cluster but its row ids (a document read again is stored under a new one).
  const clusters = (await clusterViews(store))
    .map((c) => JSON.stringify({ claim: c.claim, documents: c.documents.length, circular: c.circular, reason: c.reason, chains: c.chains }))
    .sort();
  return { stats: await store.stats(), clusters, versions: await store.analysisVersions() };
}

/** Marks every document as made by an older version, and spoils its stored claims, as old code would have. */
async function makeOld(backend: Backend, file: string): Promise<void> {
  await backend.exec(file, `UPDATE documents SET model = '0.0.1+old'; UPDATE claims SET text = 'an old reading'`);
}

describe.each(ACTIVE_BACKENDS)('corpus reanalyze on the $name store', (backend) => {
  it('finds documents of older versions stale and makes them current: counts and clusters equal a fresh ingest', async () => {
    const fresh = await openStore(await backend.newDb('fresh'));
    expect((await ingest(fresh, [input], { workers: 0 })).failures).toEqual([]);
    const expected = await summary(fresh);
    expect(expected.clusters.length).toBeGreaterThan(0);
    expect(expected.versions).toEqual([{ version: ANALYSIS_VERSION, documents: expected.stats.documents }]);
    await fresh.close();

    const file = await backend.newDb('old');
    const store = await openStore(file);
    await ingest(store, [input], { workers: 0 });
    await store.close();
    await makeOld(backend, file);

    // A run that stops after its first batch (a crash between transactions) leaves documents old or new, never half.
    const crashing = await openStore(file);
    const replace = crashing.replaceDocuments.bind(crashing);
    let batches = 0;
    crashing.replaceDocuments = async (docs) => {
      if (batches++ === 1) throw new Error('killed');
      return replace(docs);
    };
    await expect(reanalyze(crashing, { workers: 0, batchSize: 2 })).rejects.toThrow('killed');
    const half = await crashing.analysisVersions();
    expect(half.find((v) => v.version === ANALYSIS_VERSION)?.documents).toBe(2);
    expect(half.reduce((n, v) => n + v.documents, 0)).toBe(expected.stats.documents);
    await crashing.close();

    const resumed = await openStore(file);
    const run = await reanalyze(resumed, { workers: 1, batchSize: 2 });
    expect(run.failures).toEqual([]);
    expect(run.replaced).toBe(expected.stats.documents - 2);
    expect(await summary(resumed)).toEqual(expected);
    expect(await resumed.staleDocuments(ANALYSIS_VERSION, 0, 10)).toEqual([]);
    await resumed.close();
  });
});

describe('corpus reanalyze', () => {
  it('keeps an HTML document whose file changed, and says why', async () => {
    const file = join(dir, 'html.db');
    const store = await openStore(file);
    await ingest(store, [page], { workers: 0 });
    await store.close();
    await makeOld(BACKENDS[0]!, file);
    writeFileSync(page, '<html><body><p>Another page now.</p></body></html>');
    const again = await openStore(file);
    const run = await reanalyze(again, { workers: 0 });
    expect(run.replaced).toBe(0);
    expect(run.failures).toEqual([{ path: page, reason: expect.stringMatching(/file has changed since it was ingested/) }]);
    expect((await again.analysisVersions())[0]!.version).toBe('0.0.1+old');
    await again.close();
  });
});
