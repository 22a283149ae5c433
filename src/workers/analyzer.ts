/**
 * The server's analyses, run in a small pool of worker threads so that the event loop only serves: static
 * pages and the corpus API answer while articles are analysed. A request waits in a bounded line when every
 * worker is busy, and is refused (`PoolBusyError`) when that line is full too.
 */
import { availableParallelism } from 'node:os';
import { hardLimitSeconds } from '../model/budget.js';
import type { InputFormat } from '../model/types.js';
import { WorkerPool, workerModule } from './pool.js';

export interface AnalyzeJob {
  text: string;
  format: InputFormat | undefined;
  name: string | undefined;
  /** The outlet a corpus record gave, for an article that names none. */
  outlet?: string;
}

export interface AnalyzeResult {
  /** No article text was found (a page with no readable content). */
  empty: boolean;
  /** The analysis, as JSON. */
  json: string;
}

export interface Analyzer {
  analyze(job: AnalyzeJob): Promise<AnalyzeResult>;
  close(): Promise<void>;
}

export interface AnalyzerOptions {
  /** Worker threads. Default: one per core but one (the event loop's), at least one. */
  workers?: number;
  /** Requests that may wait for a worker before the server answers 503. Default 8. */
  maxWaiting?: number;
}

export function workerAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  const pool = new WorkerPool<AnalyzeJob, AnalyzeResult>({
    size: options.workers ?? Math.max(1, availableParallelism() - 1),
    ...workerModule(import.meta.url, 'analyze-worker'),
    maxWaiting: options.maxWaiting ?? 8,
    timeoutSeconds: (job) => hardLimitSeconds(job.text.length),
    resourceLimits: { maxOldGenerationSizeMb: 4096 },
  });
  return { analyze: (job) => pool.run(job), close: () => pool.close() };
}
