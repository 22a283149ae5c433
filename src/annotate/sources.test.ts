import { describe, expect, it } from 'vitest';
import { analyze } from '../pipeline.js';
import { segment } from '../segment/segment.js';
import { sourceReferent } from './sources.js';

describe('sourceReferent: a relative clause given as a source names the noun phrase before it', () => {
  it.each([
    ['The sources, who spoke on condition of anonymity, said it.', 'who spoke on condition of anonymity,', 'The sources'],
    ['Two senior officials, who asked not to be named, said so.', 'who asked not to be named,', 'Two senior officials'],
    ['The Atlas, which examines counties, says so.', 'which examines counties,', 'The Atlas'],
    // Not after a comma, or not a relative pronoun: the span stays as given.
    ['Voters who lost their insurance said so.', 'who lost their insurance', 'who lost their insurance'],
    ['The sources said it.', 'The sources', 'The sources'],
  ])('%j', (text, given, expected) => {
    const { tokens } = segment(text);
    const start = text.indexOf(given);
    const span = sourceReferent(text, tokens, { start, end: start + given.length });
    expect(text.slice(span.start, span.end)).toBe(expected);
  });

  it('merges "The sources, who spoke on condition of anonymity," with the intelligence sources named before', () => {
    const text =
      'Islamabad (The Daily Meridian): The ISI is training fighters, according to intelligence sources.\n\n' +
      'The sources, who spoke on condition of anonymity, said that dozens of operatives arrived in January.';
    const a = analyze(text, { format: 'text' });
    const names = a.sources.map((s) => s.name);
    expect(names).not.toContain('who spoke on condition of anonymity,');
    const said = a.attributions.find((x) => text.slice(x.cue.start, x.cue.end) === 'said');
    const source = a.sources.find((s) => s.id === said?.source);
    expect(source?.kind).toBe('anonymous');
    expect(source?.name).toMatch(/sources/);
  });

  it.each([
    ['According to the Capital Courier, the camps are open.', 'Capital Courier'],
    ['The Evening Sentinel reported that the camps are open.', 'Evening Sentinel'],
  ])('types a newspaper name as media: %j', (text, name) => {
    const source = analyze(text, { format: 'text' }).sources.find((s) => s.name.includes(name));
    expect(source?.kind).toBe('media');
  });
});
