/**
 * `claimtrace eval attribution --data DIR [--json]`: scores the attribution extractor against BRAT
 * annotation laid out as PolNeAR is (DIR/text/NAME.txt, DIR/attributions/NAME_ANNOTATOR.ann).
 * Where an article has two annotation files, the first (by file name) is used.
 *
 * `claimtrace eval hedges --data FILE.xml [--fold K --folds N] [--json]`: scores the hedge detector
 * (default lexicons, each sentence analysed on its own) against Szeged uncertainty XML (WikiWeasel 2.0).
 * With --fold K --folds N only the documents whose index (from 0, in file order) is K modulo N are
 * scored: `--fold 0 --folds 5` is the fifth that scripts/build-hedge-lexicon.ts holds out.
 *
 * `claimtrace eval techniques --articles DIR --labels FILE [--json]`: scores the propaganda-technique
 * stage against PTC-style labels (SemEval-2020 Task 11; src/eval/techniques.ts has the measures).
 *
 * `claimtrace eval parse --data FILE.conllu [--from-text] [--json]`: scores the tagger and parser against a
 * Universal Dependencies treebank (src/eval/parse.ts has the measures): on its gold words, or with
 * --from-text from each document's raw text through the segment stage, so tokenisation errors count.
 *
 * `claimtrace eval extraction --data DIR [--json]`: scores the text taken from web pages (DIR/NAME.html) against
 * hand-made article bodies (DIR/NAME.txt) by token precision, recall and F1 (src/eval/extraction.ts): the
 * article body claimtrace finds, its whole text (the headline too), and Mozilla Readability's text alone.
 *
 * `claimtrace eval checkworthy --data DIR|FILE.tsv [--split NAME] [--json]`: ranks the lines of each CLEF
 * CheckThat! Task 1 file by check-worthiness and scores the ranking (MAP, R-precision, P@k; src/eval/checkworthy.ts).
 *
 * `claimtrace eval paraphrase --data FILE.tsv [--split NAME] [--json]`: scores claim matching across outlets
 * on sentence pairs (MSR Paraphrase Corpus or SemEval STS format; src/eval/paraphrase.ts): every sentence
 * analysed as its own article, all clustered together as a corpus would be.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { analyze } from '../pipeline.js';
import { detectHedges } from '../annotate/hedges.js';
import { defaultLexicons } from '../lexicons/index.js';
import { firstAnnotations } from '../eval/brat.js';
import { AttributionScorer, goldRelations, predictedRelations, type AttributionScores } from '../eval/attribution.js';
import { evalHedges, type HedgeScores } from '../eval/hedges.js';
import { parseSzeged } from '../eval/szeged.js';
import { parseTechniqueLabels, TechniqueScorer, toUtf16, type LabelledSpan, type TechniqueScores } from '../eval/techniques.js';
import { classifySpan, buildContext } from '../annotate/techniques/model.js';
import { techniqueModel } from '../annotate/techniques/index.js';
import { UsageError } from './errors.js';
import { isSplitName, splitOf, SPLITS, type Split } from '../eval/splits.js';
import { type EndToEndScores, type ParseScores, scoreFromText, scoreOnGoldWords } from '../eval/parse.js';
import { parseConllu, type UdSentence } from '../syntax/conllu.js';
import { analyseSentence } from '../syntax/index.js';
import { segment } from '../segment/segment.js';
import { matchPairs, parsePairs, scorePairs, type ParaphrasePair, type ParaphraseScores } from '../eval/paraphrase.js';
import { claimTermsOf, relationSignatures } from '../corpus/features.js';
import { scoresOf, tokenOverlap, type TokenScores } from '../eval/extraction.js';
import { extractHtml } from '../extract/html.js';
import { checkworthyReport, documentText, lineUnits, parseClef, parseNewsLabels, rankInputOf, sentenceScores, type CheckworthyReport, type NewsLabel } from '../eval/checkworthy.js';
import type { CheckworthinessModel } from '../rank/model.js';
import { smallCorpusSplitOf } from '../eval/splits.js';
import { scoreClaims, scoreUnits } from '../rank/index.js';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';

const TASKS = ['attribution', 'checkworthy', 'extraction', 'hedges', 'paraphrase', 'parse', 'techniques'];

export function runEval(argv: string[]): void {
  const [task, ...rest] = argv;
  if (task === 'hedges') return runEvalHedges(rest);
  if (task === 'techniques') return runEvalTechniques(rest);
  if (task === 'parse') return runEvalParse(rest);
  if (task === 'paraphrase') return runEvalParaphrase(rest);
  if (task === 'extraction') return runEvalExtraction(rest);
  if (task === 'checkworthy') return runEvalCheckworthy(rest);
  if (task !== 'attribution') {
    throw new UsageError(`eval needs a task: ${TASKS.join(', ')}${task ? ` (got "${task}")` : ''}`);
  }
  const { values } = parseArgs({ args: rest, options: { data: { type: 'string' }, json: { type: 'boolean' }, split: { type: 'string' } } });
  if (!values.data) throw new UsageError('eval attribution needs --data DIR (with text/ and attributions/ inside)');
  const scores = evalAttribution(values.data, splitOption(values.split));
  process.stdout.write(values.json ? JSON.stringify(scores) + '\n' : formatScores(scores));
}

/**
 * `--split NAME`: score only the articles of that fixed part of a training set (src/eval/splits.ts), such as
 * `internal-test`, which the shipped models were never trained or tuned on.
 */
function splitOption(value: string | undefined): Split | undefined {
  if (value === undefined || value === 'all') return undefined;
  if (!isSplitName(value)) throw new UsageError(`--split must be one of ${SPLITS.join(', ')} or all, got "${value}"`);
  return value as Split;
}

export function evalAttribution(dir: string, split?: Split): AttributionScores {
  const textDir = path.join(dir, 'text');
  const annDir = path.join(dir, 'attributions');
  if (!existsSync(textDir) || !existsSync(annDir)) {
    throw new UsageError(`${dir} must hold text/NAME.txt and attributions/NAME_ANNOTATOR.ann`);
  }
  const firstAnnotation = firstAnnotations(readdirSync(annDir));
  if (firstAnnotation.length === 0) throw new UsageError(`no .ann files in ${annDir}`);
  const scorer = new AttributionScorer();
  for (const [name, file] of firstAnnotation) {
    if (split && splitOf(name) !== split) continue;
    const textPath = path.join(textDir, `${name}.txt`);
    if (!existsSync(textPath)) continue;
    const text = readFileSync(textPath, 'utf8');
    const gold = goldRelations(readFileSync(path.join(annDir, file), 'utf8'), text);
    scorer.add(predictedRelations(analyze(text, { format: 'text' })), gold);
  }
  return scorer.result();
}

export function formatScores(s: AttributionScores): string {
  const pct = (x: number) => (x * 100).toFixed(1).padStart(6);
  const lines = [`attribution, ${s.documents} documents`, '             exact: P      R      F1   overlap: P      R      F1'];
  for (const role of ['cue', 'source', 'content', 'relation'] as const) {
    const { exact: e, overlap: o } = s[role];
    lines.push(`  ${role.padEnd(9)}  ${pct(e.p)} ${pct(e.r)} ${pct(e.f1)}          ${pct(o.p)} ${pct(o.r)} ${pct(o.f1)}`);
  }
  return lines.join('\n') + '\n';
}

function runEvalHedges(argv: string[]): void {
  const { values } = parseArgs({
    args: argv,
    options: { data: { type: 'string' }, json: { type: 'boolean' }, fold: { type: 'string' }, folds: { type: 'string' } },
  });
  if (!values.data) throw new UsageError('eval hedges needs --data FILE.xml (Szeged uncertainty XML, e.g. WikiWeasel wiki.xml)');
  let fold: { k: number; n: number } | undefined;
  if (values.fold !== undefined || values.folds !== undefined) {
    const k = Number(values.fold);
    const n = Number(values.folds);
    if (values.fold === undefined || values.folds === undefined || !Number.isInteger(k) || !Number.isInteger(n) || n < 2 || k < 0 || k >= n) {
      throw new UsageError(`--fold K --folds N go together, with N ≥ 2 and 0 ≤ K < N (got --fold ${values.fold ?? '(none)'} --folds ${values.folds ?? '(none)'})`);
    }
    fold = { k, n };
  }
  const scores = evalHedgesFile(values.data, fold);
  if (values.json) {
    const { cue, sentence } = scores;
    process.stdout.write(JSON.stringify({ cue, sentence }) + '\n');
  } else {
    process.stdout.write(formatHedgeScores(scores, values.data, fold));
  }
}

export function evalHedgesFile(file: string, fold?: { k: number; n: number }): HedgeScores & { documents: number } {
  let xml: string;
  try {
    if (statSync(file).isDirectory()) throw new UsageError(`${file} is a directory, expected a Szeged XML file`);
    xml = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file} (${code ?? String(e)})`);
  }
  let sentences = parseSzeged(xml);
  if (sentences.length === 0) throw new UsageError(`${file} holds no <Sentence> elements (expected Szeged uncertainty XML)`);
  if (fold) sentences = sentences.filter((s) => ((s.document % fold.n) + fold.n) % fold.n === fold.k);
  const lexicons = defaultLexicons();
  const scores = evalHedges(sentences, (text) => detectHedges(text, lexicons));
  return { ...scores, documents: new Set(sentences.map((s) => s.document)).size };
}

export function formatHedgeScores(s: HedgeScores & { documents: number }, file: string, fold?: { k: number; n: number }): string {
  const pct = (x: number) => (x * 100).toFixed(1).padStart(6);
  const where = fold ? `, documents ≡ ${fold.k} mod ${fold.n}` : '';
  return [
    `hedges, ${path.basename(file)}${where}: ${s.documents} documents, ${s.sentences} sentences (${s.uncertain} uncertain), ${s.goldCues} gold cues, ${s.predictedCues} predicted`,
    '             exact: P      R      F1   overlap: P      R      F1',
    `  cue        ${pct(s.cue.p)} ${pct(s.cue.r)} ${pct(s.cue.f1)}          ${pct(s.cue.overlap.p)} ${pct(s.cue.overlap.r)} ${pct(s.cue.overlap.f1)}`,
    `  sentence   ${pct(s.sentence.p)} ${pct(s.sentence.r)} ${pct(s.sentence.f1)}   (CoNLL-2010 Task 1: uncertain sentences)`,
  ].join('\n') + '\n';
}

function runEvalTechniques(argv: string[]): void {
  const { values } = parseArgs({ args: argv, options: { articles: { type: 'string' }, labels: { type: 'string' }, json: { type: 'boolean' }, split: { type: 'string' } } });
  if (!values.articles || !values.labels) {
    throw new UsageError(`eval techniques needs --articles DIR (articleID.txt files) and --labels FILE (id<TAB>technique<TAB>start<TAB>end)${values.articles ? '' : ', no --articles given'}${values.labels ? '' : ', no --labels given'}`);
  }
  const scores = evalTechniques(values.articles, values.labels, splitOption(values.split));
  process.stdout.write(values.json ? JSON.stringify({ si: scores.si, tc: scores.tc && { microF1: scores.tc.microF1, perTechnique: Object.fromEntries(Object.entries(scores.tc.perTechnique).map(([k, v]) => [k, { p: v.p, r: v.r, f1: v.f1 }])) }, documents: scores.documents }) + '\n' : formatTechniqueScores(scores));
}

function readUsage(file: string, what: string): string {
  try {
    if (statSync(file).isDirectory()) throw new UsageError(`${file} is a directory, expected ${what}`);
    return readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file} (${code ?? String(e)})`);
  }
}

/**
 * Scores every article of DIR (`articleID.txt` or `ID.txt`) that FILE labels or that DIR holds: SI over
 * what `analyze` finds; TC (unless every label is `?`) by classifying each gold span in its article.
 */
export function evalTechniques(dir: string, labelsFile: string, split?: Split): TechniqueScores {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--articles must be a directory of articleID.txt files, got ${dir}`);
  let labels: LabelledSpan[];
  try {
    labels = parseTechniqueLabels(readUsage(labelsFile, 'a labels file'));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${labelsFile}: ${(e as Error).message}`);
  }
  const byArticle = new Map<string, LabelledSpan[]>();
  for (const l of labels) (byArticle.get(l.article) ?? byArticle.set(l.article, []).get(l.article)!).push(l);
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  if (files.length === 0) throw new UsageError(`no .txt articles in ${dir}`);
  const idOf = (f: string) => f.slice(0, -4).replace(/^article/, '');
  if (labels.length > 0 && !files.some((f) => byArticle.has(idOf(f)))) {
    throw new UsageError(`no article in ${dir} matches an id in ${labelsFile} (expected files like article${labels[0]!.article}.txt)`);
  }
  const withTc = labels.some((l) => l.technique !== '?');
  const scorer = new TechniqueScorer();
  const model = techniqueModel();
  for (const f of files) {
    if (split && splitOf(idOf(f)) !== split) continue;
    const text = readFileSync(path.join(dir, f), 'utf8');
    const gold = toUtf16(byArticle.get(idOf(f)) ?? [], text);
    const result = analyze(text, { format: 'text', tokens: true });
    scorer.addSpans(result.techniques, gold);
    if (withTc) {
      const ctx = buildContext({ text: result.document.text, tokens: result.tokens ?? [], sentences: result.sentences, quotes: result.quotes }, model.prior);
      scorer.addLabels(gold, (span) => classifySpan(model, ctx, span).ranked.map((r) => r.technique));
    }
  }
  return scorer.result(withTc);
}

export function formatTechniqueScores(s: TechniqueScores): string {
  const pct = (x: number) => (x * 100).toFixed(1).padStart(6);
  const lines = [`techniques, ${s.documents} documents`, `  SI (partial overlap)   P ${pct(s.si.p)}  R ${pct(s.si.r)}  F1 ${pct(s.si.f1)}`];
  if (s.tc) {
    lines.push(`  TC micro-F1 ${pct(s.tc.microF1)}`);
    for (const [label, v] of Object.entries(s.tc.perTechnique)) {
      lines.push(`    ${label.padEnd(36)} P ${pct(v.p)}  R ${pct(v.r)}  F1 ${pct(v.f1)}  (gold ${v.gold}, predicted ${v.predicted})`);
    }
  } else lines.push('  TC: not scored (every technique in the labels is "?")');
  return lines.join('\n') + '\n';
}

function runEvalParse(argv: string[]): void {
  const { values } = parseArgs({ args: argv, options: { data: { type: 'string' }, json: { type: 'boolean' }, 'from-text': { type: 'boolean' } } });
  if (!values.data) throw new UsageError('eval parse needs --data FILE.conllu (a Universal Dependencies treebank, e.g. en_ewt-ud-dev.conllu)');
  const scores = evalParse(values.data, values['from-text'] === true);
  if (values.json) process.stdout.write(JSON.stringify(scores) + '\n');
  else process.stdout.write(formatParseScores(scores, values.data));
}

/** Scores of the shipped tagger and parser on a CoNLL-U file: on its gold words, or end to end from its text. */
export function evalParse(file: string, fromText: boolean): ParseScores | EndToEndScores {
  let sentences: UdSentence[];
  try {
    sentences = parseConllu(readUsage(file, 'a CoNLL-U file'), path.basename(file));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError((e as Error).message);
  }
  if (sentences.length === 0) throw new UsageError(`${file} holds no sentences (expected CoNLL-U: ten tab-separated columns per word)`);
  if (!fromText) return scoreOnGoldWords(sentences, (words) => analyseSentence(words));
  try {
    return scoreFromText(
      sentences,
      (text) => {
        const { tokens, sentences: found } = segment(text);
        return { words: tokens, sentences: found };
      },
      path.basename(file),
    );
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export function formatParseScores(s: ParseScores | EndToEndScores, file: string): string {
  const pct = (x: number) => (x * 100).toFixed(2).padStart(6);
  const e2e = 'words' in s;
  const lines = [
    `parse, ${path.basename(file)}: ${s.sentences} sentences, ${s.tokens} words, ${e2e ? 'from the raw text (F1 over aligned words)' : 'gold words (accuracy)'}`,
    `  UPOS ${pct(s.upos)}   UAS ${pct(s.uas)}   LAS ${pct(s.las)}`,
  ];
  if (e2e) lines.push(`  words ${pct(s.words)}   sentences ${pct(s.sentenceBoundaries)}   (${s.systemWords} words found)`);
  return lines.join('\n') + '\n';
}

function runEvalCheckworthy(argv: string[]): void {
  const { values } = parseArgs({ args: argv, options: { data: { type: 'string' }, json: { type: 'boolean' }, split: { type: 'string' } } });
  if (!values.data) throw new UsageError('eval checkworthy needs --data DIR (CLEF CheckThat! files: line<TAB>speaker<TAB>sentence<TAB>label)');
  const split = values.split ?? 'all';
  if (split !== 'all' && split !== 'internal-test' && split !== 'train') throw new UsageError(`--split must be train, internal-test or all, got "${split}"`);
  const report = evalCheckworthy(values.data, split === 'all' ? undefined : split);
  if (values.json) {
    process.stdout.write(JSON.stringify(report) + '\n');
    return;
  }
  const f = (x: number) => x.toFixed(4);
  const lines = [`check-worthiness, ${Object.keys(report.documents).length} documents (each ranked on its own)`];
  for (const [name, s] of Object.entries(report.documents)) {
    lines.push(`  ${name.padEnd(32)} AP ${f(s.ap)}  R-prec ${f(s.rPrecision)}  P@5 ${s.p5.toFixed(2)}  P@10 ${s.p10.toFixed(2)}  P@20 ${s.p20.toFixed(2)}  (${s.positives} of ${s.lines} check-worthy)`);
  }
  lines.push(`  MAP ${f(report.map)}   R-prec ${f(report.rPrecision)}   P@5 ${f(report.p5)}   P@10 ${f(report.p10)}   P@20 ${f(report.p20)}`);
  process.stdout.write(lines.join('\n') + '\n');
}

/** Scores every CLEF file of a folder (or one file), each document ranked on its own. */
export function evalCheckworthy(data: string, split?: 'train' | 'internal-test'): CheckworthyReport {
  if (!existsSync(data)) throw new UsageError(`--data: ${data} does not exist`);
  const files = statSync(data).isDirectory()
    ? readdirSync(data).filter((f) => f.endsWith('.tsv') || f.endsWith('.txt')).sort().map((f) => path.join(data, f))
    : [data];
  const docs = [];
  for (const file of files) {
    const name = path.basename(file).replace(/\.(tsv|txt)$/, '');
    if (split && smallCorpusSplitOf(name) !== split) continue;
    let lines;
    try {
      lines = parseClef(readFileSync(file, 'utf8'), path.basename(file));
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    if (lines.length === 0) continue;
    const { text, spans } = documentText(lines);
    const analysis = analyze(text, { format: 'text', tokens: true, budgetSeconds: Infinity });
    // Six decimals: thousands of lines are ranked, and rounding to the analysis's three would tie many.
    const scores = scoreUnits(rankInputOf(analysis), lineUnits(analysis, lines, spans), undefined, 6);
    docs.push({ name, scores, labels: lines.map((l) => l.label ?? 0) });
  }
  if (docs.length === 0) throw new UsageError(`${data} holds no CLEF file (NAME.tsv: line<TAB>speaker<TAB>sentence<TAB>label)${split ? ` in the ${split} split` : ''}`);
  return checkworthyReport(docs);
}

/**
 * Check-worthiness on hand-labelled news sentences (test/fixtures/checkworthy-news/labels.tsv, offsets into
 * files under `dataRoot`): each article analysed as `analyze` does, a sentence scored by its most
 * check-worthy claim (0 without one), each article ranked on its own. `model` scores with another model.
 */
export function evalNewsCheckworthy(labelsFile: string, dataRoot: string, model?: CheckworthinessModel): CheckworthyReport {
  const labels = parseNewsLabels(readUsage(labelsFile, 'a labels file'), path.basename(labelsFile));
  const byFile = new Map<string, NewsLabel[]>();
  for (const l of labels) (byFile.get(l.file) ?? byFile.set(l.file, []).get(l.file)!).push(l);
  const docs = [];
  for (const [file, rows] of byFile) {
    const text = readUsage(path.join(dataRoot, file), 'a labelled article');
    const analysis = analyze(text, { format: 'text', tokens: model !== undefined });
    // The labels name sentences by offsets: a change of segmentation is an error, not a silent shift.
    for (const r of rows) {
      const s = analysis.sentences[r.sentence];
      if (!s || s.start !== r.start || s.end !== r.end) throw new UsageError(`${file}: sentence ${r.sentence} is no longer ${r.start}–${r.end} (the labels need redoing)`);
    }
    const scores = model ? scoreClaims(rankInputOf(analysis), model) : undefined;
    const claims = scores ? analysis.claims.map((c, i) => ({ sentence: c.sentence, checkworthiness: scores[i]! })) : analysis.claims;
    const bySentence = sentenceScores(claims, analysis.sentences.length);
    docs.push({ name: path.basename(file).replace(/\.txt$/, ''), scores: rows.map((r) => bySentence[r.sentence]!), labels: rows.map((r) => r.label) });
  }
  return checkworthyReport(docs);
}

function runEvalParaphrase(argv: string[]): void {
  const { values } = parseArgs({ args: argv, options: { data: { type: 'string' }, json: { type: 'boolean' }, split: { type: 'string' } } });
  if (!values.data) throw new UsageError('eval paraphrase needs --data FILE.tsv (MSR Paraphrase Corpus or SemEval STS pairs)');
  const scores = evalParaphrase(values.data, splitOption(values.split));
  process.stdout.write(values.json ? JSON.stringify(scores) + '\n' : formatParaphraseScores(scores, values.data));
}

/** Each claim's matching terms of one sentence analysed as a one-sentence article, as ingest makes them. */
export function sentenceTerms(sentence: string): Uint32Array[] {
  const a = analyze(sentence, { tokens: true });
  return [...claimTermsOf(a, relationSignatures(a)).values()].filter((t) => t.length > 0);
}

/** Pairs of a file, optionally only those of one fixed split (by pair id), matched and scored. */
export function evalParaphrase(file: string, split?: Split): ParaphraseScores {
  let pairs: ParaphrasePair[];
  try {
    pairs = parsePairs(readUsage(file, 'a tab-separated file of sentence pairs'), path.basename(file));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError((e as Error).message);
  }
  if (split) pairs = pairs.filter((p) => splitOf(p.id) === split);
  if (pairs.length === 0) throw new UsageError(`${file} holds no labelled pairs${split ? ` in the ${split} split` : ''}`);
  let empty = 0;
  const termsOf = (s: string): Uint32Array[] => {
    const t = sentenceTerms(s);
    if (t.length === 0) empty++;
    return t;
  };
  return scorePairs(pairs, matchPairs(pairs, termsOf), empty);
}

export function formatParaphraseScores(s: ParaphraseScores, file: string): string {
  const pct = (x: number) => (x * 100).toFixed(1).padStart(5);
  return [
    `paraphrase, ${path.basename(file)}: ${s.pairs} pairs, ${s.same} the same statement; ${s.matched} matched`,
    `  P ${pct(s.precision)}   R ${pct(s.recall)}   F1 ${pct(s.f1)}   accuracy ${pct(s.accuracy)}`,
    `  (${s.sentencesWithoutTerms} sentences had no claim to match)`,
  ].join('\n') + '\n';
}

export interface ExtractionScores {
  pages: number;
  /** The article body claimtrace finds (its body regions). */
  body: TokenScores;
  /** claimtrace's whole text: the headline and the body. */
  text: TokenScores;
  /** Mozilla Readability's text alone, the library claimtrace wraps: the baseline. */
  readability: TokenScores;
  perPage: Record<string, { body: TokenScores; readability: TokenScores }>;
}

function runEvalExtraction(argv: string[]): void {
  const { values } = parseArgs({ args: argv, options: { data: { type: 'string' }, json: { type: 'boolean' } } });
  if (!values.data) throw new UsageError('eval extraction needs --data DIR (pages NAME.html with their article bodies NAME.txt)');
  const scores = evalExtraction(values.data);
  if (values.json) {
    process.stdout.write(JSON.stringify(scores) + '\n');
    return;
  }
  const f = (s: TokenScores) => `P ${(s.precision * 100).toFixed(1).padStart(5)}  R ${(s.recall * 100).toFixed(1).padStart(5)}  F1 ${(s.f1 * 100).toFixed(1).padStart(5)}`;
  process.stdout.write(
    [`extraction, ${scores.pages} pages (token F1 against the hand-made bodies)`, `  claimtrace body   ${f(scores.body)}`, `  claimtrace text   ${f(scores.text)}   (the headline too)`, `  Readability alone ${f(scores.readability)}`].join('\n') + '\n',
  );
}

export function evalExtraction(dir: string): ExtractionScores {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--data must be a folder of NAME.html pages with NAME.txt bodies, got ${dir}`);
  const names = readdirSync(dir).filter((f) => f.endsWith('.html') && existsSync(path.join(dir, f.replace(/\.html$/, '.txt')))).sort();
  if (names.length === 0) throw new UsageError(`${dir} holds no NAME.html page with its NAME.txt body`);
  const totals: Record<'body' | 'text' | 'readability', [number, number, number]> = { body: [0, 0, 0], text: [0, 0, 0], readability: [0, 0, 0] };
  const perPage: ExtractionScores['perPage'] = {};
  for (const name of names) {
    const html = readFileSync(path.join(dir, name), 'utf8');
    const gold = readFileSync(path.join(dir, name.replace(/\.html$/, '.txt')), 'utf8');
    const extracted = extractHtml(html);
    const body = extracted.regions.filter((r) => r.kind === 'body').map((r) => extracted.text.slice(r.start, r.end)).join('\n\n');
    let readability = '';
    try {
      readability = new Readability(parseHTML(html).document as unknown as Document).parse()?.textContent ?? '';
    } catch {
      // A page Readability cannot read scores nothing for it.
    }
    const views = { body, text: extracted.text, readability };
    const page: Record<string, TokenScores> = {};
    for (const [k, v] of Object.entries(views) as Array<[keyof typeof totals, string]>) {
      const o = tokenOverlap(v, gold);
      totals[k][0] += o.common;
      totals[k][1] += o.predicted;
      totals[k][2] += o.gold;
      page[k] = scoresOf(o.common, o.predicted, o.gold);
    }
    perPage[name.replace(/\.html$/, '')] = { body: page.body!, readability: page.readability! };
  }
  const score = (t: [number, number, number]) => scoresOf(...t);
  return { pages: names.length, body: score(totals.body), text: score(totals.text), readability: score(totals.readability), perPage };
}
