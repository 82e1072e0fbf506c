import { describe, expect, it } from 'vitest';
import { tokenizeLabelSelector } from '../../../lib/api/selectors/label-lexer.ts';

describe('tokenizeLabelSelector', () => {
  const cases: [string, string[]][] = [
    ['', ['end:']],
    ['  \t\r\n ', ['end:']],
    ['a', ['identifier:a', 'end:']],
    ['a=b', ['identifier:a', '=:=', 'identifier:b', 'end:']],
    ['a==b', ['identifier:a', '==:==', 'identifier:b', 'end:']],
    ['a!=b', ['identifier:a', '!=:!=', 'identifier:b', 'end:']],
    // Longest known operator first, then the rest starts a new token.
    ['a!==b', ['identifier:a', '!=:!=', '=:=', 'identifier:b', 'end:']],
    ['a=!b', ['identifier:a', '=:=', '!:!', 'identifier:b', 'end:']],
    ['a===b', ['identifier:a', '==:==', '=:=', 'identifier:b', 'end:']],
    ['x in(a,b)', ['identifier:x', 'in:in', '(:(', 'identifier:a', ',:,', 'identifier:b', '):)', 'end:']],
    ['x notin ((', ['identifier:x', 'notin:notin', '(:(', '(:(', 'end:']],
    ['!x', ['!:!', 'identifier:x', 'end:']],
    ['a>1,b<2', ['identifier:a', '>:>', 'identifier:1', ',:,', 'identifier:b', '<:<', 'identifier:2', 'end:']],
    // Keywords only when standing alone; characters illegal in labels stay in identifiers.
    ['inx $a/b.c', ['identifier:inx', 'identifier:$a/b.c', 'end:']],
  ];
  it.each(cases)('%j', (input, expected) => {
    expect(tokenizeLabelSelector(input).map((t) => `${t.kind}:${t.text}`)).toEqual(expected);
  });
});
