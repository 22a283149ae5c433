/**
 * Reading the parse: the dependency trees of a document's tokens (each token's `head` and `dep`), indexed
 * once so that later stages ask for a token's children, its subtree's span, the path between two tokens or
 * a predicate's subject and complement instead of scanning tags. Building is linear in the tokens and no
 * walk recurses: a tree as deep as its sentence is long costs the same as a flat one. Heads that do not make
 * a forest (out of range, or a cycle) are refused with a RangeError naming the token.
 */
import type { Span } from '../model/types.js';

/** What the index reads of a token. */
export interface ParsedToken extends Span {
  head: number | null;
  dep: string;
}

const SUBJECTS = new Set(['nsubj', 'nsubj:pass', 'csubj', 'csubj:pass', 'expl']);
const COMPLEMENTS = new Set(['ccomp', 'xcomp']);

export class ParseTree {
  private readonly tokens: readonly ParsedToken[];
  /** Children of token i: childList[childStart[i] … childStart[i + 1]), in text order. */
  private readonly childStart: Int32Array;
  private readonly childList: Int32Array;
  /** Token index range [first, last] of each token's subtree. */
  private readonly first: Int32Array;
  private readonly last: Int32Array;
  private readonly depth: Int32Array;

  constructor(tokens: readonly ParsedToken[]) {
    this.tokens = tokens;
    const n = tokens.length;
    tokens.forEach((t, i) => {
      if (t.head !== null && !(Number.isInteger(t.head) && t.head >= 0 && t.head < n && t.head !== i)) {
        throw new RangeError(`ParseTree: token ${i} has head ${JSON.stringify(t.head)}; a head is null or another token's index below ${n}`);
      }
    });
    const count = new Int32Array(n + 1);
    for (const t of tokens) if (t.head !== null) count[t.head + 1]!++;
    for (let i = 0; i < n; i++) count[i + 1]! += count[i]!;
    this.childStart = count;
    this.childList = new Int32Array(count[n]!);
    const fill = count.slice(0, n);
    tokens.forEach((t, i) => {
      if (t.head !== null) this.childList[fill[t.head]!++] = i;
    });
    // Depths by walking up until a known depth, then down the walked path: each token is walked once.
    // A token on the walk now is marked -2, so a walk that meets its own mark has found a cycle.
    this.depth = new Int32Array(n).fill(-1);
    const path: number[] = [];
    for (let i = 0; i < n; i++) {
      let k = i;
      let d = -1;
      for (;;) {
        if (this.depth[k] === -2) throw new RangeError(`ParseTree: token ${k} is its own ancestor (a cycle of heads)`);
        if (this.depth[k]! >= 0) {
          d = this.depth[k]!;
          break;
        }
        this.depth[k] = -2;
        path.push(k);
        const h = tokens[k]!.head;
        if (h === null) break;
        k = h;
      }
      while (path.length > 0) this.depth[path.pop()!] = ++d;
    }
    // Subtree bounds: each token's range folded into its head's, deepest first (a counting sort by depth).
    this.first = Int32Array.from({ length: n }, (_, i) => i);
    this.last = Int32Array.from({ length: n }, (_, i) => i);
    let maxDepth = 0;
    for (let i = 0; i < n; i++) maxDepth = Math.max(maxDepth, this.depth[i]!);
    const byDepth = new Int32Array(maxDepth + 2);
    for (let i = 0; i < n; i++) byDepth[this.depth[i]! + 1]!++;
    for (let d = 0; d <= maxDepth; d++) byDepth[d + 1]! += byDepth[d]!;
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[byDepth[this.depth[i]!]!++] = i;
    for (let k = n - 1; k >= 0; k--) {
      const i = order[k]!;
      const h = tokens[i]!.head;
      if (h === null) continue;
      if (this.first[i]! < this.first[h]!) this.first[h] = this.first[i]!;
      if (this.last[i]! > this.last[h]!) this.last[h] = this.last[i]!;
    }
  }

  /** The token's dependents, in text order, as a view (no copy: read it before the tree is gone). */
  childView(i: number): Int32Array {
    return this.childList.subarray(this.childStart[i]!, this.childStart[i + 1]!);
  }

  /** The token's dependents, in text order. */
  children(i: number): number[] {
    return Array.from(this.childList.subarray(this.childStart[i]!, this.childStart[i + 1]!));
  }

  /** Dependents of `i` whose relation is one of `relations` (a relation's subtypes included: "obl" finds "obl:tmod"). */
  dependents(i: number, ...relations: string[]): number[] {
    const want = new Set(relations);
    return this.children(i).filter((c) => {
      const dep = this.tokens[c]!.dep;
      return want.has(dep) || want.has(dep.split(':')[0]!);
    });
  }

  /** The token's distance from its sentence's root (0 for the root). */
  depthOf(i: number): number {
    return this.depth[i]!;
  }

  /** First and last token of the subtree headed by `i`. */
  subtreeTokens(i: number): [first: number, last: number] {
    return [this.first[i]!, this.last[i]!];
  }

  /** The character span of the subtree headed by `i`. */
  subtreeSpan(i: number): Span {
    return { start: this.tokens[this.first[i]!]!.start, end: this.tokens[this.last[i]!]!.end };
  }

  /** Whether `a` is `b` or one of its descendants. */
  within(a: number, b: number): boolean {
    return this.first[b]! <= a && a <= this.last[b]! && this.ancestorAt(a, this.depth[b]!) === b;
  }

  /**
   * The tokens from `a` up to the lowest token above both and down to `b` (both ends included), or null
   * when they are in different sentences.
   */
  path(a: number, b: number): number[] | null {
    const up: number[] = [];
    const down: number[] = [];
    let x = a;
    let y = b;
    while (this.depth[x]! > this.depth[y]!) {
      up.push(x);
      x = this.tokens[x]!.head!;
    }
    while (this.depth[y]! > this.depth[x]!) {
      down.push(y);
      y = this.tokens[y]!.head!;
    }
    while (x !== y) {
      up.push(x);
      down.push(y);
      const hx = this.tokens[x]!.head;
      const hy = this.tokens[y]!.head;
      if (hx === null || hy === null) return null;
      x = hx;
      y = hy;
    }
    return [...up, x, ...down.reverse()];
  }

  /** The subject of a predicate (nsubj, nsubj:pass, csubj, expl), or null. */
  subjectOf(predicate: number): number | null {
    return this.children(predicate).find((c) => SUBJECTS.has(this.tokens[c]!.dep)) ?? null;
  }

  /** The clausal complement of a predicate (ccomp, xcomp), or null. */
  complementOf(predicate: number): number | null {
    return this.children(predicate).find((c) => COMPLEMENTS.has(this.tokens[c]!.dep)) ?? null;
  }

  /** The ancestor of `i` at depth `d` (i itself when it is at that depth); -1 when `i` is shallower. */
  private ancestorAt(i: number, d: number): number {
    let x = i;
    while (this.depth[x]! > d) x = this.tokens[x]!.head!;
    return this.depth[x] === d ? x : -1;
  }
}
