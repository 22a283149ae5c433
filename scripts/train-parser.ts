/**
 * Trains claimtrace's syntactic models on UD English EWT train + GUM train and writes them to src/models:
 * for now the UPOS tagger (src/models/pos.json); the dependency parser is to follow. Documents of the
 * internal test split (src/eval/splits.ts, by file name) are not trained on; accuracy is printed on it and on
 * both dev files. Reproducible: files in sorted order, fixed seed.
 * Run: npm run train:parser [-- --data ../shared/data/ud --epochs 8 --buckets 65536]
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseConllu, type UdSentence } from '../src/syntax/conllu.js';
import { posFeatures, tagUpos, UPOS } from '../src/syntax/pos.js';
import { serialize, train } from '../src/annotate/tagger/perceptron.js';
import { splitOf } from '../src/eval/splits.js';
import { fingerprint, specFor } from './fingerprint.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data/ud' },
    epochs: { type: 'string', default: '8' },
    seed: { type: 'string', default: '20141001' },
    buckets: { type: 'string', default: String(1 << 16) },
    out: { type: 'string', default: 'src/models/pos.json' },
  },
});
const root = path.resolve(values.data!);
const trainDirs = ['ewt/train', 'gum/train'].map((d) => path.join(root, d));
if (!trainDirs.every(existsSync)) {
  console.error(`train:parser: ${trainDirs.join(' and ')} not found (use --data DIR)`);
  process.exit(2);
}
const read = (file: string): UdSentence[] => parseConllu(readFileSync(file, 'utf8'), path.relative(root, file));
const files = trainDirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.conllu')).sort().map((f) => path.join(d, f)));
const trainSet = files.filter((f) => splitOf(path.basename(f)) !== 'internal-test').flatMap(read);
const internal = files.filter((f) => splitOf(path.basename(f)) === 'internal-test').flatMap(read);
const buckets = Number(values.buckets);
const label = new Map(UPOS.map((u, i) => [u as string, i]));
const t0 = Date.now();
const data = trainSet.map((s) => ({ seq: posFeatures(s.words.map((w) => w.form), buckets), gold: Int32Array.from(s.words, (w) => label.get(w.upos) ?? label.get('X')!) }));
console.log(`${trainSet.length} sentences, ${data.reduce((n, d) => n + d.seq.length, 0)} words to train on; ${internal.length} sentences held out (internal test)`);
const model = train(UPOS, buckets, data, {
  epochs: Number(values.epochs),
  seed: Number(values.seed),
  onEpoch: (e, errors, n) => console.log(`epoch ${e + 1}: ${((100 * errors) / n).toFixed(2)}% word errors`),
});

const accuracy = (sentences: readonly UdSentence[]): number => {
  let right = 0;
  let all = 0;
  for (const s of sentences) {
    const tags = tagUpos(s.words.map((w) => w.form), model);
    s.words.forEach((w, i) => {
      all++;
      if (tags[i] === w.upos) right++;
    });
  }
  return right / Math.max(1, all);
};
const report = [
  ['EWT dev', read(path.join(root, 'ewt/en_ewt-ud-dev.conllu'))],
  ['GUM dev', read(path.join(root, 'gum/en_gum-ud-dev.conllu'))],
  ['internal test', internal],
] as const;
for (const [name, sentences] of report) console.log(`UPOS accuracy, ${name}: ${(100 * accuracy(sentences)).toFixed(2)}%`);

const serialized = serialize(model, 0.05);
const out = {
  source:
    `Averaged structured perceptron trained by scripts/train-parser.ts on UD English EWT train (CC BY-SA 4.0; Silveira et al. 2014) and GUM train ` +
    `(CC BY 4.0, reddit documents under GUM's terms; Zeldes 2017), all but the internal test split: ${trainSet.length} sentences; ${values.epochs} epochs, seed ${values.seed}. ` +
    'Features: word, affixes, shape, GloVe word clusters (src/lexicons/word-clusters.json), two words either side.',
  fingerprint: fingerprint(specFor('src/models/pos.json'), path.dirname(root)),
  ...serialized,
};
writeFileSync(values.out!, JSON.stringify(out) + '\n');
console.log(`wrote ${values.out} (${(JSON.stringify(out).length / 1e6).toFixed(1)} MB) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
