/**
 * Claims: the text a claim shows is what the source asserts, never the cue and source that report it,
 * and a claim keeps its place in its sentence. Table-driven over whole analyses (rules and tagger).
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../pipeline.js';
import { withoutFrame } from './claims.js';

describe('claim text', () => {
  it.each<[string, string, string[]]>([
    [
      'a quote running over its own cue into the next sentence',
      '"The roads are impassable," said Mayor Jane Ortiz. "Nobody should drive tonight."',
      ['"The roads are impassable," ← Jane Ortiz', '"Nobody should drive tonight." ← Jane Ortiz'],
    ],
    ['a trailing source', 'The convoy was attacked near the border, sources said.', ['The convoy was attacked near the border ← sources']],
    ['a leading source', 'Officials said the bridge would reopen in May.', ['the bridge would reopen in May ← Officials']],
    ['a dateline is no speaker', 'Islamabad (The Daily Meridian): The ISI is training fighters, according to intelligence sources.', ['The ISI is training fighters ← intelligence sources']],
    [
      // Each quoted paragraph opens with a mark and only the last one closes: all of it is the doctor's.
      'a quotation running over paragraphs',
      '"We have never seen water this high," said Hugh Hill, a doctor at the county hospital. "Everyone should leave now.\n\n"The roads will close by nightfall."\n\nThe bridge was closed at noon.',
      [
        '"We have never seen water this high," ← Hugh Hill',
        '"Everyone should leave now ← Hugh Hill',
        '"The roads will close by nightfall." ← Hugh Hill',
        'The bridge was closed at noon. ← the article',
      ],
    ],
    ['a dash with an apposition', 'It was calm.\n\n"This is a disaster" — Tom Baker, a farmer.', ['It was calm. ← the article', '"This is a disaster" ← Tom Baker']],
  ])('%s', (_name, text, expected) => {
    const a = analyze(text, { format: 'text' });
    const name = (id: string) => a.sources.find((s) => s.id === id)?.name;
    // Each claim as "text ← innermost source".
    expect(a.claims.map((c) => `${c.text} ← ${name(c.chain[c.chain.length - 1]!)}`)).toEqual(expected);
    for (const c of a.claims) expect(a.document.text.slice(c.start, c.end)).toBe(c.text);
  });
});

describe('withoutFrame', () => {
  const text = 'The plan, he said, is dead. “It is over,” said Ann Lee.';
  const at = (s: string, from = 0) => ({ start: text.indexOf(s, from), end: text.indexOf(s, from) + s.length });
  it.each<[string, { start: number; end: number }, { cue: { start: number; end: number }; sourceSpan: { start: number; end: number } | null }, string]>([
    ['content around the cue stays whole', at('The plan, he said, is dead'), { cue: at('said'), sourceSpan: at('he') }, 'The plan, he said, is dead'],
    ['cue and source at the end are cut off', at('“It is over,” said Ann Lee'), { cue: at('said', 30), sourceSpan: at('Ann Lee') }, '“It is over,”'],
    ['a cue outside the span changes nothing', at('“It is over,”'), { cue: at('said', 30), sourceSpan: at('Ann Lee') }, '“It is over,”'],
  ])('%s', (_name, span, a, expected) => {
    const s = withoutFrame(text, span, a);
    expect(text.slice(s.start, s.end)).toBe(expected);
  });
});

describe('the outermost link', () => {
  it.each<[string, string | undefined, string]>([
    ['an article that names no outlet', undefined, 'the article'],
    ['the outlet a corpus record gives', 'Valley Gazette', 'Valley Gazette'],
    ['an outlet the dateline names wins over the record', 'Valley Gazette', 'The Daily Meridian'],
  ])('%s', (name, outlet, expected) => {
    const text = name.includes('dateline') ? 'Islamabad (The Daily Meridian): Officials said the bridge would reopen in May.' : 'Officials said the bridge would reopen in May.';
    const a = analyze(text, { format: 'text', ...(outlet ? { outlet } : {}) });
    const claim = a.claims.find((c) => c.text.includes('bridge'))!;
    expect(a.sources.find((s) => s.id === claim.chain[0])?.name).toBe(expected);
  });
});
