/**
 * The attribution tagger's trainer runs and learns on real text: a small model (2^16 buckets, 3 epochs)
 * trained on a dozen PolNeAR train articles, with features and gold labels built exactly as
 * scripts/train-attribution.ts builds them, must tag cues on unseen PolNeAR dev articles far better than an
 * untrained model, and training must be reproducible from its seed.
 *
 * The measure is token-level F1 of the cue role: a token counts as a cue when its label is B-C or I-C,
 * gold and predicted alike (B/I ignored). Content and source F1 and accuracy on non-O gold tokens are
 * printed alongside.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareAttribution } from '../src/pipeline.js';
import { buildContext, LABELS } from '../src/annotate/tagger/features.js';
import { goldCharRoles, goldLabels } from '../src/annotate/tagger/gold.js';
import { firstAnnotations } from '../src/eval/brat.js';
import { featureSequence, paragraphRanges } from '../src/annotate/tagger/tagger.js';
import { emptyModel, train, viterbi, type FeatureSequence, type PerceptronModel } from '../src/annotate/tagger/perceptron.js';
import { hasSharedData, SHARED_DATA } from './support/shared.js';

const POLNEAR = path.join(SHARED_DATA, 'polnear');
const BUCKETS = 2 ** 16;
const EPOCHS = 3;
const SEED = 20161108; // the script's default
const TRAIN_ARTICLES = 12;
const DEV_ARTICLES = 5;

type Example = { seq: FeatureSequence; gold: Int32Array };

/** Article name → its first annotator's .ann file, in sorted order (as the script picks them). */
function firstAnnotator(split: string): Array<[string, string]> {
  return firstAnnotations(readdirSync(path.join(POLNEAR, split, 'attributions')));
}

/** One sequence per paragraph, features and gold labels as in scripts/train-attribution.ts. */
function examples(split: string, articles: ReadonlyArray<[string, string]>): Example[] {
  const data: Example[] = [];
  for (const [name, file] of articles) {
    const text = readFileSync(path.join(POLNEAR, split, 'text', `${name}.txt`), 'utf8');
    const gold = goldCharRoles(readFileSync(path.join(POLNEAR, split, 'attributions', file), 'utf8'), text);
    const p = prepareAttribution(text);
    const ctx = buildContext(text, p.tokens, p.sentences, p.quotes, p.rules, p.lexicons);
    for (const [from, to] of paragraphRanges(p.tokens, p.paragraphs)) {
      data.push({ seq: featureSequence(ctx, from, to, BUCKETS), gold: goldLabels(p.tokens, from, to, gold) });
    }
  }
  return data;
}

/** Role letter of a label index: 'S', 'C', 'T' or '' for O. */
const roleOf = (y: number): string => (y === 0 ? '' : (LABELS[y] ?? 'O').slice(2));

interface Scores {
  /** Token-level F1 per role. */
  f1: Record<'S' | 'C' | 'T', number>;
  /** Share of gold non-O tokens given the right role. */
  nonOAccuracy: number;
  predictedCueTokens: number;
}

function decode(model: PerceptronModel, data: readonly Example[]): Int32Array[] {
  return data.map(({ seq }) => viterbi(model, seq));
}

function score(data: readonly Example[], predicted: readonly Int32Array[]): Scores {
  const tp = { S: 0, C: 0, T: 0 };
  const goldN = { S: 0, C: 0, T: 0 };
  const predN = { S: 0, C: 0, T: 0 };
  let nonO = 0;
  let nonORight = 0;
  data.forEach(({ gold }, k) => {
    const out = predicted[k]!;
    for (let t = 0; t < gold.length; t++) {
      const g = roleOf(gold[t]!) as keyof typeof tp | '';
      const p = roleOf(out[t]!) as keyof typeof tp | '';
      if (g) {
        goldN[g]++;
        nonO++;
        if (g === p) nonORight++;
      }
      if (p) predN[p]++;
      if (g && g === p) tp[g]++;
    }
  });
  const f1 = (r: keyof typeof tp): number => (tp[r] === 0 ? 0 : (2 * tp[r]) / (goldN[r] + predN[r]));
  return { f1: { S: f1('S'), C: f1('C'), T: f1('T') }, nonOAccuracy: nonO ? nonORight / nonO : 0, predictedCueTokens: predN.C };
}

const fmt = (s: Scores): string =>
  `cue F1 ${s.f1.C.toFixed(3)}, source F1 ${s.f1.S.toFixed(3)}, content F1 ${s.f1.T.toFixed(3)}, non-O accuracy ${s.nonOAccuracy.toFixed(3)}`;

describe.skipIf(!hasSharedData)('attribution tagger training on PolNeAR (small model)', () => {
  let trainSet: Example[] = [];
  let devSet: Example[] = [];
  let model: PerceptronModel;
  const epochErrors: number[] = [];

  beforeAll(() => {
    const trainArticles = firstAnnotator('train').slice(0, TRAIN_ARTICLES);
    const devArticles = firstAnnotator('dev').slice(0, DEV_ARTICLES);
    trainSet = examples('train', trainArticles);
    devSet = examples('dev', devArticles);
    model = train(LABELS, BUCKETS, trainSet, { epochs: EPOCHS, seed: SEED, onEpoch: (_, errors) => epochErrors.push(errors) });
  });

  it('builds training and dev sequences with gold cues, sources and content', () => {
    expect(trainSet.length).toBeGreaterThan(50);
    expect(devSet.length).toBeGreaterThan(20);
    for (const set of [trainSet, devSet]) {
      const roles = new Set(set.flatMap(({ gold }) => Array.from(gold, roleOf)));
      expect([...roles].sort()).toEqual(['', 'C', 'S', 'T']);
      for (const { seq, gold } of set) {
        expect(gold.length).toBe(seq.length);
        for (const ids of seq) for (const b of ids) expect(b >= 0 && b < BUCKETS).toBe(true);
      }
    }
  });

  it('online training errors fall from epoch to epoch', () => {
    expect(epochErrors.length).toBe(EPOCHS);
    expect(epochErrors[EPOCHS - 1]!).toBeLessThan(epochErrors[0]!);
  });

  it('the trained model tags dev cues far better than an untrained one', () => {
    const untrained = score(devSet, decode(emptyModel(LABELS, BUCKETS), devSet));
    const trained = score(devSet, decode(model, devSet));
    const onTrain = score(trainSet, decode(model, trainSet));
    console.log(`[tagger-training] dev, untrained: ${fmt(untrained)}`);
    console.log(`[tagger-training] dev, trained:   ${fmt(trained)}`);
    console.log(`[tagger-training] train, trained: ${fmt(onTrain)}`);
    // All-zero weights decode to all O: nothing is tagged.
    expect(untrained.predictedCueTokens).toBe(0);
    expect(trained.f1.C).toBeGreaterThanOrEqual(untrained.f1.C + 0.3);
    expect(trained.f1.T).toBeGreaterThan(untrained.f1.T + 0.2);
    expect(trained.nonOAccuracy).toBeGreaterThan(untrained.nonOAccuracy + 0.2);
    // After 3 epochs it does not fit its own training data closely either (PolNeAR is hard for a first-order
    // tagger), but it has learnt from it.
    expect(onTrain.f1.C).toBeGreaterThan(0.3);
  });

  it('is deterministic: the same seed gives the same weights and the same decoded dev labels', () => {
    const again = train(LABELS, BUCKETS, trainSet, { epochs: EPOCHS, seed: SEED });
    expect(again.transitions).toEqual(model.transitions);
    expect(again.weights.every((w, i) => w === model.weights[i])).toBe(true);
    expect(decode(again, devSet).map((a) => Array.from(a))).toEqual(decode(model, devSet).map((a) => Array.from(a)));
  });
});
