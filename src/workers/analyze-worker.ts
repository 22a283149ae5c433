/** An analysis worker thread for the server: analyses one article per job and answers with its JSON. */
import { parentPort } from 'node:worker_threads';
import { analyze } from '../pipeline.js';
import { serveJobs } from './pool.js';
import type { AnalyzeJob, AnalyzeResult } from './analyzer.js';

if (!parentPort) throw new Error('analyze-worker must run as a worker thread');
serveJobs(parentPort, (job: AnalyzeJob): AnalyzeResult => {
  const analysis = analyze(job.text, { ...(job.format ? { format: job.format } : {}), ...(job.name ? { name: job.name } : {}), ...(job.outlet ? { outlet: job.outlet } : {}) });
  // Serialised here, not on the server's event loop: the JSON of a long article runs to megabytes.
  return { empty: analysis.document.text.trim() === '', json: JSON.stringify(analysis) };
});
