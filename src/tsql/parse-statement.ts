import { createDiagnostic } from '../core';
import type { Cte, Label, OpaqueStatement, Statement, Unparsed } from './ast';
import type { Parser } from './parser-core';
import { ParseError, RESERVED, describeToken } from './parser-core';
import { parseBegin, parseIf, parsePrint, parseRaiserror, parseReturn, parseThrow, parseTransaction, parseWaitfor, parseWhile } from './parse-control-flow';
import { parseCreateFunction, parseCreateProcedure, parseCreateTrigger, parseCreateView } from './parse-container';
import { parseAlterTable, parseCreateExternalTableAsSelect, parseCreateIndex, parseCreateOther, parseCreateTable, parseDrop } from './parse-ddl';
import { parseBulkInsert, parseDelete, parseInsert, parseMerge, parseTruncate, parseUpdate } from './parse-dml';
import { startsQuery } from './parse-expression';
import { parseCursorCommand, parseDeclare, parseExecute, parseFetch, parseSet } from './parse-procedural';
import { parseCtes, parseSelect, parseSelectAfterCtes, skipParenthesized } from './parse-select';
import { looksLikeStatementStart, skipStatementRest } from './statement-start';

const OPAQUE = new Set(['DBCC', 'CHECKPOINT', 'GRANT', 'DENY', 'REVOKE', 'RECONFIGURE', 'KILL', 'SHUTDOWN', 'BACKUP',
  'RESTORE', 'ENABLE', 'DISABLE', 'SETUSER', 'REVERT', 'READTEXT', 'WRITETEXT', 'UPDATETEXT', 'DUMP', 'LOAD',
  'SEND', 'RECEIVE', 'LINENO']);
/** Commands whose text holds no statement keyword: the next statement may follow on the same line. */
const ONE_LINE = new Set(['DBCC', 'KILL', 'CHECKPOINT', 'RECONFIGURE', 'REVERT', 'SETUSER', 'SHUTDOWN', 'LINENO', 'EXECUTE AS', 'EXEC AS']);
/** Service Broker commands `GET CONVERSATION GROUP`, `MOVE CONVERSATION`, `END CONVERSATION`. */
const CONVERSATION_VERBS = new Set(['GET', 'MOVE', 'END']);
const CREATE_OTHER = new Set(['STATISTICS', 'TYPE', 'SCHEMA', 'SEQUENCE', 'SYNONYM']);

/**
 * Statements until `stop()` is true or the batch ends. A statement that fails to parse becomes
 * an Unparsed node (with an error diagnostic) and reading resumes at the next statement start.
 */
export function parseStatementList(p: Parser, stop: () => boolean): Statement[] {
  const out: Statement[] = [];
  while (!p.atEnd) {
    if (p.eatOp(';')) continue;
    if (stop()) break;
    const start = p.pos;
    const reported = p.diagnostics.length;
    try {
      out.push(parseStatement(p));
    } catch (err) {
      // Diagnostics of statements nested in the failed one go with them: one error per Unparsed.
      p.diagnostics.length = reported;
      out.push(recoverStatement(p, start, err));
    }
    if (p.pos === start) p.pos++;
  }
  return out;
}

/** One statement, chosen by its first keyword. Throws ParseError when it cannot be read. */
export function parseStatement(p: Parser): Statement {
  return p.nested(() => dispatch(p));
}

function dispatch(p: Parser): Statement {
  const t = p.peek();
  const start = p.pos;
  if (t.kind !== 'word') {
    if (startsQuery(p)) return parseSelect(p);
    return p.fail('a statement');
  }
  if (p.isOp(':', 1) && !RESERVED.has(t.upper)) {
    p.pos += 2;
    return { kind: 'Label', name: t.text, span: p.spanFrom(start) } satisfies Label;
  }
  switch (t.upper) {
    case 'SELECT': return parseSelect(p);
    case 'WITH': return parseWith(p);
    case 'INSERT':
      if (p.isWord('BULK', 1)) return parseBulkInsert(p);
      return parseInsert(p, start, []);
    case 'COPY':
      if (p.isWord('INTO', 1)) return parseBulkInsert(p);
      return p.fail('a statement');
    case 'ADD':
      // ADD [COUNTER] SIGNATURE TO module BY CERTIFICATE c: signs code, touches no data.
      if (p.isWord('SIGNATURE', 1) || (p.isWord('COUNTER', 1) && p.isWord('SIGNATURE', 2))) return parseOpaque(p);
      return p.fail('a statement');
    case 'EXPLAIN':
      // Synapse/Fabric EXPLAIN [WITH_RECOMMENDATIONS] <statement>: shows a plan, runs nothing.
      if (p.isWord('WITH_RECOMMENDATIONS', 1) || startsQuery(p, 1) || p.isAnyWord(EXPLAINABLE, 1)) return parseExplain(p);
      return p.fail('a statement');
    case 'RENAME':
      // Synapse/Fabric RENAME OBJECT [::] a TO b, RENAME DATABASE a TO b.
      if (p.isWord('OBJECT', 1) || p.isWord('DATABASE', 1)) return parseOpaque(p);
      return p.fail('a statement');
    case 'UPDATE':
      if (p.isWord('STATISTICS', 1)) return parseOpaque(p);
      return parseUpdate(p, start, []);
    case 'DELETE': return parseDelete(p, start, []);
    case 'MERGE': return parseMerge(p, start, []);
    case 'TRUNCATE': return parseTruncate(p);
    case 'BULK': return parseBulkInsert(p);
    case 'IF': return parseIf(p);
    case 'WHILE': return parseWhile(p);
    case 'BEGIN':
      if (p.isWord('DIALOG', 1) || p.isWord('CONVERSATION', 1)) return parseOpaque(p);
      return parseBegin(p);
    case 'BREAK': p.pos++; return { kind: 'Break', span: p.spanFrom(start) };
    case 'CONTINUE': p.pos++; return { kind: 'Continue', span: p.spanFrom(start) };
    case 'GOTO': {
      p.pos++;
      const label = p.identifier().name;
      return { kind: 'Goto', label, span: p.spanFrom(start) };
    }
    case 'RETURN': return parseReturn(p, p.inlineFunction);
    case 'DECLARE': return parseDeclare(p);
    case 'SET': return parseSet(p);
    case 'COMMIT': case 'ROLLBACK': case 'SAVE': return parseTransaction(p);
    case 'PRINT': return parsePrint(p);
    case 'RAISERROR': return parseRaiserror(p);
    case 'THROW': return parseThrow(p);
    case 'WAITFOR':
      if (p.isOp('(', 1)) return parseOpaque(p);
      return parseWaitfor(p);
    case 'OPEN': case 'CLOSE': case 'DEALLOCATE':
      // OPEN/CLOSE SYMMETRIC KEY k, OPEN MASTER KEY, CLOSE ALL SYMMETRIC KEYS are not cursors.
      if (p.isWord('SYMMETRIC', 1) || p.isWord('MASTER', 1) || (p.isWord('ALL', 1) && p.isWord('SYMMETRIC', 2))) return parseOpaque(p);
      return parseCursorCommand(p);
    case 'FETCH': return parseFetch(p);
    case 'EXEC': case 'EXECUTE':
      if (p.isWord('AS', 1)) return parseOpaque(p);
      return parseExecute(p);
    case 'END':
      if (p.isWord('CONVERSATION', 1)) return parseOpaque(p);
      return p.fail('a statement');
    case 'USE': {
      p.pos++;
      const database = p.identifier();
      return { kind: 'Use', database, span: p.spanFrom(start) };
    }
    case 'CREATE': case 'ALTER': return parseCreateOrAlter(p);
    case 'DROP': return parseDrop(p);
    case 'COMPUTE':
      return p.fail('a statement (COMPUTE [BY] was removed in SQL Server 2012; use GROUP BY ROLLUP or a separate aggregate query)', 'TSQL_REMOVED_SYNTAX');
    default:
      if (OPAQUE.has(t.upper) || (CONVERSATION_VERBS.has(t.upper) && p.isWord('CONVERSATION', 1))) return parseOpaque(p);
      return p.fail('a statement');
  }
}

/** `WITH cte AS (…)` followed by SELECT, INSERT, UPDATE, DELETE or MERGE. */
function parseWith(p: Parser): Statement {
  const start = p.pos;
  if (p.isWord('CHANGE_TRACKING_CONTEXT', 1)) {
    // WITH CHANGE_TRACKING_CONTEXT (0x…) INSERT|UPDATE|DELETE|MERGE: tags the change, same DML.
    p.pos += 2;
    skipParenthesized(p);
    if (p.isWord('INSERT')) return parseInsert(p, start, []);
    if (p.isWord('UPDATE')) return parseUpdate(p, start, []);
    if (p.isWord('DELETE')) return parseDelete(p, start, []);
    return parseMerge(p, start, []);
  }
  const { ctes, recursive, xmlNamespaces } = parseCtes(p);
  // `WITH XMLNAMESPACES (…) INSERT … SELECT … FROM @x.nodes('/a:Feed')`: the DML carries the declarations too.
  const withCtes = (s: Extract<Statement, { ctes: readonly Cte[] }>): Statement => (xmlNamespaces === undefined ? s : { ...s, xmlNamespaces });
  if (p.isWord('INSERT')) return withCtes(parseInsert(p, start, ctes));
  if (p.isWord('UPDATE')) return withCtes(parseUpdate(p, start, ctes));
  if (p.isWord('DELETE')) return withCtes(parseDelete(p, start, ctes));
  if (p.isWord('MERGE')) return withCtes(parseMerge(p, start, ctes));
  return withCtes(parseSelectAfterCtes(p, start, ctes, recursive));
}

function parseCreateOrAlter(p: Parser): Statement {
  const start = p.pos;
  const alter = p.next().upper === 'ALTER';
  let orAlter = false;
  if (!alter && p.isWord('OR') && p.isWord('ALTER', 1)) {
    p.pos += 2;
    orAlter = true;
  }
  const head = { start, alter, orAlter };
  const t = p.peek();
  switch (t.upper) {
    case 'PROC': case 'PROCEDURE': return parseCreateProcedure(p, head);
    case 'FUNCTION': return parseCreateFunction(p, head);
    case 'TRIGGER': return parseCreateTrigger(p, head);
    case 'VIEW': return parseCreateView(p, head);
    case 'MATERIALIZED':
      // Synapse materialized view: its query reads like any view's; ALTER … REBUILD stays opaque.
      if (!alter && p.isWord('VIEW', 1)) {
        p.pos++;
        return parseCreateView(p, head);
      }
      break;
    case 'EXTERNAL':
      // CREATE EXTERNAL TABLE t WITH (…) AS SELECT (CETAS) writes the query's rows out.
      if (!alter && p.isWord('TABLE', 1)) {
        const ctas = parseCreateExternalTableAsSelect(p, start);
        if (ctas !== undefined) return ctas;
      }
      break;
    case 'TABLE': return alter ? parseAlterTable(p, start) : parseCreateTable(p, start);
    case 'UNIQUE': case 'CLUSTERED': case 'NONCLUSTERED': case 'INDEX': case 'COLUMNSTORE':
      if (!alter) return parseCreateIndex(p, start);
      break;
    default:
      if (!alter && CREATE_OTHER.has(t.upper)) return parseCreateOther(p, start);
  }
  if (t.kind !== 'word') p.fail('an object type');
  p.pos = start;
  return parseOpaque(p);
}

const EXPLAINABLE = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'CREATE']);

/** `EXPLAIN [WITH_RECOMMENDATIONS] statement`: opaque, ending where the explained statement ends. */
function parseExplain(p: Parser): OpaqueStatement {
  const start = p.pos++;
  p.eatWord('WITH_RECOMMENDATIONS');
  parseStatement(p);
  return { kind: 'OpaqueStatement', command: 'EXPLAIN', text: p.textBetween(start, p.pos), target: undefined, span: p.spanFrom(start) };
}

/** A statement recognised by its keyword(s) and kept as text up to where the next one starts. */
function parseOpaque(p: Parser): OpaqueStatement {
  const start = p.pos;
  const first = p.next();
  let command = first.upper;
  if (/^(CREATE|ALTER|UPDATE|BEGIN|ENABLE|DISABLE|EXEC|EXECUTE|END|GET|MOVE|ADD|RENAME)$/.test(command) && p.peek().kind === 'word') {
    command += ` ${p.next().upper}`;
    if (command === 'ADD COUNTER') command += ` ${p.next().upper}`;
  }
  if ((command === 'ALTER DATABASE' || command === 'ALTER SERVER') && !p.atEnd) {
    // SSDT writes `ALTER DATABASE [db]` and `SET a ON, b ON … WITH ROLLBACK IMMEDIATE` on
    // separate lines: that SET belongs to this statement, not to a new one (so does the SET of
    // ALTER SERVER CONFIGURATION).
    if (p.isWord('SCOPED') && p.isWord('CONFIGURATION', 1)) p.pos += 2;
    else p.pos++;
    p.eatWord('SET');
  }
  const bodyStart = p.pos;
  skipStatementRest(p, ONE_LINE.has(command));
  const target = findTarget(p, bodyStart, p.pos);
  return { kind: 'OpaqueStatement', command, text: p.textBetween(start, p.pos), target, span: p.spanFrom(start) };
}

/** The object after `ON` in GRANT … ON obj / ENABLE TRIGGER t ON obj (skipping `OBJECT::`). */
function findTarget(p: Parser, from: number, to: number): OpaqueStatement['target'] {
  const saved = p.pos;
  try {
    for (let i = from; i < to; i++) {
      p.pos = i;
      if (!p.isWord('ON')) continue;
      p.pos++;
      if (p.peek().kind === 'word' && p.isOp('::', 1)) p.pos += 2;
      if (p.isNameToken() && p.pos < to) return p.objectName();
    }
    return undefined;
  } catch {
    return undefined;
  } finally {
    p.pos = saved;
  }
}

/** Keywords that begin a statement even when the parser lost track of parentheses. */
const STRONG = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'IF', 'WHILE', 'BEGIN', 'DECLARE', 'SET', 'EXEC', 'EXECUTE',
  'RETURN', 'PRINT', 'CREATE', 'ALTER', 'DROP', 'COMMIT', 'ROLLBACK', 'FETCH', 'OPEN', 'CLOSE', 'DEALLOCATE', 'END', 'TRUNCATE']);

/** Words after which a statement keyword continues the same statement (`THEN UPDATE`, `FOR UPDATE`). */
const GLUE = new Set(['THEN', 'FOR', 'AFTER', 'OF', 'INSTEAD']);

/**
 * Turns a failed statement into an Unparsed node: skips from the failure to the next token that
 * starts a statement at parenthesis depth 0 (or a strong statement keyword at the start of a
 * line), records an error diagnostic at the failing token, and leaves `pos` there.
 */
function recoverStatement(p: Parser, start: number, err: unknown): Unparsed {
  const parseError = err instanceof ParseError ? err : undefined;
  const failPos = Math.min(p.tokens.length, Math.max(parseError?.position ?? start, start + 1));
  let depth = 0;
  let caseDepth = 0;
  const track = (i: number): void => {
    const t = p.tokens[i];
    if (t === undefined) return;
    if (t.kind === 'op') {
      if (t.text === '(') depth++;
      else if (t.text === ')') depth = Math.max(0, depth - 1);
    } else if (t.kind === 'word') {
      if (t.upper === 'CASE') caseDepth++;
      else if (t.upper === 'END' && caseDepth > 0) caseDepth--;
    }
  };
  for (let i = start; i < failPos; i++) track(i);
  p.pos = failPos;
  while (!p.atEnd) {
    const t = p.peek();
    if (depth === 0 && t.kind === 'op' && t.text === ';') break;
    if (depth === 0 && looksLikeStatementStart(p) && (caseDepth === 0 || t.upper !== 'END')) break;
    if (t.kind === 'word' && STRONG.has(t.upper) && t.upper !== 'END' && startsLine(p) && !p.isAnyWord(GLUE, -1)) break;
    track(p.pos);
    p.pos++;
  }
  const first = p.tokens[start];
  const last = p.tokens[p.pos - 1];
  const from = first?.start ?? 0;
  const to = Math.max(from, last?.end ?? from);
  const failToken = p.tokens[parseError?.position ?? start] ?? p.peek();
  const reason = parseError?.message ?? `internal parser error (${err instanceof Error ? err.message : String(err)}) near ${describeToken(failToken)}`;
  const code = parseError?.code ?? 'TSQL_INTERNAL';
  const failSpan = p.lineIndex.spanOf(failToken.start, failToken.end);
  p.diagnostics.push(createDiagnostic(p.file, failSpan, 'error', code, `${reason}; statement skipped`));
  return { kind: 'Unparsed', text: p.text.slice(from, to), reason, span: p.lineIndex.spanOf(from, to) };
}

function startsLine(p: Parser): boolean {
  const prev = p.peek(-1);
  return /[\r\n]/.test(p.text.slice(prev.end, p.peek().start));
}
