import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { prepareAttribution } from '../../pipeline.js';
import { attributionTagger } from '../attribution-tagged.js';
import { buildContext, FeatureSink, LABELS } from './features.js';
import { hashFeature, viterbi } from './perceptron.js';
import { featureSequence, paragraphRanges, tagParagraph } from './tagger.js';

const seed = readFileSync(new URL('../../../examples/uttam-hindu-pakistan-hamas.txt', import.meta.url), 'utf8');

describe('attribution tagger decoding', () => {
  it('decodes from its 16-bit decoding weights to the labels viterbi gives over the feature sequence and float weights', () => {
    const p = prepareAttribution(seed, { format: 'text' });
    const ctx = buildContext(seed, p.tokens, p.sentences, p.quotes, p.rules, p.lexicons);
    const model = attributionTagger();
    let tagged = 0;
    for (const [from, to] of paragraphRanges(p.tokens, p.paragraphs)) {
      const roles = tagParagraph(model, ctx, from, to).map((t) => t.role);
      const expected = Array.from(viterbi(model, featureSequence(ctx, from, to, model.buckets)), (y) => (y === 0 ? '' : LABELS[y]!.slice(2)));
      expect(roles).toEqual(expected);
      tagged += roles.filter(Boolean).length;
    }
    // The seed is full of reported speech: the comparison covers real cues, sources and contents.
    expect(tagged).toBeGreaterThan(100);
  });

  it('FeatureSink keeps every feature past its initial buffer', () => {
    const sink = new FeatureSink();
    for (let k = 0; k < 200; k++) sink.add(hashFeature(`template:${k}`));
    expect(sink.length).toBe(200);
    expect(new Set(sink.hashes.subarray(0, 200)).size).toBe(200);
  });
});
