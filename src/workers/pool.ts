/**
 * A pool of worker threads for analyses, shared by the server and ingest: the main thread never analyses,
 * a job that runs past its hard time limit has its worker terminated (and replaced), and a worker that dies
 * (out of memory, a crash) fails only the job it was running; the jobs queued behind it go to another.
 *
 * Protocol: the main thread posts `{ id, job }`; the worker answers `{ type: 'start', id }` when it begins
 * a job, then `{ type: 'done', id, result }` or `{ type: 'error', id, name, message }` (see `serveJobs`).
 */
import { Worker, type ResourceLimits } from 'node:worker_threads';

export interface PoolOptions<J> {
  /** Worker threads (at least one). */
  size: number;
  /** The worker's module, and the flags to start it with (`--import tsx` when running from sources). */
  url: URL;
  /** Data the worker reads as `workerData`. */
  workerData?: unknown;
  /** Jobs given to one worker at a time, queued inside it (more keeps a busy worker fed). Default 1. */
  perWorker?: number;
  /** Jobs that may wait for a worker; past this `run` refuses with `PoolBusyError`. Default: no limit. */
  maxWaiting?: number;
  /** Seconds a job may run once its worker starts it; past this the worker is terminated. */
  timeoutSeconds: (job: J) => number;
  resourceLimits?: ResourceLimits;
}

/** Every worker is busy and the waiting line is full: try again later. */
export class PoolBusyError extends Error {
  override readonly name = 'PoolBusyError';
}

/** A job ran past its hard time limit; its worker was terminated. */
export class JobTimeoutError extends Error {
  override readonly name = 'JobTimeoutError';
}

/** The worker died while running the job (out of memory, a crash in native code). */
export class WorkerCrashError extends Error {
  override readonly name = 'WorkerCrashError';
}

/** An error the job itself threw in the worker, with the name of its class (`BudgetExceededError`, `InputError`…). */
export class JobError extends Error {
  constructor(
    readonly errorName: string,
    message: string,
  ) {
    super(message);
  }
  override readonly name = 'JobError';
}

interface Task<J, R> {
  id: number;
  job: J;
  resolve: (r: R) => void;
  reject: (e: Error) => void;
  started: boolean;
  timer?: ReturnType<typeof setTimeout>;
}

type Message<R> = { type: 'start'; id: number } | { type: 'done'; id: number; result: R } | { type: 'error'; id: number; name: string; message: string };

export class WorkerPool<J, R> {
  private readonly workers = new Map<Worker, Map<number, Task<J, R>>>();
  private readonly waiting: Array<Task<J, R>> = [];
  /** Why a worker is being terminated, when the pool did it (a timeout), so its exit is reported as that. */
  private readonly killed = new Map<Worker, Error>();
  private nextId = 0;
  private closed = false;
  /** Workers that have answered at least once, and deaths in a row of workers that never did. */
  private readonly answered = new WeakSet<Worker>();
  private failedStarts = 0;
  /** Set when workers keep dying before they answer (a missing build, a broken install): no more respawning. */
  private broken: Error | null = null;

  constructor(private readonly options: PoolOptions<J>) {
    for (let i = 0; i < Math.max(1, options.size); i++) this.spawn();
  }

  /** Jobs running or queued in workers, and jobs waiting for one. */
  get load(): { running: number; waiting: number } {
    let running = 0;
    for (const tasks of this.workers.values()) running += tasks.size;
    return { running, waiting: this.waiting.length };
  }

  /** Resolves once a worker has room and nothing waits: a producer awaits it to keep its memory bounded. */
  ready(): Promise<void> {
    if (this.closed || this.broken || (this.waiting.length === 0 && this.freeWorker())) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  private readonly readyWaiters: Array<() => void> = [];

  run(job: J): Promise<R> {
    if (this.closed) return Promise.reject(new Error('the analysis pool is closed'));
    if (this.broken) return Promise.reject(this.broken);
    const free = this.freeWorker();
    if (!free && this.waiting.length >= (this.options.maxWaiting ?? Infinity)) {
      return Promise.reject(new PoolBusyError(`every analysis worker is busy and ${this.waiting.length} more are waiting`));
    }
    return new Promise<R>((resolve, reject) => {
      const task: Task<J, R> = { id: this.nextId++, job, resolve, reject, started: false };
      if (free) this.assign(free, task);
      else this.waiting.push(task);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const wake of this.readyWaiters.splice(0)) wake();
    for (const task of this.waiting.splice(0)) task.reject(new Error('the analysis pool is closed'));
    const workers = [...this.workers.keys()];
    for (const tasks of this.workers.values()) {
      for (const task of tasks.values()) {
        clearTimeout(task.timer);
        task.reject(new Error('the analysis pool is closed'));
      }
    }
    this.workers.clear();
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private freeWorker(): Worker | undefined {
    const limit = this.options.perWorker ?? 1;
    let best: Worker | undefined;
    let bestLoad = Infinity;
    for (const [w, tasks] of this.workers) {
      if (tasks.size < limit && tasks.size < bestLoad) {
        best = w;
        bestLoad = tasks.size;
      }
    }
    return best;
  }

  private assign(w: Worker, task: Task<J, R>): void {
    this.workers.get(w)!.set(task.id, task);
    w.postMessage({ id: task.id, job: task.job });
  }

  private dispatch(): void {
    for (let w = this.freeWorker(); w && this.waiting.length > 0; w = this.freeWorker()) this.assign(w, this.waiting.shift()!);
    if (this.waiting.length === 0 && this.freeWorker()) for (const wake of this.readyWaiters.splice(0)) wake();
  }

  private spawn(): void {
    const { url, workerData, resourceLimits } = this.options;
    const w = new Worker(url, { ...(workerData !== undefined ? { workerData } : {}), ...(resourceLimits ? { resourceLimits } : {}) });
    this.workers.set(w, new Map());
    w.on('message', (m: Message<R>) => this.onMessage(w, m));
    w.on('error', (e) => this.onDeath(w, e.message));
    w.on('exit', (code) => this.onDeath(w, `its worker exited with code ${code}`));
  }

  private onMessage(w: Worker, m: Message<R>): void {
    this.answered.add(w);
    this.failedStarts = 0;
    const tasks = this.workers.get(w);
    const task = tasks?.get(m.id);
    if (!tasks || !task) return;
    if (m.type === 'start') {
      task.started = true;
      const seconds = this.options.timeoutSeconds(task.job);
      if (Number.isFinite(seconds)) {
        task.timer = setTimeout(() => {
          this.killed.set(w, new JobTimeoutError(`the analysis ran past its hard limit of ${Math.round(seconds)} s and was stopped`));
          void w.terminate();
        }, seconds * 1000);
      }
      return;
    }
    clearTimeout(task.timer);
    tasks.delete(m.id);
    if (m.type === 'done') task.resolve(m.result);
    else task.reject(new JobError(m.name, m.message));
    this.dispatch();
  }

  /** A worker died: the job it was running fails, the ones queued behind it wait for another worker. */
  private onDeath(w: Worker, reason: string): void {
    const tasks = this.workers.get(w);
    if (!tasks) return; // already handled (error, then exit)
    this.workers.delete(w);
    const killed = this.killed.get(w);
    this.killed.delete(w);
    const requeue: Array<Task<J, R>> = [];
    for (const task of tasks.values()) {
      clearTimeout(task.timer);
      if (task.started) task.reject(killed ?? new WorkerCrashError(`the analysis crashed (${reason})`));
      else requeue.push({ ...task, started: false });
    }
    this.waiting.unshift(...requeue);
    if (!this.answered.has(w) && ++this.failedStarts >= 3) {
      this.broken = new WorkerCrashError(`the analysis workers fail to start (${reason})`);
      for (const task of this.waiting.splice(0)) task.reject(this.broken);
      for (const wake of this.readyWaiters.splice(0)) wake();
      return;
    }
    if (!this.closed) {
      this.spawn();
      this.dispatch();
    }
  }
}

/** The worker side: answers the pool's jobs with `handle`, one at a time. */
export function serveJobs<J, R>(port: { on(event: 'message', f: (m: { id: number; job: J }) => void): void; postMessage(m: unknown): void }, handle: (job: J) => R): void {
  port.on('message', ({ id, job }) => {
    port.postMessage({ type: 'start', id });
    try {
      port.postMessage({ type: 'done', id, result: handle(job) });
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      port.postMessage({ type: 'error', id, name: error.name, message: error.message });
    }
  });
}

/** A worker module next to `from`: its built `.js`, or its `.ts` through tsx when running from sources. */
export function workerModule(from: string, name: string): { url: URL; workerData?: unknown } {
  // A caller whose own URL ends in .ts runs from sources (vitest, tsx).
  if (!from.endsWith('.ts')) return { url: new URL(`./${name}.js`, from) };
  return { url: new URL('./from-sources.mjs', import.meta.url), workerData: { claimtraceWorker: new URL(`./${name}.ts`, from).href } };
}
