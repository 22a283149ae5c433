#!/usr/bin/env node
/**
 * The claimtrace command line: a thin shell over the library. I/O lives here: reading files and
 * stdin, choosing colours, exit codes. Bad input or options end with one line on stderr and exit 2.
 */
import { readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { analyze, MODEL_VERSION } from '../pipeline.js';
import { decodeInput, DEFAULT_MAX_BYTES, InputError } from '../extract/input.js';
import { languageEvidence, notEnglishReason } from '../extract/language.js';
import { loadLexicons } from './lexicon-files.js';
import { isOutputFormat, OUTPUT_FORMATS, renderOutput } from './output.js';
import type { InputFormat } from '../model/types.js';
import { UsageError } from './errors.js';
import { BudgetExceededError, formatSize } from '../model/budget.js';
import { runEval } from './eval.js';
import { CORPUS_USAGE, runCorpus } from './corpus.js';
import { runServe } from './serve.js';
import { CLAIM_ORDERS, isClaimOrder, sortClaims } from '../rank/order.js';

const USAGE = `claimtrace ${MODEL_VERSION} — who asserts each claim in a news article, and on whose authority

Usage:
  claimtrace analyze FILE|-   [options]   analyse an article (.txt, .html/.htm, or - for stdin)
  claimtrace eval attribution --data DIR [--split internal-test] [--json]
                                          score attribution against BRAT annotation (PolNeAR layout)
  claimtrace eval hedges --data FILE.xml [--fold K --folds N] [--json]
                                          score hedge cues against Szeged uncertainty XML (WikiWeasel)
  claimtrace eval techniques --articles DIR --labels FILE [--split internal-test] [--json]
                                          score propaganda techniques against PTC labels (SemEval-2020 Task 11)
  claimtrace eval parse --data FILE.conllu [--from-text] [--json]
                                          score the tagger and parser against a UD treebank (CoNLL 2018 measures)
  claimtrace eval checkworthy --data DIR [--json]
                                          rank each CLEF CheckThat! file's lines by check-worthiness (MAP, …)
${CORPUS_USAGE}
  claimtrace serve [--port 8080] [--host 127.0.0.1] [--db FILE] [--workers N]
                                          the local web app: analyse articles in the browser, browse a corpus
                                          (analyses run in N worker threads, default one per core but one)

Options:
  --format F                  output: text (a readable terminal view, the default), json (the full
                              document model), html (a self-contained report), dot (the allegation
                              graph for Graphviz) or webanno (W3C Web Annotation JSON-LD)
  --json                      same as --format json
  -o, --output FILE           write the output to FILE instead of stdout
  --format-in text|html       input format (default: guessed from the file name and content)
  --max-bytes N               refuse input larger than N bytes (default ${DEFAULT_MAX_BYTES})
  --budget SECONDS            stop an analysis that runs longer (default 10 s + 30 s per MB of input:
                              many times the normal cost; exit 2 with the input's name and size)
  --sort text|checkworthy     list claims as in the text (default) or the most check-worthy first
  --lexicon FILE              extra lexicon entries (JSON: cueVerbs, mediaNames, hedges, …); repeatable
  --tokens                    include tokens in json and webanno output: POS tags, lemma, and the
                              dependency parse (upos, head, dep)
  --any-language              analyse a text that does not look like English (refused otherwise:
                              the models read English only)
  -h, --help                  show this help
  -v, --version               show the version

Exit codes: 0 success, 1 internal error, 2 bad input or usage.`;


function fail(message: string, code: number): never {
  // One line, whatever the message quotes (JSON parse errors quote the file, newlines included).
  process.stderr.write(`claimtrace: ${message.replace(/\s*[\r\n]+\s*/g, ' ')}\n`);
  process.exit(code);
}

function readInput(path: string, maxBytes: number): Buffer {
  if (path === '-') {
    // Read stdin in chunks so an over-size stream stops early instead of filling memory.
    const chunks: Buffer[] = [];
    let total = 0;
    const buf = Buffer.alloc(1 << 16);
    for (;;) {
      let n: number;
      try {
        n = readSync(0, buf);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
        if ((e as NodeJS.ErrnoException).code === 'EOF') break;
        throw e;
      }
      if (n === 0) break;
      total += n;
      chunks.push(Buffer.from(buf.subarray(0, n)));
      if (total > maxBytes) break; // decodeInput reports the size
    }
    return Buffer.concat(chunks);
  }
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new InputError('options', `${path} is a directory, expected an article file`);
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError('options', code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path} (${code ?? String(e)})`);
  }
  if (size > maxBytes) {
    throw new InputError('too-large', `${path} is ${(size / (1024 * 1024)).toFixed(1)} MB, over the limit of ${(maxBytes / (1024 * 1024)).toFixed(1)} MB (raise it with --max-bytes)`);
  }
  return readFileSync(path);
}

async function runAnalyze(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      json: { type: 'boolean' },
      'format-in': { type: 'string' },
      'max-bytes': { type: 'string' },
      lexicon: { type: 'string', multiple: true },
      tokens: { type: 'boolean' },
      'any-language': { type: 'boolean' },
      output: { type: 'string', short: 'o' },
      budget: { type: 'string' },
      sort: { type: 'string' },
    },
  });
  if (positionals.length !== 1) {
    throw new UsageError(positionals.length === 0 ? 'analyze needs a file (or - for stdin); see claimtrace --help' : `analyze takes one file, got ${positionals.length}: ${positionals.join(' ')}`);
  }
  const path = positionals[0]!;
  if (values.json && values.format !== undefined && values.format !== 'json') throw new UsageError(`--json and --format ${values.format} ask for different outputs; give one`);
  const format = values.json ? 'json' : (values.format ?? 'text');
  if (!isOutputFormat(format)) throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')}, got "${format}"`);
  const output = values.output;
  if (output !== undefined && output.trim() === '') throw new UsageError('--output needs a file name');
  const formatIn = values['format-in'];
  if (formatIn !== undefined && formatIn !== 'text' && formatIn !== 'html') throw new UsageError(`--format-in must be text or html, got "${formatIn}"`);
  let maxBytes = DEFAULT_MAX_BYTES;
  if (values['max-bytes'] !== undefined) {
    maxBytes = Number(values['max-bytes']);
    if (!Number.isInteger(maxBytes) || maxBytes <= 0) throw new UsageError(`--max-bytes must be a positive whole number, got "${values['max-bytes']}"`);
  }
  let budgetSeconds: number | undefined;
  if (values.budget !== undefined) {
    budgetSeconds = Number(values.budget);
    if (!(budgetSeconds > 0)) throw new UsageError(`--budget must be a positive number of seconds, got "${values.budget}"`);
  }
  const order = values.sort ?? 'text';
  if (!isClaimOrder(order)) throw new UsageError(`--sort must be one of ${CLAIM_ORDERS.join(', ')}, got "${order}"`);
  const lexicon = loadLexicons(values.lexicon ?? []);
  const name = path === '-' ? 'stdin' : path;
  const bytes = readInput(path, maxBytes);
  if (path === '-' && bytes.length > maxBytes) {
    throw new InputError('too-large', `stdin is over the limit of ${(maxBytes / (1024 * 1024)).toFixed(1)} MB (raise it with --max-bytes)`);
  }
  const text = decodeInput(bytes, { maxBytes, name });
  let analysis;
  try {
    analysis = analyze(text, { format: formatIn as InputFormat | undefined, name: path === '-' ? undefined : path, lexicon, tokens: values.tokens ?? false, ...(budgetSeconds ? { budgetSeconds } : {}) });
  } catch (e) {
    // Bad input, not a bug: exit 2 with what was received. (--budget raises the limit.)
    if (e instanceof BudgetExceededError) throw new UsageError(`${name} (${formatSize(text.length)}): ${e.message} (raise it with --budget SECONDS)`);
    throw e;
  }
  if (analysis.document.text.trim() === '') throw new InputError('no-text', `${name}: no article text found (the page has no readable content)`);
  const language = languageEvidence(analysis.document.text);
  if (!language.english && !values['any-language']) throw new InputError('language', `${name} ${notEnglishReason(language)} (pass --any-language to analyse it anyway)`);
  const color = output === undefined && Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined;
  // --sort checkworthy: every view lists the most check-worthy claims first (ids keep their text order).
  if (order !== 'text') analysis = { ...analysis, claims: sortClaims(analysis.claims, order) };
  const rendered = await renderOutput(format, analysis, { path, color, width: output === undefined ? (process.stdout.columns ?? 100) : 100 });
  if (output === undefined) {
    process.stdout.write(rendered);
    return;
  }
  try {
    writeFileSync(output, rendered);
  } catch (e) {
    throw new UsageError(`cannot write ${output} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    process.stderr.write(USAGE + '\n');
    process.exitCode = 2;
    return;
  }
  if (command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(USAGE + '\n');
    return;
  }
  // "claimtrace analyze --help" is a request for help, not an unknown option (before any "--").
  const optionsPart = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (optionsPart.includes('-h') || optionsPart.includes('--help')) {
    process.stdout.write(USAGE + '\n');
    return;
  }
  if (command === '-v' || command === '--version') {
    process.stdout.write(MODEL_VERSION + '\n');
    return;
  }
  try {
    if (command === 'analyze') await runAnalyze(rest);
    else if (command === 'serve') await runServe(rest);
    else if (command === 'eval') runEval(rest);
    // Asynchronous, and reports its own errors (one line, exit code).
    else if (command === 'corpus') void runCorpus(rest);
    else throw new UsageError(`unknown command "${command}" (try: claimtrace analyze FILE)`);
  } catch (e) {
    if (e instanceof UsageError || e instanceof InputError) fail(e.message, 2);
    // parseArgs reports unknown or malformed options with ERR_PARSE_ARGS_* codes.
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) fail(`${(e as Error).message}; see claimtrace --help`, 2);
    if (code === 'EPIPE') return;
    if (process.env.CLAIMTRACE_DEBUG) console.error(e);
    fail(`internal error: ${(e as Error).message ?? String(e)} (set CLAIMTRACE_DEBUG=1 for details)`, 1);
  }
}

void main(process.argv.slice(2));
