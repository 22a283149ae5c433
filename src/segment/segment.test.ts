import { describe, expect, it } from 'vitest';
import { findParagraphs, segment } from './segment.js';

const sentencesOf = (text: string) => segment(text).sentences.map((s) => text.slice(s.start, s.end));

describe('segment', () => {
  it.each<[string, string, string[]]>([
    ['abbreviations', 'Dr. Smith met U.S. officials on Oct. 7 in Washington. They agreed.', ['Dr. Smith met U.S. officials on Oct. 7 in Washington.', 'They agreed.']],
    ['em-dashes and parentheses stay inside', 'The army — not the navy — led (as planned). Then it left.', ['The army — not the navy — led (as planned).', 'Then it left.']],
    ['a line break ends a headline', 'Floods Hit the Coast\nHundreds of homes were lost.', ['Floods Hit the Coast', 'Hundreds of homes were lost.']],
    ['byline line', 'by Jane Doe |\nThe storm arrived.', ['by Jane Doe |', 'The storm arrived.']],
    ['soft-wrapped line continues the sentence', 'The storm arrived on\nthe coast and left.', ['The storm arrived on\nthe coast and left.']],
    ['a quote spanning sentences is cut at sentence ends', '“It is bad. Very bad,” he said.', ['“It is bad.', 'Very bad,” he said.']],
  ])('%s', (_name, text, expected) => {
    expect(sentencesOf(text)).toEqual(expected);
  });

  it('soft wraps join only lower-case continuations', () => {
    expect(findParagraphs('One line\nanother part\n\nNew Para').map((p) => [p.start, p.end])).toEqual([[0, 21], [23, 31]]);
  });

  it('gives tokens exact offsets, POS tags and lemmas', () => {
    const text = 'The report “reveals” that Pakistan’s army trained fighters.';
    const { tokens } = segment(text);
    for (const t of tokens) expect(text.slice(t.start, t.end).length).toBe(t.end - t.start);
    const reveals = tokens.find((t) => text.slice(t.start, t.end) === 'reveals')!;
    expect(reveals.lemma).toBe('reveal');
    const trained = tokens.find((t) => text.slice(t.start, t.end) === 'trained')!;
    expect([trained.pos, trained.lemma]).toEqual(['VERB', 'train']);
    expect(tokens.find((t) => t.norm === "'s")).toBeDefined(); // curly apostrophe folded in norm only
  });

  it('returns nothing for empty or blank text', () => {
    expect(segment('')).toEqual({ paragraphs: [], sentences: [], tokens: [] });
    expect(segment(' \n\t\n ').sentences).toEqual([]);
  });
});

describe('tokens do not depend on what was analysed before', () => {
  // wink learns "Zorblinger's" as a word the first time it sees it before punctuation, and would then keep it
  // whole in every later document of the process.
  const probe = "About Zorblinger's tax plan, and Zorblinger's aides.";
  const spans = (text: string) => segment(text).tokens.map((t) => text.slice(t.start, t.end));

  it('splits a possessive the same way before and after wink has seen it whole', () => {
    const before = spans(probe);
    expect(spans("It mattered more than Zorblinger's, even so.")).toContain("'s");
    expect(spans(probe)).toEqual(before);
    expect(before).toEqual(['About', 'Zorblinger', "'s", 'tax', 'plan', ',', 'and', 'Zorblinger', "'s", 'aides', '.']);
  });

  it('tags and lemmatises a text the same way whatever was read before it', () => {
    // Once wink knew "nation’s" as a word it tagged "struggles" a noun, not a verb, in this very sentence.
    const text = 'The nation’s struggles grew, and Quarrington’s aides met the nation’s critics.';
    const before = segment(text).tokens;
    segment('It was the nation’s, and Quarrington’s, and the ministry’s; nobody else’s.');
    expect(segment(text).tokens).toEqual(before);
    expect(before.filter((t) => t.norm === 'struggles').map((t) => t.pos)).toEqual(['VERB']);
  });

});
