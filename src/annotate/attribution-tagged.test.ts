import { describe, expect, it } from 'vitest';
import type { Span } from '../model/types.js';
import type { RawAttribution } from './attribution.js';
import { combineAttributions } from './attribution-tagged.js';
import { analyze } from '../pipeline.js';

/** A span by the text it covers (first occurrence at or after `from`). */
function at(text: string, piece: string, from = 0): Span {
  const start = text.indexOf(piece, from);
  if (start < 0) throw new Error(`"${piece}" not in the text`);
  return { start, end: start + piece.length };
}

function relation(text: string, source: string | null, cue: string, content: string, rule: string): RawAttribution {
  return {
    sourceSpan: source === null ? null : at(text, source),
    cue: at(text, cue),
    cueLemma: cue,
    cueType: 'verb',
    content: at(text, content),
    type: 'indirect',
    rule,
    evidence: cue,
    score: 0.8,
    parent: null,
  };
}

const said = (s: Span | null, text: string): string | null => (s ? text.slice(s.start, s.end) : null);

type Row = [
  name: string,
  text: string,
  rules: Array<[source: string | null, cue: string, content: string]>,
  tagged: Array<[source: string | null, cue: string, content: string]>,
  expected: Array<[source: string | null, cue: string, content: string, rule: string]>,
];

const rows: Row[] = [
  [
    // PolNeAR gives each coordinated clause to its own cue: the tagger's end, not the rule's longer clause.
    'shared cue: the tagger’s content and source, the rule’s type',
    'Trump tweeted that Machado was a con and encouraged Americans to watch.',
    [['Trump', 'tweeted', 'that Machado was a con and encouraged Americans to watch']],
    [['Trump', 'tweeted', 'that Machado was a con']],
    [['Trump', 'tweeted', 'that Machado was a con', 'attribution/rule+tagger']],
  ],
  [
    // The tagger took a later verb for the cue and the real cue into its source: the rule's cue heads it.
    'a rule cue inside the tagger’s source',
    'The report further states that Pakistan continues to provide refuge and also undermines security.',
    [['The report', 'further states', 'that Pakistan continues to provide refuge and also undermines security']],
    [['The report further states', 'also undermines', 'that Pakistan continues to provide refuge']],
    [['The report', 'further states', 'that Pakistan continues to provide refuge', 'attribution/rule+tagger']],
  ],
  [
    'a tagged relation no rule found stays, its closing punctuation trimmed',
    'Officials hope for a deal, and critics doubt it.',
    [],
    [['critics', 'doubt', 'it.']],
    [['critics', 'doubt', 'it', 'attribution/tagger']],
  ],
  [
    'a rule relation the tagger missed stays',
    'Officials hope for a deal. The mayor said the budget is balanced.',
    [['The mayor', 'said', 'the budget is balanced']],
    [['Officials', 'hope', 'for a deal']],
    [
      ['Officials', 'hope', 'for a deal', 'attribution/tagger'],
      ['The mayor', 'said', 'the budget is balanced', 'attribution/rule'],
    ],
  ],
];

describe('combineAttributions', () => {
  it.each(rows)('%s', (_name, text, rules, tagged, expected) => {
    const combined = combineAttributions(
      text,
      rules.map(([s, c, t]) => relation(text, s, c, t, 'attribution/rule')),
      tagged.map(([s, c, t]) => relation(text, s, c, t, 'attribution/tagger')),
    );
    expect(combined.map((r) => [said(r.sourceSpan, text), said(r.cue, text), said(r.content, text), r.rule])).toEqual(expected);
  });
});

describe('combineAttributions with a parenthetical source', () => {
  it('keeps the content on both sides of "the spokesman said", where the tagger has one side', () => {
    const text = 'The deficit is smaller than expected, the spokesman said, and the plan was approved.';
    const whole = 'The deficit is smaller than expected, the spokesman said, and the plan was approved';
    const combined = combineAttributions(
      text,
      [relation(text, 'the spokesman', 'said', whole, 'attribution/parenthetical')],
      [relation(text, 'the spokesman', 'said', 'and the plan was approved', 'attribution/tagger')],
    );
    expect(combined.map((r) => [said(r.content, text), r.rule])).toEqual([[whole, 'attribution/parenthetical+tagger']]);
  });
});

describe('tagged sources', () => {
  it('are never a determiner alone (the tagger reads "An assessment of …" as source and cue)', () => {
    const text = "Examining the U.N.'s Record.\n\nAn assessment of the organization's performance on refugees, war and peace, human rights, terrorism, gender equality and climate change.";
    const a = analyze(text, { format: 'text' });
    const cues = a.attributions.map((r) => text.slice(r.cue.start, r.cue.end));
    // The relation is still there (a cue with content), only without a source.
    expect(cues).toContain('assessment of');
    for (const r of a.attributions) if (r.sourceSpan) expect(text.slice(r.sourceSpan.start, r.sourceSpan.end)).not.toMatch(/^(an?|the)$/i);
  });
});
