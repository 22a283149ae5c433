import { describe, expect, it } from 'vitest';
import { buildContext, mix, sentenceFeatures, shape, siEmissions, siFeatures, tcFeatures, tokensOf } from './features.js';
import { decode, viterbi } from '../tagger/perceptron.js';
import { classifySpan, deserializeModel, detectTechniques, serializeModel, TECHNIQUES, trainClassifier, withOutsideBias } from './model.js';
import { bioLabels, DEFAULT_TRAIN_OPTIONS, groupedBioLabels, derivePrior, prepareInput, trainTechniqueModel, type TrainingArticle } from './train.js';
import { techniqueModel, techniquesWithin } from './index.js';

describe('features', () => {
  it.each([
    ['Nightmare', 'Xx'],
    ['ISI', 'X'],
    ['2023', 'd'],
    ['anti-terror', 'x-x'],
    ['U.S.', 'X.X.'],
  ])('shape(%s) = %s', (word, expected) => expect(shape(word)).toBe(expected));

  it('mixes integers deterministically and spreads neighbours apart', () => {
    expect(mix(1, 2)).toBe(mix(1, 2));
    expect(mix(1, 2)).not.toBe(mix(2, 1));
    expect(new Set(Array.from({ length: 1000 }, (_, i) => mix(7, i) & 1023)).size).toBeGreaterThan(550);
  });

  const text = 'They told open lies. The lies were open lies, and Pakistan lies!';
  const input = prepareInput(text);

  it('finds the tokens a character span covers', () => {
    const span = { start: text.indexOf('open lies'), end: text.indexOf('open lies') + 9 };
    const { from, to } = tokensOf(input.tokens, span);
    expect(input.tokens.slice(from, to).map((t) => text.slice(t.start, t.end))).toEqual(['open', 'lies']);
  });

  it('labels tokens B/I/O against merged gold spans', () => {
    const s = input.sentences[1]!;
    const start = text.indexOf('were');
    const labels = bioLabels(input, s.tokenStart, s.tokenEnd, [{ start, end: start + 'were open'.length }, { start: text.indexOf('Pakistan'), end: text.indexOf('Pakistan') + 3 }]);
    // The lies were open lies , and Pakistan lies !  — "Pak" is under half of "Pakistan": outside.
    expect(Array.from(labels)).toEqual([0, 0, 1, 2, 0, 0, 0, 0, 0, 0]);
  });

  it('labels tokens by the group of the longest gold span over them, keeping the merged span whole', () => {
    const s = input.sentences[1]!;
    const at = (w: string) => text.indexOf(w, s.start);
    // "were open lies" (Doubt, group 1) holds "open" (Loaded_Language, group 0): one merged span.
    const gold = [
      { article: 'x', technique: 'Doubt', start: at('were'), end: at('were') + 'were open lies'.length },
      { article: 'x', technique: 'Loaded_Language', start: at('open'), end: at('open') + 4 },
      { article: 'x', technique: 'Loaded_Language', start: at('and'), end: at('and') + 3 },
    ];
    const merged = [{ start: gold[0]!.start, end: gold[0]!.end }, { start: gold[2]!.start, end: gold[2]!.end }];
    const groupOf = (technique: string) => (technique === 'Loaded_Language' ? 0 : 1);
    const labels = groupedBioLabels(input, s.tokenStart, s.tokenEnd, merged, gold, groupOf);
    // The lies were open lies , and Pakistan lies !  — B-1 I-1 I-1, then B-0 for "and".
    expect(Array.from(labels)).toEqual([0, 0, 3, 4, 4, 0, 1, 0, 0, 0]);
  });

  it.each([
    ['STOP THE STEAL', true],
    ['ΑΘΗΝΑ ΝΙΚΑ', true],
    ['NATO’s plan', false],
    ['Stop it', false],
    ['NATO', true],
    ['USA', false],
    ['2024 — 99!', false],
  ])('marks %j as all capitals: %s', (phrase, expected) => {
    const t = `He wrote ${phrase} on the wall.`;
    const ctx = buildContext(prepareInput(t), new Map());
    const at = t.indexOf(phrase);
    expect(tcFeatures(ctx, { start: at, end: at + phrase.length }).includes('allCaps')).toBe(expected);
  });

  it('counts repetition of a span in the article for the classifier', () => {
    const ctx = buildContext(input, new Map());
    const at = text.indexOf('open lies');
    expect(tcFeatures(ctx, { start: at, end: at + 9 })).toContain('elsewhere=1');
    expect(tcFeatures(ctx, { start: text.indexOf('told'), end: text.indexOf('told') + 4 })).toContain('elsewhere=0');
    // Said before or not: the first "open lies" is new, the second and third repeat it.
    const second = text.indexOf('open lies', at + 1);
    expect(tcFeatures(ctx, { start: at, end: at + 9 })).toContain('earlier=0');
    expect(tcFeatures(ctx, { start: second, end: second + 9 })).toContain('earlier=1');
    expect(tcFeatures(ctx, { start: second, end: second + 9 })).toContain('seenWords=all');
    expect(tcFeatures(ctx, { start: at, end: at + 9 })).toContain('seenWords=none');
    expect(tcFeatures(ctx, { start: text.indexOf('Pakistan'), end: text.length })).toContain('exclaim');
  });

  // Style classes of the sentence model: 0 first person, 1 second person, 2 modals, 3 superlatives,
  // 5 absolutes, 6 negation, 7 attribution, 9 all-caps words; counts are capped at 2.
  it.each([
    ['We must stop THEM now.', 0, 1],
    ['We must stop THEM now.', 2, 1],
    ['We must stop THEM now.', 9, 1],
    ['You never said that, you know.', 1, 2],
    ['You never said that, you know.', 5, 1],
    ['You never said that, you know.', 7, 1],
    ['It is the biggest and the strongest lie.', 3, 2],
    ['He did not go, no way.', 6, 2],
    ['It rained in the morning.', 0, 0],
    ['It rained in the morning.', 9, 0],
  ] as const)('sentence model: "%s", style class %i: %i words', (sentence, style, count) => {
    const ctx = buildContext(prepareInput(`First line here. ${sentence} Last line here.`), new Map());
    const features = new Set(sentenceFeatures(ctx, 1, 1 << 16));
    expect(features.has(mix(mix(73, style), count) & 0xffff)).toBe(true);
  });

  it('sentence model: the neighbouring sentences\' content lemmas are features of a sentence', () => {
    const features = (next: string) => new Set(sentenceFeatures(buildContext(prepareInput(`Rain fell. It rained. ${next}`), new Map()), 1, 1 << 16));
    const withTraitors = features('Traitors rule.');
    const withFarmers = features('Farmers rule.');
    expect([...withTraitors].filter((f) => !withFarmers.has(f)).length).toBeGreaterThan(0);
    // The previous sentence's lemmas are on the other side: a different template.
    const before = new Set(sentenceFeatures(buildContext(prepareInput('Traitors rule. It rained. Rain fell.'), new Map()), 1, 1 << 16));
    expect([...withTraitors].filter((f) => !before.has(f)).length).toBeGreaterThan(0);
  });

  it('gives every token of a sentence its features, within the bucket range', () => {
    const ctx = buildContext(input, new Map([['lie', 4]]));
    const s = input.sentences[0]!;
    const seq = siFeatures(ctx, s.tokenStart, s.tokenEnd, 1 << 10);
    expect(seq).toHaveLength(s.tokenEnd - s.tokenStart);
    for (const f of seq) for (const b of f) expect(b >= 0 && b < 1 << 10).toBe(true);
    expect(ctx.prior[input.tokens.findIndex((t) => t.norm === 'lies')]).toBe(4);
  });
});

describe('models', () => {
  it('a multiclass perceptron learns a separable toy problem', () => {
    const data = Array.from({ length: 40 }, (_, i) => ({ features: Int32Array.of(0, 1 + (i % 4)), gold: i % 4 }));
    const m = trainClassifier(['a', 'b', 'c', 'd'], 16, data, { epochs: 5, seed: 1 });
    for (const { features, gold } of data.slice(0, 4)) {
      const scores = [0, 1, 2, 3].map((y) => features.reduce((s, b) => s + m.weights[b * 4 + y]!, 0));
      expect(scores.indexOf(Math.max(...scores))).toBe(gold);
    }
  });

  it('a start bias moves only the transitions into every B label from O and from the sentence start', () => {
    const model = techniqueModel();
    const L = model.si.labels.length;
    expect(model.si.labels).toEqual(['O', 'B-0', 'I-0', 'B-1', 'I-1', 'B-2', 'I-2']);
    const shifted = withOutsideBias(model.si, 0, -5);
    expect(Array.from(shifted.weights)).toEqual(Array.from(model.si.weights));
    const intoB = (k: number) => (k < L || k >= L * L) && (k % L) % 2 === 1;
    Array.from(shifted.transitions).forEach((t, k) => expect(t).toBeCloseTo(model.si.transitions[k]! - (intoB(k) ? 5 : 0), 4));
  });

  it('a larger outside bias never finds more propaganda tokens', () => {
    const model = techniqueModel();
    const input = prepareInput('The corrupt, treasonous elites are destroying our great nation with their evil lies.');
    // Tokens, not characters: a span's edges are tidied (punctuation, quotes) after decoding.
    const covered = (bias: number) => {
      const m = { ...model, si: withOutsideBias(model.si, bias) };
      const spans = detectTechniques(m, input);
      return input.tokens.filter((t) => spans.some((s) => s.start <= t.start && t.end <= s.end)).length;
    };
    expect(covered(1e6)).toBe(0);
    expect(covered(-1e6)).toBeGreaterThan(0);
    expect(covered(0)).toBeLessThanOrEqual(covered(-1e6));
  });

  it('decodes from fused emission scores (16-bit decoding weights) to the labels the perceptron gives from feature arrays', () => {
    const model = techniqueModel();
    const text = 'The corrupt elites betrayed us! Sadly, they will keep lying. Our great nation deserves better than these treasonous cowards.';
    const input = prepareInput(text);
    const ctx = buildContext(input, model.prior);
    for (const s of input.sentences) {
      const n = s.tokenEnd - s.tokenStart;
      const fused = decode(model.si, siEmissions(ctx, s.tokenStart, s.tokenEnd, model.si), n);
      expect(Array.from(fused)).toEqual(Array.from(viterbi(model.si, siFeatures(ctx, s.tokenStart, s.tokenEnd, model.si.buckets))));
    }
  });

  it('round-trips through its serialised form and rejects a corrupt one', () => {
    const articles: TrainingArticle[] = ['Our glorious leader crushed the evil traitors.', 'The weather was mild on Tuesday.'].map((text, i) => ({
      id: String(i),
      input: prepareInput(text),
      gold: i === 0 ? [{ article: '0', technique: 'Loaded_Language', start: 4, end: 12 }] : [],
    }));
    const model = trainTechniqueModel(articles, { ...DEFAULT_TRAIN_OPTIONS, seed: 1, siEpochs: 2, tcEpochs: 2, siBuckets: 1 << 10, tcBuckets: 1 << 10, sentenceBuckets: 1 << 10, outsideBias: 0 });
    const again = deserializeModel(JSON.parse(JSON.stringify(serializeModel(model, 'test'))));
    const ctx = buildContext(articles[0]!.input, again.prior);
    expect(classifySpan(again, ctx, { start: 4, end: 12 }).ranked[0]!.technique).toBe('Loaded_Language');
    expect(again.prior.get('glorious')).toBeUndefined(); // seen once: under the lexicon's count threshold
    expect(() => deserializeModel({ ...serializeModel(model, 'x'), tc: { ...serializeModel(model, 'x').si } })).toThrow(/corrupt technique model/);
  });

  it('derives the prior from the training spans only', () => {
    const text = 'lies lies lies truth truth truth';
    const prior = derivePrior([{ id: '1', input: prepareInput(text), gold: [{ article: '1', technique: 'Repetition', start: 0, end: 15 }] }]);
    expect(prior.get('lie')).toBe(4);
    expect(prior.get('truth')).toBe(1);
  });

  it('the shipped model labels with the 14 techniques and finds no technique in an empty text', () => {
    expect(techniqueModel().tc.labels).toEqual(TECHNIQUES);
    expect(detectTechniques(techniqueModel(), prepareInput(''))).toEqual([]);
  });

  it('attaches overlapping findings by id', () => {
    const t = (id: string, start: number, end: number) => ({ id, start, end, text: '', technique: 'Doubt' as const, score: 1, rule: 'technique/model', evidence: '' });
    expect(techniquesWithin([t('t0', 0, 5), t('t1', 5, 9), t('t2', 20, 30)], 4, 6)).toEqual(['t0', 't1']);
  });
});
