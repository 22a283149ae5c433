/**
 * The technique trainer runs and learns on real text: models trained on 40 PTC articles (the first by
 * file name, as scripts/train-techniques.ts orders them) must beat an untrained model on the next 15:
 * SI F1 above zero (an untrained tagger finds nothing) and TC micro-F1 above always answering the most
 * frequent technique (what an untrained classifier does). Training is reproducible from its seed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseTechniqueLabels, TechniqueScorer, toUtf16, type LabelledSpan } from '../src/eval/techniques.js';
import { DEFAULT_TRAIN_OPTIONS, predictArticle, prepareInput, trainTechniqueModel, type TrainingArticle, type TrainOptions } from '../src/annotate/techniques/train.js';
import { serializeModel, SI_LABELS, TECHNIQUES, type TechniqueModel } from '../src/annotate/techniques/model.js';
import { emptyModel } from '../src/annotate/tagger/perceptron.js';
import { hasSharedData, SHARED_DATA } from './support/shared.js';

const PTC = path.join(SHARED_DATA, 'ptc');
// No cross-fitting of the prior and a stronger pull away from "outside": what suits 40 articles, not 311.
const OPTIONS: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, seed: 7, siEpochs: 4, tcEpochs: 8, siBuckets: 1 << 16, tcBuckets: 1 << 14, outsideBias: -600, priorParts: 1 };

function load(): TrainingArticle[] {
  const labels = parseTechniqueLabels(readFileSync(path.join(PTC, 'train-labels', 'techniques.tsv'), 'utf8'));
  const byArticle = new Map<string, LabelledSpan[]>();
  for (const l of labels) byArticle.set(l.article, [...(byArticle.get(l.article) ?? []), l]);
  return readdirSync(path.join(PTC, 'train-articles'))
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .slice(0, 55)
    .map((f) => {
      const id = f.slice(7, -4);
      const text = readFileSync(path.join(PTC, 'train-articles', f), 'utf8');
      return { id, input: prepareInput(text), gold: toUtf16(byArticle.get(id) ?? [], text) };
    });
}

function score(model: TechniqueModel, articles: readonly TrainingArticle[]) {
  const scorer = new TechniqueScorer();
  for (const a of articles) {
    const p = predictArticle(model, a);
    scorer.addSpans(p.spans, a.gold);
    scorer.addLabels(a.gold, p.ranked);
  }
  return scorer.result(true);
}

describe.skipIf(!hasSharedData)('technique models trained on a few PTC articles', () => {
  let articles: TrainingArticle[] = [];
  let trained: TechniqueModel;
  beforeAll(() => {
    articles = load();
    trained = trainTechniqueModel(articles.slice(0, 40), OPTIONS);
  }, 120_000);

  it('beat an untrained model on unseen articles', () => {
    const test = articles.slice(40);
    const untrained: TechniqueModel = { si: emptyModel(SI_LABELS, 1 << 10), tc: emptyModel(TECHNIQUES, 1 << 10), prior: new Map(), temperature: 1 };
    const before = score(untrained, test);
    const after = score(trained, test);
    console.log(`[techniques, 40 train / 15 test articles] SI F1 ${before.si.f1} → ${after.si.f1}; TC micro-F1 ${before.tc!.microF1} → ${after.tc!.microF1}`);
    expect(before.si.f1).toBe(0);
    expect(after.si.f1).toBeGreaterThan(0.08);
    expect(after.tc!.microF1).toBeGreaterThan(before.tc!.microF1 + 0.05);
  });

  it('are reproducible from the seed', () => {
    const again = trainTechniqueModel(articles.slice(0, 40), OPTIONS);
    expect(JSON.stringify(serializeModel(again, 's'))).toBe(JSON.stringify(serializeModel(trained, 's')));
  }, 120_000);
});
