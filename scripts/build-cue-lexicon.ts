/**
 * Derives the cue lexicon from PolNeAR's training annotation: for every lemma, how often a token with
 * that lemma is annotated as (the head of) an attribution cue, and how often it occurs at all.
 * Writes src/lexicons/cues-polnear.json. Run: npx tsx scripts/build-cue-lexicon.ts [../shared/data/polnear/train]
 */
import fs from 'node:fs';
import path from 'node:path';
import { segment } from '../src/segment/segment.js';
import { firstAnnotations } from '../src/eval/brat.js';
import { goldCharRoles } from '../src/annotate/tagger/gold.js';

const dir = process.argv[2] ?? '../shared/data/polnear/train';
const MIN_CUE = 3;
const MIN_RATIO = 0.15;

interface Stat { cue: number; total: number; verb: number; noun: number }
const stats = new Map<string, Stat>();
const stat = (lemma: string): Stat => {
  let s = stats.get(lemma);
  if (!s) stats.set(lemma, (s = { cue: 0, total: 0, verb: 0, noun: 0 }));
  return s;
};

for (const [name, f] of firstAnnotations(fs.readdirSync(path.join(dir, 'attributions')))) {
  const text = fs.readFileSync(path.join(dir, 'text', name + '.txt'), 'utf8');
  // The shared BRAT reader converts BRAT's code-point offsets to UTF-16.
  const gold = goldCharRoles(fs.readFileSync(path.join(dir, 'attributions', f), 'utf8'), text);
  for (const t of segment(text).tokens) {
    if (!/^\p{L}+$/u.test(text.slice(t.start, t.end))) continue;
    const s = stat(t.lemma.toLowerCase());
    s.total++;
    if (gold.role[t.start] === 'C' && (t.pos === 'VERB' || t.pos === 'NOUN')) {
      s.cue++;
      if (t.pos === 'VERB') s.verb++; else s.noun++;
    }
  }
}

const verbs: Record<string, { p: number; n: number }> = {};
const nouns: Record<string, { p: number; n: number }> = {};
for (const [lemma, s] of [...stats].sort((a, b) => b[1].cue - a[1].cue)) {
  if (s.cue < MIN_CUE || s.cue / s.total < MIN_RATIO) continue;
  const entry = { p: Math.round((s.cue / s.total) * 1000) / 1000, n: s.cue };
  if (s.verb >= s.noun) verbs[lemma] = entry; else nouns[lemma] = entry;
}
const out = {
  source:
    'Derived by scripts/build-cue-lexicon.ts from PolNeAR v1.0 train (Newell, Margolin & Ruths, LREC 2018): ' +
    'lemmas annotated as attribution cues at least ' + MIN_CUE + ' times, p = share of their occurrences that are cues.',
  verbs,
  nouns,
};
// One entry a line, so that a regenerated lexicon reviews as a readable diff.
const block = (o: Record<string, unknown>) =>
  '{\n' + Object.entries(o).map(([k, v]) => '  ' + JSON.stringify(k) + ': ' + JSON.stringify(v)).join(',\n') + '\n }';
fs.writeFileSync(
  'src/lexicons/cues-polnear.json',
  `{\n "source": ${JSON.stringify(out.source)},\n "verbs": ${block(verbs)},\n "nouns": ${block(nouns)}\n}\n`,
);
console.log(`verbs ${Object.keys(verbs).length}, nouns ${Object.keys(nouns).length}`);
