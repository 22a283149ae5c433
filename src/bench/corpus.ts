/**
 * Corpus benchmark: `npm run bench:corpus [-- --sizes 1000,10000,100000] [-- --data DIR] [-- --workers N] [-- --json]`,
 * and `npm run bench:corpus -- --db postgres://USER@HOST:PORT/DB [--processes 2] [--grow 1000]` to compare
 * the PostgreSQL store with SQLite in one run (see pgComparison below).
 *
 * For each N it writes a JSON Lines corpus of N articles built from the real texts in the shared data
 * (ptc/train-articles, polnear/{train,dev}/text: the real articles first, then articles mixed from their
 * sentences — 8 to 20 sentences from random articles, seeded — to reach N), then runs, in a fresh child
 * process each, the same ingest as `claimtrace corpus ingest` (worker threads, batched transactions) and
 * the clustering of all claims. It reports ingest rate, clustering time (and per claim, so growth beyond
 * linear is visible), peak RSS of the child (all its threads) and the database size. Nothing is asserted.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
// The training PRNG (mulberry32): every run builds the same corpora.
import { rng } from '../annotate/tagger/perceptron.js';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data' },
    sizes: { type: 'string', default: '1000,10000,100000' },
    workers: { type: 'string' },
    json: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    // A PostgreSQL server (any database on it): the run compares the two stores.
    db: { type: 'string' },
    processes: { type: 'string', default: '2' },
    grow: { type: 'string', default: '1000' },
    // Internal: run one measurement in this process.
    child: { type: 'boolean', default: false },
    task: { type: 'string', default: 'all' },
    full: { type: 'boolean', default: false },
    file: { type: 'string' },
    store: { type: 'string' },
  },
});

interface Figures {
  articles: number;
  avgKB: number;
  ingestSeconds: number;
  rate: number;
  claims: number;
  clusters: number;
  comparisons: number;
  clusterSeconds: number;
  peakRssMB: number;
  dbMB: number;
  failed: number;
  cpuSeconds: number;
}

async function child(): Promise<void> {
  const { openStore } = await import('../store/open.js');
  const { ingest } = await import('../store/ingest.js');
  const { refreshClusters } = await import('../store/clusters.js');
  const store = await openStore(args.store!);
  const workers = args.workers === undefined ? undefined : Number(args.workers);
  const usage = () => ({
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    cpuSeconds: (process.resourceUsage().userCPUTime + process.resourceUsage().systemCPUTime) / 1e6,
  });
  if (args.task === 'ingest') {
    const summary = await ingest(store, [args.file!], { workers });
    await store.close();
    process.stdout.write(JSON.stringify({ seconds: summary.seconds, added: summary.added, skipped: summary.skipped, failed: summary.failed, ...usage() }) + '\n');
    return;
  }
  if (args.task === 'queries') {
    // The web app's queries on this corpus: each run 5 times after a warm-up; the median, in ms.
    const time = async (run: () => Promise<unknown>): Promise<number> => {
      await run();
      const ms: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        await run();
        ms.push(performance.now() - t);
      }
      return ms.sort((a, b) => a - b)[2]!;
    };
    const page = { limit: 20, offset: 0 };
    const some = (await store.searchDocuments({ ...page, offset: 5000 })).documents[0]!;
    const out = {
      'documents, first page by date': await time(() => store.searchDocuments(page)),
      'documents of one outlet': await time(() => store.searchDocuments({ ...page, outlet: some.outlet })),
      'search, a rare word (Kashmir)': await time(() => store.searchDocuments({ ...page, q: 'Kashmir' })),
      'search, a common word (government)': await time(() => store.searchDocuments({ ...page, q: 'government' })),
      'one document with its analysis': await time(() => store.document(some.id, async () => ({}) as never)),
      'corpus stats (counts)': await time(() => store.stats()),
      'clusters (every member)': await time(() => store.clusters()),
      'citation counts (every chain)': await time(() => store.citations()),
    };
    await store.close();
    process.stdout.write(JSON.stringify(out) + '\n');
    return;
  }
  if (args.task === 'cluster') {
    const run = await refreshClusters(store, { full: args.full, force: args.full });
    await store.close();
    process.stdout.write(JSON.stringify({ ...run, ...usage() }) + '\n');
    return;
  }
  const summary = await ingest(store, [args.file!], { workers });
  const clustering = await refreshClusters(store, { force: true });
  if ('checkpoint' in store && typeof store.checkpoint === 'function') store.checkpoint();
  await store.close();
  const size = (f: string): number => (existsSync(f) ? statSync(f).size : 0);
  const out = {
    ingestSeconds: summary.seconds,
    added: summary.added,
    failed: summary.failed,
    claims: clustering.claims,
    clusters: clustering.clusters,
    comparisons: clustering.comparisons,
    clusterSeconds: clustering.seconds,
    // maxRSS is the whole process, worker threads included (kilobytes).
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    // CPU time of all threads: on a machine shared with other work, the rate an idle machine would reach is
    // about articles / (cpuSeconds / cores).
    cpuSeconds: (process.resourceUsage().userCPUTime + process.resourceUsage().systemCPUTime) / 1e6,
    dbMB: (size(args.store!) + size(`${args.store}-wal`)) / (1024 * 1024),
  };
  process.stdout.write(JSON.stringify(out) + '\n');
}

interface RealArticle {
  id: string;
  outlet: string;
  published: string | null;
  text: string;
}

function loadReal(root: string): RealArticle[] {
  const meta = new Map<string, { outlet: string; published: string }>();
  const tsv = join(root, 'polnear', 'metadata.tsv');
  if (existsSync(tsv)) {
    for (const line of readFileSync(tsv, 'utf8').split('\n').slice(1)) {
      const f = line.split('\t');
      if (f.length > 5) meta.set(f[1]!, { outlet: f[4]!, published: f[5]! });
    }
  }
  const out: RealArticle[] = [];
  for (const dir of ['ptc/train-articles', 'polnear/train/text', 'polnear/dev/text']) {
    const full = join(root, dir);
    for (const name of readdirSync(full).filter((f) => f.endsWith('.txt')).sort()) {
      const id = name.replace(/\.txt$/, '');
      const m = meta.get(id);
      out.push({ id, outlet: m?.outlet ?? (dir.startsWith('ptc') ? 'ptc' : 'unknown'), published: m?.published ?? null, text: readFileSync(join(full, name), 'utf8') });
    }
  }
  return out;
}

/** Sentences of the real articles: PTC has one per line; elsewhere split paragraphs at sentence ends. */
function sentencesOf(articles: readonly RealArticle[]): string[] {
  const out: string[] = [];
  for (const a of articles) {
    for (const para of a.text.split(/\n+/)) {
      for (const s of para.split(/(?<=[.!?][”"’']?)\s+(?=[A-Z“"])/)) {
        const t = s.trim();
        if (t.length >= 20 && t.length <= 400) out.push(t);
      }
    }
  }
  return out;
}

function buildCorpus(n: number, real: readonly RealArticle[], sentences: readonly string[], file: string): number {
  const random = rng(20240312);
  // Written in chunks: 100k articles are a few hundred MB of JSON this process need not hold.
  const fd = openSync(file, 'w');
  let lines: string[] = [];
  let bytes = 0;
  const outlets = Array.from({ length: 60 }, (_, i) => `Outlet ${String(i + 1).padStart(2, '0')}`);
  for (let i = 0; i < n; i++) {
    let rec: { id: string; outlet: string; published: string | null; title: string; text: string };
    if (i < real.length) {
      const a = real[i]!;
      rec = { id: a.id, outlet: a.outlet, published: a.published, title: a.text.split('\n')[0]!.slice(0, 200), text: a.text };
    } else {
      const k = 8 + Math.floor(random() * 13);
      const picked = Array.from({ length: k }, () => sentences[Math.floor(random() * sentences.length)]!);
      const paragraphs: string[] = [];
      for (let s = 1; s < picked.length; s += 2) paragraphs.push(picked.slice(s, s + 2).join(' '));
      const day = 1 + Math.floor(random() * 365);
      const date = new Date(Date.UTC(2024, 0, day)).toISOString().slice(0, 10);
      rec = { id: `mixed-${i}`, outlet: outlets[Math.floor(random() * outlets.length)]!, published: date, title: picked[0]!, text: [picked[0]!, ...paragraphs].join('\n\n') };
    }
    bytes += Buffer.byteLength(rec.text);
    lines.push(JSON.stringify(rec));
    if (lines.length === 1000 || i === n - 1) {
      writeSync(fd, lines.join('\n') + '\n');
      lines = [];
    }
  }
  closeSync(fd);
  return bytes / n / 1024;
}

function fmt(n: number, digits = 1): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Runs a child task in a process of its own; resolves with its JSON line and the wall time. */
function task(self: string, argv: string[]): Promise<Record<string, number | boolean> & { wallSeconds: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, [self, '--child', ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    c.stdout.on('data', (b: Buffer) => (out += b.toString()));
    c.stderr.on('data', (b: Buffer) => (err += b.toString()));
    c.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${argv.join(' ')} failed (exit ${code}): ${err.trim().split('\n').slice(-3).join(' ')}`));
      resolve({ ...JSON.parse(out.trim().split('\n').pop()!), wallSeconds: (performance.now() - started) / 1000 });
    });
  });
}

/**
 * The two stores side by side, per size N: SQLite ingested by one process (one analysis thread per core),
 * PostgreSQL by `--processes` processes at once (the cores shared among them), then for each: a full
 * clustering, `--grow` more documents ingested, the clusters updated with them (incremental), and a full
 * re-clustering of the grown corpus for comparison. Each PostgreSQL size gets a database of its own on the
 * server of `--db`, dropped afterwards unless --keep.
 */
async function pgComparison(real: RealArticle[], sentences: string[], sizes: number[]): Promise<void> {
  const pg = (await import('pg')).default;
  const self = fileURLToPath(import.meta.url);
  const processes = Number(args.processes);
  const grow = Number(args.grow);
  if (!Number.isInteger(processes) || processes < 1 || !Number.isInteger(grow) || grow < 1) {
    console.error(`bench:corpus: --processes and --grow must be whole numbers ≥ 1, got "${args.processes}" and "${args.grow}"`);
    process.exit(2);
  }
  const cores = availableParallelism();
  const dir = mkdtempSync(join(tmpdir(), 'claimtrace-bench-pg-'));
  const admin = new pg.Client({ connectionString: args.db });
  await admin.connect();
  const rows: unknown[] = [];
  console.log(`corpus benchmark, SQLite against PostgreSQL: ${cores} cores; SQLite 1 process × ${cores} threads; PostgreSQL ${processes} processes × ${Math.max(1, Math.floor(cores / processes))} threads; grow by ${grow}`);
  console.log('store       articles  ingest s  articles/s  rel. rate   claims  full cluster s  +grow: update s  (incremental)  full again s  update/full');
  try {
    for (const n of sizes) {
      const file = join(dir, `corpus-${n}.jsonl`);
      const more = join(dir, `grow-${n}.jsonl`);
      buildCorpus(n + grow, real, sentences, file);
      // The last `grow` articles go to a file of their own.
      const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
      writeFileSync(file, lines.slice(0, n).join('\n') + '\n');
      writeFileSync(more, lines.slice(n).join('\n') + '\n');
      const database = `claimtrace_bench_${n}_${process.pid}`;
      await admin.query(`DROP DATABASE IF EXISTS ${database}`);
      await admin.query(`CREATE DATABASE ${database}`);
      const url = new URL(args.db!);
      url.pathname = `/${database}`;
      const stores = [
        { name: 'SQLite', store: join(dir, `corpus-${n}.db`), processes: 1, workers: cores },
        { name: 'PostgreSQL', store: url.toString(), processes, workers: Math.max(1, Math.floor(cores / processes)) },
      ];
      let sqliteRate = 0;
      for (const s of stores) {
        const started = performance.now();
        // The schema first, so that the processes do not all wait on the migration lock at their start.
        await task(self, ['--task', 'cluster', '--store', s.store]);
        const ingests = await Promise.all(Array.from({ length: s.processes }, () => task(self, ['--task', 'ingest', '--file', file, '--store', s.store, '--workers', String(s.workers)])));
        const ingestSeconds = (performance.now() - started) / 1000;
        const added = ingests.reduce((sum, r) => sum + Number(r.added), 0);
        const rate = n / ingestSeconds;
        if (s.name === 'SQLite') sqliteRate = rate;
        const full = await task(self, ['--task', 'cluster', '--full', '--store', s.store]);
        await task(self, ['--task', 'ingest', '--file', more, '--store', s.store, '--workers', String(cores)]);
        const update = await task(self, ['--task', 'cluster', '--store', s.store]);
        const again = await task(self, ['--task', 'cluster', '--full', '--store', s.store]);
        const row = {
          store: s.name, articles: n, added, ingestSeconds, rate, relativeRate: rate / sqliteRate, claims: full.claims,
          fullSeconds: full.seconds, updateSeconds: update.seconds, incremental: update.incremental, fullAgainSeconds: again.seconds,
          updateShare: Number(update.seconds) / Number(again.seconds), clusters: again.clusters, clustersAfterUpdate: update.clusters,
        };
        rows.push(row);
        console.log(
          [
            s.name.padEnd(10),
            String(n).padStart(9),
            fmt(ingestSeconds).padStart(9),
            fmt(rate).padStart(11),
            fmt(row.relativeRate, 2).padStart(10),
            String(full.claims).padStart(8),
            fmt(Number(full.seconds), 2).padStart(15),
            fmt(Number(update.seconds), 2).padStart(17),
            String(update.incremental).padStart(14),
            fmt(Number(again.seconds), 2).padStart(13),
            fmt(row.updateShare, 3).padStart(12),
          ].join(' ') + (added !== n ? `  (${added} stored)` : ''),
        );
      }
      if (!args.keep) await admin.query(`DROP DATABASE IF EXISTS ${database}`);
      else console.log(`kept database ${database}`);
    }
  } finally {
    await admin.end();
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  }
  if (args.json) console.log(JSON.stringify({ sizes: rows }));
}

async function main(): Promise<void> {
  if (args.child) return child();
  const sizes = args.sizes.split(',').map(Number);
  if (sizes.some((s) => !Number.isInteger(s) || s <= 0)) {
    console.error(`bench:corpus: --sizes must be positive whole numbers separated by commas, got "${args.sizes}"`);
    process.exit(2);
  }
  const root = resolve(process.cwd(), args.data);
  if (!existsSync(join(root, 'polnear')) || !existsSync(join(root, 'ptc'))) {
    console.error(`bench:corpus: data folder not found under ${root} (use --data DIR to point at the shared data root)`);
    process.exit(2);
  }
  const real = loadReal(root);
  const sentences = sentencesOf(real);
  if (args.db) {
    if (!/^postgres(ql)?:\/\//.test(args.db)) {
      console.error(`bench:corpus: --db must be a postgres:// URL (SQLite is measured beside it), got "${args.db}"`);
      process.exit(2);
    }
    return pgComparison(real, sentences, sizes);
  }
  const dir = mkdtempSync(join(tmpdir(), 'claimtrace-bench-corpus-'));
  const self = fileURLToPath(import.meta.url);
  const rows: Figures[] = [];
  if (!args.json) {
    console.log(`corpus benchmark: ${real.length} real articles, ${sentences.length} sentences to mix; workers ${args.workers ?? 'one per core'}`);
    console.log('articles  avg KB  ingest s  articles/s  CPU ms/article    claims  clusters  comparisons/claim  cluster s  µs/claim  peak RSS MB  DB MB');
  }
  try {
    for (const n of sizes) {
      const file = join(dir, `corpus-${n}.jsonl`);
      const db = join(dir, `corpus-${n}.db`);
      const avgKB = buildCorpus(n, real, sentences, file);
      const childArgs = [self, '--child', '--file', file, '--store', db, ...(args.workers ? ['--workers', args.workers] : [])];
      const r = spawnSync(process.execPath, childArgs, { encoding: 'utf8', maxBuffer: 1 << 26 });
      if (r.status !== 0) {
        console.error(`bench:corpus: N=${n} failed (exit ${r.status}): ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
        process.exit(1);
      }
      const c = JSON.parse(r.stdout.trim().split('\n').pop()!) as Omit<Figures, 'articles' | 'avgKB' | 'rate'>;
      const row: Figures = { articles: n, avgKB, rate: n / c.ingestSeconds, ...c };
      rows.push(row);
      if (!args.json) {
        console.log(
          [
            String(n).padStart(8),
            fmt(avgKB).padStart(7),
            fmt(row.ingestSeconds).padStart(9),
            fmt(row.rate).padStart(11),
            fmt((row.cpuSeconds * 1000) / n).padStart(15),
            String(row.claims).padStart(9),
            String(row.clusters).padStart(9),
            fmt(row.comparisons / Math.max(1, row.claims), 2).padStart(18),
            fmt(row.clusterSeconds, 2).padStart(10),
            fmt((row.clusterSeconds * 1e6) / Math.max(1, row.claims), 2).padStart(9),
            fmt(row.peakRssMB, 0).padStart(12),
            fmt(row.dbMB).padStart(6),
          ].join(' ') + (row.failed > 0 ? `  (${row.failed} failed)` : ''),
        );
      }
      if (!args.keep) rmSync(file, { force: true }), rmSync(db, { force: true }), rmSync(`${db}-wal`, { force: true }), rmSync(`${db}-shm`, { force: true });
    }
  } finally {
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  }
  if (args.json) console.log(JSON.stringify({ sizes: rows }));
}

await main();
