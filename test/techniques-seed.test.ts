/**
 * The seed's rhetoric, as the trained technique model reads it: the phrases issue 4 names must be found
 * as technique spans in the right region, attached to the claims they sit in, with ids in text order and
 * evidence from the model. Nothing here is in the product: the findings are the model's output.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/index.js';
import { renderTerminal } from '../src/report/terminal.js';
import { ROOT } from './support/shared.js';

const seed = readFileSync(path.join(ROOT, 'examples', 'uttam-hindu-pakistan-hamas.txt'), 'utf8');
const analysis = analyze(seed, { name: 'uttam-hindu-pakistan-hamas.txt' });
const { techniques } = analysis;

function overlapping(phrase: string) {
  const at = seed.toLowerCase().indexOf(phrase.toLowerCase());
  expect(at, `"${phrase}" is in the seed`).toBeGreaterThanOrEqual(0);
  return techniques.filter((t) => t.start < at + phrase.length && at < t.end);
}

describe('seed article: propaganda techniques', () => {
  // ("a serious threat to global security" is no longer marked since the model's biases fit the model that ships: see README, Evaluation.)
  it.each([['open deceit'], ['sheltered terrorists like Osama bin Laden'], ['a dangerous double game']])(
    'some technique overlaps "%s"',
    (phrase) => {
      expect(overlapping(phrase).length, JSON.stringify(techniques.map((t) => [t.text, t.technique]))).toBeGreaterThan(0);
    },
  );

  it('finds nothing in the byline or the page furniture', () => {
    for (const phrase of ['by Tannu', 'Next Story']) expect(overlapping(phrase)).toEqual([]);
  });

  it('gives findings ids in text order, their text, a score and the evidence', () => {
    expect(techniques.map((t) => t.id)).toEqual(techniques.map((_, i) => `t${i}`));
    for (let i = 1; i < techniques.length; i++) expect(techniques[i]!.start).toBeGreaterThanOrEqual(techniques[i - 1]!.start);
    for (const t of techniques) {
      expect(t.text).toBe(seed.slice(t.start, t.end));
      expect(t.score).toBeGreaterThan(0);
      expect(t.score).toBeLessThanOrEqual(1);
      expect(t.rule).toBe('technique/model');
      expect(t.evidence.length).toBeGreaterThan(0);
    }
  });

  it('attaches each finding to the claims it overlaps', () => {
    const deceit = overlapping('open deceit')[0]!;
    const claim = analysis.claims.find((c) => c.text.includes('open deceit'))!;
    expect(claim.techniques).toContain(deceit.id);
    for (const c of analysis.claims) {
      for (const id of c.techniques) {
        const t = techniques.find((x) => x.id === id)!;
        expect(t.start < c.end && c.start < t.end).toBe(true);
      }
    }
  });

  it('shows techniques in brackets under their claims in the terminal view, hedges kept', () => {
    const view = renderTerminal(analysis, { color: false, width: 200 });
    const deceit = overlapping('open deceit')[0]!;
    expect(view).toContain(`[${deceit.text}] ${deceit.technique.replace(/_/g, ' ').replace(/,/g, ' / ').toLowerCase()}`);
    expect(view).toContain('hedged: reportedly');
  });

  it('skips the stage when asked', () => {
    const without = analyze(seed, { name: 'uttam-hindu-pakistan-hamas.txt', techniques: false });
    expect(without.techniques).toEqual([]);
    expect(without.claims.every((c) => c.techniques.length === 0)).toBe(true);
  });
});
