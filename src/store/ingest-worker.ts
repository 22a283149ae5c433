/** An ingest worker thread: analyses the documents the main thread sends and posts back their records. */
import { parentPort } from 'node:worker_threads';
import { buildRecord, type IngestJob } from './record.js';

const port = parentPort;
if (!port) throw new Error('ingest-worker must run as a worker thread');
port.on('message', (job: IngestJob) => {
  try {
    port.postMessage({ seq: job.seq, record: buildRecord(job) });
  } catch (e) {
    port.postMessage({ seq: job.seq, error: (e as Error).message ?? String(e) });
  }
});
