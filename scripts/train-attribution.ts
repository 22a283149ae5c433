/**
 * Trains the attribution tagger on PolNeAR train and writes src/models/attribution.json.
 * Reproducible: fixed seed, files in sorted order, first annotator of each article.
 * Run: npm run train:attribution [-- --data ../shared/data/polnear --epochs 12 --buckets 131072]
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { prepareAttribution } from '../src/pipeline.js';
import { buildContext, LABELS } from '../src/annotate/tagger/features.js';
import { goldCharRoles, goldLabels } from '../src/annotate/tagger/gold.js';
import { featureSequence, paragraphRanges } from '../src/annotate/tagger/tagger.js';
import { firstAnnotations } from '../src/eval/brat.js';
import { serialize, train } from '../src/annotate/tagger/perceptron.js';
import { fingerprint, specFor } from './fingerprint.js';
import { splitOf } from '../src/eval/splits.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data/polnear' },
    epochs: { type: 'string', default: '12' },
    seed: { type: 'string', default: '20161108' },
    buckets: { type: 'string', default: String(1 << 17) },
    out: { type: 'string', default: 'src/models/attribution.json' },
  },
});
const trainDir = path.join(values.data!, 'train');
if (!existsSync(trainDir)) {
  console.error(`train:attribution: ${trainDir} not found`);
  process.exit(2);
}
const buckets = Number(values.buckets);
const epochs = Number(values.epochs);
const seed = Number(values.seed);

// The internal test split (src/eval/splits.ts) is never trained on: `claimtrace eval attribution --split internal-test` scores it.
const first = firstAnnotations(readdirSync(path.join(trainDir, 'attributions'))).filter(([name]) => splitOf(name) !== 'internal-test');
const data: Array<{ seq: Int32Array[]; gold: Int32Array }> = [];
let tokens = 0;
const t0 = Date.now();
for (const [name, file] of first) {
  const text = readFileSync(path.join(trainDir, 'text', `${name}.txt`), 'utf8');
  const gold = goldCharRoles(readFileSync(path.join(trainDir, 'attributions', file), 'utf8'), text);
  const p = prepareAttribution(text);
  const ctx = buildContext(text, p.tokens, p.sentences, p.quotes, p.rules, p.lexicons);
  for (const [from, to] of paragraphRanges(p.tokens, p.paragraphs)) {
    data.push({ seq: featureSequence(ctx, from, to, buckets), gold: goldLabels(p.tokens, from, to, gold) });
    tokens += to - from;
  }
}
console.log(`${first.length} articles, ${data.length} paragraphs, ${tokens} tokens; features in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
const model = train(LABELS, buckets, data, {
  epochs,
  seed,
  onEpoch: (e, errors, n) => console.log(`epoch ${e + 1}: ${errors} token errors (${((100 * errors) / n).toFixed(2)}%)`),
});
const serialized = serialize(model, 0.05);
const meta = {
  source: `Averaged perceptron trained by scripts/train-attribution.ts on PolNeAR v1.0 train (Newell, Margolin & Ruths, LREC 2018), ${first.length} articles (all but the internal test split), first annotator; ${epochs} epochs, seed ${seed}.`,
  // What it was trained from: test/model-fingerprints.test.ts fails when this no longer matches HEAD.
  fingerprint: fingerprint(specFor('src/models/attribution.json'), path.dirname(path.resolve(values.data!))),
  labels: LABELS,
};
writeFileSync(values.out!, JSON.stringify({ ...meta, ...serialized }) + '\n');
console.log(`wrote ${values.out} (${(JSON.stringify(serialized).length / 1e6).toFixed(1)} MB, ${serialized.index.length} index chars) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
