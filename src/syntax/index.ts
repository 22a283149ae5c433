/**
 * The syntactic layer as the pipeline reads it: a sentence's words in, each word's UPOS tag, head and
 * Universal Dependencies relation out, by the shipped tagger (src/models/pos.json) and parser
 * (src/models/parser.json). Both are trained by `npm run train:parser`. Browser-safe: the models are data.
 */
import { deserializeClassifier, serializeClassifier, type SerializedClassifier } from './classifier.js';
import { CANDIDATE_KEYS, parseWith, type ParserModel } from './parser.js';
import { tagUposRanked } from './pos.js';
import parserModel from '../models/parser.json' with { type: 'json' };

export interface SyntaxOfSentence {
  upos: string[];
  /** Each word's head (index in the sentence), -1 for the root. */
  heads: Int32Array;
  relations: string[];
}

/** The shipped parser's fingerprint (scripts/fingerprint.ts): it follows the tagger's code and training too. */
export const PARSER_MODEL_FINGERPRINT: string = (parserModel as { fingerprint?: { code?: string } }).fingerprint?.code ?? 'none';

let parser: ParserModel | null = null;

/** The shipped parser (loaded on first use). */
export function parserShipped(): ParserModel {
  parser ??= deserializeParser(parserModel as unknown as SerializedParser);
  return parser;
}

/** A parser as JSON-safe data (src/models/parser.json holds one, with its source and fingerprint). */
export interface SerializedParser {
  actions: SerializedClassifier;
  relations: SerializedClassifier;
  candidates: number[][];
}

export function serializeParser(model: ParserModel): SerializedParser {
  return { actions: serializeClassifier(model.actions), relations: serializeClassifier(model.relations), candidates: model.candidates.map((c) => Array.from(c)) };
}

export function deserializeParser(data: SerializedParser): ParserModel {
  const actions = deserializeClassifier(data.actions, 'parser model (actions)');
  const relations = deserializeClassifier(data.relations, 'parser model (relations)');
  const n = relations.classes.length;
  if (!Array.isArray(data.candidates) || data.candidates.length !== CANDIDATE_KEYS) {
    throw new Error(`corrupt parser model: expected ${CANDIDATE_KEYS} candidate lists, got ${Array.isArray(data.candidates) ? data.candidates.length : typeof data.candidates}`);
  }
  const candidates = data.candidates.map((list) => {
    if (!Array.isArray(list) || list.some((r) => !Number.isInteger(r) || r < 0 || r >= n)) throw new Error(`corrupt parser model: a candidate list holds a relation outside 0…${n - 1}`);
    return Int32Array.from(list);
  });
  return { actions, relations, candidates };
}

/** Tags and parses one sentence's words (under `model`, by default the shipped one). */
export function analyseSentence(words: readonly string[], model: ParserModel = parserShipped()): SyntaxOfSentence {
  if (words.length === 0) return { upos: [], heads: new Int32Array(0), relations: [] };
  const { tags: upos, runnerUp } = tagUposRanked(words);
  const { heads, relations } = parseWith(model, words, upos, runnerUp);
  return { upos, heads, relations };
}
