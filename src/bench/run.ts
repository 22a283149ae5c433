/**
 * Throughput benchmark: `npm run bench [-- --data DIR] [-- --limit N] [-- --passes N] [-- --json]`.
 *
 * What is measured: the full `analyze(text, { format: 'text' })` against a baseline of wink-nlp's bare
 * tokenize+tag pass (`readDoc` and reading every token's POS, so tagging really runs), plus
 * `segment()` alone (the pipeline's first heavy stage) for a per-stage breakdown. All three run in the
 * same process over the same in-memory texts, in alternating timed passes so drift (thermal, GC,
 * background load, garbage left by the previous phase) hits each alike; the median pass is reported.
 * The headline figure is the ratio analyze / baseline throughput: the baseline is measured in the same
 * run, so machine speed cancels out and figures compare across machines. No assertions: this only
 * reports. Memory is process-wide (RSS never shrinks much), sampled after each pass of a phase.
 *
 * Corpus: every .txt of ptc/train-articles and polnear/{train,dev}/text under the shared data root
 * (default ../shared/data from the working directory). File reading is not timed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { analyze } from '../pipeline.js';
import { getNlp, segment } from '../segment/segment.js';

const CORPORA = ['ptc/train-articles', 'polnear/train/text', 'polnear/dev/text'];
const WARMUP_FILES = 50;

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data' },
    limit: { type: 'string' },
    passes: { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
  },
});
const limit = args.limit === undefined ? Infinity : Number(args.limit);
const passes = Number(args.passes);
if (!(limit > 0) || !(Number.isInteger(passes) && passes > 0)) {
  console.error('bench: --limit and --passes must be positive integers');
  process.exit(2);
}

// Load the corpus into memory.
const root = resolve(process.cwd(), args.data);
const missing = CORPORA.map((c) => join(root, c)).filter((dir) => !existsSync(dir));
if (missing.length > 0) {
  console.error(`bench: data folder not found: ${missing.join(', ')} (use --data DIR to point at the shared data root)`);
  process.exit(2);
}
const files = CORPORA.flatMap((c) =>
  readdirSync(join(root, c))
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => join(root, c, f)),
).slice(0, limit);
const texts = files.map((f) => readFileSync(f, 'utf8'));
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);

const nlp = getNlp();
const tokenCount = texts.reduce(
  (n, t) => n + (nlp.readDoc(t).tokens().out(nlp.its.pos) as string[]).filter((p) => p !== 'SPACE').length,
  0,
);

// The measured phases. `sink` keeps every result observably used.
let sink = 0;
const phases = {
  wink: (t: string) => (sink += nlp.readDoc(t).tokens().out(nlp.its.pos).length),
  segment: (t: string) => (sink += segment(t).tokens.length),
  analyze: (t: string) => (sink += analyze(t, { format: 'text' }).claims.length),
};
type Phase = keyof typeof phases;
const names = Object.keys(phases) as Phase[];

const times: Record<Phase, number[]> = { wink: [], segment: [], analyze: [] };
const peak: Record<Phase, { rss: number; heap: number }> = {
  wink: { rss: 0, heap: 0 },
  segment: { rss: 0, heap: 0 },
  analyze: { rss: 0, heap: 0 },
};

for (const name of names) texts.slice(0, WARMUP_FILES).forEach(phases[name]);
for (let pass = 0; pass < passes; pass++) {
  // Rotate the order each pass so no phase always pays for the garbage of the same predecessor.
  for (let i = 0; i < names.length; i++) {
    const name = names[(i + pass) % names.length]!;
    const run = phases[name];
    const start = process.hrtime.bigint();
    for (const t of texts) run(t);
    times[name].push(Number(process.hrtime.bigint() - start) / 1e6);
    const mem = process.memoryUsage();
    peak[name].rss = Math.max(peak[name].rss, mem.rss);
    peak[name].heap = Math.max(peak[name].heap, mem.heapUsed);
  }
}
if (sink < 0) console.log(sink);

// Report.
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const MB = 1024 * 1024;
const stats = Object.fromEntries(
  names.map((name) => {
    const ms = median(times[name]);
    return [
      name,
      {
        mbPerS: bytes / MB / (ms / 1000),
        tokensPerS: tokenCount / (ms / 1000),
        medianMs: ms,
        passesMs: times[name],
        peakRssMB: peak[name].rss / MB,
        heapUsedMB: peak[name].heap / MB,
      },
    ];
  }),
) as Record<Phase, { mbPerS: number; tokensPerS: number; medianMs: number; passesMs: number[]; peakRssMB: number; heapUsedMB: number }>;
const ratio = stats.wink.medianMs / stats.analyze.medianMs;
const memRatio = { rss: stats.analyze.peakRssMB / stats.wink.peakRssMB, heap: stats.analyze.heapUsedMB / stats.wink.heapUsedMB };

if (args.json) {
  console.log(JSON.stringify({ corpus: { files: texts.length, mb: bytes / MB, tokens: tokenCount }, passes, ...stats, ratio, memRatio }));
} else {
  const int = (n: number) => Math.round(n).toLocaleString('en-US');
  const row = (label: string, s: (typeof stats)[Phase]) =>
    `${label.padEnd(22)} ${s.mbPerS.toFixed(2).padStart(6)} ${int(s.tokensPerS).padStart(11)} ${int(s.medianMs).padStart(11)}` +
    ` ${s.peakRssMB.toFixed(0).padStart(9)} ${s.heapUsedMB.toFixed(0).padStart(9)}`;
  const rest = stats.analyze.medianMs - stats.segment.medianMs;
  console.log(`corpus: ${texts.length} files, ${(bytes / MB).toFixed(1)} MB, ${int(tokenCount)} tokens; median of ${passes} passes`);
  console.log(`${''.padEnd(22)} ${'MB/s'.padStart(6)} ${'tokens/s'.padStart(11)} ${'median ms'.padStart(11)} ${'RSS MB'.padStart(9)} ${'heap MB'.padStart(9)}`);
  console.log(row('wink tokenize+tag', stats.wink));
  console.log(row('claimtrace segment()', stats.segment));
  console.log(row('claimtrace analyze', stats.analyze));
  console.log(`ratio (analyze / wink): ${ratio.toFixed(2)}x   (goal: >= 1.00x)`);
  console.log(`memory (analyze / wink): RSS ${memRatio.rss.toFixed(2)}x, heap used ${memRatio.heap.toFixed(2)}x`);
  console.log(
    `analyze time: segment ${int(stats.segment.medianMs)} ms (${pct(stats.segment.medianMs)}; wink itself ${pct(stats.wink.medianMs)}),` +
      ` rest of pipeline ${int(rest)} ms (${pct(rest)})`,
  );
}

function pct(ms: number): string {
  return `${((100 * ms) / stats.analyze.medianMs).toFixed(0)}%`;
}
