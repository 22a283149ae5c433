import { describe, expect, it } from 'vitest';
import { findQuotes } from './quotes.js';
import { findParagraphs } from '../segment/segment.js';

const quotesOf = (text: string) =>
  findQuotes(text, findParagraphs(text)).map((q) => ({ text: text.slice(q.start, q.end), closed: q.closed, depth: q.depth }));

describe('findQuotes', () => {
  it.each<[string, string, Array<{ text: string; closed: boolean; depth?: number }>]>([
    ['curly double', 'He said “it is over” and left.', [{ text: '“it is over”', closed: true }]],
    ['straight double', 'He said "it is over" and left.', [{ text: '"it is over"', closed: true }]],
    ['mismatched: curly open, straight close', 'He said “it is over" and left.', [{ text: '“it is over"', closed: true }]],
    ['mismatched: straight open, curly close', 'He said "it is over” and left.', [{ text: '"it is over”', closed: true }]],
    ['single curly', 'The plan was ‘a disaster’, she said.', [{ text: '‘a disaster’', closed: true }]],
    ['apostrophes are not quotes', "Pakistan’s army didn’t say; the leaders’ view is unknown.", []],
    ['unclosed quote runs to the paragraph end', 'He said “we will never leave.\n\nNext paragraph.', [{ text: '“we will never leave.', closed: false }]],
    ['unclosed quote stops before a trailing "said X"', '“We need help now, said Ann Lee, a volunteer.\n\nNext.', [{ text: '“We need help now', closed: false }]],
    ['unclosed quote stops before a trailing "X said"', '“The water keeps rising, the mayor said.', [{ text: '“The water keeps rising', closed: false }]],
    ['unclosed quote stops before a trailing "she added"', '"We will rebuild, she added.', [{ text: '"We will rebuild', closed: false }]],
    ['an unclosed quote whose own words say "said" runs on', '“John said nothing, and we left.', [{ text: '“John said nothing, and we left.', closed: false }]],
    ['a closed quote is not cut', '“We need help now, said Ann Lee,” he wrote.', [{ text: '“We need help now, said Ann Lee,”', closed: true }]],
    [
      'quote across paragraphs, reopened',
      '“The first part.\n\n“The second part,” he said.',
      [{ text: '“The first part.\n\n“The second part,”', closed: true }],
    ],
    [
      'nested single inside double',
      '“They called it ‘a plan’ at the time,” he said.',
      [{ text: '“They called it ‘a plan’ at the time,”', closed: true, depth: 0 }, { text: '‘a plan’', closed: true, depth: 1 }],
    ],
    ['straight single quotes in a headline', "Next outbreak could be 'stronger': WHO", [{ text: "'stronger'", closed: true }]],
  ])('%s', (_name, text, expected) => {
    const got = quotesOf(text);
    expect(got.map(({ text: t, closed }) => ({ text: t, closed }))).toEqual(expected.map(({ text: t, closed }) => ({ text: t, closed })));
    expected.forEach((e, i) => {
      if (e.depth !== undefined) expect(got[i]!.depth).toBe(e.depth);
    });
  });

  it('flags short quoted labels as scare quotes, not speech', () => {
    const text = 'The U.S. designated it a “Major Non-NATO Ally.” He said “we will keep training them for years to come.”';
    const quotes = findQuotes(text, findParagraphs(text));
    expect(quotes.map((q) => q.scare)).toEqual([true, false]);
  });
});
