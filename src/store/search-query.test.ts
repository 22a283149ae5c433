import { describe, expect, it } from 'vitest';
import { SearchSyntaxError, toTsquery } from './search-query.js';

describe('toTsquery: the FTS5 search syntax as a PostgreSQL tsquery', () => {
  it.each([
    ['Kashmir', "'Kashmir'"],
    ['Hamas Courier', "('Hamas' & 'Courier')"],
    ['Hamas AND Courier', "('Hamas' & 'Courier')"],
    ['Hamas OR Courier', "('Hamas' | 'Courier')"],
    ['Hamas NOT Courier', "('Hamas' & !'Courier')"],
    ['a OR b c', "('a' | ('b' & 'c'))"],
    ['(a OR b) c', "(('a' | 'b') & 'c')"],
    ['"structural repairs"', "('structural' <-> 'repairs')"],
    ['intel*', "'intel':*"],
    ["O'Brien's", "('O' <-> 'Brien' <-> 's')"],
    ['back\\slash', "('back' <-> 'slash')"],
  ])('%s → %s', (q, expected) => {
    expect(toTsquery(q)).toBe(expected);
  });

  it.each([
    ['"unclosed', 'unterminated string'],
    ['a AND', 'a query ends with an operator'],
    ['(a b', 'unbalanced parentheses'],
    ['a b)', 'unbalanced parentheses'],
    ['OR a', 'unexpected OR'],
    ['   ', 'empty query'],
  ])('refuses %s: %s', (q, message) => {
    expect(() => toTsquery(q)).toThrow(SearchSyntaxError);
    expect(() => toTsquery(q)).toThrow(message);
  });
});
