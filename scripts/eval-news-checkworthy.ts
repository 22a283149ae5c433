/**
 * Check-worthiness on news: 299 sentences of 11 articles (6 from PTC's internal test split, 5 from PolNeAR
 * dev) labelled by hand with the CLEF guideline's question, "would the public be interested in knowing
 * whether it is true?" (test/fixtures/checkworthy-news/labels.tsv holds offsets and labels, not the text,
 * which stays in ../shared). Each article is analysed as `claimtrace analyze` does; a sentence scores its
 * most check-worthy claim (0 without one); each article is ranked on its own, as CLEF ranks a debate.
 * Chance is the mean of 1,000 seeded random rankings of the same sentences.
 *
 *   npx tsx scripts/eval-news-checkworthy.ts [--data ../shared/data] [--model FILE] [--json]
 *
 * --model scores with another model file (the words-only baseline: train:checkworthy -- --baseline --out FILE).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { evalNewsCheckworthy } from '../src/cli/eval.js';
import { checkworthyReport, parseNewsLabels } from '../src/eval/checkworthy.js';
import { deserializeModel, type SerializedCheckworthinessModel } from '../src/rank/model.js';
import { rng } from '../src/annotate/tagger/perceptron.js';

const { values } = parseArgs({ options: { data: { type: 'string', default: '../shared/data' }, model: { type: 'string' }, json: { type: 'boolean', default: false } } });
const labelsFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test/fixtures/checkworthy-news/labels.tsv');
const model = values.model ? deserializeModel(JSON.parse(readFileSync(values.model, 'utf8')) as SerializedCheckworthinessModel) : undefined;
const report = evalNewsCheckworthy(labelsFile, values.data!, model);

// Chance: the same sentences ranked at random, 1,000 times with a fixed seed.
const labels = parseNewsLabels(readFileSync(labelsFile, 'utf8'), 'labels.tsv');
const docs = Object.keys(report.documents).map((name) => ({ name, labels: labels.filter((l) => path.basename(l.file).replace(/\.txt$/, '') === name).map((l) => l.label) }));
const random = rng(1);
let chance = 0;
for (let k = 0; k < 1000; k++) chance += checkworthyReport(docs.map((d) => ({ ...d, scores: d.labels.map(() => random()) }))).map / 1000;

if (values.json) console.log(JSON.stringify({ ...report, chance: Math.round(chance * 10000) / 10000 }));
else {
  for (const [name, s] of Object.entries(report.documents)) console.log(`  ${name.slice(0, 44).padEnd(44)} AP ${s.ap.toFixed(4)}  P@5 ${s.p5.toFixed(2)}  (${s.positives}/${s.lines})`);
  const positives = Object.values(report.documents).reduce((n, d) => n + d.positives, 0);
  const lines = Object.values(report.documents).reduce((n, d) => n + d.lines, 0);
  console.log(`news, ${docs.length} articles, ${lines} sentences, ${positives} check-worthy: MAP ${report.map.toFixed(4)}  R-prec ${report.rPrecision.toFixed(4)}  P@5 ${report.p5.toFixed(4)}  P@10 ${report.p10.toFixed(4)}`);
  console.log(`  random rankings (mean of 1,000): MAP ${chance.toFixed(4)}`);
}
