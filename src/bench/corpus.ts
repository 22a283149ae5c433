/**
 * Corpus benchmark: `npm run bench:corpus [-- --sizes 1000,10000,100000] [-- --data DIR] [-- --workers N] [-- --json]`.
 *
 * For each N it writes a JSON Lines corpus of N articles built from the real texts in the shared data
 * (ptc/train-articles, polnear/{train,dev}/text: the real articles first, then articles mixed from their
 * sentences — 8 to 20 sentences from random articles, seeded — to reach N), then runs, in a fresh child
 * process each, the same ingest as `claimtrace corpus ingest` (worker threads, batched transactions) and
 * the clustering of all claims. It reports ingest rate, clustering time (and per claim, so growth beyond
 * linear is visible), peak RSS of the child (all its threads) and the database size. Nothing is asserted.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
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
    // Internal: run one measurement in this process.
    child: { type: 'boolean', default: false },
    file: { type: 'string' },
    db: { type: 'string' },
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
  const store = await openStore(args.db!);
  const workers = args.workers === undefined ? undefined : Number(args.workers);
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
    dbMB: (size(args.db!) + size(`${args.db}-wal`)) / (1024 * 1024),
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
      const childArgs = [self, '--child', '--file', file, '--db', db, ...(args.workers ? ['--workers', args.workers] : [])];
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
