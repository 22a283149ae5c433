/** A worker for the pool's tests: jobs that answer, throw, hang, run out of memory or exit. */
import { parentPort } from 'node:worker_threads';
import { serveJobs } from '../../src/workers/pool.js';

export type TestJob = { kind: 'echo'; value: number } | { kind: 'throw' } | { kind: 'hang' } | { kind: 'oom' } | { kind: 'exit' };

const hoard: number[][] = [];
serveJobs(parentPort!, (job: TestJob) => {
  switch (job.kind) {
    case 'echo':
      return job.value;
    case 'throw':
      throw new RangeError('no such thing');
    case 'hang':
      // A stage that never returns: only terminating the worker stops it.
      for (;;);
    case 'oom':
      for (;;) hoard.push(new Array(1 << 20).fill(1));
    case 'exit':
      process.exit(3);
  }
});
