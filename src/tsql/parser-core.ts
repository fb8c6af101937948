import type { Diagnostic, LineIndex, SourcePosition, SourceSpan } from '../core';
import { createDiagnostic } from '../core';
import type { Identifier, ObjectName } from './ast';
import type { Token } from './lexer';

/** Internal: thrown to abandon the current statement; turned into an Unparsed node. */
export class ParseError extends Error {
  constructor(readonly code: string, message: string, readonly position: number) {
    super(message);
  }
}

/** Deepest nesting (expressions, subqueries, blocks) before the parser gives up on a statement. */
const MAX_DEPTH = 400;

/**
 * Words that can never be an implicit alias (`SELECT a b`, `FROM t x`): SQL Server's reserved
 * keywords plus a few unreserved words that start clauses or statements in legacy code.
 */
export const RESERVED = new Set((
  'ADD ALL ALTER AND ANY AS ASC AUTHORIZATION BACKUP BEGIN BETWEEN BREAK BROWSE BULK BY CASCADE CASE CHECK ' +
  'CHECKPOINT CLOSE CLUSTERED COALESCE COLLATE COLUMN COMMIT COMPUTE CONSTRAINT CONTAINS CONTAINSTABLE CONTINUE ' +
  'CONVERT CREATE CROSS CURRENT CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER CURSOR DATABASE DBCC ' +
  'DEALLOCATE DECLARE DEFAULT DELETE DENY DESC DISK DISTINCT DISTRIBUTED DOUBLE DROP DUMP ELSE END ERRLVL ESCAPE ' +
  'EXCEPT EXEC EXECUTE EXISTS EXIT EXTERNAL FETCH FILE FILLFACTOR FOR FOREIGN FREETEXT FREETEXTTABLE FROM FULL ' +
  'FUNCTION GOTO GRANT GROUP HAVING HOLDLOCK IDENTITY IDENTITY_INSERT IDENTITYCOL IF IN INDEX INNER INSERT ' +
  'INTERSECT INTO IS JOIN KEY KILL LEFT LIKE LINENO LOAD MERGE NATIONAL NOCHECK NONCLUSTERED NOT NULL NULLIF OF ' +
  'OFF OFFSETS ON OPEN OPENDATASOURCE OPENQUERY OPENROWSET OPENXML OPTION OR ORDER OUTER OVER PERCENT PIVOT PLAN ' +
  'PRECISION PRIMARY PRINT PROC PROCEDURE PUBLIC RAISERROR READ READTEXT RECONFIGURE REFERENCES REPLICATION ' +
  'RESTORE RESTRICT RETURN REVERT REVOKE RIGHT ROLLBACK ROWCOUNT ROWGUIDCOL RULE SAVE SCHEMA SECURITYAUDIT ' +
  'SELECT SESSION_USER SET SETUSER SHUTDOWN SOME STATISTICS SYSTEM_USER TABLE TABLESAMPLE TEXTSIZE THEN TO TOP ' +
  'TRAN TRANSACTION TRIGGER TRUNCATE TRY_CONVERT TSEQUAL UNION UNIQUE UNPIVOT UPDATE UPDATETEXT USE USER VALUES ' +
  'VARYING VIEW WAITFOR WHEN WHERE WHILE WITH WRITETEXT ' +
  'OUTPUT OFFSET THROW WINDOW USING'
).split(' '));

/**
 * Words in RESERVED only so that they never become implicit aliases (they start clauses and
 * statements); SQL Server does not reserve them, so they remain valid column names (`offset`,
 * `output`).
 */
export const CLAUSE_WORDS = new Set(['OUTPUT', 'OFFSET', 'THROW', 'WINDOW', 'USING']);

const EOF_TEXT = '';

/**
 * Cursor over the significant tokens of one batch, with the helpers every grammar file uses.
 * All grammar functions take the parser as their first argument and advance `pos`.
 */
export class Parser {
  pos = 0;
  depth = 0;
  /** True while reading the body of an inline table-valued function (`RETURN SELECT …`). */
  inlineFunction = false;
  private readonly eof: Token;

  constructor(
    readonly tokens: readonly Token[],
    readonly text: string,
    readonly lineIndex: LineIndex,
    readonly file: string,
    readonly diagnostics: Diagnostic[],
    endOffset: number,
  ) {
    this.eof = { kind: 'op', text: EOF_TEXT, start: endOffset, end: endOffset, upper: '' };
  }

  /** The token `k` places ahead (an empty end-of-input token past the end). */
  peek(k = 0): Token {
    return this.tokens[this.pos + k] ?? this.eof;
  }

  get atEnd(): boolean {
    return this.pos >= this.tokens.length;
  }

  next(): Token {
    const t = this.peek();
    if (this.pos < this.tokens.length) this.pos++;
    return t;
  }

  isWord(upper: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'word' && t.upper === upper;
  }

  isAnyWord(uppers: ReadonlySet<string>, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'word' && uppers.has(t.upper);
  }

  isOp(op: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'op' && t.text === op;
  }

  eatWord(upper: string): boolean {
    if (this.isWord(upper)) { this.pos++; return true; }
    return false;
  }

  eatOp(op: string): boolean {
    if (this.isOp(op)) { this.pos++; return true; }
    return false;
  }

  expectWord(upper: string): Token {
    if (!this.isWord(upper)) this.fail(upper);
    return this.next();
  }

  expectOp(op: string): Token {
    if (!this.isOp(op)) this.fail(`'${op}'`);
    return this.next();
  }

  /** Throws `expected X, found Y` at the current token. */
  fail(expected: string, code = 'TSQL_UNEXPECTED'): never {
    throw new ParseError(code, `expected ${expected}, found ${describeToken(this.peek())}`, this.pos);
  }

  /** Span from the start of token index `from` to the end of the last consumed token. */
  spanFrom(from: number): SourceSpan {
    const last = Math.max(from, this.pos - 1);
    if (from >= this.tokens.length) return this.lineIndex.spanOf(this.eof.start, this.eof.start);
    return { start: this.startOf(from), end: this.endOf(Math.min(last, this.tokens.length - 1)) };
  }

  /** Span of one token (usually one just read, so its index is found near `pos`). */
  spanOfToken(t: Token): SourceSpan {
    for (let k = -1; k <= 1; k++) {
      const i = this.pos + k;
      if (this.tokens[i] === t) return { start: this.startOf(i), end: this.endOf(i) };
    }
    if (this.tokens[this.pos - 2] === t) return { start: this.startOf(this.pos - 2), end: this.endOf(this.pos - 2) };
    return this.lineIndex.spanOf(t.start, t.end);
  }

  // Positions are cached per token so the many nodes that start or end on the same token share
  // one object (fewer binary searches, much less garbage).
  private readonly starts: SourcePosition[] = [];
  private readonly ends: SourcePosition[] = [];

  private startOf(i: number): SourcePosition {
    let p = this.starts[i];
    if (p === undefined) {
      p = this.lineIndex.positionAt((this.tokens[i] as Token).start);
      this.starts[i] = p;
    }
    return p;
  }

  private endOf(i: number): SourcePosition {
    let p = this.ends[i];
    if (p === undefined) {
      const t = this.tokens[i] as Token;
      const s = this.startOf(i);
      // Most tokens sit on one line: derive the end from the start without a search.
      const multiline = (t.kind === 'string' || t.kind === 'quoted' || t.kind === 'error') && /[\r\n]/.test(t.text);
      p = multiline ? this.lineIndex.positionAt(t.end) : { offset: t.end, line: s.line, column: s.column + (t.end - t.start) };
      this.ends[i] = p;
    }
    return p;
  }

  /** Source text from token index `from` up to (not including) token index `to`. */
  textBetween(from: number, to: number): string {
    const a = this.tokens[from];
    const b = this.tokens[to - 1];
    if (a === undefined || b === undefined || to <= from) return '';
    return this.text.slice(a.start, b.end);
  }

  /** Runs `fn` one nesting level deeper; too deep becomes a ParseError, never a stack overflow. */
  nested<T>(fn: () => T): T {
    if (++this.depth > MAX_DEPTH) {
      this.depth--;
      throw new ParseError('TSQL_TOO_DEEP', `expected at most ${MAX_DEPTH} levels of nesting, found more`, this.pos);
    }
    try {
      return fn();
    } catch (err) {
      // The JavaScript stack may run out before MAX_DEPTH on very deep expressions: same diagnosis.
      if (err instanceof RangeError) throw new ParseError('TSQL_TOO_DEEP', 'expected less deeply nested code, found nesting deeper than the parser can follow', this.pos);
      throw err;
    } finally {
      this.depth--;
    }
  }

  /**
   * Runs `fn` speculatively: its result, or undefined (with `pos` and diagnostics restored) when
   * it throws a ParseError. For the few places where T-SQL needs more than one token of
   * lookahead, such as `((SELECT 1) = 2)`, where the first `(` may open a query or an expression.
   */
  attempt<T>(fn: () => T): T | undefined {
    const saved = this.pos;
    const reported = this.diagnostics.length;
    try {
      return fn();
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      this.pos = saved;
      this.diagnostics.length = reported;
      return undefined;
    }
  }

  warn(t: Token, code: string, message: string): void {
    this.diagnostics.push(createDiagnostic(this.file, this.spanOfToken(t), 'warning', code, message));
  }

  /** True when the current token can be a name part (word, [quoted], "quoted", #temp, $(var)). */
  isNameToken(k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'word' || t.kind === 'quoted' || t.kind === 'temp' || t.kind === 'sqlcmdvar';
  }

  /** A word that is not reserved, or a quoted identifier: usable as an implicit alias. */
  isAliasToken(k = 0): boolean {
    const t = this.peek(k);
    if (t.kind === 'quoted') return true;
    if (t.kind !== 'word') return false;
    if (RESERVED.has(t.upper)) return false;
    // `COPY INTO …` / `RENAME OBJECT …` on the next line start statements (Synapse, Fabric).
    if ((t.upper === 'COPY' && this.isWord('INTO', k + 1)) || (t.upper === 'RENAME' && this.isWord('OBJECT', k + 1))) return false;
    // `label:` on the next line is a statement, not an alias.
    return !this.isOp(':', k + 1);
  }

  identifier(): Identifier {
    const t = this.peek();
    if (!this.isNameToken()) this.fail('a name');
    this.pos++;
    return identifierFromToken(t, this.spanOfToken(t));
  }

  /**
   * A multi-part name `a.b.c.d`; empty parts (`db..t`) become empty Identifiers. Stops before a
   * `.` that is not followed by a name part (so `t.*` leaves `.*` to the caller).
   */
  objectName(): ObjectName {
    const start = this.pos;
    const parts: Identifier[] = [this.identifier()];
    while (this.isOp('.')) {
      if (this.isNameToken(1)) {
        this.pos++;
        parts.push(this.identifier());
      } else if (this.isOp('.', 1)) {
        const dot = this.next();
        parts.push({ kind: 'Identifier', name: '', quote: 'none', span: this.lineIndex.spanOf(dot.end, dot.end) });
      } else {
        break;
      }
    }
    return { kind: 'ObjectName', parts, span: this.spanFrom(start) };
  }
}

/** Builds an Identifier from a name token, decoding brackets and quotes. */
export function identifierFromToken(t: Token, span: SourceSpan): Identifier {
  if (t.kind === 'quoted') {
    const bracket = t.text.startsWith('[');
    const inner = t.text.slice(1, -1);
    return { kind: 'Identifier', name: bracket ? inner.replace(/\]\]/g, ']') : inner.replace(/""/g, '"'), quote: bracket ? 'bracket' : 'double', span };
  }
  return { kind: 'Identifier', name: t.text, quote: 'none', span };
}

/** How a token reads in a message: `'FROM'`, `end of input`, `string 'x…'`. */
export function describeToken(t: Token): string {
  if (t.text === EOF_TEXT) return 'end of input';
  const shown = t.text.length > 30 ? `${t.text.slice(0, 27)}...` : t.text;
  switch (t.kind) {
    case 'string': return `string ${shown.replace(/\s+/g, ' ')}`;
    case 'error': return `unreadable text ${JSON.stringify(shown)}`;
    default: return `'${shown}'`;
  }
}
