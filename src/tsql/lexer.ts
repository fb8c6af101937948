import { RESERVED } from './parser-core';

/**
 * Token kinds. `word` covers keywords and plain identifiers (the parser decides which by
 * context); `quoted` is a `[bracketed]` or `"double-quoted"` identifier; trivia are
 * `whitespace`, `newline` and `comment`. `error` marks text the lexer could not close (an
 * unterminated string or comment runs to the end of the input) or a stray character.
 */
export type TokenKind =
  | 'word' | 'quoted' | 'variable' | 'sysvar' | 'temp' | 'string' | 'number' | 'money' | 'binary'
  | 'op' | 'comment' | 'whitespace' | 'newline' | 'sqlcmdvar' | 'sqlcmd' | 'error';

/**
 * One token. `text` is exactly the source slice [start, end); `upper` is the upper-cased text
 * of `word` tokens (empty for other kinds) so keyword tests need no allocation.
 */
export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly upper: string;
}

/**
 * The value of a `string` token: `'it''s'`, `N'…'`, or, where SET QUOTED_IDENTIFIER OFF made a
 * double-quoted token a string (parseScript), `"say ""hi"" it's"`.
 */
export function stringTokenValue(text: string): { readonly value: string; readonly national: boolean } {
  if (text.startsWith('"')) return { value: text.slice(1, -1).replace(/""/g, '"'), national: false };
  const national = text[0] !== "'";
  return { value: text.slice(national ? 2 : 1, -1).replace(/''/g, "'"), national };
}

/** True for tokens the grammar ignores. */
export function isTrivia(t: Token): boolean {
  return t.kind === 'whitespace' || t.kind === 'newline' || t.kind === 'comment';
}

const enum C {
  Tab = 9, Lf = 10, Vt = 11, Ff = 12, Cr = 13, Space = 32, Bang = 33, Dquote = 34, Hash = 35, Dollar = 36,
  Percent = 37, Amp = 38, Quote = 39, Lparen = 40, Rparen = 41, Star = 42, Plus = 43, Minus = 45, Dot = 46,
  Slash = 47, D0 = 48, D9 = 57, Colon = 58, Lt = 60, Eq = 61, Gt = 62, At = 64, UA = 65, UE = 69, UN = 78,
  UX = 88, UZ = 90, Lbracket = 91, Rbracket = 93, Caret = 94, Underscore = 95, LA = 97, LE = 101, LN = 110,
  LX = 120, LZ = 122, Pipe = 124,
}

function isDigit(c: number): boolean {
  return c >= C.D0 && c <= C.D9;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= C.UA && c <= 70) || (c >= C.LA && c <= 102);
}

function isWordStart(c: number): boolean {
  // U+FFFD: a letter of a Windows-1252 file read as UTF-8 (`Gr��e`); still part of the name.
  return (c >= C.LA && c <= C.LZ) || (c >= C.UA && c <= C.UZ) || c === C.Underscore || (c > 127 && (c === 0xfffd || isUnicodeLetter(c)));
}

function isWordPart(c: number): boolean {
  return isWordStart(c) || isDigit(c) || c === C.At || c === C.Hash || c === C.Dollar;
}

const LETTER = /\p{L}|\p{Mn}|\p{Mc}|\p{Nd}/u;

function isUnicodeLetter(c: number): boolean {
  // Surrogate halves count as letters so astral-plane identifiers stay in one token.
  if (c >= 0xd800 && c <= 0xdfff) return true;
  // U+FFFD stands for a byte the decoder could not read (e.g. Windows-1252 text read as UTF-8):
  // keep it inside the identifier rather than failing the statement.
  if (c === 0xfffd) return true;
  if (isSpace(c) || CURRENCY.has(c)) return false;
  return LETTER.test(String.fromCharCode(c));
}

/**
 * Blanks between tokens: ASCII space, tab, vertical tab, form feed, and every Unicode space
 * separator (NBSP U+00A0, U+1680, U+2000–U+200A, U+202F, U+205F, U+3000), the other Unicode
 * White_Space characters that are not line breaks here (U+0085, U+2028, U+2029), the zero-width
 * space U+200B and the byte-order mark U+FEFF (a BOM in the middle of a file, from concatenated
 * scripts). Text pasted from web pages and documents is full of them; SQL Server skips them.
 */
function isSpace(c: number): boolean {
  if (c < 128) return c === C.Space || c === C.Tab || c === C.Vt || c === C.Ff;
  return c === 0xa0 || c === 0x85 || c === 0x1680 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029
    || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * The currency symbols SQL Server accepts in front of a money constant (`$12.5`, `€1`, `£20`,
 * `¥1000`), from the table in the documentation of money and smallmoney.
 */
const CURRENCY = new Set([
  0x24, 0xa2, 0xa3, 0xa4, 0xa5, 0x9f2, 0x9f3, 0xe3f, 0x17db,
  0x20a0, 0x20a1, 0x20a2, 0x20a3, 0x20a4, 0x20a5, 0x20a6, 0x20a7, 0x20a8, 0x20a9, 0x20aa, 0x20ab, 0x20ac, 0x20ad,
  0x20ae, 0x20af, 0x20b0, 0x20b1, 0xfdfc, 0xfe69, 0xff04, 0xffe0, 0xffe1, 0xffe5, 0xffe6,
]);

const SQLCMD_SUFFIX = /^\([A-Za-z_][A-Za-z0-9_]*\)/;

const TWO_CHAR_CODES = new Set(['<>', '!=', '!<', '!>', '>=', '<=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '::', '=*', '<<', '>>']
  .map((op) => op.charCodeAt(0) * 65536 + op.charCodeAt(1)));
const IS_OP = new Uint8Array(128);
for (const ch of '+-*/%&|^~=<>(),.;:{}!') IS_OP[ch.charCodeAt(0)] = 1;

/**
 * Splits T-SQL text into tokens, losslessly: joining every token's `text` gives back the input.
 * Never throws; unterminated strings, identifiers and comments become `error` tokens.
 */
export function tokenize(text: string): Token[] {
  return scan(text, true);
}

/**
 * The tokens the parser needs: everything but whitespace and comments (newlines are kept for
 * GO detection). Same tokens as `tokenize` minus trivia, without allocating the trivia.
 */
export function tokenizeForParse(text: string): Token[] {
  return scan(text, false);
}

function scan(text: string, keepTrivia: boolean): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  let lineStart = true;
  const push = (kind: TokenKind, end: number): void => {
    if (!keepTrivia && (kind === 'whitespace' || kind === 'comment')) {
      i = end;
      return;
    }
    const t = text.slice(i, end);
    out.push({ kind, text: t, start: i, end, upper: kind === 'word' ? t.toUpperCase() : '' });
    i = end;
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === C.Lf) { push('newline', i + 1); lineStart = true; continue; }
    if (c === C.Cr) { push('newline', text.charCodeAt(i + 1) === C.Lf ? i + 2 : i + 1); lineStart = true; continue; }
    if (isSpace(c)) {
      let j = i + 1;
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      push('whitespace', j);
      continue;
    }
    const atLineStart = lineStart;
    lineStart = false;
    if (c === C.Minus && text.charCodeAt(i + 1) === C.Minus) {
      let j = i + 2;
      while (j < n) { const d = text.charCodeAt(j); if (d === C.Lf || d === C.Cr) break; j++; }
      push('comment', j);
      continue;
    }
    if (c === C.Slash && text.charCodeAt(i + 1) === C.Star) {
      const end = scanBlockComment(text, i);
      push(end < 0 ? 'error' : 'comment', end < 0 ? n : end);
      continue;
    }
    if (isWordStart(c)) {
      // N'…' is a Unicode string, not the word N.
      if ((c === C.UN || c === C.LN) && text.charCodeAt(i + 1) === C.Quote) {
        const end = scanQuoted(text, i + 2, C.Quote);
        push(end < 0 ? 'error' : 'string', end < 0 ? n : end);
        continue;
      }
      // The common case inline and tight (letters, digits, `_`, `#`, `$`); `@` and `$(` go to scanWord.
      let j = i + 1;
      let d = text.charCodeAt(j);
      while (j < n && (isWordStart(d) || isDigit(d) || d === C.Hash || d === C.Dollar)) d = text.charCodeAt(++j);
      if (d === C.At || (d === C.Lparen && text.charCodeAt(j - 1) === C.Dollar)) j = scanWord(text, i);
      push('word', j);
      continue;
    }
    if (isDigit(c) || (c === C.Dot && isDigit(text.charCodeAt(i + 1)))) {
      if (c === C.D0 && (text.charCodeAt(i + 1) === C.UX || text.charCodeAt(i + 1) === C.LX)) {
        let j = i + 2;
        while (j < n && isHexDigit(text.charCodeAt(j))) j++;
        push('binary', j);
        continue;
      }
      push('number', scanNumber(text, i));
      continue;
    }
    switch (c) {
      case C.Quote: {
        const end = scanQuoted(text, i + 1, C.Quote);
        push(end < 0 ? 'error' : 'string', end < 0 ? n : end);
        continue;
      }
      case C.Lbracket: {
        const end = scanQuoted(text, i + 1, C.Rbracket);
        push(end < 0 ? 'error' : 'quoted', end < 0 ? n : end);
        continue;
      }
      case C.Dquote: {
        const end = scanQuoted(text, i + 1, C.Dquote);
        push(end < 0 ? 'error' : 'quoted', end < 0 ? n : end);
        continue;
      }
      case C.At: {
        const sys = text.charCodeAt(i + 1) === C.At;
        let j = sys ? i + 2 : i + 1;
        while (j < n && isWordPart(text.charCodeAt(j))) j++;
        if (j === (sys ? i + 2 : i + 1)) { push('error', sys ? i + 2 : i + 1); continue; }
        push(sys ? 'sysvar' : 'variable', j);
        continue;
      }
      case C.Hash: {
        let j = i + 1;
        while (j < n && isWordPart(text.charCodeAt(j))) j++;
        push(j === i + 1 ? 'error' : 'temp', j);
        continue;
      }
      case C.Dollar: {
        const d = text.charCodeAt(i + 1);
        if (d === C.Lparen) {
          const close = text.indexOf(')', i + 2);
          const nl = text.slice(i + 2, close < 0 ? n : close).search(/[\r\n]/);
          if (close > 0 && nl < 0) { push('sqlcmdvar', close + 1); continue; }
          push('error', i + 1);
          continue;
        }
        if (isDigit(d) || d === C.Dot) { push('money', scanNumber(text, i + 1)); continue; }
        if (isWordStart(d)) {
          // `$action`, `$identity`, `$rowguid`, `$partition`: pseudo-columns read as words.
          let j = i + 2;
          while (j < n && isWordPart(text.charCodeAt(j))) j++;
          push('word', j);
          continue;
        }
        push('error', i + 1);
        continue;
      }
      case C.Colon:
      case C.Bang:
        if (atLineStart && (c === C.Colon ? isWordStart(text.charCodeAt(i + 1)) : text.charCodeAt(i + 1) === C.Bang)) {
          // SQLCMD command line (`:setvar x y`, `:r file`, `:on error exit`, `!!mkdir d`): up to the end of line.
          let j = i + 1;
          while (j < n) { const d = text.charCodeAt(j); if (d === C.Lf || d === C.Cr) break; j++; }
          push('sqlcmd', j);
          continue;
        }
        break;
      default:
        break;
    }
    if (c < 128 && IS_OP[c] === 1) {
      push('op', TWO_CHAR_CODES.has(c * 65536 + text.charCodeAt(i + 1)) ? i + 2 : i + 1);
      continue;
    }
    if (CURRENCY.has(c) && (isDigit(text.charCodeAt(i + 1)) || (text.charCodeAt(i + 1) === C.Dot && isDigit(text.charCodeAt(i + 2))))) {
      push('money', scanNumber(text, i + 1));
      continue;
    }
    // Keep surrogate pairs together so the error token is a whole character.
    push('error', c >= 0xd800 && c <= 0xdbff && i + 1 < n ? i + 2 : i + 1);
  }
  return out;
}

/**
 * End of the word starting at `from`. Names may contain `@`, `#` and `$`, with two exceptions:
 * a reserved keyword ends at the `@` of a variable glued to it (`SELECT@v`, `DECLARE@n int`,
 * `PRINT@@ROWCOUNT`, as SQL Server reads them), and an SQLCMD variable glued to the end of a
 * name stays in the name (`T$(Suffix)`).
 */
function scanWord(text: string, from: number): number {
  const n = text.length;
  let j = from + 1;
  for (;;) {
    // The common case, kept tight: letters, digits, `_`, `#`, `$`.
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d === C.At || !isWordPart(d)) break;
      j++;
    }
    if (j >= n) return j;
    const d = text.charCodeAt(j);
    if (d === C.At) {
      if (RESERVED.has(text.slice(from, j).toUpperCase())) return j;
      while (j < n && isWordPart(text.charCodeAt(j))) j++;
      return j;
    }
    if (d === C.Lparen && text.charCodeAt(j - 1) === C.Dollar) {
      const m = SQLCMD_SUFFIX.exec(text.slice(j, j + 130));
      if (m !== null) {
        j += m[0].length;
        continue;
      }
    }
    return j;
  }
}

/** End offset (exclusive) of a quoted run starting after its opening char, or -1 if unterminated.
 * The closing char doubled is an escape (`''`, `]]`, `""`). */
function scanQuoted(text: string, from: number, close: number): number {
  let j = from;
  const n = text.length;
  const ch = String.fromCharCode(close);
  while (j < n) {
    const k = text.indexOf(ch, j);
    if (k < 0) return -1;
    if (text.charCodeAt(k + 1) === close) { j = k + 2; continue; }
    return k + 1;
  }
  return -1;
}

/** End of a nested block comment starting at `from` (`/*`), or -1 if it never closes. */
function scanBlockComment(text: string, from: number): number {
  let depth = 0;
  let j = from;
  const n = text.length;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === C.Slash && text.charCodeAt(j + 1) === C.Star) { depth++; j += 2; continue; }
    if (c === C.Star && text.charCodeAt(j + 1) === C.Slash) {
      depth--;
      j += 2;
      if (depth === 0) return j;
      continue;
    }
    j++;
  }
  return -1;
}

/** End of a number: digits, optional fraction, optional exponent (only when digits follow). */
function scanNumber(text: string, from: number): number {
  let j = from;
  const n = text.length;
  while (j < n && isDigit(text.charCodeAt(j))) j++;
  if (text.charCodeAt(j) === C.Dot) {
    j++;
    while (j < n && isDigit(text.charCodeAt(j))) j++;
  }
  const e = text.charCodeAt(j);
  if (e === C.UE || e === C.LE) {
    let k = j + 1;
    const s = text.charCodeAt(k);
    if (s === C.Plus || s === C.Minus) k++;
    if (isDigit(text.charCodeAt(k))) {
      while (k < n && isDigit(text.charCodeAt(k))) k++;
      j = k;
    }
  }
  return j;
}
