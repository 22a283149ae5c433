/**
 * `claimtrace eval attribution --data DIR [--json]`: scores the attribution extractor against BRAT
 * annotation laid out as PolNeAR is (DIR/text/NAME.txt, DIR/attributions/NAME_ANNOTATOR.ann).
 * Where an article has two annotation files, the first (by file name) is used.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { analyze } from '../pipeline.js';
import { AttributionScorer, goldRelations, predictedRelations, type AttributionScores } from '../eval/attribution.js';
import { UsageError } from './errors.js';

export function runEval(argv: string[]): void {
  const [task, ...rest] = argv;
  if (task !== 'attribution') {
    throw new UsageError(`eval needs a task: attribution${task ? ` (got "${task}")` : ''}`);
  }
  const { values } = parseArgs({ args: rest, options: { data: { type: 'string' }, json: { type: 'boolean' } } });
  if (!values.data) throw new UsageError('eval attribution needs --data DIR (with text/ and attributions/ inside)');
  const scores = evalAttribution(values.data);
  process.stdout.write(values.json ? JSON.stringify(scores) + '\n' : formatScores(scores));
}

export function evalAttribution(dir: string): AttributionScores {
  const textDir = path.join(dir, 'text');
  const annDir = path.join(dir, 'attributions');
  if (!existsSync(textDir) || !existsSync(annDir)) {
    throw new UsageError(`${dir} must hold text/NAME.txt and attributions/NAME_ANNOTATOR.ann`);
  }
  const firstAnnotation = new Map<string, string>();
  for (const file of readdirSync(annDir).filter((f) => f.endsWith('.ann')).sort()) {
    const name = file.replace(/_[^_]+\.ann$/, '');
    if (!firstAnnotation.has(name)) firstAnnotation.set(name, file);
  }
  if (firstAnnotation.size === 0) throw new UsageError(`no .ann files in ${annDir}`);
  const scorer = new AttributionScorer();
  for (const [name, file] of [...firstAnnotation].sort()) {
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
