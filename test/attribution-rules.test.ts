/**
 * Attribution rules as data: every rule's examples run as its test; the pattern language's semantics and
 * errors; a user's rule from a lexicon file; and the phrasings the parse rules were written for, read right
 * through the whole pipeline.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/index.js';
import { segment } from '../src/segment/segment.js';
import { findQuotes } from '../src/annotate/quotes.js';
import { parseAttributions } from '../src/annotate/attribution-parse.js';
import { ATTRIBUTION_RULES, type AttributionRule } from '../src/lexicons/attribution-rules.js';
import { buildLexicons, defaultLexicons, validateExtension, type Lexicons } from '../src/lexicons/index.js';
import { compilePattern, matchPattern, type NodePattern } from '../src/syntax/match.js';
import { ParseTree } from '../src/syntax/tree.js';

function relationsIn(text: string, lexicons: Lexicons = defaultLexicons()) {
  const { sentences, tokens, paragraphs } = segment(text);
  const quotes = findQuotes(text, paragraphs);
  return parseAttributions({ text, sentences, tokens, quotes, skip: new Set(), lexicons }).map((r) => ({
    rule: r.rule,
    source: r.sourceSpan ? text.slice(r.sourceSpan.start, r.sourceSpan.end) : null,
    cue: text.slice(r.cue.start, r.cue.end),
    content: text.slice(r.content.start, r.content.end),
  }));
}

const examples = ATTRIBUTION_RULES.flatMap((rule) => rule.examples.map((example) => ({ id: rule.id, example })));

describe('attribution rules: each example is its rule\'s test', () => {
  it.each(examples)('$id: $example.text', ({ id, example }) => {
    const found = relationsIn(example.text).filter((r) => r.rule === id);
    if (example.none) {
      expect(found).toEqual([]);
      return;
    }
    expect(found).toContainEqual({ rule: id, source: example.source ?? null, cue: example.cue, content: example.content });
  });

  it('every rule has a description, a positive example and a unique id', () => {
    const ids = ATTRIBUTION_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of ATTRIBUTION_RULES) {
      expect(r.description.length).toBeGreaterThan(20);
      expect(r.examples.some((e) => !e.none)).toBe(true);
    }
  });
});

/** Tokens of a hand-made tree: [word, upos, dep, head]. */
function tree(rows: Array<[string, string, string, number | null]>) {
  const tokens = rows.map(([w, upos, dep, head], i) => ({ start: i, end: i + 1, norm: w.toLowerCase(), lemma: w.toLowerCase(), upos, dep, head }));
  return { tokens, tree: new ParseTree(tokens) };
}

// "Officials said he was told that it failed": said(1) root; Officials nsubj; told(4) ccomp, he nsubj:pass, was aux:pass; failed(7) ccomp of told.
const SAMPLE = tree([
  ['Officials', 'NOUN', 'nsubj', 1],
  ['said', 'VERB', 'root', null],
  ['he', 'PRON', 'nsubj:pass', 4],
  ['was', 'AUX', 'aux:pass', 4],
  ['told', 'VERB', 'ccomp', 1],
  ['that', 'SCONJ', 'mark', 7],
  ['it', 'PRON', 'nsubj', 7],
  ['failed', 'VERB', 'ccomp', 4],
]);
const sets = { cueVerbs: new Set(['say', 'said', 'tell', 'told']) };
const names = (pattern: NodePattern[]) =>
  matchPattern(compilePattern(pattern, sets), SAMPLE.tokens, SAMPLE.tree).map((m) => Array.from(m, (i) => (i < 0 ? '-' : SAMPLE.tokens[i]!.norm)).join(' '));

describe('dependency patterns', () => {
  it('ties nodes as dependents, heads and siblings; a relation matches its subtypes', () => {
    expect(names([{ name: 'v', lemma: '@cueVerbs' }, { name: 's', head: 'v', dep: 'nsubj' }])).toEqual(['said officials', 'told he']);
    expect(names([{ name: 'v', lemma: '@cueVerbs' }, { name: 's', head: 'v', dep: 'nsubj:pass' }])).toEqual(['told he']);
    expect(names([{ name: 'c', dep: 'ccomp' }, { name: 'h', governs: 'c' }])).toEqual(['told said', 'failed told']);
    expect(names([{ name: 'x', word: 'he' }, { name: 'y', sibling: 'x', dep: 'aux:pass' }])).toEqual(['he was']);
  });

  it('absent nodes veto a match, optional ones may be missing, "!" negates and order is checked', () => {
    expect(names([{ name: 'v', lemma: '@cueVerbs' }, { name: 'p', head: 'v', dep: 'aux:pass', absent: true }])).toEqual(['said -']);
    expect(names([{ name: 'v', lemma: '@cueVerbs' }, { name: 'm', head: 'v', word: 'that', optional: true }])).toEqual(['said -', 'told -']);
    expect(names([{ name: 'v', lemma: '@cueVerbs' }, { name: 'c', head: 'v', dep: ['!nsubj', '!punct'], upos: 'VERB' }])).toEqual(['said told', 'told failed']);
    expect(names([{ name: 'v', lemma: '@cueVerbs' }, { name: 's', head: 'v', dep: 'nsubj', after: 'v' }])).toEqual([]);
  });

  it('refuses a malformed pattern with one line naming what is wrong', () => {
    const bad: Array<[unknown, RegExp]> = [
      [[], /non-empty list/],
      [[{ name: 'v', colour: 'red' }], /unknown key "colour"/],
      [[{ name: 'v' }, { name: 'v', head: 'v' }], /used twice/],
      [[{ name: 'v' }, { name: 's' }], /tied to exactly one earlier node/],
      [[{ name: 'v' }, { name: 's', head: 'x' }], /"head" names "x", which is not an earlier node/],
      [[{ name: 'v', lemma: '@nothing' }], /no lexicon set "@nothing"/],
      [[{ name: 'v', dep: ['nsubj', '!obj'] }], /all values or all "!"/],
      [[{ name: 'v', absent: true }], /anchor cannot be optional or absent/],
    ];
    for (const [pattern, message] of bad) {
      expect(() => compilePattern(pattern as NodePattern[], sets, 'rule "t/x"')).toThrow(message);
      try {
        compilePattern(pattern as NodePattern[], sets, 'rule "t/x"');
      } catch (e) {
        expect((e as Error).message).not.toContain('\n');
      }
    }
  });

  it('costs a linear number of steps on a chain as deep as it is long', () => {
    const n = 20000;
    const rows: Array<[string, string, string, number | null]> = Array.from({ length: n }, (_, i) => ['said', 'VERB', i === 0 ? 'root' : 'ccomp', i === 0 ? null : i - 1]);
    const { tokens, tree: t } = tree(rows);
    const pattern = compilePattern([{ name: 'v', lemma: '@cueVerbs' }, { name: 'c', head: 'v', dep: 'ccomp' }, { name: 'h', governs: 'v' }], sets);
    expect(matchPattern(pattern, tokens, t)).toHaveLength(n - 2);
  });
});

const TWEETED: AttributionRule = {
  id: 'user/tweeted',
  description: 'A user\'s rule: "X tweeted that …".',
  pattern: [
    { name: 'cue', lemma: ['tweet', 'tweeted'] },
    { name: 'source', head: 'cue', dep: 'nsubj' },
    { name: 'clause', head: 'cue', dep: 'ccomp' },
  ],
  roles: { cue: 'cue', source: 'source', content: 'clause' },
  examples: [{ text: 'The senator tweeted that the vote was rigged.', cue: 'tweeted', source: 'The senator', content: 'that the vote was rigged' }],
};

describe('rules a user adds without code', () => {
  it('a rule from a lexicon file finds its relation, before the built-in ones', () => {
    const lexicon = validateExtension({ attributionRules: [TWEETED] }, 'mine.json');
    const text = TWEETED.examples[0]!.text;
    expect(relationsIn(text, buildLexicons(lexicon))).toContainEqual({ rule: 'user/tweeted', source: 'The senator', cue: 'tweeted', content: 'that the vote was rigged' });
    const a = analyze(text, { lexicon });
    expect(a.attributions.map((r) => text.slice(r.content.start, r.content.end))).toContain('that the vote was rigged');
  });

  it('a broken rule in a lexicon file is refused with its name and the problem', () => {
    const broken = { ...TWEETED, pattern: [{ name: 'cue', lemma: '@tweetVerbs' }] };
    expect(() => validateExtension({ attributionRules: [broken] }, 'mine.json')).toThrow(/^mine\.json: attribution rule "user\/tweeted".*no lexicon set "@tweetVerbs"/);
    const noContent = { ...TWEETED, roles: { cue: 'cue', content: 'quote' } };
    expect(() => validateExtension({ attributionRules: [noContent] }, 'mine.json')).toThrow(/the content names "quote", which is not a node/);
  });
});

describe('phrasings read from the parse, through the whole pipeline', () => {
  const cases = [
    {
      text: 'The president, these sources said, speculated that the deal would collapse within a week.',
      source: 'these sources',
      cue: 'said',
      content: 'The president, these sources said, speculated that the deal would collapse within a week',
    },
    { text: 'As reported by CNN, the army moved two brigades to the border on Monday.', source: 'CNN', cue: 'reported', content: 'the army moved two brigades to the border on Monday' },
    {
      text: '“We have no record of any such meeting, and we never will,” the report states.',
      source: 'the report',
      cue: 'states',
      content: '“We have no record of any such meeting, and we never will,”',
    },
    { text: 'Officials, who spoke on condition of anonymity, said the plan was dead.', source: 'Officials', cue: 'said', content: 'the plan was dead' },
  ];
  it.each(cases)('$text', ({ text, source, cue, content }) => {
    const a = analyze(text, { entities: false, techniques: false });
    const found = a.attributions.map((r) => ({
      source: r.sourceSpan && text.slice(r.sourceSpan.start, r.sourceSpan.end),
      cue: text.slice(r.cue.start, r.cue.end),
      content: text.slice(r.content.start, r.content.end),
    }));
    expect(found).toContainEqual({ source, cue, content });
  });
});
