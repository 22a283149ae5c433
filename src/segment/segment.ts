/**
 * Segmentation: paragraphs, sentences and tokens with offsets into the unaltered text.
 *
 * Tokens, POS tags, lemmas and sentence boundaries come from wink-nlp's English lite model, which is
 * lossless (its tokens plus their preceding spaces rebuild the input), so offsets are exact. Two
 * corrections on top: a line break ends a sentence (headlines, bylines and one-sentence-per-line
 * articles), and a soft-wrapped line (no end punctuation, next line lower-case) does not.
 */
import winkNLP, { type ItemSentence } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Paragraph, Sentence, Span, Token } from '../model/types.js';
import { analyseSentence } from '../syntax/index.js';

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | null = null;

/** wink's vocabulary: word → index, and the words by index (the model's own, then those it learns). */
interface Lexemes {
  hash: Record<string, number>;
  list: string[];
}
let lexemes: Lexemes | null = null;
let modelSize = 0;
/** Learned words kept (unreachable) before the instance is rebuilt to free them: about 2,000 articles' worth. */
const REBUILD_AFTER = 200_000;

/** The wink-nlp instance, loaded on first use (the model is data, so this also works in a browser). */
export function getNlp(): Nlp {
  if (!nlp) {
    // The model's loader is wrapped to keep hold of the vocabulary wink builds from it (see `forgetLearned`).
    const capturing = Object.assign(Object.create(null), model, {
      core: () => {
        const core = (model as unknown as { core: () => { features: { lexeme: Lexemes } } }).core();
        lexemes = core.features.lexeme;
        return core;
      },
    }) as typeof model;
    // Only the pipes we use: sentence boundaries, POS (which needs no NER) and lemmas come with `pos`.
    nlp = winkNLP(capturing, ['sbd', 'pos']);
    modelSize = lexemes!.list.length;
  }
  return nlp;
}

/**
 * wink adds every word it has not seen to its vocabulary, and a word it knows is tokenised and tagged
 * differently: once "Clinton’s," has been read, "Clinton’s" stays one token and its neighbours' POS tags
 * change. So an article's analysis depended on what the process had read before (41 of 1,084 news
 * articles differed between two reading orders). Words learned while reading one document are made
 * unknown again after it: the same text always gives the same tokens. wink keeps per-word data in step
 * with its word list, so the list is not cut back; the instance is rebuilt when it has grown enough.
 */
function forgetLearned(sizeBefore: number): void {
  const { hash, list } = lexemes!;
  for (let i = sizeBefore; i < list.length; i++) {
    const word = list[i]!;
    // A run of letters or digits is one token whether wink knows it or not, and an unknown word's features
    // are computed the same way each time it is learned: only words with other marks change the outcome.
    if (hash[word] === i && !PLAIN_WORD.test(word)) delete hash[word];
  }
  if (list.length - modelSize > REBUILD_AFTER) nlp = null;
}

const PLAIN_WORD = /^[\p{L}\p{N}]+$/u;

export interface Segmentation {
  paragraphs: Paragraph[];
  sentences: Sentence[];
  tokens: Token[];
}

/** How many characters wink may have dropped before a token (runs of invisible marks); past this, a value not found where expected is trusted as it stands. */
const MAX_DROPPED = 16;

const END_PUNCT = /[.!?:;"”’)\]…|]\s*$/u;

/** Paragraphs: runs of non-blank lines, where a line break is a break unless it soft-wraps a sentence. */
export function findParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  const lineRe = /[^\r\n]*(?:\r\n|\r|\n|$)/g;
  let current: Span | null = null;
  let prevLine = '';
  for (let m = lineRe.exec(text); m !== null && m[0] !== ''; m = lineRe.exec(text)) {
    const raw = m[0].replace(/[\r\n]+$/, '');
    const lead = raw.length - raw.trimStart().length;
    const value = raw.trim();
    const start = m.index + lead;
    const end = start + value.length;
    if (value === '') {
      if (current) paragraphs.push({ index: paragraphs.length, ...current });
      current = null;
    } else if (current && !END_PUNCT.test(prevLine) && /^\p{Ll}/u.test(value)) {
      current.end = end; // soft wrap: the sentence goes on
    } else {
      if (current) paragraphs.push({ index: paragraphs.length, ...current });
      current = { start, end };
    }
    prevLine = value;
    if (m.index + m[0].length >= text.length) break;
  }
  if (current) paragraphs.push({ index: paragraphs.length, ...current });
  return paragraphs;
}

/** A word with a possessive (or contracted) 's kept whole by wink. */
const POSSESSIVE = /^(\p{L}[\p{L}\p{M}.&-]*)(['’]s)$/u;
/** Words whose 's is "is", "has" or "us", which wink expands itself: left alone. */
const S_CONTRACTIONS = new Set(['it', 'that', 'he', 'she', 'what', 'there', 'here', 'let', 'who', 'where', 'how', 'when', 'why', 'this']);

function foldNorm(value: string): string {
  return value.toLowerCase().replace(/[’‘`]/g, "'");
}

/**
 * A run of this many characters without a space is no word of any language (the longest URLs in news run to
 * a few hundred): it is one token of its own, POS X, and never goes to wink, whose per-token features cost
 * the square of a token's length (a 250 kB run took 49 s).
 */
export const MAX_WORD_LENGTH = 1000;

interface WinkTokens {
  values: string[];
  /** Offset of each value in the text. */
  starts: number[];
  tags: string[];
  lemmas: string[];
  /** Sentences as [first, last] token indices. */
  sentenceSpans: Array<[number, number]>;
}

const WHITESPACE = /\s/;

/** Stretches of the text to read with wink, and the over-long runs between them, in order. */
function pieces(text: string): Array<{ start: number; end: number; run: boolean }> {
  const out: Array<{ start: number; end: number; run: boolean }> = [];
  let from = 0;
  let runStart = -1;
  const endRun = (end: number): void => {
    if (runStart >= 0 && end - runStart >= MAX_WORD_LENGTH) {
      if (runStart > from) out.push({ start: from, end: runStart, run: false });
      out.push({ start: runStart, end, run: true });
      from = end;
    }
    runStart = -1;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Whitespace as paragraphs and sentences are trimmed of it (JavaScript's \s, U+FEFF among it), so a
    // run never reaches past the sentence holding it.
    const space = c < 128 ? c === 32 || (c >= 9 && c <= 13) : WHITESPACE.test(text[i]!);
    if (space) endRun(i);
    else if (runStart < 0) runStart = i;
  }
  endRun(text.length);
  if (from < text.length) out.push({ start: from, end: text.length, run: false });
  return out;
}

/** wink's tokens, POS tags, lemmas and sentences over the whole text, with each token's offset. */
function readTokens(engine: Nlp, text: string): WinkTokens {
  const its = engine.its;
  const out: WinkTokens = { values: [], starts: [], tags: [], lemmas: [], sentenceSpans: [] };
  for (const piece of pieces(text)) {
    const base = out.values.length;
    if (piece.run) {
      const value = text.slice(piece.start, piece.end);
      out.values.push(value);
      out.starts.push(piece.start);
      out.tags.push('X');
      out.lemmas.push(value);
      out.sentenceSpans.push([base, base]);
      continue;
    }
    const sizeBefore = lexemes!.list.length;
    let values: string[], spaces: string[], tags: string[], lemmas: string[];
    const sentenceSpans: Array<[number, number]> = [];
    try {
      const doc = engine.readDoc(piece.start === 0 && piece.end === text.length ? text : text.slice(piece.start, piece.end));
      values = doc.tokens().out(its.value) as string[];
      spaces = doc.tokens().out(its.precedingSpaces) as string[];
      tags = doc.tokens().out(its.pos) as string[];
      // wink's typings declare `lemma` with an addon signature `out` does not accept; it works at run time.
      lemmas = doc.tokens().out(its.lemma as never) as string[];
      doc.sentences().each((s: ItemSentence) => {
        sentenceSpans.push(s.out(its.span) as unknown as [number, number]);
      });
    } finally {
      forgetLearned(sizeBefore);
    }
    // Character offsets of every wink token (wink gives values and preceding whitespace only). Wink drops
    // some invisible characters (U+FEFF inside a text) from both, so each value is found in the text near
    // where the lengths add up to, never further than MAX_DROPPED characters on.
    let offset = piece.start;
    for (let i = 0; i < values.length; i++) {
      offset += spaces[i]!.length;
      const value = values[i]!;
      if (!text.startsWith(value, offset)) {
        const found = text.slice(offset, offset + MAX_DROPPED + value.length).indexOf(value);
        if (found >= 0) offset += found;
      }
      out.values.push(value);
      out.starts.push(offset);
      out.tags.push(tags[i]!);
      out.lemmas.push(lemmas[i] ?? value);
      offset += value.length;
    }
    // A piece of whitespace alone has no tokens, yet wink gives it a sentence: only sentences of tokens count.
    for (const [first, last] of sentenceSpans) if (first <= last && last < values.length) out.sentenceSpans.push([base + first, base + last]);
  }
  return out;
}

export interface SegmentOptions {
  /** Called between sentences as they are parsed: a budget check, which may throw to stop the analysis. */
  check?: () => void;
}

export function segment(text: string, options: SegmentOptions = {}): Segmentation {
  const paragraphs = findParagraphs(text);
  if (paragraphs.length === 0) return { paragraphs, sentences: [], tokens: [] };
  const { values, starts: winkStarts, tags, lemmas, sentenceSpans: winkSentenceSpans } = readTokens(getNlp(), text);

  // Sentence boundaries from wink, as character offsets, then cut at paragraph edges.
  const winkSentences: Span[] = [];
  for (const [first, last] of winkSentenceSpans) winkSentences.push({ start: winkStarts[first]!, end: winkStarts[last]! + values[last]!.length });

  const sentences: Sentence[] = [];
  let p = 0;
  for (const ws of winkSentences) {
    while (p < paragraphs.length && paragraphs[p]!.end <= ws.start) p++;
    for (let q = p; q < paragraphs.length && paragraphs[q]!.start < ws.end; q++) {
      const para = paragraphs[q]!;
      const start = Math.max(ws.start, para.start);
      const end = Math.min(ws.end, para.end);
      const piece = trimSpan(text, start, end);
      if (!piece) continue;
      const last = sentences[sentences.length - 1];
      // wink ends a sentence at a line break; a soft-wrapped line inside a paragraph goes on instead.
      // It also sometimes ends one on an opening quotation mark ("said: “"), which belongs to what follows.
      const lastText = last ? text.slice(last.start, last.end) : '';
      const softWrap = !END_PUNCT.test(lastText) && /\n/.test(text.slice(last?.end ?? 0, piece.start));
      const danglingQuote = /(^|[\s:,—–-])[“‘«"']$/u.test(lastText);
      if (last && last.paragraph === q && (softWrap || danglingQuote)) {
        last.end = piece.end;
      } else {
        sentences.push({ index: sentences.length, paragraph: q, ...piece, tokenStart: 0, tokenEnd: 0 });
      }
    }
  }

  const tokens: Token[] = [];
  let s = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (tags[i] === 'SPACE' || value.trim() === '') continue;
    const start = winkStarts[i]!;
    while (s < sentences.length && sentences[s]!.end <= start) s++;
    const sentence = sentences[s];
    if (!sentence || start < sentence.start) continue; // whitespace-only gaps hold no tokens
    const possessive = POSSESSIVE.exec(value);
    if (possessive && !S_CONTRACTIONS.has(foldNorm(possessive[1]!))) {
      // wink keeps "Clinton's" whole before punctuation ("Clinton's,") and then remembers it as a word,
      // so the rest of the document tokenises it whole too (learned words are forgotten between documents,
      // see forgetLearned). Splitting it here, always, gives every occurrence wink's own first split.
      const base = possessive[1]!;
      // Lemmas as wink gives them when it splits the word itself: the base lower-cased, the 's as written.
      tokens.push({ index: tokens.length, start, end: start + base.length, pos: tags[i] === 'PART' ? 'PROPN' : tags[i]!, lemma: base.toLowerCase(), norm: foldNorm(base), sentence: s, ...UNPARSED });
      tokens.push({ index: tokens.length, start: start + base.length, end: start + value.length, pos: 'PART', lemma: value.slice(base.length), norm: "'s", sentence: s, ...UNPARSED });
      continue;
    }
    tokens.push({
      index: tokens.length,
      start,
      end: start + value.length,
      pos: tags[i]!,
      lemma: lemmas[i] ?? value,
      norm: foldNorm(value),
      sentence: s,
      ...UNPARSED,
    });
  }
  let t = 0;
  for (const sentence of sentences) {
    while (t < tokens.length && tokens[t]!.sentence < sentence.index) t++;
    sentence.tokenStart = t;
    while (t < tokens.length && tokens[t]!.sentence === sentence.index) t++;
    sentence.tokenEnd = t;
  }
  const capped = capSentences(text, sentences, tokens);
  parseSentences(text, capped, tokens, options.check);
  return { paragraphs: capParagraphs(paragraphs, capped), sentences: capped, tokens };
}

/** A token's syntax before its sentence is parsed. */
const UNPARSED = { upos: 'X', head: null, dep: 'dep' } as const;

/** Each sentence's tokens tagged and parsed (src/syntax): `upos`, `head` (an index into `tokens`) and `dep`. */
function parseSentences(text: string, sentences: readonly Sentence[], tokens: Token[], check?: () => void): void {
  for (const sentence of sentences) {
    if (check && sentence.index % 64 === 0) check();
    const from = sentence.tokenStart;
    const words: string[] = [];
    // Curly apostrophes and quotation marks as the treebanks mostly write them.
    for (let t = from; t < sentence.tokenEnd; t++) words.push(text.slice(tokens[t]!.start, tokens[t]!.end).replace(/[‘’]/g, "'").replace(/[“”]/g, '"'));
    const { upos, heads, relations } = analyseSentence(words);
    for (let k = 0; k < words.length; k++) {
      const token = tokens[from + k]!;
      token.upos = upos[k]!;
      token.head = heads[k]! < 0 ? null : from + heads[k]!;
      token.dep = relations[k]!;
    }
  }
}

/**
 * The most tokens a paragraph may hold. The longest of PTC's and PolNeAR's 33,442 paragraphs has 18
 * sentences and 2,573 characters; a longer "paragraph" (a text with no blank line, hostile input) is cut
 * between sentences, so that what stages look for within a few paragraphs (antecedents, speakers) is
 * bounded.
 */
export const MAX_PARAGRAPH_TOKENS = 2000;

/** Paragraphs over MAX_PARAGRAPH_TOKENS cut before the sentence that would take them over it. */
function capParagraphs(paragraphs: Paragraph[], sentences: Sentence[]): Paragraph[] {
  const out: Paragraph[] = [];
  let s = 0;
  for (const para of paragraphs) {
    let piece: Paragraph = { index: out.length, start: para.start, end: para.end };
    out.push(piece);
    let tokens = 0;
    for (; s < sentences.length && sentences[s]!.paragraph === para.index; s++) {
      const sentence = sentences[s]!;
      const size = sentence.tokenEnd - sentence.tokenStart;
      if (tokens > 0 && tokens + size > MAX_PARAGRAPH_TOKENS) {
        piece.end = sentences[s - 1]!.end;
        piece = { index: out.length, start: sentence.start, end: para.end };
        out.push(piece);
        tokens = 0;
      }
      tokens += size;
      sentence.paragraph = piece.index;
    }
  }
  return out;
}

/**
 * The most tokens a sentence may hold. The longest of PTC's and PolNeAR's 50,140 sentences has 222; a
 * "sentence" of thousands (a list with no full stop, a pasted table, hostile input) is cut into pieces of at
 * most this many, so every stage that reads a sentence at a time costs at most this much per token.
 */
export const MAX_SENTENCE_TOKENS = 400;

/** Sentences over MAX_SENTENCE_TOKENS cut after the last clause mark in their second half, else at the limit. */
function capSentences(text: string, sentences: Sentence[], tokens: Token[]): Sentence[] {
  if (!sentences.some((s) => s.tokenEnd - s.tokenStart > MAX_SENTENCE_TOKENS)) return sentences;
  const out: Sentence[] = [];
  for (const sentence of sentences) {
    let from = sentence.tokenStart;
    let start = sentence.start;
    while (sentence.tokenEnd - from > MAX_SENTENCE_TOKENS) {
      let cut = from + MAX_SENTENCE_TOKENS;
      for (let k = cut - 1; k > from + MAX_SENTENCE_TOKENS / 2; k--) {
        if (/^[;,:—–)]$|^[.!?]+$/.test(text.slice(tokens[k]!.start, tokens[k]!.end))) {
          cut = k + 1;
          break;
        }
      }
      out.push({ ...sentence, index: out.length, start, end: tokens[cut - 1]!.end, tokenStart: from, tokenEnd: cut });
      from = cut;
      start = tokens[cut]!.start;
    }
    out.push({ ...sentence, index: out.length, start, tokenStart: from });
  }
  for (const s of out) for (let t = s.tokenStart; t < s.tokenEnd; t++) tokens[t]!.sentence = s.index;
  return out;
}

function trimSpan(text: string, start: number, end: number): Span | null {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return start < end ? { start, end } : null;
}
