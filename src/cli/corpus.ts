/**
 * `claimtrace corpus …`: many articles in one store, the same claim across outlets, and circular reporting.
 *   ingest PATH… [--db FILE] [--workers N] [--max-bytes N]
 *   claims  [--db FILE] [--json] [--limit N]
 *   origins [--db FILE] [--json] [--limit N]
 *   furniture [--db FILE] [--json] [--limit N]
 *   stats   [--db FILE] [--json]
 * Handles its own errors (it is asynchronous): one line on stderr, exit 2 for bad input or usage.
 */
import { ANALYSIS_VERSION } from '../pipeline.js';
import { reanalyze } from '../store/reanalyze.js';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { DEFAULT_MAX_BYTES } from '../extract/input.js';
import { CLUSTER_ORDERS, clusterViews, isClusterOrder, refreshClusters, type ClusterView } from '../store/clusters.js';
import { formatCheckworthiness } from '../rank/order.js';
import { restsOn } from '../corpus/origins.js';
import { ingest, type IngestProgress } from '../store/ingest.js';
import { databaseOf, DEFAULT_DB, openStore, StoreError, type Store } from '../store/open.js';
import { UsageError } from './errors.js';
import { loadLexicons } from './lexicon-files.js';

export const CORPUS_USAGE = `  claimtrace corpus ingest PATH… [--db FILE] [--workers N] [--budget SECONDS] [--lexicon FILE]
                                          analyse files, folders (.txt, .html, .jsonl) into a corpus store;
                                          --lexicon adds entries (cue verbs, outlets' names…) as for analyze;
                                          several processes may ingest into one PostgreSQL corpus at once
  claimtrace corpus claims [--db FILE] [--json] [--limit N] [--sort reach|checkworthy]
                                          the same claim across articles: outlets, dates, first appearance
  claimtrace corpus origins [--db FILE] [--json] [--limit N]
                                          each claim's distinct origins, and circular reporting flagged
  claimtrace corpus furniture [--db FILE] [--json] [--limit N]
                                          what each outlet prints under many stories (editor's notes,
                                          sign-offs): left out of the claims across articles
  claimtrace corpus stats [--db FILE] [--json]
                                          counts of documents, claims, sources and clusters, and how many
                                          documents an older analysis version made
  claimtrace corpus cluster [--db FILE] [--full] [--json]
                                          bring the clusters up to date: add the new documents' claims
                                          to them (automatic after ingest), or with --full cluster all again
  claimtrace corpus reanalyze [--db FILE] [--workers N]
                                          analyse those again with today's models and code (resumable)
                              (--db FILE is a SQLite file, --db postgres://user@host:port/db a PostgreSQL corpus; default $CLAIMTRACE_DB, else ${DEFAULT_DB})`;

function fail(message: string, code: number): void {
  process.stderr.write(`claimtrace: ${message.replace(/\s*[\r\n]+\s*/g, ' ')}\n`);
  process.exitCode = code;
}

/** Article text is untrusted: no control characters (terminal escapes) reach the terminal. */
function clean(s: string, max = Infinity): string {
  const one = s.replace(/[\p{Cc}\p{Cf}]+/gu, ' ').replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

function intOption(value: string | undefined, name: string, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number ≥ ${min}, got "${value}"`);
  return n;
}

async function openExisting(option: string | undefined): Promise<Store> {
  const db = databaseOf(option);
  // Reading commands never create an empty database by accident.
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(db) && !existsSync(db)) throw new UsageError(`no corpus database at ${db} (run claimtrace corpus ingest PATH… --db ${db} first)`);
  return openStore(db);
}

async function runIngest(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      workers: { type: 'string' },
      'max-bytes': { type: 'string' },
      budget: { type: 'string' },
      lexicon: { type: 'string', multiple: true },
    },
  });
  if (positionals.length === 0) throw new UsageError('corpus ingest needs at least one file or folder; see claimtrace --help');
  const lexicon = loadLexicons(values.lexicon ?? []);
  const workers = values.workers === undefined ? undefined : intOption(values.workers, 'workers', 0, 0);
  const maxBytes = intOption(values['max-bytes'], 'max-bytes', DEFAULT_MAX_BYTES);
  const budgetSeconds = values.budget === undefined ? undefined : Number(values.budget);
  if (budgetSeconds !== undefined && !(budgetSeconds > 0)) throw new UsageError(`--budget must be a positive number of seconds, got "${values.budget}"`);
  const store = await openStore(databaseOf(values.db));
  const tty = Boolean(process.stderr.isTTY);
  const bar = tty
    ? new cliProgress.SingleBar(
        { format: 'ingest {bar} {value}/{total} documents | {rate} docs/s | ETA {eta_formatted} | {failed} failed', stream: process.stderr, hideCursor: true, etaBuffer: 50 },
        cliProgress.Presets.shades_classic,
      )
    : null;
  const started = performance.now();
  let barStarted = false;
  const onProgress = (p: IngestProgress): void => {
    if (!bar) return;
    const rate = (p.done / Math.max(0.001, (performance.now() - started) / 1000)).toFixed(1);
    if (!barStarted) {
      bar.start(p.total, p.done, { rate, failed: p.failed });
      barStarted = true;
    } else bar.update(p.done, { rate, failed: p.failed });
  };
  let summary;
  try {
    summary = await ingest(store, positionals, {
      workers,
      maxBytes,
      ...(budgetSeconds !== undefined ? { budgetSeconds } : {}),
      ...(lexicon ? { lexicon } : {}),
      onProgress,
      onFailure: (f) => {
        // Above the bar, one line per failure, as it happens.
        if (bar && barStarted) bar.stop();
        process.stderr.write(`claimtrace: skipped ${clean(f.path)}: ${clean(f.reason)}\n`);
        barStarted = false;
      },
    });
    if (bar && barStarted) bar.stop();
    await refreshClusters(store);
    const stats = await store.stats();
    const rate = summary.done / Math.max(0.001, summary.seconds);
    process.stderr.write(
      `ingested ${summary.done} document${summary.done === 1 ? '' : 's'} in ${summary.seconds.toFixed(1)} s (${rate.toFixed(1)}/s): ` +
        `${summary.added} new, ${summary.skipped} already stored, ${summary.failed} failed` +
        (summary.ignored > 0 ? `, ${summary.ignored} file${summary.ignored === 1 ? '' : 's'} ignored (not .txt, .html or .jsonl)` : '') +
        `; ${store.location} holds ${stats.documents} documents, ${stats.claims} claims, ${stats.clusters} clusters across articles\n`,
    );
    if (summary.failed > 0) {
      fail(`${summary.failed} input${summary.failed === 1 ? '' : 's'} could not be ingested (listed above)`, 2);
    }
  } finally {
    await store.close();
  }
}

function timelineLines(v: ClusterView, width: number): string[] {
  const max = Math.max(...v.timeline.map((t) => t.documents));
  return v.timeline.map((t) => {
    const bar = '█'.repeat(Math.max(1, Math.round((t.documents / max) * width)));
    return `    ${t.date.padEnd(10)} ${bar.padEnd(width)} ${t.documents}  ${clean(t.outlets.join(', '), 60)}`;
  });
}

function renderClaims(views: ClusterView[], limit: number): string {
  if (views.length === 0) return 'No claim appears in more than one article.\n';
  const out: string[] = [`${views.length} claim${views.length === 1 ? '' : 's'} appear in more than one article${views.length > limit ? ` (showing ${limit}; --limit N or --json for more)` : ''}`, ''];
  for (const v of views.slice(0, limit)) {
    const outlets = new Set(v.documents.map((d) => d.outlet)).size;
    out.push(`#${v.id}  ${v.documents.length} articles, ${outlets} outlet${outlets === 1 ? '' : 's'}${v.circular ? '  [circular reporting]' : ''}`);
    out.push(`  “${clean(v.claim, 160)}”`);
    // The score beside what the claim rests on: "check this first, and it rests on one unnamed source".
    out.push(`  check-worthiness ${formatCheckworthiness(v.checkworthiness)} · ${restsOn(v.origins, (o) => clean(o.name, 60))}`);
    out.push(`  first: ${clean(v.first.outlet, 40)}${v.first.published ? `, ${clean(v.first.published, 25)}` : ''} (${clean(v.first.id, 60)})`);
    out.push('  spread:');
    out.push(...timelineLines(v, 20));
    out.push('');
  }
  return out.join('\n') + '\n';
}

function renderOrigins(views: ClusterView[], limit: number): string {
  if (views.length === 0) return 'No claim appears in more than one article.\n';
  const flagged = views.filter((v) => v.circular).length;
  const out: string[] = [`${views.length} claim${views.length === 1 ? '' : 's'} across articles, ${flagged} flagged as circular reporting${views.length > limit ? ` (showing ${limit}; --limit N or --json for more)` : ''}`, ''];
  // Flagged clusters first: they are what a reader is looking for.
  const ordered = [...views.filter((v) => v.circular), ...views.filter((v) => !v.circular)];
  for (const v of ordered.slice(0, limit)) {
    out.push(`#${v.id}  ${v.circular ? 'CIRCULAR REPORTING' : 'not circular'} — “${clean(v.claim, 120)}”`);
    out.push(`  ${clean(v.reason, 400)}`);
    const origins = v.origins.map((o) => `${clean(o.name, 60)} (${o.kind}, ${o.named ? 'named' : 'unnamed'})`);
    out.push(`  origins: ${origins.length > 0 ? origins.join('; ') : 'none given'}`);
    out.push('  chains:');
    for (const c of v.chains.slice(0, 12)) out.push(`    ${clean(c, 200)}`);
    if (v.chains.length > 12) out.push(`    … ${v.chains.length - 12} more`);
    out.push('');
  }
  return out.join('\n') + '\n';
}

/** The JSON both `claims` and `origins` print. */
function toJson(views: ClusterView[]): string {
  return JSON.stringify({ clusters: views }, null, 2) + '\n';
}

async function runView(kind: 'claims' | 'origins', argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { db: { type: 'string' }, json: { type: 'boolean', default: false }, limit: { type: 'string' }, sort: { type: 'string' } },
  });
  if (positionals.length > 0) throw new UsageError(`corpus ${kind} takes no paths, got: ${positionals.join(' ')}`);
  const order = values.sort ?? 'reach';
  if (!isClusterOrder(order)) throw new UsageError(`--sort must be one of ${CLUSTER_ORDERS.join(', ')}, got "${order}"`);
  const limit = intOption(values.limit, 'limit', 20);
  const store = await openExisting(values.db);
  try {
    await refreshClusters(store);
    const versions = await store.analysisVersions();
    // Claims matched across analysis versions are shown, but never silently.
    if (versions.length > 1) {
      process.stderr.write(`claimtrace: warning: these documents were analysed by ${versions.length} versions (${versions.map((v) => `${v.version}: ${v.documents}`).join(', ')}); run claimtrace corpus reanalyze\n`);
    }
    const views = await clusterViews(store, order);
    process.stdout.write(values.json ? toJson(views) : kind === 'claims' ? renderClaims(views, limit) : renderOrigins(views, limit));
  } finally {
    await store.close();
  }
}

async function runFurniture(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { db: { type: 'string' }, json: { type: 'boolean', default: false }, limit: { type: 'string' } },
  });
  if (positionals.length > 0) throw new UsageError(`corpus furniture takes no paths, got: ${positionals.join(' ')}`);
  const limit = intOption(values.limit, 'limit', 20);
  const store = await openExisting(values.db);
  try {
    await refreshClusters(store);
    const entries = await store.furniture();
    if (values.json) {
      process.stdout.write(JSON.stringify({ furniture: entries }, null, 2) + '\n');
      return;
    }
    if (entries.length === 0) {
      process.stdout.write('No outlet repeats a sentence under many different stories.\n');
      return;
    }
    const out = [`${entries.length} sentence${entries.length === 1 ? '' : 's'} an outlet prints under many stories, left out of the claims across articles${entries.length > limit ? ` (showing ${limit})` : ''}`, ''];
    for (const e of entries.slice(0, limit)) out.push(`  ${clean(e.outlet, 40)}, ${e.documents} articles: “${clean(e.text, 140)}”`);
    process.stdout.write(out.join('\n') + '\n');
  } finally {
    await store.close();
  }
}

async function runStats(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { db: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  if (positionals.length > 0) throw new UsageError(`corpus stats takes no paths, got: ${positionals.join(' ')}`);
  const store = await openExisting(values.db);
  try {
    await refreshClusters(store);
    const s = await store.stats();
    const versions = await store.analysisVersions();
    const stale = versions.filter((v) => v.version !== ANALYSIS_VERSION).reduce((n, v) => n + v.documents, 0);
    process.stdout.write(
      values.json
        ? JSON.stringify({ ...s, stale, analysisVersion: ANALYSIS_VERSION, versions }) + '\n'
        : `${s.documents} documents, ${s.claims} claims, ${s.sources} sources, ${s.clusters} claims across articles, ${s.furniture} claims that are outlets' furniture (${store.location})\n` +
            (stale > 0 ? `${stale} document${stale === 1 ? ' was' : 's were'} analysed by an older version than ${ANALYSIS_VERSION}: run claimtrace corpus reanalyze\n` : ''),
    );
  } finally {
    await store.close();
  }
}

async function runCluster(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { db: { type: 'string' }, full: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
  });
  if (positionals.length > 0) throw new UsageError(`corpus cluster takes no paths, got: ${positionals.join(' ')}`);
  const store = await openExisting(values.db);
  try {
    const run = await refreshClusters(store, { full: values.full, force: values.full });
    if (values.json) {
      process.stdout.write(JSON.stringify(run) + '\n');
      return;
    }
    const how = !run.ran
      ? 'the clusters were up to date'
      : run.incremental
        ? `added ${run.claims} new claim${run.claims === 1 ? '' : 's'} to the stored clusters`
        : `clustered all ${run.claims} claims again`;
    process.stdout.write(`${how} in ${run.seconds.toFixed(2)} s (${run.comparisons} comparisons); ${run.clusters} claims across articles (${store.location})\n`);
  } finally {
    await store.close();
  }
}

async function runReanalyze(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { db: { type: 'string' }, workers: { type: 'string' } } });
  if (positionals.length > 0) throw new UsageError(`corpus reanalyze takes no paths, got: ${positionals.join(' ')}`);
  const workers = values.workers === undefined ? undefined : intOption(values.workers, 'workers', 0, 0);
  const store = await openExisting(values.db);
  try {
    const summary = await reanalyze(store, {
      ...(workers !== undefined ? { workers } : {}),
      onFailure: (f) => process.stderr.write(`claimtrace: kept as it was ${clean(f.path)}: ${clean(f.reason)}\n`),
    });
    await refreshClusters(store);
    process.stderr.write(
      `reanalysed ${summary.replaced} of ${summary.stale} document${summary.stale === 1 ? '' : 's'} from older versions in ${summary.seconds.toFixed(1)} s` +
        `${summary.failures.length > 0 ? `; ${summary.failures.length} could not be` : ''}; every document is now ${summary.failures.length > 0 ? 'current but those' : `analysed by ${ANALYSIS_VERSION}`}\n`,
    );
    if (summary.failures.length > 0) process.exitCode = 2;
  } finally {
    await store.close();
  }
}

const COMMANDS = 'ingest, claims, origins, furniture, stats, cluster or reanalyze';

export async function runCorpus(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  try {
    if (sub === 'ingest') await runIngest(rest);
    else if (sub === 'claims' || sub === 'origins') await runView(sub, rest);
    else if (sub === 'stats') await runStats(rest);
    else if (sub === 'furniture') await runFurniture(rest);
    else if (sub === 'reanalyze') await runReanalyze(rest);
    else if (sub === 'cluster') await runCluster(rest);
    else throw new UsageError(sub === undefined ? `corpus needs a command: ${COMMANDS}` : `unknown corpus command "${sub}" (${COMMANDS})`);
  } catch (e) {
    if (e instanceof UsageError || e instanceof StoreError) return fail(e.message, 2);
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) return fail(`${(e as Error).message}; see claimtrace --help`, 2);
    if (code === 'EPIPE') return;
    if (typeof code === 'string' && code.startsWith('SQLITE_')) return fail(`database error (${code}): ${(e as Error).message}`, 1);
    // PostgreSQL's errors carry a five-character SQLSTATE; a lost connection, a system error code.
    if (typeof code === 'string' && 'severity' in (e as object)) return fail(`database error (${code}): ${(e as Error).message}`, 1);
    if (code === 'ECONNRESET' || code === 'ECONNREFUSED' || /Connection terminated/.test((e as Error).message ?? '')) return fail(`lost the database connection (${(e as Error).message || code})`, 1);
    if (process.env.CLAIMTRACE_DEBUG) console.error(e);
    fail(`internal error: ${(e as Error).message ?? String(e)} (set CLAIMTRACE_DEBUG=1 for details)`, 1);
  }
}
