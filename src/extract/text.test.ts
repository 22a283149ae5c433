import { describe, expect, it } from 'vitest';
import { extractText, looksLikeCredit } from './text.js';

describe('plain-text header', () => {
  it.each<[string, string, { title: string | null; byline: string | null; outlet: string | null; place: string | null }]>([
    [
      'headline, byline, dateline with outlet',
      'Floods Hit the Coast\n\nby Jane Doe |\n\nDhaka (The Daily Star): Hundreds of homes were lost.',
      { title: 'Floods Hit the Coast', byline: 'Jane Doe', outlet: 'The Daily Star', place: 'Dhaka' },
    ],
    [
      'wire dateline with a date',
      'Talks Stall\n\nGENEVA, Oct. 3 (Reuters) - Talks stalled on Monday.',
      { title: 'Talks Stall', byline: null, outlet: 'Reuters', place: 'Geneva' },
    ],
    [
      'upper-case place and dash',
      'Talks Stall\n\nWASHINGTON — Talks stalled on Monday.',
      { title: 'Talks Stall', byline: null, outlet: null, place: 'Washington' },
    ],
    [
      'short place and spaced hyphen',
      "Next outbreak could be 'stronger': WHO\n\nGeneva - The WHO chief said on Wednesday that the epidemic was under control.",
      { title: "Next outbreak could be 'stronger': WHO", byline: null, outlet: null, place: 'Geneva' },
    ],
    [
      'a colon in an ordinary first sentence is no dateline',
      'Budget Day\n\nThe plan is simple: cut taxes and spend less.',
      { title: 'Budget Day', byline: null, outlet: null, place: null },
    ],
    [
      'no headline when the first line is a sentence',
      'The storm arrived on Tuesday and flooded the town.\nResidents fled.',
      { title: null, byline: null, outlet: null, place: null },
    ],
  ])('%s', (_name, text, expected) => {
    const { meta, text: out } = extractText(text);
    expect(out).toBe(text);
    expect({ title: meta.title, byline: meta.byline, outlet: meta.outlet, place: meta.place }).toEqual(expected);
  });

  it('marks repeated headlines and page furniture, and keeps them out of the body', () => {
    const text = 'Big News\n\nby Ann Lee |\nBig News\nX\n\nParis (Le Monde): Something happened today.\n\nNext Story';
    const { regions } = extractText(text);
    const kinds = regions.map((r) => [r.kind, text.slice(r.start, r.end)]);
    expect(kinds).toEqual([
      ['headline', 'Big News'],
      ['byline', 'by Ann Lee |'],
      ['furniture', 'Big News'],
      ['furniture', 'X'],
      ['dateline', 'Paris (Le Monde):'],
      ['body', 'Paris (Le Monde): Something happened today.'],
      ['furniture', 'Next Story'],
    ]);
  });

  it.each<[string, boolean]>([
    ['(Reporting by Anna Smith; Editing by John Doe)', true],
    ['Additional reporting by Jo Lee in Kyiv.', true],
    ['Writing by Tom Diaz; editing by Ann Lee', true],
    ['Associated Press writer Jo Lee in Ankara contributed to this report.', true],
    ['Jo Lee contributed reporting.', true],
    ['The reporting by local media was thin, officials said.', false],
    ['Police said the suspect contributed to the report of the fire.', false],
  ])('a credit line: %s → %s', (line, expected) => expect(looksLikeCredit(line)).toBe(expected));

  it('keeps a closing credit line out of the body', () => {
    const text = 'Russia denies role\n\nMOSCOW (Reuters) - Russia denied it on Tuesday.\n\nThe official gave no evidence.\n\n(Reporting by Anna Smith; Editing by John Doe)';
    const kinds = extractText(text).regions.map((r) => [r.kind, text.slice(r.start, r.end)]);
    expect(kinds.slice(-2)).toEqual([
      ['body', 'MOSCOW (Reuters) - Russia denied it on Tuesday.\n\nThe official gave no evidence.'],
      ['furniture', '(Reporting by Anna Smith; Editing by John Doe)'],
    ]);
  });
});
