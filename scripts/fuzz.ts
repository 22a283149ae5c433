/**
 * `npm run fuzz [-- --runs 100000] [-- --seed S] [-- --max-size 4000] [-- --cost-runs 100]`: the hostile-input
 * generators of test/support/adversarial.ts at scale. Every text and page is analysed and its invariants
 * checked (spans in bounds, text unaltered, nothing thrown); then units repeated to n and 4n characters must
 * cost at most 8x (linear is 4x). A failure prints its seed and path: rerun with `--seed S --path P` to
 * replay that one case. CI runs a short version (test/cost.test.ts).
 */
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { analyze } from '../src/pipeline.js';
import { checkInvariants } from '../test/support/invariants.js';
import { hostilePage, hostileText, repeatTo, unit } from '../test/support/adversarial.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '100000' },
    seed: { type: 'string' },
    path: { type: 'string' },
    'max-size': { type: 'string', default: '4000' },
    'cost-runs': { type: 'string', default: '100' },
  },
});
const runs = Number(values.runs);
const costRuns = Number(values['cost-runs']);
const maxSize = Number(values['max-size']);
if (![runs, costRuns, maxSize].every((n) => Number.isInteger(n) && n >= 0)) {
  console.error('fuzz: --runs, --cost-runs and --max-size must be whole numbers');
  process.exit(2);
}
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
const replay = values.path === undefined ? {} : { path: values.path };

function check(input: string, format: 'text' | 'html'): void {
  const problems = checkInvariants(input, analyze(input, { format, tokens: true }));
  if (problems.length > 0) throw new Error(problems.slice(0, 3).join('; '));
}

function cpu(text: string): number {
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const before = process.cpuUsage();
    analyze(text, { format: 'text', budgetSeconds: Infinity });
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / 1e6);
  }
  return best;
}

let failed = false;
function run(name: string, property: fc.IProperty<[string]>, numRuns: number): void {
  if (numRuns === 0) return;
  const started = performance.now();
  let done = 0;
  const report = setInterval(() => process.stderr.write(`\r${name}: ${done} of ${numRuns}`), 2000);
  try {
    fc.assert(property, { numRuns, seed, ...replay, endOnFailure: false });
    process.stdout.write(`\r${name}: ${numRuns} cases passed in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  } catch (e) {
    failed = true;
    // The counterexample can be megabytes long: its lines are cut; the seed and path replay it whole.
    const lines = (e as Error).message.split('\n').map((l) => (l.length > 400 ? `${l.slice(0, 400)}… (${l.length} characters)` : l));
    const cause = (e as Error).cause instanceof Error ? `\nWhat failed: ${((e as Error).cause as Error).message}` : '';
    process.stdout.write(`\r${name}: FAILED\n${lines.join('\n')}${cause}\n`);
  } finally {
    clearInterval(report);
  }
  void done;
  done = numRuns;
}

console.log(`fuzz: seed ${seed} (replay with --seed ${seed})`);
analyze('Warm up. He said so.', { format: 'text' });
run('plain text', fc.property(hostileText(maxSize), (t) => check(t, 'text')), runs);
run('HTML pages', fc.property(hostilePage(maxSize), (t) => check(t, 'html')), Math.ceil(runs / 10));
run(
  'cost at n and 4n',
  fc.property(unit, (u) => {
    const n = 10_000;
    cpu(repeatTo(u, n));
    const ratio = cpu(repeatTo(u, 4 * n)) / Math.max(0.02, cpu(repeatTo(u, n)));
    if (ratio >= 8) throw new Error(`${JSON.stringify(u)} repeated: 4x the input cost ${ratio.toFixed(1)}x the time`);
  }),
  costRuns,
);
process.exit(failed ? 1 : 0);
