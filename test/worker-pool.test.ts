import { afterEach, describe, expect, it } from 'vitest';
import { JobError, JobTimeoutError, PoolBusyError, WorkerCrashError, WorkerPool, type PoolOptions } from '../src/workers/pool.js';
import type { TestJob } from './support/test-worker.js';

const pools: Array<WorkerPool<TestJob, number>> = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

function pool(options: Partial<PoolOptions<TestJob>> = {}): WorkerPool<TestJob, number> {
  const p = new WorkerPool<TestJob, number>({
    size: 1,
    url: new URL('../src/workers/from-sources.mjs', import.meta.url),
    workerData: { claimtraceWorker: new URL('./support/test-worker.ts', import.meta.url).href },
    timeoutSeconds: () => 2,
    resourceLimits: { maxOldGenerationSizeMb: 64 },
    ...options,
  });
  pools.push(p);
  return p;
}

describe('WorkerPool', () => {
  it('answers every job, spread over its workers', async () => {
    const p = pool({ size: 2, perWorker: 3 });
    const values = Array.from({ length: 20 }, (_, i) => i);
    expect(await Promise.all(values.map((value) => p.run({ kind: 'echo', value })))).toEqual(values);
    expect(p.load).toEqual({ running: 0, waiting: 0 });
  });

  it('passes on what a job throws, with the name of its error, and keeps the worker', async () => {
    const p = pool();
    const error = await p.run({ kind: 'throw' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobError);
    expect((error as JobError).errorName).toBe('RangeError');
    expect((error as JobError).message).toBe('no such thing');
    expect(await p.run({ kind: 'echo', value: 7 })).toBe(7);
  });

  it('terminates a job that runs past its hard limit, replaces the worker, and runs the jobs queued behind it', async () => {
    const p = pool({ perWorker: 4, timeoutSeconds: (job) => (job.kind === 'hang' ? 0.5 : 30) });
    const started = performance.now();
    const hung = p.run({ kind: 'hang' }).catch((e: unknown) => e);
    const behind = [p.run({ kind: 'echo', value: 1 }), p.run({ kind: 'echo', value: 2 })];
    expect(await hung).toBeInstanceOf(JobTimeoutError);
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(await Promise.all(behind)).toEqual([1, 2]);
  });

  it('fails only the job whose worker ran out of memory or exited', async () => {
    const p = pool();
    for (const kind of ['oom', 'exit'] as const) {
      const error = await p.run({ kind }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkerCrashError);
      expect((error as Error).message).toMatch(/crashed/);
      expect(await p.run({ kind: 'echo', value: 5 })).toBe(5);
    }
  });

  it('refuses a job when its workers are busy and its waiting line is full', async () => {
    const p = pool({ maxWaiting: 1, timeoutSeconds: () => 0.5 });
    const running = p.run({ kind: 'hang' }).catch((e: unknown) => e);
    const waiting = p.run({ kind: 'echo', value: 1 });
    await expect(p.run({ kind: 'echo', value: 2 })).rejects.toBeInstanceOf(PoolBusyError);
    expect(await running).toBeInstanceOf(JobTimeoutError);
    expect(await waiting).toBe(1);
  });

  it('stops, with the reason, when its workers cannot start', async () => {
    const p = pool({ workerData: { claimtraceWorker: new URL('./support/no-such-worker.ts', import.meta.url).href } });
    const error = await p.run({ kind: 'echo', value: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerCrashError);
    expect((error as Error).message).toMatch(/fail to start/);
  });
});
