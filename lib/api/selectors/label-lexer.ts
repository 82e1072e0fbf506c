// Tokenizer for the ?labelSelector= string syntax. It reproduces apimachinery's lexer so
// that odd inputs ("a in(b)", "!=x", "x==in") split into the same tokens kube-apiserver
// sees; the parser's error messages quote these tokens, so the split is user-visible.

export type TokenKind =
  | 'end'
  | 'identifier'
  | 'in'
  | 'notin'
  | '('
  | ')'
  | ','
  | '!'
  | '='
  | '=='
  | '!='
  | '>'
  | '<';

export interface Token {
  kind: TokenKind;
  /** The source text of the token; '' for 'end'. Error messages quote it. */
  text: string;
}

const symbolTokens: ReadonlyMap<string, TokenKind> = new Map<string, TokenKind>([
  ['(', '('],
  [')', ')'],
  [',', ','],
  ['!', '!'],
  ['=', '='],
  ['==', '=='],
  ['!=', '!='],
  ['>', '>'],
  ['<', '<'],
]);

function isWhitespace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
}

function isSymbol(ch: string): boolean {
  return ch === '=' || ch === '!' || ch === '(' || ch === ')' || ch === ',' || ch === '>' || ch === '<';
}

/**
 * Splits a selector into tokens, always ending with one 'end' token. Identifiers run until
 * whitespace or an operator character, so anything else (including characters that are
 * not legal in a label) lands in an identifier and is rejected later by key/value
 * validation with a clearer message than a lexer error could give.
 */
export function tokenizeLabelSelector(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (true) {
    while (pos < text.length && isWhitespace(text.charAt(pos))) pos++;
    if (pos >= text.length) {
      tokens.push({ kind: 'end', text: '' });
      return tokens;
    }
    const start = pos;
    if (isSymbol(text.charAt(pos))) {
      // Longest run of operator characters that still forms a known operator: "!=" is one
      // token, "=!" is "=" followed by "!", "((" is two parens.
      let kind: TokenKind | undefined;
      let end = pos;
      while (end < text.length && isSymbol(text.charAt(end))) {
        const candidate = symbolTokens.get(text.slice(start, end + 1));
        if (candidate === undefined) break;
        kind = candidate;
        end++;
      }
      // Every single operator character is itself a token, so kind is always set here.
      tokens.push({ kind: kind ?? '=', text: text.slice(start, end) });
      pos = end;
      continue;
    }
    while (pos < text.length && !isSymbol(text.charAt(pos)) && !isWhitespace(text.charAt(pos))) pos++;
    const word = text.slice(start, pos);
    tokens.push({ kind: word === 'in' || word === 'notin' ? word : 'identifier', text: word });
  }
}
