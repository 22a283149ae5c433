/**
 * The corpus search syntax (SQLite FTS5's: words, "a phrase", prefix*, AND, OR, NOT, parentheses) turned
 * into a PostgreSQL tsquery, so that one query finds the same documents on both stores. Implicit AND
 * between terms; NOT binds tighter than AND, AND tighter than OR, as in FTS5.
 */

/** A query that is not in the search syntax: the API answers 400 with this message. */
export class SearchSyntaxError extends Error {
  override name = 'SearchSyntaxError';
}

type Token = { kind: 'word'; words: string[]; prefix: boolean } | { kind: 'op'; op: 'AND' | 'OR' | 'NOT' } | { kind: '(' | ')' };

const WORD = /[\p{L}\p{N}_]+/gu;

function tokenize(q: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const ch = q[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '"') {
      const end = q.indexOf('"', i + 1);
      if (end < 0) throw new SearchSyntaxError('unterminated string');
      const words = q.slice(i + 1, end).match(WORD) ?? [];
      if (words.length > 0) out.push({ kind: 'word', words, prefix: q[end + 1] === '*' });
      i = end + (q[end + 1] === '*' ? 2 : 1);
    } else if (ch === '(' || ch === ')') {
      out.push({ kind: ch });
      i++;
    } else {
      let end = i;
      while (end < q.length && !/[\s"()]/.test(q[end]!)) end++;
      const raw = q.slice(i, end);
      i = end;
      if (raw === 'AND' || raw === 'OR' || raw === 'NOT') out.push({ kind: 'op', op: raw });
      else {
        const words = raw.match(WORD) ?? [];
        if (words.length > 0) out.push({ kind: 'word', words, prefix: raw.endsWith('*') });
      }
    }
  }
  return out;
}

const lexeme = (w: string): string => `'${w.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** The tsquery text for `to_tsquery('simple', …)`. */
export function toTsquery(q: string): string {
  const tokens = tokenize(q);
  if (tokens.length === 0) throw new SearchSyntaxError('empty query');
  let at = 0;
  const peek = (): Token | undefined => tokens[at];
  const isOp = (op: string): boolean => {
    const t = peek();
    return t?.kind === 'op' && t.op === op;
  };
  const primary = (): string => {
    const t = tokens[at++];
    if (!t) throw new SearchSyntaxError('a query ends with an operator');
    if (t.kind === '(') {
      const inner = or();
      if (tokens[at++]?.kind !== ')') throw new SearchSyntaxError('unbalanced parentheses');
      // A compound is parenthesized already.
      return inner;
    }
    if (t.kind === 'word') {
      const parts = t.words.map(lexeme);
      if (t.prefix) parts[parts.length - 1] += ':*';
      return parts.length === 1 ? parts[0]! : `(${parts.join(' <-> ')})`;
    }
    throw new SearchSyntaxError(`unexpected ${t.kind === 'op' ? t.op : `"${t.kind}"`}`);
  };
  const not = (): string => {
    let left = primary();
    while (isOp('NOT')) {
      at++;
      left = `(${left} & !${primary()})`;
    }
    return left;
  };
  const and = (): string => {
    const parts = [not()];
    for (;;) {
      if (isOp('AND')) at++;
      else if (!peek() || peek()!.kind === ')' || isOp('OR')) break;
      parts.push(not());
    }
    return parts.length === 1 ? parts[0]! : `(${parts.join(' & ')})`;
  };
  function or(): string {
    const parts = [and()];
    while (isOp('OR')) {
      at++;
      parts.push(and());
    }
    return parts.length === 1 ? parts[0]! : `(${parts.join(' | ')})`;
  }
  const out = or();
  if (at < tokens.length) throw new SearchSyntaxError('unbalanced parentheses');
  return out;
}
