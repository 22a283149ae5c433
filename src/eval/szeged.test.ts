import { describe, expect, it } from 'vitest';
import { decodeEntities, parseSzeged, type SzegedSentence } from './szeged.js';

const cueTexts = (s: SzegedSentence): string[] => s.cues.map((c) => s.text.slice(c.start, c.end));

const doc = (...sentences: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE Annotation PUBLIC "x" "Uncertainty.dtd">
<Annotation><DocumentSet>
<Document type="Wikipedia_text_weasel"><DocID type="WIKIPEDIA_ARTICLE_ID">Doc &amp; One_1</DocID>
<DocumentPart type="Text">${sentences.join('')}</DocumentPart></Document>
<Document><DocID>Two_2</DocID><DocumentPart><Sentence id="S1.1">Plain.</Sentence></DocumentPart></Document>
</DocumentSet></Annotation>`;

describe('Szeged uncertainty XML', () => {
  it('decodes the five XML entities and numeric references, and leaves unknown ones', () => {
    expect(decodeEntities('&lt;a&gt; &amp; &quot;b&quot; &apos;c&apos; &#233; &#x1F600; &nbsp; &#xD800;')).toBe(
      '<a> & "b" \'c\' é 😀 &nbsp; &#xD800;',
    );
  });

  it('strips tags, decodes entities before and inside cues, and gives cue offsets into the stripped text', () => {
    const [s] = parseSzeged(doc('<Sentence id="S1.2">Smith &amp; Jones &lt;said&gt; it <ccue type="speculation_modal_probable_">may</ccue> rain.</Sentence>'));
    expect(s!.text).toBe('Smith & Jones <said> it may rain.');
    expect(s!.cues).toEqual([{ start: 24, end: 27 }]);
    expect(cueTexts(s!)).toEqual(['may']);
    expect(s!.types).toEqual(['speculation_modal_probable']);
    expect(s!.id).toBe('S1.2');
  });

  it('finds cues at the very start and end of a sentence, and two cues in one sentence', () => {
    const sentences = parseSzeged(
      doc(
        '<Sentence id="S1.1"><ccue type="speculation_hypo_condition _">If</ccue> so, it is <ccue type="speculation_hypo_doxastic _">believed</ccue> he <ccue type="speculation_modal_probable_">might</ccue></Sentence>',
      ),
    );
    const s = sentences[0]!;
    expect(s.text).toBe('If so, it is believed he might');
    expect(s.cues).toEqual([{ start: 0, end: 2 }, { start: 13, end: 21 }, { start: 25, end: 30 }]);
    expect(s.cues[2]!.end).toBe(s.text.length);
    expect(cueTexts(s)).toEqual(['If', 'believed', 'might']);
    expect(s.types).toEqual(['speculation_hypo_condition', 'speculation_hypo_doxastic', 'speculation_modal_probable']);
  });

  it('counts UTF-16 code units: a non-BMP character before a cue shifts it by two', () => {
    const [s] = parseSzeged(doc('<Sentence id="S1.3">😀 &#x1D11E; <ccue type="t">perhaps</ccue>.</Sentence>'));
    expect(s!.text).toBe('😀 𝄞 perhaps.');
    expect(s!.cues).toEqual([{ start: 6, end: 13 }]);
    expect(cueTexts(s!)).toEqual(['perhaps']);
  });

  it('keeps the outermost of nested cues, strips other tags, and gives each part of a discontinuous cue its own span', () => {
    const [a, b] = parseSzeged(
      doc(
        '<Sentence id="S1.4">It <ccue type="outer">is <ccue type="inner">said</ccue> to</ccue> <xcope id="X1">be <b>old</b></xcope>.</Sentence>',
        '<Sentence id="S1.5"><ccue type="c" ref="d1">Either</ccue> red <ccue type="c" ref="d1">or</ccue> blue.</Sentence>',
      ),
    );
    expect(a!.text).toBe('It is said to be old.');
    expect(cueTexts(a!)).toEqual(['is said to']);
    expect(a!.types).toEqual(['outer']);
    expect(cueTexts(b!)).toEqual(['Either', 'or']);
  });

  it('records the document of every sentence, and sentences without cues', () => {
    const sentences = parseSzeged(doc('<Sentence id="S1.1">A.</Sentence>', '<Sentence id="S1.2">B <ccue type="t"> would </ccue>.</Sentence>'));
    expect(sentences.map((s) => [s.id, s.document, s.docId, s.text])).toEqual([
      ['S1.1', 0, 'Doc & One_1', 'A.'],
      ['S1.2', 0, 'Doc & One_1', 'B  would .'],
      ['S1.1', 1, 'Two_2', 'Plain.'],
    ]);
    expect(sentences[0]!.cues).toEqual([]);
    expect(cueTexts(sentences[1]!)).toEqual(['would']); // whitespace inside a cue's tags is not part of it
  });

  it('survives malformed input: an unclosed cue ends with its sentence, stray close tags are ignored', () => {
    const [s] = parseSzeged('<Sentence id="x">a </ccue><ccue type="t">b c</Sentence>');
    expect(s!.text).toBe('a b c');
    expect(cueTexts(s!)).toEqual(['b c']);
    expect(s!.document).toBe(-1);
    expect(parseSzeged('')).toEqual([]);
  });
});
