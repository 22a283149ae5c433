/**
 * The built CLI (`node dist/cli/main.js …`) as a user runs it: exit codes, one-line errors on stderr,
 * never a stack trace, and the outputs the options promise.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOnce } from './support/build.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Analysis } from '../src/index.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const SEED_PATH = join(ROOT, 'examples', 'uttam-hindu-pakistan-hamas.txt');
const SEED = readFileSync(SEED_PATH);

/** The analysis of a 6 MB article can take a while on a loaded machine. */
const SLOW = 180_000;

let dir = '';

/** One UD sentence, with its raw text. */
/** Three pairs in the MSR Paraphrase Corpus layout (made up for the test). */
const PARAPHRASE_PAIRS = [
  'Quality\t#1 ID\t#2 ID\t#1 String\t#2 String',
  '1\t1\t2\tThe port authority quietly sold the northern terminal to a Cyprus-registered shell firm, officials said.\tOfficials said the northern terminal had been sold in secret to a shell company registered in Cyprus.',
  '1\t3\t4\tPolice in Leeds arrested two men on Sunday over the robbery of a city-centre bank.\tTwo men were arrested by Leeds police on Sunday in connection with the robbery of a bank in the city centre.',
  '0\t5\t6\tThe company sold the stadium for $2.5 billion in 1998.\tThe company sold the stadium for $1.8 billion in 1998.',
].join('\n');

const TINY_CONLLU = [
  '# text = Officials said the plan had failed badly.',
  '1\tOfficials\tofficial\tNOUN\tNNS\t_\t2\tnsubj\t_\t_',
  '2\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_',
  '3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_',
  '4\tplan\tplan\tNOUN\tNN\t_\t6\tnsubj\t_\t_',
  '5\thad\thave\tAUX\tVBD\t_\t6\taux\t_\t_',
  '6\tfailed\tfail\tVERB\tVBN\t_\t2\tccomp\t_\t_',
  '7\tbadly\tbadly\tADV\tRB\t_\t6\tadvmod\t_\tSpaceAfter=No',
  '8\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_',
  '',
].join('\n');

/** A PTC-style article: title, blank line, one sentence per line. */
const PTC_ARTICLE = 'Evil Elites Betray Our Nation\n\nThe evil, corrupt elites have betrayed every one of us.\nThey will never stop lying to you.\n';

beforeAll(() => {
  // The tests run the CLI as shipped, never a stale dist/.
  buildOnce(ROOT);
  dir = mkdtempSync(join(tmpdir(), 'claimtrace-cli-'));
}, SLOW);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  args: string[];
  /** Piped to stdin. */
  input?: string | Buffer;
  /** Added to (or, with undefined, removed from) the environment. */
  env?: Record<string, string | undefined>;
}

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface Expected {
  /** Exit code, or the codes allowed. */
  code: number | readonly number[];
  /** For a failure: what the one stderr line must match. */
  error?: RegExp;
  /** Further checks on a run. */
  check?: (r: Result) => void;
}

type Case = [name: string, setup: (dir: string) => Run, expected: Expected];

/** Writes a file in the case's own directory and returns its path. */
let fileCounter = 0;
function file(base: string, name: string, content: string | Uint8Array): string {
  const sub = join(base, String(fileCounter++));
  mkdirSync(sub);
  const path = join(sub, name);
  writeFileSync(path, content);
  return path;
}

/** The environment without anything that would change colours or error output. */
function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  delete env.CLAIMTRACE_DEBUG;
  return env;
}

/** Runs the CLI as a child process (the cases run side by side: each is its own process). */
function run({ args, input, env }: Run): Promise<Result> {
  const merged = baseEnv();
  for (const [k, v] of Object.entries(env ?? {})) {
    if (v === undefined) delete merged[k];
    else merged[k] = v;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: dir, env: merged, timeout: SLOW });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    // EPIPE: the CLI stopped reading an over-size stdin early, as it should; its exit code still counts.
    child.stdin.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') reject(e);
    });
    child.stdin.end(input ?? '');
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

const STACK_LINE = /^\s+at /m;

function json(r: Result): Analysis {
  return JSON.parse(r.stdout) as Analysis;
}

/** ~6,000,000 bytes of plain prose: over the 5 MB default limit, under 7,000,000. */
function sixMegabytes(): string {
  const sentence = 'The council voted on the budget after a long debate about road repairs in the northern district. ';
  const paragraph = sentence.repeat(40) + '\n\n';
  return paragraph.repeat(Math.ceil(6_000_000 / paragraph.length));
}

const PNG_HEADER = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
/** 0xff can never occur in UTF-8; 0xff 0xfe is the UTF-16LE BOM, which a UTF-8 decoder must refuse. */
const INVALID_UTF8 = Uint8Array.from([0xff, 0xfe, 0x41, 0x42, 0x0a]);
/** A truncated two-byte sequence in the middle of otherwise fine text. */
const INVALID_UTF8_MID = Buffer.concat([Buffer.from('Officials said that '), Buffer.from([0xc3, 0x28]), Buffer.from(' the bridge collapsed.\n')]);

const BROKEN_HTML: Array<[string, string]> = [
  ['unclosed tags', '<html><body><p>Officials said that the bridge <b>collapsed<div></p>'],
  ['unterminated comment', '<p>The mayor said <!-- unterminated comment that the road was closed.'],
  ['tag soup', '<<<>>><p <div ="" <</'],
  ['misnested table', '<table><tr><td>Police said<td>that the suspect <i>fled</table></p></p></body></html></html>'],
  ['bad entities', '<p>Witnesses said &amp the crowd &#xZZ; &#1114112; &nosuch; dispersed.</p>'],
  ['1,000 nested divs', '<div>'.repeat(1_000) + '<p>The minister said that the deal was dead.</p>'],
  ['20,000 nested divs', '<div>'.repeat(20_000) + '<p>The minister said that the deal was dead.</p>'],
  ['truncated mid-tag', '<html><head><title>Bridge</title></head><body><p>Officials said the bridge fell.</p><p class="x'],
];

const PAGE_IN_TXT = `<!DOCTYPE html>
<html><head><title>Council votes on budget</title></head>
<body><article><h1>Council votes on budget</h1>
<p>The mayor said that the budget would pass easily on Tuesday after a long debate.</p>
<p>Officials said the vote was close.</p></article></body></html>
`;

const OPINE = 'The minister opined that the deal was dead.\n';

/** The attribution whose cue is the word `cue`, with its cue entry. */
function attributionWithCue(a: Analysis, cue: string): { attribution: Analysis['attributions'][number]; score: number | undefined } | undefined {
  const i = a.attributions.findIndex((x) => a.document.text.slice(x.cue.start, x.cue.end) === cue);
  if (i < 0) return undefined;
  return { attribution: a.attributions[i]!, score: a.cues[i]?.score };
}

const GERMAN_ARTICLE =
  'Brücke wird wieder geöffnet\n\nDie Bundesregierung hat am Dienstag angekündigt, dass die Brücke über den Rhein im Mai wieder für den Verkehr geöffnet wird. ' +
  'Nach Angaben des Verkehrsministeriums wurden die Reparaturarbeiten schneller als erwartet abgeschlossen. Kritiker bemängeln jedoch, dass die Kosten ' +
  'deutlich höher ausgefallen seien als ursprünglich geplant. Der Bürgermeister sagte, die Stadt sei erleichtert.\n';

const cases: Case[] = [
  // Input the CLI refuses.
  ['empty file', (d) => ({ args: ['analyze', file(d, 'empty.txt', '')] }), { code: 2, error: /empty/ }],
  ['whitespace-only file', (d) => ({ args: ['analyze', file(d, 'blank.txt', '  \n\t\r\n   \n')] }), { code: 2, error: /empty/ }],
  ['empty stdin', () => ({ args: ['analyze', '-'], input: '' }), { code: 2, error: /empty/ }],
  ['binary file (PNG header)', (d) => ({ args: ['analyze', file(d, 'image.png', PNG_HEADER)] }), { code: 2, error: /binary/ }],
  ['binary file named .txt', (d) => ({ args: ['analyze', file(d, 'image.txt', PNG_HEADER)] }), { code: 2, error: /binary/ }],
  ['invalid UTF-8 (0xff 0xfe)', (d) => ({ args: ['analyze', file(d, 'latin.txt', INVALID_UTF8)] }), { code: 2, error: /UTF-8/ }],
  ['invalid UTF-8 mid-text', (d) => ({ args: ['analyze', file(d, 'mid.txt', INVALID_UTF8_MID)] }), { code: 2, error: /UTF-8/ }],
  ['6 MB file over the default limit', (d) => ({ args: ['analyze', file(d, 'big.txt', sixMegabytes())] }), { code: 2, error: /limit.*--max-bytes/ }],
  ['6 MB on stdin over the default limit', () => ({ args: ['analyze', '-'], input: sixMegabytes() }), { code: 2, error: /limit/ }],
  [
    '6 MB file with --max-bytes 7000000',
    (d) => ({ args: ['analyze', file(d, 'big.txt', sixMegabytes()), '--max-bytes', '7000000'] }),
    { code: 0, check: (r) => expect(r.stdout).toContain('Sourcing profile') },
  ],
  ['a German article', (d) => ({ args: ['analyze', file(d, 'de.txt', GERMAN_ARTICLE)] }), { code: 2, error: /does not look like English: \d+ % .*--any-language/ }],
  ['a German article with --any-language', (d) => ({ args: ['analyze', file(d, 'de.txt', GERMAN_ARTICLE), '--any-language'] }), { code: 0, check: (r) => expect(r.stdout).toContain('Sourcing profile') }],
  ['--max-bytes below the file size', () => ({ args: ['analyze', SEED_PATH, '--max-bytes', '100'] }), { code: 2, error: /limit/ }],
  ['--max-bytes not a number', () => ({ args: ['analyze', SEED_PATH, '--max-bytes', 'lots'] }), { code: 2, error: /--max-bytes/ }],
  ['--max-bytes 0', () => ({ args: ['analyze', SEED_PATH, '--max-bytes', '0'] }), { code: 2, error: /--max-bytes/ }],

  // HTML: broken markup never crashes; a page with no article text is refused.
  ...BROKEN_HTML.map(([name, html]): Case => [
    `broken HTML: ${name}`,
    (d) => ({ args: ['analyze', file(d, 'broken.html', html)] }),
    { code: [0, 2], error: /no article text/ },
  ]),
  ['HTML of only a script', (d) => ({ args: ['analyze', file(d, 'script.html', '<script>alert(1)</script>')] }), { code: 2, error: /no article text/ }],
  [
    'HTML with a title but an empty body',
    (d) => ({ args: ['analyze', file(d, 'title.html', '<html><head><title>Only a title</title></head><body></body></html>')] }),
    { code: 2, error: /no article text/ },
  ],

  // Usage errors.
  ['missing file', (d) => ({ args: ['analyze', join(d, 'no-such-file.txt')] }), { code: 2, error: /no such file/ }],
  ['a directory', (d) => ({ args: ['analyze', d] }), { code: 2, error: /directory/ }],
  ['no file', () => ({ args: ['analyze'] }), { code: 2, error: /needs a file/ }],
  ['two files', () => ({ args: ['analyze', SEED_PATH, SEED_PATH] }), { code: 2, error: /one file/ }],
  ['unknown option --bogus', () => ({ args: ['analyze', SEED_PATH, '--bogus'] }), { code: 2, error: /--bogus/ }],
  ['unknown command', () => ({ args: ['frobnicate', SEED_PATH] }), { code: 2, error: /unknown command "frobnicate"/ }],
  ['serve --port abc', () => ({ args: ['serve', '--port', 'abc'] }), { code: 2, error: /--port must be a whole number from 0 to 65535, got "abc"/ }],
  ['serve --db that does not exist', () => ({ args: ['serve', '--db', '/nonexistent/corpus.db'] }), { code: 2, error: /no such corpus; create it with claimtrace corpus ingest/ }],
  ['serve with a file argument', () => ({ args: ['serve', 'article.txt'] }), { code: 2, error: /serve takes no file arguments/ }],
  ['--format xml', () => ({ args: ['analyze', SEED_PATH, '--format', 'xml'] }), { code: 2, error: /--format must be one of text, json, html, dot, webanno, got "xml"/ }],
  ['--format HTML (case matters)', () => ({ args: ['analyze', SEED_PATH, '--format', 'HTML'] }), { code: 2, error: /--format must be one of/ }],
  ['--json with --format html', () => ({ args: ['analyze', SEED_PATH, '--json', '--format', 'html'] }), { code: 2, error: /--json and --format html/ }],
  ['-o into a missing directory', (d) => ({ args: ['analyze', SEED_PATH, '--format', 'dot', '-o', join(d, 'no-such-dir', 'out.dot')] }), { code: 2, error: /cannot write .*out\.dot/ }],
  ['--output empty', () => ({ args: ['analyze', SEED_PATH, '--output', ''] }), { code: 2, error: /--output/ }],
  ['--format-in pdf', () => ({ args: ['analyze', SEED_PATH, '--format-in', 'pdf'] }), { code: 2, error: /--format-in/ }],
  ['--format without a value', () => ({ args: ['analyze', SEED_PATH, '--format'] }), { code: 2, error: /--format/ }],

  // What works.
  ['--version', () => ({ args: ['--version'] }), { code: 0, check: (r) => expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/) }],
  ['--help', () => ({ args: ['--help'] }), { code: 0, check: (r) => expect(r.stdout).toContain('claimtrace analyze FILE') }],
  ['analyze --help', () => ({ args: ['analyze', '--help'] }), { code: 0, check: (r) => expect(r.stdout).toContain('--format F') }],
  ['corpus ingest -h', () => ({ args: ['corpus', 'ingest', '-h'] }), { code: 0, check: (r) => expect(r.stdout).toContain('corpus ingest PATH') }],
  ['stdin: - with the seed piped in', () => ({ args: ['analyze', '-'], input: SEED }), { code: 0, check: (r) => expect(r.stdout).toContain('Blitz') }],
  [
    '--json on the seed',
    () => ({ args: ['analyze', SEED_PATH, '--json'] }),
    {
      code: 0,
      check: (r) => {
        const a = json(r);
        expect(a.document.text).toBe(SEED.toString('utf8'));
        expect(a.claims.length).toBeGreaterThan(0);
        expect(a.sources.some((s) => s.name.includes('Blitz') || s.outlet === 'Blitz')).toBe(true);
        expect(a).not.toHaveProperty('tokens');
      },
    },
  ],
  [
    '--format html on the seed: one self-contained page with a CSP',
    () => ({ args: ['analyze', SEED_PATH, '--format', 'html'] }),
    {
      code: 0,
      check: (r) => {
        expect(r.stdout).toMatch(/^<!doctype html>/);
        expect(r.stdout).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-[A-Za-z0-9+/=]+&#39;; script-src &#39;sha256-/);
        expect(r.stdout).not.toMatch(/\b(src|href)="(https?:)?\/\//);
        expect(r.stdout).toContain('reliable intelligence sources');
      },
    },
  ],
  [
    '--format dot on the seed: a digraph',
    () => ({ args: ['analyze', SEED_PATH, '--format', 'dot'] }),
    { code: 0, check: (r) => expect(r.stdout).toMatch(/^digraph allegations \{[\s\S]*\}\n$/) },
  ],
  [
    '--format webanno on the seed: W3C annotations of the file',
    () => ({ args: ['analyze', SEED_PATH, '--format', 'webanno'] }),
    {
      code: 0,
      check: (r) => {
        const c = JSON.parse(r.stdout) as { '@context': string; type: string; first: { items: Array<{ target: { source: string } }> } };
        expect(c['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
        expect(c.type).toBe('AnnotationCollection');
        expect(c.first.items.length).toBeGreaterThan(0);
        expect(c.first.items[0]!.target.source).toMatch(/^file:\/\/.*uttam-hindu-pakistan-hamas\.txt$/);
      },
    },
  ],
  [
    '-o FILE writes the output there and nothing to stdout',
    (d) => ({ args: ['analyze', SEED_PATH, '--format', 'html', '-o', join(d, 'report.html')] }),
    {
      code: 0,
      check: (r) => {
        expect(r.stdout).toBe('');
        expect(readFileSync(join(dir, 'report.html'), 'utf8')).toMatch(/^<!doctype html>[\s\S]*<\/html>\n$/);
      },
    },
  ],
  [
    '--format json --tokens on the seed',
    () => ({ args: ['analyze', SEED_PATH, '--format', 'json', '--tokens'] }),
    { code: 0, check: (r) => expect(json(r).tokens?.length).toBeGreaterThan(0) },
  ],
  [
    '--format-in html on a .txt file holding HTML',
    (d) => ({ args: ['analyze', file(d, 'page.txt', PAGE_IN_TXT), '--format-in', 'html', '--json'] }),
    {
      code: 0,
      check: (r) => {
        const a = json(r);
        expect(a.document.format).toBe('html');
        expect(a.document.title).toBe('Council votes on budget');
        expect(a.document.text).not.toContain('<p>');
      },
    },
  ],
  [
    'a .txt file holding HTML is read as text by default',
    (d) => ({ args: ['analyze', file(d, 'page.txt', PAGE_IN_TXT), '--json'] }),
    { code: 0, check: (r) => expect(json(r).document.format).toBe('text') },
  ],
  [
    'no colours when stdout is a pipe (NO_COLOR unset)',
    () => ({ args: ['analyze', SEED_PATH], env: { NO_COLOR: undefined, FORCE_COLOR: undefined } }),
    {
      code: 0,
      check: (r) => {
        expect(r.stdout.length).toBeGreaterThan(0);
        expect(r.stdout).not.toContain('\u001b');
      },
    },
  ],
  [
    'no colours with NO_COLOR=1',
    () => ({ args: ['analyze', SEED_PATH], env: { NO_COLOR: '1' } }),
    { code: 0, check: (r) => expect(r.stdout).not.toContain('\u001b') },
  ],

  // Lexicon extensions.
  [
    'without --lexicon, "opined" is a cue with its corpus prior',
    (d) => ({ args: ['analyze', file(d, 'opine.txt', OPINE), '--json'] }),
    {
      code: 0,
      check: (r) => {
        const found = attributionWithCue(json(r), 'opined');
        // "opine" is in the PolNeAR-derived lexicon with a prior below 1; a user entry raises it to 1.
        if (found) expect(found.score).toBeLessThan(1);
      },
    },
  ],
  [
    '--lexicon with cueVerbs ["opine"]',
    (d) => ({ args: ['analyze', file(d, 'opine.txt', OPINE), '--json', '--lexicon', file(d, 'lexicon.json', '{"cueVerbs":["opine"]}')] }),
    {
      code: 0,
      check: (r) => {
        const a = json(r);
        const found = attributionWithCue(a, 'opined');
        expect(found, 'an attribution with cue "opined"').toBeDefined();
        expect(found!.score).toBe(1);
        const content = found!.attribution.content;
        expect(a.document.text.slice(content.start, content.end)).toContain('the deal was dead');
        expect(a.sources.find((s) => s.id === found!.attribution.source)?.name).toMatch(/minister/i);
      },
    },
  ],
  [
    '--lexicon with cueVerbs not an array',
    (d) => ({ args: ['analyze', file(d, 'opine.txt', OPINE), '--lexicon', file(d, 'lexicon.json', '{"cueVerbs": "x"}')] }),
    { code: 2, error: /cueVerbs.*must be an array/ },
  ],
  [
    '--lexicon with a bad entry',
    (d) => ({ args: ['analyze', file(d, 'opine.txt', OPINE), '--lexicon', file(d, 'lexicon.json', '{"cueVerbs": [1]}')] }),
    { code: 2, error: /cueVerbs/ },
  ],
  [
    '--lexicon with an attribution rule naming a lexicon set that does not exist',
    (d) => ({
      args: ['analyze', file(d, 'opine.txt', OPINE), '--lexicon', file(d, 'lexicon.json', JSON.stringify({
        attributionRules: [{ id: 'user/opined', description: 'X opined that …', pattern: [{ name: 'cue', lemma: '@opinionVerbs' }], roles: { cue: 'cue', content: 'cue' }, examples: [{ text: 'x', none: true }] }],
      }))],
    }),
    { code: 2, error: /lexicon\.json: attribution rule "user\/opined", node 1, "lemma": no lexicon set "@opinionVerbs"/ },
  ],
  [
    '--lexicon with an unknown field',
    (d) => ({ args: ['analyze', file(d, 'opine.txt', OPINE), '--lexicon', file(d, 'lexicon.json', '{"verbs": ["opine"]}')] }),
    { code: 2, error: /unknown lexicon field "verbs"/ },
  ],
  [
    '--lexicon that is a JSON array',
    (d) => ({ args: ['analyze', file(d, 'opine.txt', OPINE), '--lexicon', file(d, 'lexicon.json', '["opine"]')] }),
    { code: 2, error: /JSON object/ },
  ],
  [
    '--lexicon with invalid JSON',
    (d) => ({ args: ['analyze', file(d, 'opine.txt', OPINE), '--lexicon', file(d, 'lexicon.json', '{"cueVerbs": [')] }),
    { code: 2, error: /lexicon/ },
  ],
  [
    '--lexicon with invalid JSON over several lines',
    (d) => ({ args: ['analyze', file(d, 'opine.txt', OPINE), '--lexicon', file(d, 'lexicon.json', '{\n  "cueVerbs": [\n    opine\n  ]\n}\n')] }),
    { code: 2, error: /lexicon/ },
  ],
  [
    'eval hedges on a small Szeged file: figures as JSON',
    (d) => ({
      args: ['eval', 'hedges', '--json', '--data', file(d, 'tiny.xml', '<Annotation><Sentence id="S1">It is <ccue type="doxastic">reportedly</ccue> closed.</Sentence><Sentence id="S2">The bridge is closed.</Sentence></Annotation>')],
    }),
    {
      code: 0,
      check: (r) => {
        const scores = JSON.parse(r.stdout) as { cue: { f1: number }; sentence: { p: number; r: number; f1: number } };
        expect(scores.sentence).toEqual({ p: 1, r: 1, f1: 1 });
        expect(scores.cue.f1).toBe(1);
      },
    },
  ],
  [
    'eval techniques on one article: SI and TC as JSON',
    (d) => ({
      args: ['eval', 'techniques', '--json', '--articles', dirname(file(d, 'article7.txt', PTC_ARTICLE)), '--labels', file(d, 'labels.tsv', `7\tLoaded_Language\t${PTC_ARTICLE.indexOf('evil')}\t${PTC_ARTICLE.indexOf('evil') + 4}\n`)],
    }),
    {
      code: 0,
      check: (r) => {
        const scores = JSON.parse(r.stdout) as { si: { p: number; r: number; f1: number }; tc: { microF1: number; perTechnique: Record<string, { f1: number }> } | null; documents: number };
        expect(Object.keys(scores)).toEqual(['si', 'tc', 'documents']);
        expect(scores.documents).toBe(1);
        for (const x of [scores.si.p, scores.si.r, scores.si.f1, scores.tc!.microF1]) expect(x >= 0 && x <= 1).toBe(true);
        expect(Object.keys(scores.tc!.perTechnique)).toContain('Loaded_Language');
      },
    },
  ],
  [
    'eval techniques with only "?" labels scores SI alone',
    (d) => ({ args: ['eval', 'techniques', '--json', '--articles', dirname(file(d, 'article7.txt', PTC_ARTICLE)), '--labels', file(d, 'spans.tsv', '7\t0\t4\n')] }),
    { code: 0, check: (r) => expect((JSON.parse(r.stdout) as { tc: unknown }).tc).toBeNull() },
  ],
  [
    'eval techniques as text',
    (d) => ({ args: ['eval', 'techniques', '--articles', dirname(file(d, 'article7.txt', PTC_ARTICLE)), '--labels', file(d, 'labels.tsv', '7\tDoubt\t0\t4\n')] }),
    { code: 0, check: (r) => expect(r.stdout).toMatch(/SI \(partial overlap\)[\s\S]*TC micro-F1/) },
  ],
  [
    'eval techniques without --labels',
    (d) => ({ args: ['eval', 'techniques', '--articles', d] }),
    { code: 2, error: /--labels/ },
  ],
  [
    'eval techniques with a malformed labels line',
    (d) => ({ args: ['eval', 'techniques', '--articles', dirname(file(d, 'article7.txt', PTC_ARTICLE)), '--labels', file(d, 'labels.tsv', '7\tDoubt\tten\t4\n')] }),
    { code: 2, error: /line 1/ },
  ],
  [
    'eval techniques whose labels name no article of the folder',
    (d) => ({ args: ['eval', 'techniques', '--articles', dirname(file(d, 'article7.txt', PTC_ARTICLE)), '--labels', file(d, 'labels.tsv', '8\tDoubt\t0\t4\n')] }),
    { code: 2, error: /no article/ },
  ],
  [
    'eval techniques with a missing articles folder',
    (d) => ({ args: ['eval', 'techniques', '--articles', join(d, 'nowhere'), '--labels', file(d, 'labels.tsv', '7\tDoubt\t0\t4\n')] }),
    { code: 2, error: /--articles/ },
  ],
  [
    'eval parse on a small CoNLL-U file: figures as JSON, on gold words and from its text',
    (d) => ({ args: ['eval', 'parse', '--json', '--data', file(d, 'tiny.conllu', TINY_CONLLU)] }),
    {
      code: 0,
      check: (r) => {
        const scores = JSON.parse(r.stdout) as Record<string, number>;
        expect(Object.keys(scores)).toEqual(['upos', 'uas', 'las', 'tokens', 'sentences']);
        expect([scores.tokens, scores.sentences]).toEqual([8, 1]);
        // "Officials" heads nothing and "said" is the root: at least those are right.
        expect(scores.uas).toBeGreaterThanOrEqual(0.5);
        for (const k of ['upos', 'uas', 'las']) expect(scores[k]! >= 0 && scores[k]! <= 1).toBe(true);
      },
    },
  ],
  [
    'eval parse --from-text aligns the words it finds in the raw text',
    (d) => ({ args: ['eval', 'parse', '--json', '--from-text', '--data', file(d, 'tiny.conllu', TINY_CONLLU)] }),
    { code: 0, check: (r) => expect(JSON.parse(r.stdout)).toMatchObject({ words: 1, sentenceBoundaries: 1, tokens: 8, systemWords: 8 }) },
  ],
  [
    'eval parse on a file that is not CoNLL-U',
    (d) => ({ args: ['eval', 'parse', '--data', file(d, 'notes.conllu', 'one\ttwo\n')] }),
    { code: 2, error: /notes\.conllu:1: expected 10 tab-separated columns, got 2/ },
  ],
  [
    'eval paraphrase on MRPC-style pairs: P/R/F1/accuracy as JSON',
    (d) => ({ args: ['eval', 'paraphrase', '--json', '--data', file(d, 'pairs.tsv', PARAPHRASE_PAIRS)] }),
    {
      code: 0,
      check: (r) => {
        const s = JSON.parse(r.stdout) as Record<string, number>;
        expect([s.pairs, s.same]).toEqual([3, 2]);
        // The reworded sale and the reworded arrest match; the different price does not.
        expect([s.truePositives, s.matched, s.precision, s.recall, s.accuracy]).toEqual([2, 2, 1, 1, 1]);
      },
    },
  ],
  [
    'eval paraphrase on STS-style pairs as text',
    (d) => ({ args: ['eval', 'paraphrase', '--data', file(d, 'sts.tsv', '4.6\tPolice arrest two men over bank robbery in Leeds\tTwo men arrested by police over Leeds bank robbery\n\tunlabelled\tpair\n0.2\tPolice arrest two men over bank robbery in Leeds\tFloods close schools across Kerala\n')] }),
    { code: 0, check: (r) => expect(r.stdout).toMatch(/2 pairs, 1 the same statement; 1 matched\n  P 100\.0   R 100\.0/) },
  ],
  [
    'eval paraphrase on a file with a bad score',
    (d) => ({ args: ['eval', 'paraphrase', '--data', file(d, 'sts.tsv', 'high\tone sentence\tanother sentence\n')] }),
    { code: 2, error: /sts\.tsv:1: the score "high" is not a number/ },
  ],
  [
    'eval extraction on a folder without pages',
    (d) => ({ args: ['eval', 'extraction', '--data', d] }),
    { code: 2, error: /holds no NAME\.html page with its NAME\.txt body/ },
  ],
  [
    'eval checkworthy over a folder of CLEF files: MAP, per-document scores, one score per line',
    () => ({ args: ['eval', 'checkworthy', '--json', '--data', join(ROOT, 'test/fixtures/clef')] }),
    {
      code: 0,
      check: (r) => {
        const s = JSON.parse(r.stdout) as { map: number; documents: Record<string, { ap: number; positives: number; lines: number }>; scores: Record<string, number[]> };
        expect(Object.keys(s.documents)).toEqual(['mayor-interview', 'springfield-debate']);
        expect(s.scores['springfield-debate']).toHaveLength(12);
        expect(s.scores['mayor-interview']).toHaveLength(6);
        expect(s.documents['springfield-debate']).toMatchObject({ positives: 3, lines: 12 });
        for (const list of Object.values(s.scores)) for (const x of list) expect(x).toBeGreaterThanOrEqual(0), expect(x).toBeLessThanOrEqual(1);
        // Statistics and votes above greetings and slogans: both rankings put their check-worthy lines on top.
        expect(s.map).toBeGreaterThan(0.8);
        expect(s.map).toBeCloseTo((s.documents['springfield-debate']!.ap + s.documents['mayor-interview']!.ap) / 2, 3);
      },
    },
  ],
  [
    'eval checkworthy with a malformed row',
    (d) => ({ args: ['eval', 'checkworthy', '--data', file(d, 'debate.tsv', '1\tSMITH\tFine.\t0\nsecond line without tabs\n')] }),
    { code: 2, error: /debate\.tsv:2: expected "line<TAB>speaker<TAB>sentence<TAB>label"/ },
  ],
  [
    'eval checkworthy with a label that is not 0 or 1',
    (d) => ({ args: ['eval', 'checkworthy', '--data', file(d, 'debate.tsv', '1\tSMITH\tFine.\tyes\n')] }),
    { code: 2, error: /debate\.tsv:1: the label must be 0 or 1, got "yes"/ },
  ],
  [
    'eval checkworthy without --data',
    () => ({ args: ['eval', 'checkworthy'] }),
    { code: 2, error: /eval checkworthy needs --data DIR/ },
  ],
  [
    'analyze --sort checkworthy lists the most check-worthy claims first',
    () => ({ args: ['analyze', SEED_PATH, '--json', '--sort', 'checkworthy'] }),
    {
      code: 0,
      check: (r) => {
        const a = JSON.parse(r.stdout) as Analysis;
        const scores = a.claims.map((c) => c.checkworthiness);
        expect(scores).toEqual([...scores].sort((x, y) => y - x));
        // Ids keep their text order, so the first listed is not c0.
        expect(a.claims[0]!.id).not.toBe('c0');
      },
    },
  ],
  ['analyze --sort by something else', () => ({ args: ['analyze', SEED_PATH, '--sort', 'date'] }), { code: 2, error: /--sort must be one of text, checkworthy, got "date"/ }],
  [
    'eval paraphrase without --data',
    () => ({ args: ['eval', 'paraphrase'] }),
    { code: 2, error: /--data FILE\.tsv/ },
  ],
  [
    'eval parse without --data',
    () => ({ args: ['eval', 'parse'] }),
    { code: 2, error: /--data FILE\.conllu/ },
  ],
  [
    'eval hedges with a missing file',
    (d) => ({ args: ['eval', 'hedges', '--data', join(d, 'no-such.xml')] }),
    { code: 2 },
  ],
  [
    'eval attribution without --data',
    () => ({ args: ['eval', 'attribution'] }),
    { code: 2, error: /--data/ },
  ],
  [
    '--lexicon file missing',
    (d) => ({ args: ['analyze', file(d, 'opine.txt', OPINE), '--lexicon', join(d, 'no-such-lexicon.json')] }),
    { code: 2, error: /lexicon/ },
  ],
];

describe('claimtrace CLI', () => {
  it.concurrent.each(cases)('%s', async (_name, setup, expected) => {
    const r = await run(setup(dir));
    const codes: readonly number[] = typeof expected.code === 'number' ? [expected.code] : expected.code;
    const context = `exit ${String(r.code)}\nstderr: ${r.stderr}`;
    expect(codes, context).toContain(r.code);
    // Never a stack trace, whatever the outcome.
    expect(r.stderr, 'stack trace on stderr').not.toMatch(STACK_LINE);
    if (r.code === 0) {
      expect(r.stderr, 'stderr of a successful run').toBe('');
    } else {
      // Exactly one non-empty line, "claimtrace: …", and nothing on stdout.
      expect(r.stderr.endsWith('\n'), 'stderr ends with a newline').toBe(true);
      const message = r.stderr.replace(/\n$/, '');
      expect(message.split('\n'), `stderr is not one line: ${JSON.stringify(r.stderr)}`).toHaveLength(1);
      expect(message.trim()).not.toBe('');
      expect(message).toMatch(/^claimtrace: \S/);
      if (expected.error) expect(message).toMatch(expected.error);
      expect(r.stdout).toBe('');
    }
    expected.check?.(r);
  }, SLOW);
});
