/**
 * The local web app's HTTP side (hono): the pages' shell, their static assets, and the JSON API.
 *
 * Security posture, because article text is hostile and a local server is reachable from any web page the
 * user has open:
 * - every response carries a strict Content-Security-Policy (scripts and styles only from this origin);
 * - the Host header must name the address the server is bound to, so a hostile page that rebinds its
 *   own DNS name to 127.0.0.1 cannot reach the API (403 otherwise);
 * - request bodies are capped (413), only known content types are read (415);
 * - static files are served from a fixed list read at start-up, never from a path built from the URL.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Analyzer } from '../workers/analyzer.js';
import { JobError, JobTimeoutError, PoolBusyError, WorkerCrashError } from '../workers/pool.js';
import { decodeInput, DEFAULT_MAX_BYTES, guessFormat, InputError } from '../extract/input.js';
import type { InputFormat } from '../model/types.js';
import { renderShell, type PageName } from './pages.js';
import { corpusRoutes, type CorpusReader } from './corpus-api.js';

export interface AppOptions {
  /** Host header values (name, or name:port) requests may carry; anything else gets 403. Read per request. */
  allowedHosts: ReadonlySet<string>;
  /** Static assets by file name (the built browser bundle): name → bytes. */
  assets: Map<string, Uint8Array>;
  /** Largest accepted request body, in bytes (default 5 MB). */
  maxBytes?: number;
  /** The corpus store, when `--db` was given. */
  corpus?: CorpusReader;
  /** Runs the analyses, off the event loop (`workerAnalyzer`). */
  analyzer: Analyzer;
}

export type ErrorCode = 'bad-request' | 'forbidden-host' | 'not-found' | 'too-large' | 'unsupported-type' | 'no-corpus' | 'over-budget' | 'busy' | 'internal';

/** The one error shape of the API: `{"error":{"code","message"}}`. */
export function jsonError(c: Context, status: 400 | 403 | 404 | 413 | 415 | 422 | 500 | 503, code: ErrorCode, message: string): Response {
  return c.json({ error: { code, message } }, status);
}

/** Seconds a client is asked to wait before retrying when every analysis worker is busy. */
export const RETRY_AFTER_SECONDS = 5;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  // Graphviz is WebAssembly: compiling it needs 'wasm-unsafe-eval', which allows no JavaScript eval.
  "script-src 'self' 'wasm-unsafe-eval'",
  // The analysis runs in a worker; Graphviz runs inside it.
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Array<[string, string]> = [
  ['Content-Security-Policy', CONTENT_SECURITY_POLICY],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'no-referrer'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
];

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
};

export function createApp(options: AppOptions): Hono {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const app = new Hono();

  app.use('*', async (c, next) => {
    // Set before anything answers, so error responses carry them too.
    for (const [name, value] of SECURITY_HEADERS) c.header(name, value);
    const host = (c.req.header('host') ?? '').toLowerCase();
    if (!options.allowedHosts.has(host)) {
      return jsonError(c, 403, 'forbidden-host', `requests must address this server by its own name; Host ${JSON.stringify(host)} is not one of them`);
    }
    await next();
    for (const [name, value] of SECURITY_HEADERS) c.header(name, value);
  });

  const page = (name: PageName) => (c: Context) => c.html(renderShell(name, { corpus: options.corpus !== undefined }));
  app.get('/', page('analyze'));
  app.get('/corpus', page('corpus'));
  app.get('/corpus/*', page('corpus'));

  app.get('/assets/:file', (c) => {
    const file = c.req.param('file');
    const bytes = options.assets.get(file);
    if (!bytes) return jsonError(c, 404, 'not-found', `no asset ${JSON.stringify(file)}`);
    const ext = file.slice(file.lastIndexOf('.'));
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': CONTENT_TYPES[ext] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
  });

  app.post(
    '/api/analyze',
    bodyLimit({
      maxSize: maxBytes,
      onError: (c) => jsonError(c, 413, 'too-large', `the request body is over the limit of ${maxBytes} bytes`),
    }),
    async (c) => {
      const input = await readAnalyzeBody(c, maxBytes);
      if (input instanceof Response) return input;
      const what = input.name ?? 'the input';
      try {
        const result = await options.analyzer.analyze(input);
        if (result.empty) return jsonError(c, 400, 'bad-request', `${what}: no article text found (the page has no readable content)`);
        return c.body(result.json, 200, { 'Content-Type': 'application/json; charset=utf-8' });
      } catch (e) {
        if (e instanceof PoolBusyError) {
          c.header('Retry-After', String(RETRY_AFTER_SECONDS));
          return jsonError(c, 503, 'busy', `every analysis worker is busy; try again in ${RETRY_AFTER_SECONDS} s`);
        }
        if (e instanceof JobTimeoutError || (e instanceof JobError && e.errorName === 'BudgetExceededError')) {
          return jsonError(c, 422, 'over-budget', `${what} (${input.text.length} characters): ${e.message}`);
        }
        if (e instanceof JobError && (e.errorName === 'InputError' || e.errorName === 'TypeError')) return jsonError(c, 400, 'bad-request', e.message);
        if (e instanceof WorkerCrashError) return jsonError(c, 500, 'internal', `${what} (${input.text.length} characters): ${e.message}`);
        throw e;
      }
    },
  );

  app.route('/api', corpusRoutes(options.corpus));

  app.notFound((c) => jsonError(c, 404, 'not-found', `no such page: ${c.req.method} ${new URL(c.req.url).pathname}`));
  app.onError((e, c) => {
    if (e instanceof InputError) return jsonError(c, e.code === 'too-large' ? 413 : 400, e.code === 'too-large' ? 'too-large' : 'bad-request', e.message);
    return jsonError(c, 500, 'internal', `internal error: ${e.message}`);
  });
  return app;
}

interface AnalyzeInput {
  text: string;
  format: InputFormat | undefined;
  name: string | undefined;
}

/** Reads an article from a text, HTML, JSON or multipart body; a Response when the body is refused. */
async function readAnalyzeBody(c: Context, maxBytes: number): Promise<AnalyzeInput | Response> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const decode = (bytes: Uint8Array, name: string) => decodeInput(bytes, { maxBytes, name });
  try {
    if (type === 'text/plain' || type === 'text/html') {
      const text = decode(new Uint8Array(await c.req.arrayBuffer()), 'the request body');
      return { text, format: type === 'text/html' ? 'html' : 'text', name: undefined };
    }
    if (type === 'application/json') {
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        return jsonError(c, 400, 'bad-request', 'the request body is not valid JSON');
      }
      const { text, html, name } = (body ?? {}) as Record<string, unknown>;
      const content = typeof html === 'string' ? html : text;
      if (typeof content !== 'string') {
        return jsonError(c, 400, 'bad-request', `expected {"text": "…"} or {"html": "…"}, got ${describe(body)}`);
      }
      if (content.trim() === '') return jsonError(c, 400, 'bad-request', 'the article is empty (no text to analyse)');
      return { text: content, format: typeof html === 'string' ? 'html' : 'text', name: typeof name === 'string' ? name : undefined };
    }
    if (type === 'multipart/form-data') {
      const form = await c.req.parseBody();
      const file = form['file'];
      if (!(file instanceof File)) return jsonError(c, 400, 'bad-request', 'expected a multipart field "file" holding the article');
      const text = decode(new Uint8Array(await file.arrayBuffer()), file.name || 'the uploaded file');
      return { text, format: guessFormat(file.name || undefined, text), name: file.name || undefined };
    }
  } catch (e) {
    if (e instanceof InputError) {
      return e.code === 'too-large' ? jsonError(c, 413, 'too-large', e.message) : jsonError(c, 400, 'bad-request', e.message);
    }
    throw e;
  }
  return jsonError(
    c,
    415,
    'unsupported-type',
    `send the article as text/plain, text/html, application/json or multipart/form-data, not ${type ? JSON.stringify(type) : 'a body without Content-Type'}`,
  );
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an object with keys ${JSON.stringify(Object.keys(value as object).slice(0, 5))}`;
  return typeof value;
}
