/**
 * A small dependency-pattern language, in the spirit of spaCy's DependencyMatcher and Stanford's Semgrex:
 * a pattern is a list of named nodes; the first is the anchor, and each later one is tied to an earlier one
 * as its dependent (`head`), its head (`governs`) or its sibling (`sibling`), with conditions on the token
 * (`lemma`, `word`, `upos`, `dep`) and on order (`before`, `after`). A node may be `optional`, or `absent`
 * (the pattern fails when such a token exists).
 *
 * Matching is greedy and linear: every token is tried as the anchor, and each later node takes the first
 * token, in text order, that fits; there is no backtracking, so a pattern costs O(children) per node and a
 * document O(n · nodes). Patterns list their nodes so that this suffices (the most specific first).
 *
 * Values: a string or a list of strings; a string starting with "@" names a lexicon set (`@cueVerbs`),
 * read through the `sets` the caller passes. A relation matches its subtypes ("nsubj" matches
 * "nsubj:pass"; "nsubj:pass" only itself). A value starting with "!" negates ("!advcl").
 */
import type { ParseTree } from './tree.js';

export interface MatchToken {
  head: number | null;
  dep: string;
  upos: string;
  lemma: string;
  norm: string;
}

export type Values = string | readonly string[];

export interface NodePattern {
  name: string;
  /** This node is a dependent of the named node. */
  head?: string;
  /** This node is the head of the named node. */
  governs?: string;
  /** This node shares its head with the named node. */
  sibling?: string;
  dep?: Values;
  lemma?: Values;
  word?: Values;
  upos?: Values;
  /** This node comes before (after) the named node in the text. */
  before?: string;
  after?: string;
  optional?: boolean;
  absent?: boolean;
}

/** Lexicon sets a pattern may name with "@". */
export type PatternSets = Readonly<Record<string, { has(value: string): boolean }>>;

type Test = (value: string) => boolean;

interface CompiledNode {
  name: string;
  /** Index of the node it is tied to, and how; -1 for the anchor. */
  ref: number;
  tie: 'head' | 'governs' | 'sibling' | 'anchor';
  tests: Array<[keyof Pick<MatchToken, 'dep' | 'lemma' | 'norm' | 'upos'>, Test]>;
  before: number;
  after: number;
  optional: boolean;
  absent: boolean;
}

export interface CompiledPattern {
  nodes: readonly CompiledNode[];
  names: readonly string[];
}

const NODE_KEYS = new Set(['name', 'head', 'governs', 'sibling', 'dep', 'lemma', 'word', 'upos', 'before', 'after', 'optional', 'absent']);

/** Checks a pattern and turns it into tests; throws a one-line Error naming what is wrong. */
export function compilePattern(pattern: readonly NodePattern[], sets: PatternSets, where = 'pattern'): CompiledPattern {
  if (!Array.isArray(pattern) || pattern.length === 0) throw new Error(`${where}: a pattern is a non-empty list of nodes, got ${JSON.stringify(pattern)}`);
  const index = new Map<string, number>();
  const nodes = pattern.map((node, k): CompiledNode => {
    const at = `${where}, node ${k + 1}`;
    if (typeof node !== 'object' || node === null) throw new Error(`${at}: expected an object, got ${JSON.stringify(node)}`);
    for (const key of Object.keys(node)) if (!NODE_KEYS.has(key)) throw new Error(`${at}: unknown key "${key}" (known: ${[...NODE_KEYS].join(', ')})`);
    if (typeof node.name !== 'string' || !/^[a-z][\w-]*$/i.test(node.name)) throw new Error(`${at}: "name" must be a word, got ${JSON.stringify(node.name)}`);
    if (index.has(node.name)) throw new Error(`${at}: the name "${node.name}" is used twice`);
    const refOf = (key: 'head' | 'governs' | 'sibling' | 'before' | 'after'): number => {
      const name = node[key];
      if (name === undefined) return -1;
      const i = index.get(name);
      if (i === undefined) throw new Error(`${at}: "${key}" names "${name}", which is not an earlier node`);
      return i;
    };
    const ties = (['head', 'governs', 'sibling'] as const).filter((key) => node[key] !== undefined);
    if (k === 0 && ties.length > 0) throw new Error(`${at}: the first node is the anchor and is tied to nothing`);
    if (k > 0 && ties.length !== 1) throw new Error(`${at}: a node after the first is tied to exactly one earlier node by "head", "governs" or "sibling"`);
    if ((node.optional || node.absent) && k === 0) throw new Error(`${at}: the anchor cannot be optional or absent`);
    const tests: CompiledNode['tests'] = [];
    const fields = [['dep', 'dep'], ['lemma', 'lemma'], ['word', 'norm'], ['upos', 'upos']] as const;
    for (const [key, field] of fields) {
      const v = node[key];
      if (v !== undefined) tests.push([field, valueTest(v, sets, `${at}, "${key}"`, key === 'dep')]);
    }
    const compiled: CompiledNode = {
      name: node.name,
      ref: k === 0 ? -1 : refOf(ties[0]!),
      tie: k === 0 ? 'anchor' : ties[0]!,
      tests,
      before: refOf('before'),
      after: refOf('after'),
      optional: node.optional === true,
      absent: node.absent === true,
    };
    index.set(node.name, k);
    return compiled;
  });
  return { nodes, names: nodes.map((n) => n.name) };
}

function valueTest(value: Values, sets: PatternSets, where: string, relation: boolean): Test {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || list.some((v) => typeof v !== 'string' || v.length === 0)) {
    throw new Error(`${where}: expected a string or a list of strings, got ${JSON.stringify(value)}`);
  }
  const negated = list.every((v) => v.startsWith('!'));
  if (!negated && list.some((v) => v.startsWith('!'))) throw new Error(`${where}: a list is all values or all "!" negations, got ${JSON.stringify(value)}`);
  const plain = new Set<string>();
  const named: Array<{ has(value: string): boolean }> = [];
  for (const raw of list) {
    const v = negated ? raw.slice(1) : raw;
    if (v.startsWith('@')) {
      const set = sets[v.slice(1)];
      if (!set) throw new Error(`${where}: no lexicon set "${v}" (known: ${Object.keys(sets).map((s) => '@' + s).join(', ')})`);
      named.push(set);
    } else plain.add(v);
  }
  const has = (x: string): boolean => {
    if (plain.has(x) || named.some((s) => s.has(x))) return true;
    // A relation matches its subtypes.
    if (relation) {
      const colon = x.indexOf(':');
      if (colon > 0 && plain.has(x.slice(0, colon))) return true;
    }
    return false;
  };
  return negated ? (x) => !has(x) : has;
}

/** One match: the token index of each node (-1 for an optional node that found none). */
export type Match = Int32Array;

/**
 * Every match of the pattern over tokens [from, to) of one tree, one per anchor token at most, in text
 * order. Greedy (see the module note): a node takes the first token that fits.
 */
export function matchPattern(pattern: CompiledPattern, tokens: readonly MatchToken[], tree: ParseTree, from = 0, to = tokens.length): Match[] {
  const out: Match[] = [];
  const { nodes } = pattern;
  const fits = (node: CompiledNode, i: number, bound: Int32Array): boolean => {
    const t = tokens[i]!;
    for (const [field, test] of node.tests) if (!test(field === 'lemma' ? t.lemma.toLowerCase() : t[field])) return false;
    if (node.before >= 0 && !(bound[node.before]! >= 0 && i < bound[node.before]!)) return false;
    if (node.after >= 0 && !(bound[node.after]! >= 0 && i > bound[node.after]!)) return false;
    // A token plays one part in a match.
    for (let k = 0; k < bound.length; k++) if (bound[k] === i) return false;
    return true;
  };
  const candidates = (node: CompiledNode, bound: Int32Array): readonly number[] => {
    const r = bound[node.ref]!;
    if (r < 0) return [];
    if (node.tie === 'head') return tree.children(r);
    const h = tokens[r]!.head;
    if (h === null) return [];
    if (node.tie === 'governs') return [h];
    return tree.children(h).filter((c) => c !== r);
  };
  for (let a = from; a < to; a++) {
    const bound = new Int32Array(nodes.length).fill(-1);
    if (!fits(nodes[0]!, a, bound)) continue;
    bound[0] = a;
    let ok = true;
    for (let k = 1; k < nodes.length && ok; k++) {
      const node = nodes[k]!;
      let found = -1;
      for (const c of candidates(node, bound)) {
        if (fits(node, c, bound)) {
          found = c;
          break;
        }
      }
      if (node.absent) ok = found < 0;
      else if (found >= 0) bound[k] = found;
      else ok = node.optional;
    }
    if (ok) out.push(bound);
  }
  return out;
}
