/**
 * `corpus reanalyze`: documents analysed by another version than today's (other models, other code) are
 * analysed again and replace their stored rows, a batch per transaction, so that a run stopped anywhere
 * (even by kill -9) leaves every document either old or new, and the next run goes on with the old ones.
 * Plain text is stored verbatim; a page's HTML is not, so an HTML document is read again from its file,
 * and only when the file still holds the bytes that were ingested.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { ANALYSIS_VERSION } from '../pipeline.js';
import { decodeInput } from '../extract/input.js';
import { buildRecord, type IngestJob } from './record.js';
import { failureReason, ingestPool, type IngestFailure } from './ingest.js';
import type { DocumentRecord, StaleDocument, Store } from './store.js';

export interface ReanalyzeOptions {
  /** Analysis threads; 0 analyses in the main thread. Default: one per core. */
  workers?: number;
  /** Documents per transaction. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  onFailure?: (f: IngestFailure) => void;
}

export interface ReanalyzeSummary {
  /** Stale documents found at the start. */
  stale: number;
  replaced: number;
  failures: IngestFailure[];
  seconds: number;
}

/** The ingest job that produced a stored document, or why it cannot be made again. */
export function jobFor(doc: StaleDocument, seq: number): IngestJob | { error: string } {
  let text = doc.text;
  if (doc.format === 'html') {
    // A JSON Lines record's path is FILE:LINE, and its hash covers the record's metadata: it cannot be checked.
    if (/:\d+$/.test(doc.path) && !existsSync(doc.path)) return { error: 'a page from JSON Lines is not stored as HTML: ingest its file again' };
    if (!existsSync(doc.path)) return { error: 'the page is not stored as HTML and its file is gone: ingest it again' };
    const bytes = readFileSync(doc.path);
    if (createHash('sha256').update(bytes).digest('hex') !== doc.hash) return { error: 'the page is not stored as HTML and its file has changed since it was ingested: ingest it again' };
    text = decodeInput(bytes, { name: doc.path, maxBytes: Infinity });
  }
  return {
    seq,
    hash: doc.hash,
    sourceId: doc.sourceId,
    path: doc.path,
    text,
    format: doc.format,
    url: doc.url,
    outlet: doc.outletFrom === 'input' ? doc.outlet : null,
    published: doc.published,
    title: doc.title,
    folder: doc.outletFrom === 'folder' ? doc.outlet : null,
  };
}

export async function reanalyze(store: Store, options: ReanalyzeOptions = {}): Promise<ReanalyzeSummary> {
  const started = performance.now();
  const batchSize = options.batchSize ?? 50;
  const workers = options.workers ?? availableParallelism();
  const stale = (await store.analysisVersions()).filter((v) => v.version !== ANALYSIS_VERSION).reduce((n, v) => n + v.documents, 0);
  const failures: IngestFailure[] = [];
  const fail = (path: string, reason: string): void => {
    const f = { path, reason };
    failures.push(f);
    options.onFailure?.(f);
  };
  const pool = workers > 0 && stale > 0 ? ingestPool(workers) : null;
  let replaced = 0;
  let done = 0;
  let after = 0;
  let seq = 0;
  try {
    for (;;) {
      const batch = await store.staleDocuments(ANALYSIS_VERSION, after, batchSize);
      if (batch.length === 0) break;
      after = batch[batch.length - 1]!.rowid;
      const records = await Promise.all(
        batch.map(async (doc): Promise<DocumentRecord | null> => {
          try {
            const job = jobFor(doc, seq++);
            if ('error' in job) throw new Error(job.error);
            return pool ? await pool.run(job) : buildRecord(job);
          } catch (e) {
            fail(doc.path, failureReason(e));
            return null;
          }
        }),
      );
      replaced += await store.replaceDocuments(records.filter((r): r is DocumentRecord => r !== null));
      done += batch.length;
      options.onProgress?.(done, stale);
    }
  } finally {
    await pool?.close();
  }
  return { stale, replaced, failures, seconds: (performance.now() - started) / 1000 };
}
