/**
 * Derives hedge cues from WikiWeasel 2.0 (the Szeged uncertainty corpus's Wikipedia part) and writes
 * src/lexicons/hedges-wikiweasel.json. Run: npx tsx scripts/build-hedge-lexicon.ts [../shared/data/wikiweasel/wiki.xml]
 *
 * Split, by document (index from 0 in file order): documents with index % 5 !== 0 are TRAINING, those with
 * index % 5 === 0 are HELD OUT and only ever scored, never counted from.
 *
 * Candidates, counted on the tokens of every training sentence (segmented on its own, as `claimtrace eval
 * hedges` and the product do), in the pattern language of src/annotate/hedges.ts:
 * - a word (lower-cased token): a cue occurrence when the token lies inside a gold cue;
 * - a modal: a word the tagger mostly tags AUX (may, might), counted on its AUX and VERB tokens, the
 *   tags hedges.ts matches category "modal" on;
 * - `{verb} LEMMA`: any verb form of a lemma: a cue occurrence as for a word;
 * - a 2–4 word sequence: a cue occurrence only when it is exactly a gold cue ("whether or not").
 * p = cue occurrences ÷ occurrences. An entry is kept when it is a cue at least MIN_COUNT times with
 * p ≥ MIN_P. The two thresholds are chosen by cross-validation inside the training documents (derive from
 * three of its four parts, score the fourth; best pooled sentence F1 of curated + derived), so the
 * held-out fifth plays no part in any choice. The script then derives from all training documents and
 * prints the held-out figures for the curated lexicon, the derived one and both (all derived entries, and
 * the subset the default lexicons keep: see MIN_HEDGE_PRIOR in src/lexicons/index.ts), and whole-file
 * figures (which include the training data) for reference.
 */
import fs from 'node:fs';
import { findHedges } from '../src/annotate/hedges.js';
import { defaultLexicons, derivedHedges, MIN_HEDGE_PRIOR, NON_HEDGE_CATEGORIES, type HedgeEntry, type Lexicons } from '../src/lexicons/index.js';
import curated from '../src/lexicons/hedges.json' with { type: 'json' };
import { HedgeScorer, type HedgeScores } from '../src/eval/hedges.js';
import { parseSzeged, type SzegedSentence } from '../src/eval/szeged.js';
import { segment, type Segmentation } from '../src/segment/segment.js';
import type { Span } from '../src/model/types.js';

const file = process.argv[2] ?? '../shared/data/wikiweasel/wiki.xml';
const OUT = 'src/lexicons/hedges-wikiweasel.json';
const FOLDS = 5;
const HELD_OUT = 0;
const GRID_COUNT = [2, 3, 5, 8];
const GRID_P = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8];
const MAX_N = 4;
const MODAL_POS = new Set(['AUX', 'VERB']);
const WORD = /^\p{L}[\p{L}'’-]*$/u;

/** Szeged cue types, short: "speculation_hypo_doxastic" → "doxastic". */
const shortType = (t: string) => t.replace(/^speculation_(hypo_|modal_)?/, '');

interface Item extends SzegedSentence { seg: Segmentation }
const items: Item[] = parseSzeged(fs.readFileSync(file, 'utf8')).map((s) => ({ ...s, seg: segment(s.text) }));
const training = items.filter((s) => s.document % FOLDS !== HELD_OUT);
const heldOut = items.filter((s) => s.document % FOLDS === HELD_OUT);

interface Stat { hits: number; total: number; aux: number; types: Map<string, number>; verbLemma: Map<string, number> }
type Kind = 'word' | 'modal' | 'verb' | 'ngram';
interface Candidate { key: string; kind: Kind; pattern: string; stat: Stat }

function count(sentences: readonly Item[]): Map<string, Candidate> {
  const cands = new Map<string, Candidate>();
  const bump = (kind: Kind, pattern: string, hitType: string | null, verbLemma?: string, aux = false) => {
    const key = `${kind}:${pattern}`;
    let c = cands.get(key);
    if (!c) cands.set(key, (c = { key, kind, pattern, stat: { hits: 0, total: 0, aux: 0, types: new Map(), verbLemma: new Map() } }));
    c.stat.total++;
    if (aux) c.stat.aux++;
    if (verbLemma) c.stat.verbLemma.set(verbLemma, (c.stat.verbLemma.get(verbLemma) ?? 0) + 1);
    if (hitType !== null) {
      c.stat.hits++;
      c.stat.types.set(hitType, (c.stat.types.get(hitType) ?? 0) + 1);
    }
  };
  for (const s of sentences) {
    const { tokens } = s.seg;
    const cueAt = new Int32Array(s.text.length).fill(-1);
    s.cues.forEach((c, i) => cueAt.fill(i, c.start, c.end));
    const inside = (a: number, b: number) => (cueAt[a]! >= 0 && cueAt[a] === cueAt[b - 1] ? shortType(s.types[cueAt[a]!]!) : null);
    const exactly = (a: number, b: number) => {
      const i = cueAt[a]!;
      return i >= 0 && s.cues[i]!.start === a && s.cues[i]!.end === b ? shortType(s.types[i]!) : null;
    };
    for (const t of tokens) {
      if (!WORD.test(s.text.slice(t.start, t.end))) continue;
      const hit = inside(t.start, t.end);
      const lemma = t.lemma.toLowerCase();
      bump('word', t.norm, hit, t.pos === 'VERB' ? lemma : undefined, t.pos === 'AUX');
      if (MODAL_POS.has(t.pos)) bump('modal', t.norm, hit);
      if (t.pos === 'VERB' && WORD.test(lemma)) bump('verb', `{verb} ${lemma}`, hit);
    }
    for (let i = 0; i < tokens.length; i++) {
      for (let n = 2; n <= MAX_N && i + n <= tokens.length; n++) {
        const run = tokens.slice(i, i + n);
        if (run.some((t) => t.sentence !== run[0]!.sentence || !WORD.test(s.text.slice(t.start, t.end)))) break;
        bump('ngram', run.map((t) => t.norm).join(' '), exactly(run[0]!.start, run[n - 1]!.end));
      }
    }
  }
  return cands;
}

interface Derived extends HedgeEntry { p: number; n: number; of: number }

function select(cands: Map<string, Candidate>, minCount: number, minP: number): Derived[] {
  const p = (c: Candidate) => c.stat.hits / c.stat.total;
  const word = (c: Candidate) => cands.get(`word:${c.pattern}`);
  const pass = [...cands.values()].filter(
    (c) =>
      c.stat.hits >= minCount &&
      p(c) >= minP &&
      // A modal entry only for a word the tagger mostly tags AUX (may, would), not for verbs (believe).
      (c.kind !== 'modal' || (word(c)?.stat.aux ?? 0) >= 0.5 * (word(c)?.stat.total ?? 0)),
  );
  const kept = new Map(pass.map((c) => [c.key, c]));
  for (const c of pass) {
    // One entry a surface: a word and its modal reading → the more precise (a tie → the modal); a word
    // that is mostly a verb form of a kept `{verb} LEMMA` → the lemma entry.
    const modal = kept.get(`modal:${c.pattern}`);
    if (c.kind === 'word' && modal && p(modal) >= p(c)) kept.delete(c.key);
    if (c.kind === 'modal' && kept.has(`word:${c.pattern}`) && p(word(c)!) > p(c)) kept.delete(c.key);
    if (c.kind === 'word') {
      for (const [lemma, k] of c.stat.verbLemma) if (k >= 0.8 * c.stat.total && kept.has(`verb:{verb} ${lemma}`)) kept.delete(c.key);
    }
  }
  return [...kept.values()]
    .map((c) => {
      const type = [...c.stat.types].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? 'unknown';
      return {
        pattern: c.pattern,
        category: c.kind === 'modal' ? 'modal' : `uncertain-${type.replace(/_/g, '-')}`,
        p: Math.round(p(c) * 1000) / 1000,
        n: c.stat.hits,
        of: c.stat.total,
      };
    })
    .sort((a, b) => b.n - a.n || a.pattern.localeCompare(b.pattern));
}

const base = defaultLexicons();
const lexiconOf = (hedges: HedgeEntry[]): Lexicons => ({ ...base, hedges: hedges.map(({ pattern, category }) => ({ pattern, category })) });
const curatedOnly = lexiconOf(curated.entries);

function score(sentences: readonly Item[], lexicons: Lexicons, into = new HedgeScorer()): HedgeScorer {
  for (const s of sentences) {
    const found: Span[] = findHedges(s.text, s.seg.sentences, s.seg.tokens, lexicons, new Set());
    into.add(found, s.cues);
  }
  return into;
}

// 1. Thresholds by cross-validation inside the training documents (four parts: index % 5 = 1, 2, 3, 4).
const parts = [1, 2, 3, 4].map((k) => training.filter((s) => s.document % FOLDS === k));
const partCounts = parts.map((_, k) => count(parts.filter((__, j) => j !== k).flat()));
const grid: Array<{ minCount: number; minP: number; f1: number; p: number; r: number; cueF1: number }> = [];
for (const minCount of GRID_COUNT) {
  for (const minP of GRID_P) {
    const scorer = new HedgeScorer();
    parts.forEach((part, k) => score(part, lexiconOf([...curated.entries, ...select(partCounts[k]!, minCount, minP)]), scorer)); // duplicates are harmless here: curated first wins
    const r = scorer.result();
    grid.push({ minCount, minP, f1: r.sentence.f1, p: r.sentence.p, r: r.sentence.r, cueF1: r.cue.f1 });
  }
}
grid.sort((a, b) => b.f1 - a.f1 || b.minP - a.minP || b.minCount - a.minCount);
console.log('cross-validation inside training (sentence F1, curated + derived), best first:');
for (const g of grid.slice(0, 8)) console.log(`  minCount ${g.minCount}  minP ${g.minP.toFixed(2)}  sentence P ${g.p} R ${g.r} F1 ${g.f1}  cue F1 ${g.cueF1}`);
const { minCount: MIN_COUNT, minP: MIN_P } = grid[0]!;

// 2. Derive from all training documents with those thresholds.
const derived = select(count(training), MIN_COUNT, MIN_P);
const out = {
  source:
    'Derived by scripts/build-hedge-lexicon.ts from WikiWeasel 2.0 (Szeged uncertainty corpus, Wikipedia part; ' +
    'Szarvas, Vincze, Farkas, Móra & Gurevych, Computational Linguistics 2012), training documents only ' +
    `(document index % ${FOLDS} !== ${HELD_OUT}; the other fifth is held out for evaluation). ` +
    `Words, modals, {verb} lemmas and exact 2–${MAX_N} word cues annotated as uncertainty cues at least ${MIN_COUNT} times ` +
    `with p ≥ ${MIN_P} (thresholds chosen by cross-validation within the training documents); p = share of occurrences ` +
    'that are cues, n = cue occurrences, of = occurrences. The default lexicons use only the entries with p ≥ ' + MIN_HEDGE_PRIOR +
    ' outside the condition and investigation categories that hedges.json does not already have (src/lexicons/index.ts). ' +
    'Category: modal, or uncertain-<Szeged cue type> (doxastic, probable, condition, investigation).',
  entries: derived,
};
fs.writeFileSync(OUT, `{\n "source": ${JSON.stringify(out.source)},\n "entries": [\n${derived.map((e) => '  ' + JSON.stringify(e)).join(',\n')}\n ]\n}\n`);
console.log(`\nwrote ${OUT}: ${derived.length} entries (minCount ${MIN_COUNT}, minP ${MIN_P})`);

// 3. Figures.
const pct = (x: number) => (x * 100).toFixed(1).padStart(5);
const line = (name: string, r: HedgeScores) =>
  `  ${name.padEnd(34)} cue P ${pct(r.cue.p)} R ${pct(r.cue.r)} F1 ${pct(r.cue.f1)} (overlap F1 ${pct(r.cue.overlap.f1)})   sentence P ${pct(r.sentence.p)} R ${pct(r.sentence.r)} F1 ${pct(r.sentence.f1)}`;
// What `claimtrace analyze` and `eval hedges` use: curated + the derived entries index.ts keeps.
const allDerived = derivedHedges(derived, curated.entries, { minPrior: 0, allCategories: true });
const kept = derivedHedges(derived);
const configs: Array<[string, Lexicons]> = [
  ['curated (hedges.json)', curatedOnly],
  [`derived, all ${derived.length}`, lexiconOf(derived)],
  [`curated + derived, all ${derived.length}`, lexiconOf([...curated.entries, ...allDerived])],
  [`derived, default ${kept.length}`, lexiconOf(kept)],
  [`curated + derived default (= eval hedges)`, lexiconOf([...curated.entries, ...derivedHedges(derived, curated.entries)])],
];
console.log(`\nderived default: p ≥ ${MIN_HEDGE_PRIOR}, not ${[...NON_HEDGE_CATEGORIES].join(' or ')} (src/lexicons/index.ts)`);
const docs = (xs: readonly Item[]) => new Set(xs.map((s) => s.document)).size;
for (const [title, sentences] of [
  [`HELD OUT (documents index % ${FOLDS} === ${HELD_OUT}): ${docs(heldOut)} documents, ${heldOut.length} sentences`, heldOut],
  [`WHOLE FILE, INCLUDES THE TRAINING DATA: ${docs(items)} documents, ${items.length} sentences`, items],
] as const) {
  console.log(`\n${title}`);
  for (const [name, lex] of configs) console.log(line(name, score(sentences, lex).result()));
}
