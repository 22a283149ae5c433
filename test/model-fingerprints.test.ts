/**
 * Every shipped model is the model HEAD trains. Fast: each model's recorded fingerprint equals the one
 * recomputed from today's code, lexicons and package versions (and training files, where ../shared is here);
 * a rule or lexicon the tagger reads that changes makes this fail until the model is retrained. Slow (with
 * the data): retraining gives the shipped file byte for byte.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { codeFingerprint, codeFiles, dataFingerprint, MODELS, recorded, ROOT } from '../scripts/fingerprint.js';
import { hasSharedData, SHARED_DATA } from './support/shared.js';
import { MATCH_FEATURES_VERSION } from '../src/corpus/features.js';

const execFileAsync = promisify(execFile);

describe.each(MODELS.map((m) => [m.name, m] as const))('%s', (_name, spec) => {
  it('records the fingerprint of the code and lexicons it is trained from', () => {
    const files = codeFiles(spec);
    // The modules it reads are among them (for the tagger, the rules whose output it reads), and so are their lexicons.
    expect(files).toEqual(expect.arrayContaining([...spec.follow, ...spec.alone]));
    if (spec.file === 'src/models/attribution.json') expect(files).toEqual(expect.arrayContaining(['src/annotate/attribution.ts', 'src/annotate/quotes.ts', 'src/segment/segment.ts']));
    expect(files.some((f) => f.endsWith('.json'))).toBe(true);
    expect(recorded(spec).code, `${spec.file} is stale: the code or lexicons it reads changed since it was trained; run ${spec.command}`).toBe(codeFingerprint(spec));
  });

  it.skipIf(!hasSharedData)('records the fingerprint of its training files', () => {
    expect(recorded(spec).data, `${spec.file} was trained on other data than ${SHARED_DATA} holds; run ${spec.command}`).toBe(dataFingerprint(spec, SHARED_DATA));
  });
});

describe.skipIf(!hasSharedData)('reproducible from HEAD', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'claimtrace-models-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const scripts: Record<string, string> = {
    'src/models/attribution.json': 'scripts/train-attribution.ts',
    'src/models/techniques.json': 'scripts/train-techniques.ts',
    'src/models/pos.json': 'scripts/train-parser.ts',
    'src/models/parser.json': 'scripts/train-parser.ts',
    'src/models/checkworthiness.json': 'scripts/train-checkworthy.ts',
  };
  const dataOf = (file: string) => (file.includes('attribution') ? 'polnear' : file.includes('techniques') ? 'ptc' : file.includes('checkworthiness') ? 'checkworthy/clef2019' : 'ud');
  // One script trains both syntactic models; --model names the one to write.
  const only = (file: string) => (file.includes('pos') ? ['--model', 'pos'] : file.includes('parser') ? ['--model', 'parser'] : []);

  // The five trainings run as processes side by side (the test runner keeps to one core of two).
  it.concurrent.for(MODELS.map((m) => [m.name, m] as const))('retraining the %s gives the shipped file byte for byte', async ([, spec], { expect }) => {
    const out = path.join(dir, path.basename(spec.file));
    const data = path.join(SHARED_DATA, dataOf(spec.file));
    await execFileAsync(process.execPath, ['--import', 'tsx', scripts[spec.file]!, '--data', data, ...only(spec.file), '--out', out], { cwd: ROOT, maxBuffer: 64 << 20 });
    expect(readFileSync(out).equals(readFileSync(path.join(ROOT, spec.file))), `${spec.file} differs from what ${spec.command} gives at HEAD`).toBe(true);
  }, 900_000);
});

describe('analysis version', () => {
  it('is the package version, the fingerprints of the attribution, technique and parser models, the matching version and the check-worthiness model', async () => {
    const { ANALYSIS_VERSION, MODEL_VERSION } = await import('../src/pipeline.js');
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(MODEL_VERSION).toBe(pkg.version);
    const short = (file: string) => recorded(MODELS.find((m) => m.file === file)!).code!.slice(0, 8);
    expect(ANALYSIS_VERSION).toBe(`${pkg.version}+${short('src/models/attribution.json')}.${short('src/models/techniques.json')}.${short('src/models/parser.json')}.m${MATCH_FEATURES_VERSION}.c${short('src/models/checkworthiness.json')}`);
  });
});
