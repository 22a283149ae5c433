/**
 * `claimtrace serve [--port 8080] [--host 127.0.0.1] [--db FILE] [--max-bytes N]`: the local web app.
 * Binds loopback by default; any other address gets a warning, since the API then answers the network.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from '../server/app.js';
import { workerAnalyzer, type Analyzer } from '../workers/analyzer.js';
import type { Analysis } from '../model/types.js';
import { CorpusReader } from '../server/corpus-api.js';
import { openStore, StoreError } from '../store/open.js';
import { DEFAULT_MAX_BYTES } from '../extract/input.js';
import { UsageError } from './errors.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** The built browser bundle (`npm run build` writes it): file name → bytes. */
export function loadAssets(dir = fileURLToPath(new URL('../../dist/assets/', import.meta.url))): Map<string, Uint8Array> {
  if (!existsSync(dir)) throw new UsageError(`the web app is not built (no ${dir}); run npm run build`);
  const assets = new Map<string, Uint8Array>();
  for (const name of readdirSync(dir)) {
    // Only plain file names: the URL never becomes a path.
    if (/^[\w.-]+$/.test(name)) assets.set(name, readFileSync(path.join(dir, name)));
  }
  return assets;
}

/** Host header values a request may carry when the server listens on `host:port`. */
export function allowedHosts(host: string, port: number): string[] {
  const names = LOOPBACK.has(host) ? ['127.0.0.1', 'localhost', '[::1]'] : [host.includes(':') ? `[${host}]` : host];
  return names.flatMap((n) => [n, `${n}:${port}`]);
}

export interface ServeOptions {
  port: number;
  host: string;
  maxBytes: number;
  corpus?: CorpusReader;
  /** Analysis worker threads (`--workers`); default one per core but one. */
  workers?: number;
}

export function parseServeArgs(argv: string[]): ServeOptions & { db: string | undefined } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      db: { type: 'string' },
      'max-bytes': { type: 'string' },
      workers: { type: 'string' },
    },
  });
  if (positionals.length > 0) throw new UsageError(`serve takes no file arguments, got ${positionals.join(' ')}`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, got "${values.port}"`);
  const maxBytes = values['max-bytes'] === undefined ? DEFAULT_MAX_BYTES : Number(values['max-bytes']);
  if (!Number.isInteger(maxBytes) || maxBytes <= 0) throw new UsageError(`--max-bytes must be a positive whole number, got "${values['max-bytes']}"`);
  const host = values.host!;
  if (host === '' || /[\s/]/.test(host)) throw new UsageError(`--host must be a host name or address, got "${host}"`);
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1 && workers <= 64)) {
    throw new UsageError(`--workers must be a whole number from 1 to 64, got "${values.workers}"`);
  }
  const db = values.db ?? (process.env.CLAIMTRACE_DB?.trim() || undefined);
  return { port, host, maxBytes, db, ...(workers !== undefined ? { workers } : {}) };
}

/** Starts the server; resolves with it and the URL once it listens. */
export function startServer(options: ServeOptions): Promise<{ server: ServerType; url: string }> {
  // Filled once the port is known (0 picks a free one); the app reads the same Set.
  const hosts = new Set<string>();
  const assets = loadAssets();
  // The analyses run in worker threads, never on the event loop; they stop with the server.
  const analyzer: Analyzer = workerAnalyzer(options.workers !== undefined ? { workers: options.workers } : {});
  // A stored plain-text document is analysed again when its page is opened: in the workers too.
  if (options.corpus) {
    options.corpus.analyzeText = async (text, { name, outlet }) =>
      JSON.parse((await analyzer.analyze({ text, format: 'text', name, ...(outlet ? { outlet } : {}) })).json) as Analysis;
  }
  const app = createApp({ allowedHosts: hosts, assets, maxBytes: options.maxBytes, analyzer, ...(options.corpus ? { corpus: options.corpus } : {}) });
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, (info) => {
      for (const h of allowedHosts(options.host, info.port)) hosts.add(h);
      const shown = isLoopback(options.host) ? '127.0.0.1' : [...hosts][0]!;
      resolve({ server, url: `http://${shown}:${info.port}/` });
    });
    server.once('close', () => void analyzer.close());
    server.once('error', (e: NodeJS.ErrnoException) => {
      void analyzer.close();
      reject(new UsageError(e.code === 'EADDRINUSE' ? `port ${options.port} is in use (choose another with --port)` : `cannot listen on ${options.host}:${options.port}: ${e.message}`));
    });
  });
}

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host);
}

/** The `serve` command: start, print the URL, run until interrupted. */
export async function runServe(argv: string[]): Promise<void> {
  const options = parseServeArgs(argv);
  if (!isLoopback(options.host)) {
    process.stderr.write(`claimtrace: warning: listening on ${options.host}, not loopback: anyone who can reach this address can use the API${options.db ? ' and read the corpus' : ''}\n`);
  }
  let corpus: CorpusReader | undefined;
  if (options.db !== undefined) corpus = await openCorpusReader(options.db);
  const { url } = await startServer({ ...options, ...(corpus ? { corpus } : {}) });
  process.stdout.write(`claimtrace is serving on ${url}\nOpen it in a browser; press Ctrl+C to stop.\n`);
}

/** Opens an existing corpus and clusters it if needed, so the first page view does not wait. */
async function openCorpusReader(db: string): Promise<CorpusReader> {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(db) && !existsSync(db)) {
    throw new UsageError(`--db ${db}: no such corpus; create it with claimtrace corpus ingest PATH… --db ${db}`);
  }
  let reader: CorpusReader;
  try {
    reader = new CorpusReader(await openStore(db));
  } catch (e) {
    if (e instanceof StoreError) throw new UsageError(e.message);
    throw e;
  }
  await reader.clusters();
  return reader;
}
