// Starts a TypeScript worker module when claimtrace runs from its sources (vitest, tsx): a worker thread
// does not inherit tsx's loader, so it is registered here before the module named in workerData is imported.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.claimtraceWorker);
