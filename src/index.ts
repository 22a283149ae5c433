/** claimtrace: the library API. `analyze(text)` returns the document model; the CLI is a thin shell over it. */
export { analyze, ANALYSIS_VERSION, MODEL_VERSION, type AnalyzeOptions } from './pipeline.js';
export { decodeInput, guessFormat, InputError, DEFAULT_MAX_BYTES, type InputErrorCode } from './extract/input.js';
export { languageEvidence, type LanguageEvidence } from './extract/language.js';
export { buildLexicons, validateExtension, type LexiconExtension, type Lexicons } from './lexicons/index.js';
export type * from './model/types.js';
export { ParseTree, type ParsedToken } from './syntax/tree.js';
export { analyseSentence, type SyntaxOfSentence } from './syntax/index.js';
