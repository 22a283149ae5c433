/**
 * Ingest: files, folders and JSON Lines → analysed documents in the store.
 *
 * The main thread reads inputs and hashes them into small chunks; it leases each chunk from the store (the
 * documents not stored, and not being analysed by another process sharing the corpus), worker threads
 * analyse them, and the chunk is stored in the lease's transaction (a document and all its rows together).
 * A crash loses at most the chunks in flight, which the next run (or another process) redoes: nothing is
 * half-written or stored twice. Documents another process held are waited for at the end, and done here
 * if that process died.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { decodeInput, DEFAULT_MAX_BYTES } from '../extract/input.js';
import type { InputFormat } from '../model/types.js';
import type { LexiconExtension } from '../lexicons/index.js';
import { buildRecord, type IngestJob } from './record.js';
import { hardLimitSeconds } from '../model/budget.js';
import { JobError, JobTimeoutError, WorkerCrashError, WorkerPool, workerModule } from '../workers/pool.js';
import type { DocumentRecord, Store } from './store.js';

const TEXT_EXT = new Set(['.txt', '.text']);
const HTML_EXT = new Set(['.html', '.htm', '.xhtml']);
const JSONL_EXT = new Set(['.jsonl', '.ndjson']);

export interface IngestFailure {
  /** The file, or file:line for a JSON Lines record. */
  path: string;
  reason: string;
}

export interface IngestProgress {
  done: number;
  total: number;
  added: number;
  skipped: number;
  failed: number;
}

export interface IngestOptions {
  /** Analysis threads; 0 analyses in the main thread. Default: one per core. */
  workers?: number;
  /** Documents per transaction. */
  batchSize?: number;
  maxBytes?: number;
  /** Seconds one document's analysis may take (default: by its length); past it the document is skipped. */
  budgetSeconds?: number;
  /** The user's lexicon extension (--lexicon): for the analyses and the outlets' names. */
  lexicon?: LexiconExtension;
  onProgress?: (p: IngestProgress) => void;
  onFailure?: (f: IngestFailure) => void;
}

export interface IngestSummary extends IngestProgress {
  failures: IngestFailure[];
  /** Files in the folders that are not .txt, .html or .jsonl. */
  ignored: number;
  seconds: number;
}

type Planned = { kind: 'file'; path: string; folder: string | null; format: InputFormat | 'jsonl'; lines: number } | { kind: 'error'; path: string; reason: string };

function formatOf(path: string): InputFormat | 'jsonl' | null {
  const ext = extname(path).toLowerCase();
  if (JSONL_EXT.has(ext)) return 'jsonl';
  if (HTML_EXT.has(ext)) return 'html';
  if (TEXT_EXT.has(ext)) return 'text';
  return null;
}

function countLines(path: string): number {
  // Only for the progress total: a byte scan in fixed chunks, so a large file never sits in memory whole.
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    let n = 0;
    let last = 10;
    for (let read = readSync(fd, buf); read > 0; read = readSync(fd, buf)) {
      const chunk = buf.subarray(0, read);
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n++;
      last = chunk[read - 1]!;
    }
    return last !== 10 ? n + 1 : n;
  } finally {
    closeSync(fd);
  }
}

/** Expands the paths into files (folders recursively, sorted), with the problems found on the way. */
export function planInputs(paths: readonly string[]): { planned: Planned[]; ignored: number } {
  const planned: Planned[] = [];
  let ignored = 0;
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (e) {
      planned.push({ kind: 'error', path: dir, reason: `cannot read folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
      return;
    }
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const full = join(dir, name);
      let st;
      try {
        st = statSync(full);
      } catch (e) {
        planned.push({ kind: 'error', path: full, reason: `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
        continue;
      }
      if (st.isDirectory()) walk(full);
      else {
        const format = formatOf(full);
        if (format === null) ignored++;
        else addFile(full, format);
      }
    }
  };
  const addFile = (path: string, format: InputFormat | 'jsonl'): void => {
    const folder = basename(dirname(path)) || null;
    try {
      planned.push({ kind: 'file', path, folder: folder === '.' ? null : folder, format, lines: format === 'jsonl' ? countLines(path) : 1 });
    } catch (e) {
      planned.push({ kind: 'error', path, reason: `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
    }
  };
  for (const p of paths) {
    if (!existsSync(p)) {
      planned.push({ kind: 'error', path: p, reason: 'no such file or folder' });
      continue;
    }
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      planned.push({ kind: 'error', path: p, reason: `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
      continue;
    }
    if (st.isDirectory()) walk(p);
    // A file named on the command line is read whatever its extension: as text or HTML by its content.
    else addFile(p, formatOf(p) ?? 'text');
  }
  return { planned, ignored };
}

type Input = { kind: 'job'; job: Omit<IngestJob, 'seq'> } | { kind: 'error'; path: string; reason: string };

function sha256(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

const optionalString = (v: unknown): v is string | null | undefined => v === undefined || v === null || typeof v === 'string';

/** Reads the planned files into jobs (or errors), streaming JSON Lines so large files do not fill memory. */
async function* readInputs(planned: readonly Planned[], maxBytes: number): AsyncGenerator<Input> {
  for (const p of planned) {
    if (p.kind === 'error') {
      yield p;
      continue;
    }
    if (p.format !== 'jsonl') {
      let text: string;
      try {
        const bytes = readFileSync(p.path);
        text = decodeInput(bytes, { name: p.path, maxBytes });
        const job = { hash: createHash('sha256').update(bytes).digest('hex'), sourceId: p.path, path: p.path, text, format: p.format, url: null, outlet: null, published: null, title: null, folder: p.folder };
        yield { kind: 'job', job };
      } catch (e) {
        const reason = (e as Error).message.replace(`${p.path} `, '').replace(`${p.path}: `, '');
        yield { kind: 'error', path: p.path, reason };
      }
      continue;
    }
    let line = 0;
    let lines: AsyncIterable<string>;
    try {
      lines = createInterface({ input: createReadStream(p.path, { encoding: 'utf8' }), crlfDelay: Infinity });
    } catch (e) {
      yield { kind: 'error', path: p.path, reason: (e as Error).message };
      continue;
    }
    try {
      for await (const raw of lines) {
        line++;
        const where = `${p.path}:${line}`;
        if (raw.trim() === '') continue;
        let rec: unknown;
        try {
          rec = JSON.parse(raw);
        } catch (e) {
          yield { kind: 'error', path: where, reason: `not valid JSON (${(e as Error).message})` };
          continue;
        }
        if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) {
          yield { kind: 'error', path: where, reason: `expected a JSON object per line, got ${Array.isArray(rec) ? 'an array' : typeof rec}` };
          continue;
        }
        const r = rec as Record<string, unknown>;
        const body = typeof r.text === 'string' ? { text: r.text, format: 'text' as const } : typeof r.html === 'string' ? { text: r.html, format: 'html' as const } : null;
        if (!body) {
          yield { kind: 'error', path: where, reason: 'no "text" or "html" string field' };
          continue;
        }
        const bad = ['id', 'url', 'outlet', 'published', 'title'].find((k) => !optionalString(r[k]) && !(k === 'id' && typeof r[k] === 'number'));
        if (bad) {
          yield { kind: 'error', path: where, reason: `"${bad}" must be a string, got ${typeof r[bad]}` };
          continue;
        }
        if (body.text.trim() === '') {
          yield { kind: 'error', path: where, reason: `empty "${body.format === 'html' ? 'html' : 'text'}"` };
          continue;
        }
        if (Buffer.byteLength(body.text) > maxBytes) {
          yield { kind: 'error', path: where, reason: `document is over the limit of ${maxBytes} bytes` };
          continue;
        }
        const str = (k: string): string | null => (typeof r[k] === 'string' && (r[k] as string).trim() !== '' ? (r[k] as string).trim() : typeof r[k] === 'number' ? String(r[k]) : null);
        const job = {
          // The metadata is part of the identity: the same wire text in two outlets is two documents.
          hash: sha256([str('id'), str('url'), str('outlet'), str('published'), str('title'), body.format, body.text]),
          sourceId: str('id') ?? where,
          path: where,
          text: body.text,
          format: body.format,
          url: str('url'),
          outlet: str('outlet'),
          published: str('published'),
          title: str('title'),
          folder: p.folder,
        };
        yield { kind: 'job', job };
      }
    } catch (e) {
      yield { kind: 'error', path: `${p.path}:${line + 1}`, reason: `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
    }
  }
}

type Outcome = { record: DocumentRecord } | { error: string };

/**
 * Documents queued per analysis thread. The main thread writes a batch in one synchronous transaction
 * (about a millisecond per document); a deep enough queue keeps the threads analysing meanwhile instead of
 * waiting for their next document (with two, each thread sat idle about a tenth of the time).
 */
const QUEUE_PER_WORKER = 16;

/** The pool of analysis threads for ingest. */
export function ingestPool(size: number): WorkerPool<IngestJob, DocumentRecord> {
  return new WorkerPool<IngestJob, DocumentRecord>({
    size,
    ...workerModule(import.meta.url, 'ingest-worker'),
    perWorker: QUEUE_PER_WORKER,
    timeoutSeconds: (job) => (job.budgetSeconds ? 2 * job.budgetSeconds + 5 : hardLimitSeconds(job.text.length)),
    // A larger young generation than a worker's default: the analysis allocates many short-lived objects
    // per document, and fewer scavenges cut its CPU time by about a tenth (measured on mixed news articles).
    // The old generation is capped so that a document that would exhaust memory kills only its worker.
    resourceLimits: { maxYoungGenerationSizeMb: 96, maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
}

/** Heap of one analysis worker, in MB: many times what a 5 MB document needs, well under this machine's memory. */
export const WORKER_HEAP_MB = 4096;

/** Why a document's analysis failed, in words for the failure list. */
export function failureReason(e: unknown): string {
  if (e instanceof JobError || e instanceof JobTimeoutError || e instanceof WorkerCrashError) return e.message;
  return (e as Error)?.message ?? String(e);
}

/**
 * Chunks leased and analysed at once, and documents per chunk per analysis thread: together about the
 * threads' queues (QUEUE_PER_WORKER), so they stay busy, while chunks stay small enough that processes
 * sharing a corpus share the work finely (a leased document is no other process's until it is stored).
 */
const CHUNKS_IN_FLIGHT = 4;
const CHUNK_PER_WORKER = 4;

export async function ingest(store: Store, paths: readonly string[], options: IngestOptions = {}): Promise<IngestSummary> {
  const started = performance.now();
  const workers = options.workers ?? availableParallelism();
  const batchSize = options.batchSize ?? CHUNK_PER_WORKER * Math.max(1, workers);
  const { planned, ignored } = planInputs(paths);
  const progress: IngestProgress = { done: 0, total: planned.reduce((n, p) => n + (p.kind === 'file' ? p.lines : 1), 0), added: 0, skipped: 0, failed: 0 };
  const failures: IngestFailure[] = [];
  const fail = (path: string, reason: string): void => {
    const f = { path, reason };
    failures.push(f);
    progress.failed++;
    progress.done++;
    options.onFailure?.(f);
    options.onProgress?.(progress);
  };
  const skip = (n: number): void => {
    if (n === 0) return;
    progress.skipped += n;
    progress.done += n;
    options.onProgress?.(progress);
  };

  const pool = workers > 0 ? ingestPool(workers) : null;
  const analyse = async (job: IngestJob): Promise<Outcome> => {
    if (!pool) {
      try {
        return { record: buildRecord(job) };
      } catch (e) {
        return { error: failureReason(e) };
      }
    }
    await pool.ready();
    return pool.run(job).then(
      (record): Outcome => ({ record }),
      (e: unknown): Outcome => ({ error: failureReason(e) }),
    );
  };

  /**
   * One chunk: lease its documents (those stored, or being analysed by another process, are not this
   * one's), analyse them, and store them in the lease's transaction, one by one if the whole fails.
   */
  const busy: string[] = [];
  const runChunk = async (jobs: readonly IngestJob[]): Promise<void> => {
    const lease = await store.lease(jobs.map((j) => j.hash));
    try {
      const mine = new Set(lease.mine);
      busy.push(...lease.busy);
      skip(jobs.length - mine.size - lease.busy.length);
      const outcomes = await Promise.all(jobs.filter((j) => mine.has(j.hash)).map(async (job) => ({ job, outcome: await analyse(job) })));
      const records: DocumentRecord[] = [];
      for (const { job, outcome } of outcomes) {
        if ('error' in outcome) fail(job.path, outcome.error);
        else records.push(outcome.record);
      }
      let added = 0;
      let stored = records.length;
      try {
        added = await lease.write(records);
      } catch {
        // The chunk's write was rolled back whole: store the documents one by one and report those that fail.
        for (const d of records) {
          try {
            added += await lease.write([d]);
          } catch (e) {
            stored--;
            fail(d.path, `cannot store (${(e as Error).message})`);
          }
        }
      }
      await lease.commit();
      progress.added += added;
      progress.skipped += stored - added;
      progress.done += stored;
      options.onProgress?.(progress);
    } catch (e) {
      await lease.release();
      throw e;
    }
  };

  /** Reads the inputs (only these hashes, when given) and runs them in chunks, a few at a time. */
  const pass = async (only: ReadonlySet<string> | null): Promise<void> => {
    const seen = new Set<string>();
    const running = new Set<Promise<void>>();
    let chunk: IngestJob[] = [];
    let seq = 0;
    const start = async (): Promise<void> => {
      const jobs = chunk;
      chunk = [];
      if (jobs.length === 0) return;
      const done: Promise<void> = runChunk(jobs).finally(() => running.delete(done));
      running.add(done);
      if (running.size >= CHUNKS_IN_FLIGHT) await Promise.race(running);
    };
    for await (const input of readInputs(planned, options.maxBytes ?? DEFAULT_MAX_BYTES)) {
      if (input.kind === 'error') {
        if (!only) fail(input.path, input.reason);
        continue;
      }
      if (only && !only.has(input.job.hash)) continue;
      // The same document twice in the inputs is stored once.
      if (seen.has(input.job.hash)) {
        if (!only) skip(1);
        continue;
      }
      seen.add(input.job.hash);
      chunk.push({
        ...input.job,
        seq: seq++,
        ...(options.budgetSeconds ? { budgetSeconds: options.budgetSeconds } : {}),
        ...(options.lexicon ? { lexicon: options.lexicon } : {}),
      });
      if (chunk.length >= batchSize) await start();
    }
    await start();
    while (running.size > 0) await Promise.all([...running]);
  };

  try {
    await pass(null);
    // Documents other processes held: wait for them; those whose process died are done here.
    while (busy.length > 0) {
      const waited = busy.splice(0);
      const orphans = await store.settle(waited);
      skip(waited.length - orphans.length);
      if (orphans.length > 0) await pass(new Set(orphans));
    }
  } finally {
    await pool?.close();
  }
  return { ...progress, failures, ignored, seconds: (performance.now() - started) / 1000 };
}
