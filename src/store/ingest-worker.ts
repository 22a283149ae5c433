/** An ingest worker thread: analyses the documents the main thread sends and posts back their records. */
import { parentPort } from 'node:worker_threads';
import { serveJobs } from '../workers/pool.js';
import { buildRecord, type IngestJob } from './record.js';

if (!parentPort) throw new Error('ingest-worker must run as a worker thread');
serveJobs(parentPort, (job: IngestJob) => buildRecord(job));
