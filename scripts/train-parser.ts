/**
 * Trains claimtrace's syntactic models on UD English EWT train + GUM train and writes them to src/models:
 * the UPOS tagger (pos.json) and the dependency parser (parser.json). The parser learns from the tags it
 * will see at run time: each training document is tagged by a tagger trained on the other folds
 * (jackknifing, four folds by file), so tagging errors are in its training data as they are in use.
 * Documents of the internal test split (src/eval/splits.ts, by file name) are not trained on; scores are
 * printed on it and on both dev files. Reproducible: files in sorted order, fixed seeds.
 *
 * Run: npm run train:parser [-- --data ../shared/data/ud] [-- --model pos|parser --out FILE]
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseConllu, type UdSentence } from '../src/syntax/conllu.js';
import { posFeatures, posModelShipped, tagUpos, tagUposRanked, UPOS } from '../src/syntax/pos.js';
import { type PerceptronModel, serialize, train } from '../src/annotate/tagger/perceptron.js';
import { serializeParser } from '../src/syntax/index.js';
import { parseWith, type ParserModel } from '../src/syntax/parser.js';
import { type GoldSentence, trainParser } from '../src/syntax/parser-train.js';
import { scoreOnGoldWords } from '../src/eval/parse.js';
import { splitOf } from '../src/eval/splits.js';
import { fingerprint, specFor } from './fingerprint.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data/ud' },
    model: { type: 'string', default: 'both' },
    out: { type: 'string' },
  },
});
const SETTINGS = {
  pos: { epochs: 10, seed: 20141001, buckets: 1 << 17, minWeight: 0.05 },
  jackknife: { folds: 4, epochs: 5 },
  parser: { epochs: 8, seed: 20130601, actionBuckets: 1 << 19, relationBuckets: 1 << 14, explore: 0.9 },
};
const which = values.model!;
if (!['both', 'pos', 'parser'].includes(which)) {
  console.error(`train:parser: --model must be pos, parser or both, got "${which}"`);
  process.exit(2);
}
if (values.out && which === 'both') {
  console.error('train:parser: --out FILE needs --model pos or --model parser');
  process.exit(2);
}
const root = path.resolve(values.data!);
const trainDirs = ['ewt/train', 'gum/train'].map((d) => path.join(root, d));
if (!trainDirs.every(existsSync)) {
  console.error(`train:parser: ${trainDirs.join(' and ')} not found (use --data DIR)`);
  process.exit(2);
}
const read = (file: string): UdSentence[] => parseConllu(readFileSync(file, 'utf8'), path.relative(root, file));
const files = trainDirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.conllu')).sort().map((f) => path.join(d, f)));
const trainFiles = files.filter((f) => splitOf(path.basename(f)) !== 'internal-test');
const byFile = trainFiles.map(read);
const trainSet = byFile.flat();
const internal = files.filter((f) => splitOf(path.basename(f)) === 'internal-test').flatMap(read);
const dev = [
  ['EWT dev', read(path.join(root, 'ewt/en_ewt-ud-dev.conllu'))],
  ['GUM dev', read(path.join(root, 'gum/en_gum-ud-dev.conllu'))],
  ['internal test', internal],
] as const;
const t0 = Date.now();
const seconds = () => ((Date.now() - t0) / 1000).toFixed(1);
const label = new Map(UPOS.map((u, i) => [u as string, i]));
const licences =
  'UD English EWT train (CC BY-SA 4.0; Silveira et al. 2014) and GUM train (CC BY 4.0, reddit documents under GUM\'s terms; Zeldes 2017)';
console.log(`${trainSet.length} sentences, ${trainSet.reduce((n, s) => n + s.words.length, 0)} words to train on; ${internal.length} sentences held out (internal test)`);

function trainTagger(sentences: readonly UdSentence[], epochs: number, log: boolean): PerceptronModel {
  const { buckets, seed } = SETTINGS.pos;
  const data = sentences.map((s) => ({ seq: posFeatures(s.words.map((w) => w.form), buckets), gold: Int32Array.from(s.words, (w) => label.get(w.upos) ?? label.get('X')!) }));
  return train(UPOS, buckets, data, {
    epochs,
    seed,
    onEpoch: log ? (e, errors, n) => console.log(`tagger epoch ${e + 1}: ${((100 * errors) / n).toFixed(2)}% word errors`) : undefined,
  });
}

const write = (file: string, content: object): void => {
  const json = JSON.stringify(content) + '\n';
  writeFileSync(file, json);
  console.log(`wrote ${file} (${(json.length / 1e6).toFixed(1)} MB) at ${seconds()} s`);
};

let tagger: PerceptronModel = posModelShipped();
if (which !== 'parser') {
  tagger = trainTagger(trainSet, SETTINGS.pos.epochs, true);
  for (const [name, sentences] of dev) {
    const s = scoreOnGoldWords(sentences, (words) => ({ upos: tagUpos(words, tagger), heads: [], relations: [] }));
    console.log(`UPOS accuracy, ${name}: ${(100 * s.upos).toFixed(2)}%`);
  }
  write(values.out ?? 'src/models/pos.json', {
    source:
      `Averaged structured perceptron trained by scripts/train-parser.ts on ${licences}, all but the internal test split: ${trainSet.length} sentences; ` +
      `${SETTINGS.pos.epochs} epochs, seed ${SETTINGS.pos.seed}. Features: word, affixes, shape, GloVe word clusters (src/lexicons/word-clusters.json), two words either side.`,
    fingerprint: fingerprint(specFor('src/models/pos.json'), path.dirname(root)),
    ...serialize(tagger, SETTINGS.pos.minWeight),
  });
}

if (which !== 'pos') {
  // Jackknifed tags: each fold of files tagged by a tagger that never saw it.
  const { folds, epochs } = SETTINGS.jackknife;
  const tags: Array<Array<{ tags: string[]; runnerUp: string[] }>> = byFile.map(() => []);
  for (let k = 0; k < folds; k++) {
    const m = trainTagger(byFile.filter((_, i) => i % folds !== k).flat(), epochs, false);
    byFile.forEach((sentences, i) => {
      if (i % folds === k) tags[i] = sentences.map((s) => tagUposRanked(s.words.map((w) => w.form), m));
    });
    console.log(`jackknife fold ${k + 1}/${folds} tagged at ${seconds()} s`);
  }
  const gold: GoldSentence[] = byFile.flatMap((sentences, i) =>
    sentences.map((s, j) => ({ words: s.words.map((w) => w.form), ...tags[i]![j]!, heads: s.words.map((w) => w.head), relations: s.words.map((w) => w.deprel) })),
  );
  const relations = [...new Set(trainSet.flatMap((s) => s.words.map((w) => w.deprel)))].sort();
  const p = SETTINGS.parser;
  const model: ParserModel = trainParser(gold, relations, {
    ...p,
    onEpoch: (e, s) =>
      console.log(
        `parser epoch ${e + 1}: ${((100 * s.actionErrors) / s.transitions).toFixed(2)}% transition errors, ${((100 * s.relationErrors) / s.arcs).toFixed(2)}% relation errors (${seconds()} s)`,
      ),
  });
  for (const [name, sentences] of dev) {
    const s = scoreOnGoldWords(sentences, (words) => {
      const { tags: upos, runnerUp } = tagUposRanked(words, tagger);
      return { upos, ...parseWith(model, words, upos, runnerUp) };
    });
    console.log(`${name}: UPOS ${(100 * s.upos).toFixed(2)}%, UAS ${(100 * s.uas).toFixed(2)}%, LAS ${(100 * s.las).toFixed(2)}% (${s.tokens} words, gold tokenisation)`);
  }
  write(values.out ?? 'src/models/parser.json', {
    source:
      `Greedy arc-hybrid dependency parser (averaged perceptrons, dynamic oracle) trained by scripts/train-parser.ts on ${licences}, all but the internal test split: ` +
      `${gold.length} sentences with jackknifed tags (${folds} folds); ${p.epochs} epochs, seed ${p.seed}, exploration ${p.explore}.`,
    fingerprint: fingerprint(specFor('src/models/parser.json'), path.dirname(root)),
    ...serializeParser(model),
  });
}
