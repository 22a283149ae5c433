/**
 * Is this English? claimtrace's tokenizer, tagger, lexicons and models read English only, so a text in another
 * language would come out as a column of unattributed "claims" in the outlet's own voice — plausible-looking
 * and wrong. The test is the share of words that are common English function words (src/lexicons/english.json):
 * a third or more in English news, a few per cent in other languages written in Latin script, none in others.
 * Pure and browser-safe.
 */
import english from '../lexicons/english.json' with { type: 'json' };

const FUNCTION_WORDS = new Set(english.functionWords);
/** Below this many words a text is too short to judge (a headline, a one-line note): it passes. */
export const MIN_WORDS_TO_JUDGE = 40;
/** English news measures 0.30–0.55 on PTC and PolNeAR; German, French, Spanish, Italian stay under 0.08. */
export const MIN_ENGLISH_SHARE = 0.15;
/** The lowest share measured on the 1,231 English articles of PTC and PolNeAR (0.258), for messages. */
const ENGLISH_NEWS_FLOOR = 0.25;

export interface LanguageEvidence {
  /** Words looked at (the first 2,000 of the text). */
  words: number;
  /** Share of them that are English function words. */
  englishShare: number;
  /** False when the text is long enough to judge and too few of its words are English. */
  english: boolean;
}

const WORD = /\p{L}+(?:['’]\p{L}+)*/gu;

export function languageEvidence(text: string): LanguageEvidence {
  let words = 0;
  let hits = 0;
  for (const m of text.matchAll(WORD)) {
    words++;
    if (FUNCTION_WORDS.has(m[0].toLowerCase())) hits++;
    if (words === 2000) break;
  }
  return evidence(words, hits);
}

/**
 * The same judgement from an analysis' tokens (lower-cased `norm`), where they are at hand: no second pass
 * over the text. Tokens with no letter are not words.
 */
export function languageEvidenceOfTokens(tokens: ReadonlyArray<{ norm: string }>): LanguageEvidence {
  let words = 0;
  let hits = 0;
  for (let i = 0; i < tokens.length && words < 2000; i++) {
    const norm = tokens[i]!.norm;
    if (FUNCTION_WORDS.has(norm)) {
      words++;
      hits++;
    } else if (/\p{L}/u.test(norm)) words++;
  }
  return evidence(words, hits);
}

function evidence(words: number, hits: number): LanguageEvidence {
  const englishShare = words === 0 ? 0 : hits / words;
  return { words, englishShare, english: words < MIN_WORDS_TO_JUDGE || englishShare >= MIN_ENGLISH_SHARE };
}

/** Why a text was refused, in words (the CLI and the corpus ingest report it so). */
export function notEnglishReason(e: LanguageEvidence): string {
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  return `does not look like English: ${pct(e.englishShare)} of its first ${e.words} words are common English words (English news has ${pct(ENGLISH_NEWS_FLOOR)} or more); claimtrace's models read English only`;
}
