/**
 * Hedge cues: words and phrases by which the text distances itself from a claim ("reportedly",
 * "is said to", "may"). Patterns come from the hedge lexicon (data), compiled once into token matchers.
 */
import type { Hedge, Sentence, Token } from '../model/types.js';
import type { HedgeEntry, Lexicons } from '../lexicons/index.js';

type Matcher = (t: Token) => boolean;

interface CompiledHedge {
  entry: HedgeEntry;
  steps: Matcher[];
}

const MODAL_POS = new Set(['AUX', 'VERB']);

function compile(entry: HedgeEntry): CompiledHedge {
  const words = entry.pattern.toLowerCase().split(/\s+/).filter(Boolean);
  const steps: Matcher[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '{be}') steps.push((t) => t.lemma.toLowerCase() === 'be');
    else if (w === '{verb}') {
      const verb = words[++i] ?? '';
      steps.push((t) => t.pos === 'VERB' && t.lemma.toLowerCase() === verb);
    } else if (entry.category === 'modal') steps.push((t) => t.norm === w && MODAL_POS.has(t.pos));
    else steps.push((t) => t.norm === w);
  }
  return { entry, steps };
}

const cache = new WeakMap<Lexicons, CompiledHedge[]>();

function compiled(lexicons: Lexicons): CompiledHedge[] {
  let c = cache.get(lexicons);
  if (!c) cache.set(lexicons, (c = lexicons.hedges.map(compile)));
  return c;
}

export function findHedges(text: string, sentences: readonly Sentence[], tokens: readonly Token[], lexicons: Lexicons, skip: ReadonlySet<number>): Hedge[] {
  const hedges: Hedge[] = [];
  const patterns = compiled(lexicons);
  for (const sentence of sentences) {
    if (skip.has(sentence.index)) continue;
    let covered = sentence.tokenStart; // longest match wins; matches do not overlap
    for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) {
      if (i < covered) continue;
      let best: { p: CompiledHedge; len: number } | null = null;
      for (const p of patterns) {
        const len = p.steps.length;
        if (i + len > sentence.tokenEnd || (best && best.len >= len)) continue;
        if (p.steps.every((m, k) => m(tokens[i + k]!))) best = { p, len };
      }
      if (!best) continue;
      const start = tokens[i]!.start;
      const end = tokens[i + best.len - 1]!.end;
      hedges.push({
        start,
        end,
        text: text.slice(start, end),
        category: best.p.entry.category,
        rule: `hedge/${best.p.entry.category}`,
        evidence: best.p.entry.pattern,
      });
      covered = i + best.len;
    }
  }
  return hedges;
}
