/**
 * Check-worthiness: the ranking measures (CLEF's), the CLEF reader, the scores an analysis carries, the seed's
 * ranking, and, with ../shared, the model's figures on CLEF's internal test split and on hand-labelled news.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/pipeline.js';
import { checkworthyReport, documentText, parseClef, rankScores, sentenceScores } from '../src/eval/checkworthy.js';
import { evalCheckworthy, evalNewsCheckworthy } from '../src/cli/eval.js';
import { fitPlatt, rawScore, sigmoid, trainWeights } from '../src/rank/model.js';
import { formatCheckworthiness, sortClaims } from '../src/rank/order.js';
import { hasSharedData, SHARED_DATA } from './support/shared.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const SEED = readFileSync(path.join(ROOT, 'examples/uttam-hindu-pakistan-hamas.txt'), 'utf8');

describe('ranking measures', () => {
  it.each([
    // scores, labels, AP, R-precision, P@5
    [[0.9, 0.8, 0.7], [1, 0, 1], (1 + 2 / 3) / 2, 0.5, 2 / 5],
    [[0.1, 0.2, 0.3, 0.4], [1, 0, 0, 0], 1 / 4, 0, 1 / 5],
    [[0.5, 0.4], [0, 0], 0, 0, 0],
    // Ties keep file order: the first line of the tie ranks first.
    [[0.5, 0.5, 0.5], [0, 1, 0], 1 / 2, 0, 1 / 5],
  ] as Array<[number[], (0 | 1)[], number, number, number]>)('scores %j with labels %j: AP %d', (scores, labels, ap, rPrec, p5) => {
    const s = rankScores(scores, labels);
    expect(s.ap).toBeCloseTo(ap, 10);
    expect(s.rPrecision).toBeCloseTo(rPrec, 10);
    expect(s.p5).toBeCloseTo(p5, 10);
  });

  it('MAP is the mean of the documents\' APs, a document without a check-worthy line counting 0', () => {
    const r = checkworthyReport([
      { name: 'a', scores: [0.9, 0.1], labels: [1, 0] },
      { name: 'b', scores: [0.9, 0.1], labels: [0, 1] },
      { name: 'c', scores: [0.3], labels: [0] },
    ]);
    expect(r.documents.a!.ap).toBe(1);
    expect(r.documents.b!.ap).toBe(0.5);
    expect(r.map).toBeCloseTo(0.5, 4);
    expect(r.scores.b).toEqual([0.9, 0.1]);
  });

  it('AP is 1 exactly when every check-worthy line ranks above every other (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean()), { minLength: 1, maxLength: 40 }), (rows) => {
        const scores = rows.map((r) => r[0]);
        const labels = rows.map((r) => (r[1] ? 1 : 0) as 0 | 1);
        const { ap } = rankScores(scores, labels);
        expect(ap).toBeGreaterThanOrEqual(0);
        expect(ap).toBeLessThanOrEqual(1 + 1e-12);
        const perfect = labels.map((y) => y as number);
        if (labels.some((y) => y === 1)) expect(rankScores(perfect, labels).ap).toBe(1);
      }),
    );
  });
});

describe('CLEF files', () => {
  it('reads line, speaker, sentence and label; a file without labels reads null', () => {
    expect(parseClef('1\tHOLT\tGood evening.\t0\n2\tTRUMP\tWe lost 70,000 factories.\t1\n', 'd.tsv')).toEqual([
      { line: 1, speaker: 'HOLT', text: 'Good evening.', label: 0 },
      { line: 2, speaker: 'TRUMP', text: 'We lost 70,000 factories.', label: 1 },
    ]);
    expect(parseClef('7\tX\tA test line.\n', 'd.tsv')[0]!.label).toBeNull();
    expect(parseClef('line_number\tspeaker\ttext\tlabel\n1\tX\tHi.\t0\n', 'd.tsv')).toHaveLength(1);
    expect(() => parseClef('1\tX\tHi.\t0\nline\tX\tHi.\t0\n', 'd.tsv')).toThrow(/d\.tsv:2: expected/);
  });

  it('joins the lines as paragraphs whose spans slice back to each line (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 0, maxLength: 30 }), { minLength: 1, maxLength: 20 }), (texts) => {
        const lines = texts.map((text, i) => ({ line: i + 1, speaker: 'S', text, label: 0 as const }));
        const { text, spans } = documentText(lines);
        expect(spans).toHaveLength(lines.length);
        spans.forEach((s, i) => expect(text.slice(s.start, s.end)).toBe(texts[i]!.replace(/\s+/g, ' ').trim() || '.'));
      }),
    );
  });
});

describe('check-worthiness in an analysis', () => {
  const a = analyze(SEED);

  it('every claim carries a score in [0, 1]', () => {
    expect(a.claims.length).toBeGreaterThan(5);
    for (const c of a.claims) {
      expect(c.checkworthiness).toBeGreaterThanOrEqual(0);
      expect(c.checkworthiness).toBeLessThanOrEqual(1);
    }
    // Not one score for all: the model tells the claims apart.
    expect(new Set(a.claims.map((c) => c.checkworthiness)).size).toBeGreaterThan(a.claims.length / 2);
  });

  it('on the seed, the claims resting on intelligence sources and on Blitz rank above the outlet\'s own rhetoric', () => {
    const kind = (c: (typeof a.claims)[number]) => a.sources.find((s) => s.id === c.chain[c.chain.length - 1])!.kind;
    const rhetoric = a.claims.find((c) => c.text.includes('Islamabad is still clinging to its old double standards'))!;
    expect(kind(rhetoric)).toBe('outlet');
    const anonymous = a.claims.filter((c) => kind(c) === 'anonymous');
    const blitz = a.claims.filter((c) => c.chain.some((id) => a.sources.find((s) => s.id === id)!.name === 'Blitz'));
    expect(anonymous.length).toBeGreaterThanOrEqual(2);
    expect(blitz.length).toBeGreaterThanOrEqual(4);
    for (const c of [...anonymous, ...blitz]) expect(c.checkworthiness, c.text).toBeGreaterThan(rhetoric.checkworthiness);
  });

  it('sorting by check-worthiness is stable and keeps ids; a sentence scores its best claim', () => {
    const sorted = sortClaims(a.claims, 'checkworthy');
    expect(sorted.map((c) => c.checkworthiness)).toEqual([...a.claims.map((c) => c.checkworthiness)].sort((x, y) => y - x));
    expect(new Set(sorted.map((c) => c.id))).toEqual(new Set(a.claims.map((c) => c.id)));
    expect(sortClaims(a.claims, 'text')).toEqual(a.claims);
    expect(sentenceScores([{ sentence: 1, checkworthiness: 0.2 }, { sentence: 1, checkworthiness: 0.4 }], 3)).toEqual([0, 0.4, 0]);
    expect([formatCheckworthiness(0.2234), formatCheckworthiness(0.001), formatCheckworthiness(null)]).toEqual(['0.22', '<0.01', '–']);
  });
});

describe('the learner', () => {
  it('separates a feature that predicts the label, with the same weights on every run', () => {
    const examples = Array.from({ length: 400 }, (_, i) => ({ features: ['bias', i % 10 === 0 ? 'number' : 'greeting', `w:${i % 7}`], values: [1, 1, 0.5], label: (i % 10 === 0 ? 1 : 0) as 0 | 1 }));
    const options = { buckets: 1 << 10, epochs: 5, rate: 0.1, l2: 1e-6, positiveWeight: 1, seed: 3 };
    const w1 = trainWeights(examples, options);
    expect(trainWeights(examples, options)).toEqual(w1);
    const score = (fs: string[]) => rawScore({ weights: w1, buckets: options.buckets }, fs, fs.map(() => 1));
    expect(score(['bias', 'number'])).toBeGreaterThan(score(['bias', 'greeting']));
  });

  it('Platt scaling maps raw scores to the rate they are right at', () => {
    // Raw scores where a positive is three times likelier above 0 than below: the fit follows the rates.
    const raw: number[] = [];
    const labels: (0 | 1)[] = [];
    for (let i = 0; i < 400; i++) {
      const high = i % 2 === 0;
      raw.push(high ? 1 : -1);
      labels.push(high ? (i % 8 === 0 ? 1 : 0) : i % 24 === 1 ? 1 : 0);
    }
    const { a, b } = fitPlatt(raw, labels);
    expect(sigmoid(a + b)).toBeCloseTo(0.25, 1);
    expect(sigmoid(-a + b)).toBeCloseTo(50 / 600, 1);
  });
});

describe.skipIf(!hasSharedData)('on CLEF-2019 and news (../shared)', () => {
  it('ranks the internal test documents of CLEF-2019 well above chance, with calibrated scores', () => {
    const r = evalCheckworthy(path.join(SHARED_DATA, 'checkworthy/clef2019'), 'internal-test');
    expect(Object.keys(r.documents).sort()).toEqual(['20160414_9dem', '20180916_trump_miami', '20190108_oval_office']);
    // Measured 0.148 (words alone: 0.133; a random ranking: about 0.04). The floor leaves room for retraining noise.
    expect(r.map).toBeGreaterThan(0.13);
    // Calibrated: the scores add up to about as many check-worthy lines as there are.
    const expected = Object.values(r.scores).flat().reduce((n, p) => n + p, 0);
    const actual = Object.values(r.documents).reduce((n, d) => n + d.positives, 0);
    expect(expected / actual).toBeGreaterThan(0.5);
    expect(expected / actual).toBeLessThan(2);
  }, 60_000);

  it('carries over to news: hand-labelled sentences of 11 articles rank well above chance', () => {
    const r = evalNewsCheckworthy(path.join(ROOT, 'test/fixtures/checkworthy-news/labels.tsv'), SHARED_DATA);
    expect(Object.keys(r.documents)).toHaveLength(11);
    expect(Object.values(r.documents).reduce((n, d) => n + d.lines, 0)).toBe(299);
    // Measured 0.648 (words alone 0.473); 1,000 random rankings average 0.448.
    expect(r.map).toBeGreaterThan(0.58);
  }, 60_000);
});
