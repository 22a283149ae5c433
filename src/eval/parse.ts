/**
 * Scores of a tagger and parser against Universal Dependencies, as the CoNLL 2018 shared task counts them:
 * every word, punctuation included; a relation is right when its universal part is ("obl:tmod" and "obl"
 * agree); LAS wants the head right too.
 * - On the gold words (`scoreOnGoldWords`): the parser sees each sentence's gold words; scores are accuracies.
 * - End to end (`scoreFromText`): the system reads each document's raw text (the sentences' `# text`, a
 *   paragraph's sentences joined by a space, paragraphs by a blank line) and finds its own words and
 *   sentences; a system word counts where its characters are a gold word's, and each score is an F1 over
 *   the gold and system words, so tokenisation errors count.
 */
import type { UdSentence } from '../syntax/conllu.js';

export interface ParseScores {
  upos: number;
  uas: number;
  las: number;
  /** Gold words scored. */
  tokens: number;
  sentences: number;
}

export interface EndToEndScores extends ParseScores {
  /** F1 of the system's words against the gold words (by character span). */
  words: number;
  /** F1 of the system's sentences against the gold sentences (by character span). */
  sentenceBoundaries: number;
  /** Words the system found. */
  systemWords: number;
}

/** The tags, heads (-1 for a root) and relations a system gives a sentence's words. */
export interface SentenceAnalysis {
  upos: readonly string[];
  heads: ArrayLike<number>;
  relations: readonly string[];
}

/** A system's words over a raw text: character spans, tags, heads (index into `words`, null for a root). */
export interface TextAnalysis {
  words: ReadonlyArray<{ start: number; end: number; upos: string; head: number | null; dep: string }>;
  sentences: ReadonlyArray<{ start: number; end: number }>;
}

const universal = (relation: string): string => {
  const colon = relation.indexOf(':');
  return colon < 0 ? relation : relation.slice(0, colon);
};

export function scoreOnGoldWords(sentences: readonly UdSentence[], analyse: (words: readonly string[]) => SentenceAnalysis): ParseScores {
  let tokens = 0;
  let upos = 0;
  let uas = 0;
  let las = 0;
  for (const s of sentences) {
    const out = analyse(s.words.map((w) => w.form));
    s.words.forEach((w, i) => {
      tokens++;
      if (out.upos[i] === w.upos) upos++;
      if (out.heads[i] === w.head) {
        uas++;
        if (universal(out.relations[i] ?? '') === universal(w.deprel)) las++;
      }
    });
  }
  const of = (k: number) => (tokens === 0 ? 0 : k / tokens);
  return { upos: of(upos), uas: of(uas), las: of(las), tokens, sentences: sentences.length };
}

interface GoldDocument {
  text: string;
  /** Per gold word: its character span in `text`, its sentence's words' offset in `words`. */
  words: Array<{ start: number; end: number; upos: string; head: number; dep: string }>;
  sentences: Array<{ start: number; end: number }>;
}

/**
 * The documents of a treebank as raw text with each gold word's character span. A multiword token's words
 * take their parts of it where they spell it out ("do" + "n't" in "don't"), else each the whole token.
 */
export function goldDocuments(sentences: readonly UdSentence[], name = 'the treebank'): GoldDocument[] {
  const docs: GoldDocument[] = [];
  let doc: GoldDocument | null = null;
  for (const s of sentences) {
    if (s.text === undefined) throw new Error(`${name}: sentence ${s.id} has no "# text" line, so it cannot be scored from raw text`);
    if (!doc || s.newDoc) docs.push((doc = { text: '', words: [], sentences: [] }));
    if (doc.text.length > 0) doc.text += s.newPar ? '\n\n' : ' ';
    const base = doc.text.length;
    doc.text += s.text;
    const offset = doc.words.length;
    const spans = wordSpans(s, name);
    s.words.forEach((w, i) => {
      const [start, end] = spans[i]!;
      doc!.words.push({ start: base + start, end: base + end, upos: w.upos, head: w.head < 0 ? -1 : offset + w.head, dep: w.deprel });
    });
    doc.sentences.push({ start: base + spans[0]![0], end: base + spans[spans.length - 1]![1] });
  }
  return docs;
}

/** Each word's [start, end) in its sentence's text. */
function wordSpans(s: UdSentence, name: string): Array<[number, number]> {
  const text = s.text!;
  const spans: Array<[number, number]> = [];
  const multiword = new Map(s.multiwords.map((m) => [m.first, m]));
  let at = 0;
  const find = (form: string): number => {
    const k = text.indexOf(form, at);
    if (k < 0) throw new Error(`${name}: sentence ${s.id}: "${form}" is not in its text after offset ${at}`);
    return k;
  };
  for (let i = 0; i < s.words.length; i++) {
    const m = multiword.get(i);
    if (!m) {
      const k = find(s.words[i]!.form);
      spans.push([k, k + s.words[i]!.form.length]);
      at = k + s.words[i]!.form.length;
      continue;
    }
    const k = find(m.form);
    const lower = m.form.toLowerCase();
    let inner = 0;
    const parts: Array<[number, number]> = [];
    for (let j = m.first; j <= m.last; j++) {
      const part = s.words[j]!.form.toLowerCase();
      if (lower.startsWith(part, inner) && part.length > 0) {
        parts.push([k + inner, k + inner + part.length]);
        inner += part.length;
      } else break;
    }
    const whole = parts.length === m.last - m.first + 1 && inner === m.form.length;
    for (let j = m.first; j <= m.last; j++) spans.push(whole ? parts[j - m.first]! : [k, k + m.form.length]);
    at = k + m.form.length;
    i = m.last;
  }
  return spans;
}

export function scoreFromText(sentences: readonly UdSentence[], analyse: (text: string) => TextAnalysis, name?: string): EndToEndScores {
  let goldWords = 0;
  let systemWords = 0;
  let aligned = 0;
  let upos = 0;
  let uas = 0;
  let las = 0;
  let goldSentences = 0;
  let systemSentences = 0;
  let sameSentences = 0;
  for (const doc of goldDocuments(sentences, name)) {
    const sys = analyse(doc.text);
    goldWords += doc.words.length;
    systemWords += sys.words.length;
    const key = (start: number, end: number) => `${start}:${end}`;
    // Gold word by span; where two gold words share a span (an unsplit multiword token), the first.
    const goldAt = new Map<string, number>();
    doc.words.forEach((w, i) => {
      const k = key(w.start, w.end);
      if (!goldAt.has(k)) goldAt.set(k, i);
    });
    const goldOf = sys.words.map((w) => goldAt.get(key(w.start, w.end)) ?? -1);
    sys.words.forEach((w, i) => {
      const g = goldOf[i]!;
      if (g < 0) return;
      aligned++;
      const gold = doc.words[g]!;
      if (w.upos === gold.upos) upos++;
      const headRight = w.head === null ? gold.head === -1 : gold.head !== -1 && goldOf[w.head] === gold.head;
      if (headRight) {
        uas++;
        if (universal(w.dep) === universal(gold.dep)) las++;
      }
    });
    goldSentences += doc.sentences.length;
    systemSentences += sys.sentences.length;
    const goldSpans = new Set(doc.sentences.map((s) => key(s.start, s.end)));
    for (const s of sys.sentences) if (goldSpans.has(key(s.start, s.end))) sameSentences++;
  }
  const f1 = (right: number, gold: number, system: number) => (gold + system === 0 ? 0 : (2 * right) / (gold + system));
  return {
    upos: f1(upos, goldWords, systemWords),
    uas: f1(uas, goldWords, systemWords),
    las: f1(las, goldWords, systemWords),
    words: f1(aligned, goldWords, systemWords),
    sentenceBoundaries: f1(sameSentences, goldSentences, systemSentences),
    tokens: goldWords,
    systemWords,
    sentences: goldSentences,
  };
}
