/**
 * Throughput benchmark: `npm run bench [-- --data DIR] [-- --limit N] [-- --passes N] [-- --json]`.
 *
 * What is measured: the full `analyze(text, { format: 'text' })` against a baseline of wink-nlp's bare
 * tokenize+tag pass (`readDoc` and reading every token's POS, so tagging really runs), plus
 * `segment()` alone (the pipeline's first heavy stage) for a per-stage breakdown. All three run in the
 * same process over the same in-memory texts, alternating chunk by chunk so drift (thermal, GC,
 * background load) hits each alike; the median of several passes is reported.
 * The headline figure is the ratio analyze / baseline throughput: the baseline is measured in the same
 * run, so machine speed cancels out and figures compare across machines. No assertions: this only
 * reports.
 *
 * Corpus: every .txt of ptc/train-articles and polnear/{train,dev}/text under the shared data root
 * (default ../shared/data from the working directory). File reading is not timed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { analyze } from '../pipeline.js';
import { getNlp, segment } from '../segment/segment.js';
import { tagUpos, tagUposRanked } from '../syntax/pos.js';
import { parserShipped } from '../syntax/index.js';
import { parseWith } from '../syntax/parser.js';

const CORPORA = ['ptc/train-articles', 'polnear/train/text', 'polnear/dev/text'];
const CHUNK_FILES = 25;

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
if (!(limit === Infinity || (Number.isInteger(limit) && limit > 0)) || !(Number.isInteger(passes) && passes > 0)) {
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
if (texts.length === 0) {
  console.error(`bench: no .txt files under ${root}`);
  process.exit(2);
}
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);

// Each text's sentences as words, and their tags, for timing the tagger and the parser on their own.
const sentencesOf = new Map<string, Array<{ words: string[]; tags: string[]; runnerUp: string[] }>>();
for (const t of texts) {
  const { sentences, tokens } = segment(t);
  sentencesOf.set(
    t,
    sentences.map((s) => {
      const words = tokens.slice(s.tokenStart, s.tokenEnd).map((k) => t.slice(k.start, k.end));
      return { words, ...tagUposRanked(words) };
    }),
  );
}
const parser = parserShipped();

// The measured phases. `sink` keeps every result observably used.
const nlp = getNlp();
let sink = 0;
const phases = {
  wink: (t: string) => (sink += nlp.readDoc(t).tokens().out(nlp.its.pos).length),
  segment: (t: string) => (sink += segment(t).tokens.length),
  tagger: (t: string) => {
    for (const s of sentencesOf.get(t)!) sink += tagUpos(s.words).length;
  },
  parser: (t: string) => {
    for (const s of sentencesOf.get(t)!) sink += parseWith(parser, s.words, s.tags, s.runnerUp).heads.length;
  },
  rules: (t: string) => (sink += analyze(t, { format: 'text', tagger: false }).claims.length),
  noTechniques: (t: string) => (sink += analyze(t, { format: 'text', techniques: false }).claims.length),
  noEntities: (t: string) => (sink += analyze(t, { format: 'text', entities: false }).claims.length),
  analyze: (t: string) => (sink += analyze(t, { format: 'text', onStage: timeStage }).claims.length),
};
// Each stage's time within the full analysis (the pipeline's own clock), summed over every pass.
const stageMs = new Map<string, number>();
function timeStage(stage: string, ms: number): void {
  stageMs.set(stage, (stageMs.get(stage) ?? 0) + ms);
}
type Phase = keyof typeof phases;
const names = Object.keys(phases) as Phase[];

const tokenCount = texts.reduce(
  (n, t) => n + (nlp.readDoc(t).tokens().out(nlp.its.pos) as string[]).filter((p) => p !== 'SPACE').length,
  0,
);

// Memory, untimed: each phase over the whole corpus in turn, sampled after every document. RSS is
// process-wide and rarely shrinks, so a later phase's peak includes the earlier ones'.
const peak = {} as Record<Phase, { rss: number; heap: number }>;
for (const name of names) {
  peak[name] = { rss: 0, heap: 0 };
  for (const t of texts) {
    phases[name](t);
    const mem = process.memoryUsage();
    peak[name].rss = Math.max(peak[name].rss, mem.rss);
    peak[name].heap = Math.max(peak[name].heap, mem.heapUsed);
  }
}

// Time: each pass walks the corpus in chunks and runs every phase on a chunk before moving on, rotating
// the order, so load changes on a shared machine (and garbage left by the previous phase) hit all alike.
// The memory pass above was the warm-up.
const times = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<Phase, number[]>;
let turn = 0;
for (let pass = 0; pass < passes; pass++) {
  const total = Object.fromEntries(names.map((n) => [n, 0])) as Record<Phase, number>;
  for (let c = 0; c < texts.length; c += CHUNK_FILES) {
    const chunk = texts.slice(c, c + CHUNK_FILES);
    turn++;
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + turn) % names.length]!;
      const run = phases[name];
      const start = process.hrtime.bigint();
      for (const t of chunk) run(t);
      total[name] += Number(process.hrtime.bigint() - start) / 1e6;
    }
  }
  for (const name of names) times[name].push(total[name]);
}
if (sink < 0) console.log(sink);

// Report.
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const MB = 1e6; // decimal megabytes of UTF-8
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
const segmentRatio = stats.segment.medianMs / stats.wink.medianMs;
const memRatio = { rss: stats.analyze.peakRssMB / stats.wink.peakRssMB, heap: stats.analyze.heapUsedMB / stats.wink.heapUsedMB };

if (args.json) {
  const clocked = [...stageMs.values()].reduce((n, ms) => n + ms, 0);
  const checkworthinessShare = (stageMs.get('checkworthiness') ?? 0) / clocked;
  console.log(JSON.stringify({ corpus: { files: texts.length, mb: bytes / MB, tokens: tokenCount }, passes, ...stats, ratio, segmentRatio, memRatio, checkworthinessShare }));
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
  console.log(row('  its tagger alone', stats.tagger));
  console.log(row('  its parser alone', stats.parser));
  console.log(row('analyze, rules only', stats.rules));
  console.log(row('analyze, no techniques', stats.noTechniques));
  // The technique stage alone: full analyze minus analyze without it (same run, same texts).
  const techniquesMs = stats.analyze.medianMs - stats.noTechniques.medianMs;
  console.log(
    `${'techniques (stage)'.padEnd(22)} ${(bytes / MB / (techniquesMs / 1000)).toFixed(2).padStart(6)} ${int(tokenCount / (techniquesMs / 1000)).padStart(11)} ${int(techniquesMs).padStart(11)}`,
  );
  // Actors and allegations (stage 4b) alone, the same way.
  const entitiesMs = stats.analyze.medianMs - stats.noEntities.medianMs;
  console.log(
    `${'entities+relations'.padEnd(22)} ${(bytes / MB / (entitiesMs / 1000)).toFixed(2).padStart(6)} ${int(tokenCount / (entitiesMs / 1000)).padStart(11)} ${int(entitiesMs).padStart(11)}`,
  );
  console.log(row('claimtrace analyze', stats.analyze));
  // A stage timed by the pipeline's clock, as a share of the whole analysis on the same clock.
  const clocked = [...stageMs.values()].reduce((n, ms) => n + ms, 0);
  const cw = stageMs.get('checkworthiness') ?? 0;
  console.log(`check-worthiness stage: ${((cw / clocked) * 100).toFixed(1)} % of analyze (its own clock; goal: < 5 %)`);
  console.log(`ratio (analyze / wink): ${ratio.toFixed(2)}x   (goal: >= 1.00x)`);
  console.log(`segment stage with the parse / wink's pass, time: ${segmentRatio.toFixed(2)}x   (goal: <= 1.00x)`);
  console.log(`memory (analyze / wink): RSS ${memRatio.rss.toFixed(2)}x, heap used ${memRatio.heap.toFixed(2)}x`);
  console.log(
    `analyze time: segment ${int(stats.segment.medianMs)} ms (${pct(stats.segment.medianMs)}; wink itself ${pct(stats.wink.medianMs)}),` +
      ` attribution tagger ${int(stats.analyze.medianMs - stats.rules.medianMs)} ms (${pct(stats.analyze.medianMs - stats.rules.medianMs)}),` +
      ` techniques ${int(stats.analyze.medianMs - stats.noTechniques.medianMs)} ms (${pct(stats.analyze.medianMs - stats.noTechniques.medianMs)}),` +
      ` entities+relations ${int(entitiesMs)} ms (${pct(entitiesMs)}),` +
      ` rest of pipeline ${int(rest - (stats.analyze.medianMs - stats.rules.medianMs) - (stats.analyze.medianMs - stats.noTechniques.medianMs) - entitiesMs)} ms`,
  );
}

function pct(ms: number): string {
  return `${((100 * ms) / stats.analyze.medianMs).toFixed(0)}%`;
}
