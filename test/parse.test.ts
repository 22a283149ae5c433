/**
 * The dependency parser (src/syntax/parser.ts): its transition system and dynamic oracle, the shape of what
 * it outputs whatever the words, what it reads of plain news sentences, and its scores on both UD dev files
 * against a baseline measured in the same run (each word attached to its neighbour). The reading of the
 * parse (src/syntax/tree.ts) and the scorer (src/eval/parse.ts) are tested here too.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseSentence, deserializeParser, parserShipped, serializeParser } from '../src/syntax/index.js';
import { tagUposRanked } from '../src/syntax/pos.js';
import { Configuration, LEFT, RIGHT, SHIFT } from '../src/syntax/parser.js';
import { transitionCosts } from '../src/syntax/parser-train.js';
import { deserializeClassifier, emptyClassifier, serializeClassifier } from '../src/syntax/classifier.js';
import { parseConllu } from '../src/syntax/conllu.js';
import { ParseTree } from '../src/syntax/tree.js';
import { goldDocuments, scoreFromText, scoreOnGoldWords } from '../src/eval/parse.js';
import { segment } from '../src/segment/segment.js';
import { hasSharedData, SHARED_DATA } from './support/shared.js';

/** Follows the cheapest transition from the start; returns the heads made (-1 for the root). */
function followOracle(gold: readonly number[]): number[] {
  const n = gold.length;
  const goldHeads = Int32Array.from(gold, (h) => (h < 0 ? n : h));
  const c = new Configuration(gold.map(() => 'w'), gold.map(() => 'NOUN'));
  const cost = new Float64Array(3);
  while (!c.done) {
    transitionCosts(c, goldHeads, cost);
    let best = -1;
    for (const a of [SHIFT, LEFT, RIGHT]) if (c.valid(a) && (best < 0 || cost[a]! < cost[best]!)) best = a;
    c.apply(best, 0);
  }
  return Array.from(c.head.subarray(0, n), (h) => (h === n ? -1 : h));
}

/** Whether a tree (heads, -1 for the root) has no crossing arcs. */
function projective(heads: readonly number[]): boolean {
  const arcs = heads.map((h, d) => (h < 0 ? [d, heads.length] : [Math.min(h, d), Math.max(h, d)]) as [number, number]);
  return arcs.every(([a, b]) => arcs.every(([c, d]) => !(a < c && c < b && b < d)));
}

/** A random projective tree over n words with one root: built by attaching each span's words inside it. */
const projectiveTree = fc.integer({ min: 1, max: 30 }).chain((n) =>
  fc.array(fc.nat(), { minLength: 2 * n, maxLength: 2 * n }).map((choices) => {
    const heads = new Array<number>(n).fill(-1);
    // Spans to fill, each with its head; the whole sentence's head is its root. No recursion: a stack of spans.
    let k = 0;
    const pick = (lo: number, hi: number) => lo + (choices[k++ % choices.length]! % (hi - lo));
    const root = pick(0, n);
    const spans: Array<[number, number, number]> = [[0, root, root], [root + 1, n, root]];
    while (spans.length > 0) {
      const [lo, hi, head] = spans.pop()!;
      if (lo >= hi) continue;
      const h = pick(lo, hi);
      heads[h] = head;
      spans.push([lo, h, h], [h + 1, hi, h]);
    }
    return heads;
  }),
);

describe('arc-hybrid transitions and the dynamic oracle', () => {
  it.each([
    ['one word', [-1]],
    ['a chain to the right', [-1, 0, 1, 2]],
    ['a chain to the left', [1, 2, 3, -1]],
    ['the root in the middle', [2, 2, -1, 2, 3]],
    ['"The ministry said that Pakistan trained fighters"', [1, 2, -1, 5, 5, 2, 5]],
  ])('the cheapest transitions rebuild %s', (_name, heads) => {
    expect(followOracle(heads)).toEqual(heads);
  });

  it('the cheapest transitions rebuild any projective tree', () => {
    fc.assert(
      fc.property(projectiveTree, (heads) => {
        expect(projective(heads)).toBe(true);
        expect(followOracle(heads)).toEqual(heads);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('counts the arcs a transition loses', () => {
    // Stack [0, 1], buffer [2, root]; gold: 0 ← 2, 1 ← 0, 2 root.
    const c = new Configuration(['a', 'b', 'c'], ['NOUN', 'NOUN', 'NOUN']);
    c.apply(SHIFT);
    c.apply(SHIFT);
    const cost = new Float64Array(3);
    transitionCosts(c, Int32Array.from([2, 0, 3]), cost);
    // LEFT attaches 1 to 2 and loses 1 ← 0; RIGHT attaches 1 to 0, loses nothing; SHIFT buries 1 under 2, losing 1 ← 0.
    expect(Array.from(cost)).toEqual([1, 1, 0]);
  });

  it('gives the root one dependent: LEFT onto the root only when one word is left', () => {
    const c = new Configuration(['a', 'b'], ['NOUN', 'NOUN']);
    c.apply(SHIFT);
    c.apply(SHIFT);
    expect([c.valid(SHIFT), c.valid(LEFT), c.valid(RIGHT)]).toEqual([false, false, true]);
    c.apply(RIGHT);
    expect([c.valid(SHIFT), c.valid(LEFT), c.valid(RIGHT)]).toEqual([false, true, false]);
  });
});

describe('the classifier as data', () => {
  it('keeps its weights through serialisation, to 1/32767 of the largest', () => {
    const c = emptyClassifier(['a', 'b', 'c'], 16);
    c.weights[0] = 2.5;
    c.weights[4 * 5 + 2] = -1.25;
    c.weights[4 * 15 + 1] = 0.001;
    const back = deserializeClassifier(JSON.parse(JSON.stringify(serializeClassifier(c))));
    expect(back.classes).toEqual(['a', 'b', 'c']);
    for (let i = 0; i < c.weights.length; i++) expect(Math.abs(back.weights[i]! - c.weights[i]!)).toBeLessThanOrEqual(2.5 / 32767);
  });

  it('names what is wrong with corrupt data', () => {
    const data = serializeClassifier(emptyClassifier(['a'], 16));
    expect(() => deserializeClassifier({ ...data, buckets: 12 }, 'test model')).toThrow('corrupt test model: buckets must be a power of two in [2, 2^26], got 12');
    expect(() => deserializeClassifier({ ...data, weights: 'AAAAAA==' }, 'test model')).toThrow('corrupt test model: 0 buckets but 2 weights for 1 classes');
  });
});

describe('the shipped parser', () => {
  const parse = (sentence: string) => {
    const words = sentence.split(' ');
    const { upos, heads, relations } = analyseSentence(words);
    const at = (w: string) => words.indexOf(w);
    const headOf = (w: string) => (heads[at(w)]! < 0 ? 'ROOT' : words[heads[at(w)]!]);
    return { upos, relations, at, headOf, relationOf: (w: string) => relations[at(w)] };
  };

  it('reads who said what in a plain news sentence', () => {
    const p = parse('The ministry said on Monday that Pakistan had trained the fighters .');
    expect(p.headOf('said')).toBe('ROOT');
    expect([p.headOf('ministry'), p.relationOf('ministry')]).toEqual(['said', 'nsubj']);
    expect([p.headOf('trained'), p.relationOf('trained')]).toEqual(['said', 'ccomp']);
    expect([p.headOf('Pakistan'), p.relationOf('Pakistan')]).toEqual(['trained', 'nsubj']);
    expect([p.headOf('fighters'), p.relationOf('fighters')]).toEqual(['trained', 'obj']);
    expect([p.headOf('Monday'), p.relationOf('Monday')]).toEqual(['said', 'obl']);
    expect(p.headOf('that')).toBe('trained');
  });

  it('reads the source of "according to" and the subject of a passive', () => {
    const p = parse('Hamas fighters were trained in Pakistan , according to officials .');
    expect([p.headOf('fighters'), p.relationOf('fighters')]).toEqual(['trained', 'nsubj:pass']);
    expect([p.headOf('were'), p.relationOf('were')]).toEqual(['trained', 'aux:pass']);
    expect([p.headOf('officials'), p.relationOf('officials')]).toEqual(['trained', 'obl']);
    expect(p.headOf('according')).toBe('officials');
  });

  it('gives every sentence one root and no cycle, whatever its words', () => {
    const word = fc.oneof(fc.constantFrom('the', 'said', 'Pakistan', ',', '.', '“', 'that', 'of', 'and', 'reportedly', 'ISI'), fc.string({ minLength: 1, maxLength: 8 }));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 60 }), (words) => {
        const { heads, relations } = analyseSentence(words);
        expect(heads.length).toBe(words.length);
        const roots = Array.from(heads).filter((h) => h < 0);
        expect(roots).toHaveLength(1);
        expect(relations[Array.from(heads).indexOf(-1)]).toBe('root');
        heads.forEach((h, i) => {
          if (h >= 0) expect(relations[i]).not.toBe('root');
          // Walking up from every word reaches the root within n steps: no cycle.
          let k = i;
          let steps = 0;
          while (heads[k]! >= 0 && steps <= words.length) {
            k = heads[k]!;
            steps++;
          }
          expect(heads[k]).toBe(-1);
        });
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it('refuses a parser model whose relation candidates are corrupt, naming what is wrong', () => {
    const data = serializeParser(parserShipped());
    expect(() => deserializeParser({ ...data, candidates: data.candidates.slice(1) })).toThrow(/corrupt parser model: expected \d+ candidate lists, got \d+/);
    const bad = data.candidates.map((c, i) => (i === 0 ? [...c, 999] : c));
    expect(() => deserializeParser({ ...data, candidates: bad })).toThrow(/corrupt parser model: a candidate list holds a relation outside 0…\d+/);
    // What it writes, it reads back: the same parse of a sentence.
    const words = 'Officials said the plan had failed .'.split(' ');
    const back = deserializeParser(JSON.parse(JSON.stringify(data)) as typeof data);
    expect(analyseSentence(words, back)).toEqual(analyseSentence(words));
  });

  it('gives each word the tag it ranked second, never its own tag', () => {
    const words = 'The report claims that the ISI trains Hamas operatives .'.split(' ');
    const { tags, runnerUp } = tagUposRanked(words);
    expect(runnerUp).toHaveLength(words.length);
    runnerUp.forEach((r, i) => expect(r).not.toBe(tags[i]));
  });

  it('names relations only from the UD relations it was trained on', () => {
    const classes = parserShipped().relations.classes;
    expect(classes).toContain('nsubj:pass');
    expect(classes.every((r) => /^[a-z]+(:[a-z]+)?$/.test(r))).toBe(true);
  });
});

describe('the segment stage', () => {
  it('gives every token its tag, head and relation, each head in the token’s own sentence', () => {
    const text = 'The ministry said the report was false. “It is a lie,” officials told Reuters.\n\nNo one else spoke.';
    const { tokens, sentences } = segment(text);
    for (const s of sentences) {
      const own = tokens.slice(s.tokenStart, s.tokenEnd);
      expect(own.filter((t) => t.head === null)).toHaveLength(1);
      for (const t of own) if (t.head !== null) expect(t.head >= s.tokenStart && t.head < s.tokenEnd).toBe(true);
    }
    const said = tokens.find((t) => text.slice(t.start, t.end) === 'said')!;
    const ministry = tokens.find((t) => text.slice(t.start, t.end) === 'ministry')!;
    expect([ministry.head, ministry.dep]).toEqual([said.index, 'nsubj']);
    expect(said.upos).toBe('VERB');
  });
});

describe('ParseTree', () => {
  const text = 'The ministry said that Pakistan had trained the fighters .';
  const { tokens } = segment(text);
  const tree = new ParseTree(tokens);
  const at = (w: string) => tokens.findIndex((t) => text.slice(t.start, t.end) === w);

  it('gives children, subjects, complements, subtree spans and paths', () => {
    expect(tree.children(at('said'))).toEqual([at('ministry'), at('trained'), at('.')]);
    expect(tree.subjectOf(at('said'))).toBe(at('ministry'));
    expect(tree.complementOf(at('said'))).toBe(at('trained'));
    expect(tree.dependents(at('trained'), 'nsubj', 'obj')).toEqual([at('Pakistan'), at('fighters')]);
    const span = tree.subtreeSpan(at('trained'));
    expect(text.slice(span.start, span.end)).toBe('that Pakistan had trained the fighters');
    expect(tree.path(at('ministry'), at('fighters'))).toEqual([at('ministry'), at('said'), at('trained'), at('fighters')]);
    expect(tree.within(at('Pakistan'), at('trained'))).toBe(true);
    expect(tree.within(at('ministry'), at('trained'))).toBe(false);
    expect(tree.depthOf(at('said'))).toBe(0);
  });

  it('refuses heads that are not a forest, naming the token', () => {
    const tok = (head: number | null) => ({ start: 0, end: 1, head, dep: head === null ? 'root' : 'dep' });
    expect(() => new ParseTree([tok(null), tok(2), tok(1)])).toThrow('ParseTree: token 1 is its own ancestor (a cycle of heads)');
    expect(() => new ParseTree([tok(null), tok(5)])).toThrow('ParseTree: token 1 has head 5; a head is null or another token\'s index below 2');
    expect(() => new ParseTree([tok(0)])).toThrow(/token 0 has head 0/);
    expect(() => new ParseTree([])).not.toThrow();
  });

  it('reads a chain of 100,000 tokens without recursion', () => {
    const n = 100_000;
    const chain = Array.from({ length: n }, (_, i) => ({ start: i, end: i + 1, head: i === 0 ? null : i - 1, dep: i === 0 ? 'root' : 'conj' }));
    const deep = new ParseTree(chain);
    expect(deep.depthOf(n - 1)).toBe(n - 1);
    expect(deep.subtreeTokens(0)).toEqual([0, n - 1]);
    expect(deep.path(n - 1, 0)).toHaveLength(n);
  });
});

describe('scoring against a treebank', () => {
  const conllu = [
    '# newdoc id = d1',
    '# text = I don\'t know.',
    '1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_',
    '2-3\tdon\'t\t_\t_\t_\t_\t_\t_\t_\t_',
    '2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_',
    '3\tn\'t\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_',
    '4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No',
    '5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_',
    '',
  ].join('\n');
  const sentences = parseConllu(conllu);

  it('finds each gold word in the raw text, a multiword token split where its words spell it', () => {
    const [doc] = goldDocuments(sentences);
    expect(doc!.words.map((w) => doc!.text.slice(w.start, w.end))).toEqual(['I', 'do', "n't", 'know', '.']);
  });

  it('scores a perfect system 1 and counts relations by their universal part', () => {
    const gold = sentences[0]!.words;
    const perfect = scoreOnGoldWords(sentences, () => ({ upos: gold.map((w) => w.upos), heads: gold.map((w) => w.head), relations: gold.map((w) => w.deprel.split(':')[0]! + ':x') }));
    expect(perfect).toEqual({ upos: 1, uas: 1, las: 1, tokens: 5, sentences: 1 });
  });

  it('end to end, counts a word the system did not split as wrong for both sides', () => {
    const scores = scoreFromText(sentences, (text) => ({
      words: [
        { start: 0, end: 1, upos: 'PRON', head: 2, dep: 'nsubj' },
        { start: 2, end: 7, upos: 'AUX', head: 2, dep: 'aux' },
        { start: 8, end: 12, upos: 'VERB', head: null, dep: 'root' },
        { start: 12, end: 13, upos: 'PUNCT', head: 2, dep: 'punct' },
      ],
      sentences: [{ start: 0, end: text.length }],
    }));
    // 3 of 5 gold words found among 4 system words: F1 = 6/9; all three right.
    expect(scores.words).toBeCloseTo(6 / 9);
    expect(scores.las).toBeCloseTo(6 / 9);
    expect(scores.sentenceBoundaries).toBe(1);
  });
});

describe.skipIf(!hasSharedData)('scores on UD English dev', () => {
  it.each([
    ['ewt/en_ewt-ud-dev.conllu', 0.82, 0.78],
    ['gum/en_gum-ud-dev.conllu', 0.82, 0.78],
  ])('%s: UAS at least %s and LAS at least %s on gold words, far above attaching each word to its neighbour', (file, uas, las) => {
    const sentences = parseConllu(readFileSync(path.join(SHARED_DATA, 'ud', file), 'utf8'));
    const ours = scoreOnGoldWords(sentences, (words) => analyseSentence(words));
    const neighbour = scoreOnGoldWords(sentences, (words) => ({ upos: [], heads: words.map((_, i) => (i === words.length - 1 ? -1 : i + 1)), relations: [] }));
    expect(ours.tokens).toBeGreaterThan(25_000);
    expect(ours.uas).toBeGreaterThanOrEqual(uas);
    expect(ours.las).toBeGreaterThanOrEqual(las);
    expect(ours.uas).toBeGreaterThan(neighbour.uas + 0.4);
  });

  it('EWT dev from its raw text: words and sentences found, LAS within reach of the gold-word figure', () => {
    const sentences = parseConllu(readFileSync(path.join(SHARED_DATA, 'ud', 'ewt/en_ewt-ud-dev.conllu'), 'utf8'));
    const e2e = scoreFromText(sentences, (text) => {
      const s = segment(text);
      return { words: s.tokens, sentences: s.sentences };
    });
    expect(e2e.words).toBeGreaterThan(0.95);
    expect(e2e.sentenceBoundaries).toBeGreaterThan(0.6);
    expect(e2e.las).toBeGreaterThan(0.7);
  });
});
