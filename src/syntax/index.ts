/**
 * The syntactic layer as the pipeline reads it: a sentence's words in, each word's UPOS tag, head and
 * Universal Dependencies relation out, by the shipped tagger (src/models/pos.json) and parser
 * (src/models/parser.json). Both are trained by `npm run train:parser`. Browser-safe: the models are data.
 */
import { deserializeClassifier, type SerializedClassifier } from './classifier.js';
import { parseWith, type ParserModel } from './parser.js';
import { tagUpos } from './pos.js';
import parserModel from '../models/parser.json' with { type: 'json' };

export interface SyntaxOfSentence {
  upos: string[];
  /** Each word's head (index in the sentence), -1 for the root. */
  heads: Int32Array;
  relations: string[];
}

let parser: ParserModel | null = null;

/** The shipped parser (loaded on first use). */
export function parserShipped(): ParserModel {
  if (!parser) {
    const data = parserModel as unknown as { actions: SerializedClassifier; relations: SerializedClassifier };
    parser = { actions: deserializeClassifier(data.actions, 'parser model (actions)'), relations: deserializeClassifier(data.relations, 'parser model (relations)') };
  }
  return parser;
}

/** Tags and parses one sentence's words (under `model`, by default the shipped one). */
export function analyseSentence(words: readonly string[], model: ParserModel = parserShipped()): SyntaxOfSentence {
  if (words.length === 0) return { upos: [], heads: new Int32Array(0), relations: [] };
  const upos = tagUpos(words);
  const { heads, relations } = parseWith(model, words, upos);
  return { upos, heads, relations };
}
