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

/** What the matcher reads of a token; `lemma` and `norm` lower-cased, as the patterns' values are. */
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
  /** The node's conditions on the token itself, as one function. */
  accepts: (t: MatchToken) => boolean;
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
    // The most selective first: a word or lemma rules out most tokens before their relation is read.
    const test = (key: 'lemma' | 'word' | 'upos' | 'dep'): Test | null => (node[key] === undefined ? null : valueTest(node[key]!, sets, `${at}, "${key}"`, key === 'dep'));
    const lemma = test('lemma');
    const word = test('word');
    const upos = test('upos');
    const dep = test('dep');
    const accepts = (t: MatchToken): boolean =>
      (lemma === null || lemma(t.lemma)) && (word === null || word(t.norm)) && (upos === null || upos(t.upos)) && (dep === null || dep(t.dep));
    const compiled: CompiledNode = {
      name: node.name,
      ref: k === 0 ? -1 : refOf(ties[0]!),
      tie: k === 0 ? 'anchor' : ties[0]!,
      accepts,
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
  // Specialised for the common shapes: every token of a document meets the anchor's tests.
  let has: Test;
  if (relation) {
    // A relation matches its subtypes ("nsubj" finds "nsubj:pass").
    has = (x) => {
      if (plain.has(x) || (named.length > 0 && named.some((s) => s.has(x)))) return true;
      const colon = x.indexOf(':');
      return colon > 0 && plain.has(x.slice(0, colon));
    };
  } else if (named.length === 0) has = (x) => plain.has(x);
  else if (named.length === 1 && plain.size === 0) {
    const only = named[0]!;
    has = (x) => only.has(x);
  } else has = (x) => plain.has(x) || named.some((s) => s.has(x));
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
    if (!node.accepts(tokens[i]!)) return false;
    if (node.before >= 0 && !(bound[node.before]! >= 0 && i < bound[node.before]!)) return false;
    if (node.after >= 0 && !(bound[node.after]! >= 0 && i > bound[node.after]!)) return false;
    // A token plays one part in a match.
    for (let k = 0; k < bound.length; k++) if (bound[k] === i) return false;
    return true;
  };
  const find = (node: CompiledNode, bound: Int32Array): number => {
    const r = bound[node.ref]!;
    if (r < 0) return -1;
    if (node.tie === 'governs') {
      const h = tokens[r]!.head;
      return h !== null && fits(node, h, bound) ? h : -1;
    }
    const parent = node.tie === 'head' ? r : tokens[r]!.head;
    if (parent === null) return -1;
    for (const c of tree.childView(parent)) if (c !== r && fits(node, c, bound)) return c;
    return -1;
  };
  // One buffer for every anchor tried; a match takes a copy.
  const bound = new Int32Array(nodes.length);
  const anchor = nodes[0]!;
  for (let a = from; a < to; a++) {
    // Most tokens fail the anchor's own conditions: tested before anything else is set up.
    if (!anchor.accepts(tokens[a]!)) continue;
    bound.fill(-1);
    bound[0] = a;
    let ok = true;
    for (let k = 1; k < nodes.length && ok; k++) {
      const node = nodes[k]!;
      const found = find(node, bound);
      if (node.absent) ok = found < 0;
      else if (found >= 0) bound[k] = found;
      else ok = node.optional;
    }
    if (ok) out.push(bound.slice());
  }
  return out;
}
