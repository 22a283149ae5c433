/**
 * claimtrace's UPOS tagger (src/syntax/pos.ts), trained on UD English EWT + GUM: the CoNLL-U reader, word
 * shapes, tags on plain news, and accuracy on both dev files against wink-nlp's tagger on the same sentences.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConllu } from '../src/syntax/conllu.js';
import { tagUpos, wordShape } from '../src/syntax/pos.js';
import { getNlp } from '../src/segment/segment.js';
import { hasSharedData, SHARED_DATA } from './support/shared.js';

describe('parseConllu', () => {
  const text = [
    '# sent_id = s1',
    '# text = Don\'t go.',
    '1-2\tDon\'t\t_\t_\t_\t_\t_\t_\t_\t_',
    '1\tDo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_',
    '2\tn\'t\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_',
    '3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No',
    '4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_',
    '',
    '1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\t_',
    '1.1\tgone\tgo\tVERB\tVBN\t_\t_\t_\t_\t_',
  ].join('\n');

  it('reads words (not multiword tokens or empty nodes) with 0-based heads, the root at -1', () => {
    const [s1, s2] = parseConllu(text, 'mini.conllu');
    expect(s1!.id).toBe('s1');
    expect(s1!.words.map((w) => [w.form, w.upos, w.head, w.deprel])).toEqual([
      ['Do', 'AUX', 2, 'aux'],
      ["n't", 'PART', 2, 'advmod'],
      ['go', 'VERB', -1, 'root'],
      ['.', 'PUNCT', 2, 'punct'],
    ]);
    expect(s2!.words.map((w) => w.form)).toEqual(['Yes']);
    expect(s2!.id).toBe('mini.conllu#2');
  });

  it('names the line of a malformed row', () => {
    expect(() => parseConllu('1\tword\tonly three', 'bad.conllu')).toThrow('bad.conllu:1: expected 10 tab-separated columns, got 3');
  });
});

describe('wordShape', () => {
  it.each([
    ['Pakistan', 'Xxx'],
    ['ISI', 'XX'],
    ['2023', 'dd'],
    ['U.S.', 'X.X.'],
    ['Čapek', 'Xxx'],
    ['e-mail', 'x-xx'],
  ])('%s → %s', (w, shape) => expect(wordShape(w)).toBe(shape));
});

describe('tagUpos', () => {
  it('tags a plain news sentence', () => {
    const words = ['The', 'ministry', 'said', 'on', 'Monday', 'that', 'Pakistan', 'had', 'trained', '300', 'fighters', '.'];
    expect(tagUpos(words)).toEqual(['DET', 'NOUN', 'VERB', 'ADP', 'PROPN', 'SCONJ', 'PROPN', 'AUX', 'VERB', 'NUM', 'NOUN', 'PUNCT']);
  });

  it('gives nothing for no words', () => {
    expect(tagUpos([])).toEqual([]);
  });
});

describe.skipIf(!hasSharedData)('accuracy on UD English dev', () => {
  const nlp = getNlp();
  it.each([
    ['ewt/en_ewt-ud-dev.conllu', 0.94],
    ['gum/en_gum-ud-dev.conllu', 0.95],
  ])('%s: at least %s, and above wink-nlp on the sentences it tokenises alike', (file, floor) => {
    const sentences = parseConllu(readFileSync(path.join(SHARED_DATA, 'ud', file), 'utf8'));
    let ours = 0;
    let winks = 0;
    let all = 0;
    for (const s of sentences) {
      const forms = s.words.map((w) => w.form);
      const doc = nlp.readDoc(forms.join(' '));
      const values = doc.tokens().out(nlp.its.value) as string[];
      if (values.length !== forms.length || values.some((v, i) => v !== forms[i])) continue;
      const wink = doc.tokens().out(nlp.its.pos) as string[];
      const mine = tagUpos(forms);
      s.words.forEach((w, i) => {
        all++;
        if (mine[i] === w.upos) ours++;
        if (wink[i] === w.upos) winks++;
      });
    }
    expect(all).toBeGreaterThan(20_000);
    expect(ours / all).toBeGreaterThanOrEqual(floor);
    expect(ours).toBeGreaterThan(winks);
  });
});
