import type { Parser } from './parser-core';

/** Keywords that begin a statement (used to find where an unreadable statement ends). */
const STARTERS = new Set(['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'TRUNCATE', 'IF', 'WHILE', 'BEGIN', 'DECLARE',
  'SET', 'EXEC', 'EXECUTE', 'RETURN', 'PRINT', 'RAISERROR', 'THROW', 'OPEN', 'FETCH', 'CLOSE', 'DEALLOCATE', 'CREATE',
  'ALTER', 'DROP', 'COMMIT', 'ROLLBACK', 'SAVE', 'GOTO', 'BREAK', 'CONTINUE', 'WAITFOR', 'USE', 'GRANT', 'DENY', 'REVOKE',
  'DBCC', 'CHECKPOINT', 'BULK', 'END', 'RECONFIGURE', 'KILL', 'SHUTDOWN', 'BACKUP', 'RESTORE', 'ENABLE', 'DISABLE',
  'REVERT', 'SETUSER', 'READTEXT', 'WRITETEXT', 'UPDATETEXT', 'LINENO']);

/**
 * Unreserved words that start a statement only with the right word after them; alone they are
 * names or continue another statement (ALTER ROLE r ADD MEMBER u).
 */
const STARTS_WITH_NEXT: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['COPY', new Set(['INTO'])],
  ['ADD', new Set(['SIGNATURE', 'COUNTER'])],
  ['RENAME', new Set(['OBJECT', 'DATABASE'])],
  ['SEND', new Set(['ON'])],
  ['GET', new Set(['CONVERSATION'])],
  ['MOVE', new Set(['CONVERSATION'])],
  ['EXPLAIN', new Set(['SELECT', 'WITH_RECOMMENDATIONS'])],
]);

/** Words after which a starter keyword belongs to the same statement (`UNION SELECT`, `THEN UPDATE`). */
const CONTINUATIONS = new Set(['UNION', 'ALL', 'EXCEPT', 'INTERSECT', 'THEN', 'FOR', 'AFTER', 'OF', 'INSTEAD', 'AS', 'NO',
  'INSERT', 'GRANT', 'DENY', 'REVOKE', 'ON', 'WITH', 'CURSOR', 'FOR', 'NOT', 'AND', 'OR', 'EXISTS', 'IN', 'IS']);

/**
 * True when token `k` ahead plausibly starts a new statement: a statement keyword not glued to
 * the previous clause (`UNION SELECT`, `WHEN MATCHED THEN UPDATE`, `UPDATE … SET col =` are not
 * starts), or any word right after a `;`.
 */
export function looksLikeStatementStart(p: Parser, k = 0): boolean {
  const t = p.peek(k);
  if (t.kind !== 'word') return false;
  const prev = p.pos + k > 0 ? p.peek(k - 1) : undefined;
  if (prev !== undefined && prev.kind === 'op' && prev.text === ';') return true;
  const withNext = STARTS_WITH_NEXT.get(t.upper);
  if (withNext !== undefined) {
    const n = p.peek(k + 1);
    return n.kind === 'word' && withNext.has(n.upper) && (prev === undefined || prev.kind !== 'op' || prev.text === ';');
  }
  if (t.upper === 'RECEIVE') {
    // RECEIVE [TOP (n)] columns FROM queue
    const n = p.peek(k + 1);
    return (n.kind === 'word' && n.upper === 'TOP') || (n.kind === 'op' && n.text === '*') || n.kind === 'variable';
  }
  if (!STARTERS.has(t.upper)) {
    // `label:` and `WITH cte AS (` also start statements.
    return p.isOp(':', k + 1) && !p.isOp(':', k + 2) && prev !== undefined && prev.kind !== 'op';
  }
  if (prev !== undefined && prev.kind === 'word' && CONTINUATIONS.has(prev.upper)) return false;
  if (prev !== undefined && prev.kind === 'op' && (prev.text === '(' || prev.text === ',')) return false;
  if (t.upper === 'SET') {
    // UPDATE t SET col = … continues; SET @v / SET NOCOUNT ON start statements.
    const n = p.peek(k + 1);
    if (n.kind === 'variable') return !isInsideUpdate(p, k);
    return n.kind === 'word' && !p.isOp('=', k + 2) && !p.isOp('.', k + 2);
  }
  return true;
}

/** Heuristic: a SET @v right after an UPDATE target is `UPDATE t SET @v = …`, not a statement. */
function isInsideUpdate(p: Parser, k: number): boolean {
  const a = p.peek(k - 1);
  const b = p.peek(k - 2);
  return (b.kind === 'word' && b.upper === 'UPDATE') || (a.kind === 'op' && a.text === ')');
}

/**
 * Consumes the rest of an opaque statement: up to a `;`, the end of the batch, an ELSE or END
 * that closes the IF or block around it, or the next token at parenthesis depth 0 that starts a
 * statement at the start of a line — anywhere on the line when `anywhere` is set, for commands
 * whose text never contains statement keywords (DBCC, KILL, CHECKPOINT, …).
 */
export function skipStatementRest(p: Parser, anywhere = false): void {
  let depth = 0;
  let caseDepth = 0;
  while (!p.atEnd) {
    const t = p.peek();
    if (depth === 0 && t.kind === 'op' && t.text === ';') return;
    // `IF … DBCC FREEPROCCACHE ELSE …`, `BEGIN TRY DBCC CHECKDB END TRY`: not part of the command.
    if (depth === 0 && caseDepth === 0 && t.kind === 'word' && (t.upper === 'ELSE' || t.upper === 'END')) return;
    // Opaque commands (ALTER DATABASE … SET …, ALTER PARTITION FUNCTION … MERGE RANGE) contain
    // statement keywords; only one that begins a line (or follows `;`) ends them.
    if (depth === 0 && caseDepth === 0 && looksLikeStatementStart(p) && (anywhere || startsLineAt(p))) return;
    if (t.kind === 'op') {
      if (t.text === '(') depth++;
      else if (t.text === ')') {
        if (depth === 0) return;
        depth--;
      }
    } else if (t.kind === 'word') {
      if (t.upper === 'CASE') caseDepth++;
      else if (t.upper === 'END' && caseDepth > 0) caseDepth--;
    }
    p.pos++;
  }
}

/** True when the current token is the first of its line (or of the batch). */
export function startsLineAt(p: Parser): boolean {
  if (p.pos === 0) return true;
  const prev = p.peek(-1);
  if (prev.kind === 'op' && prev.text === ';') return true;
  return /[\r\n]/.test(p.text.slice(prev.end, p.peek().start));
}

/**
 * Consumes tokens up to the end of the line of the current token (and any parenthesised
 * continuation): for one-line commands such as DBCC, GRANT, KILL.
 */
export function skipRestOfLine(p: Parser): void {
  let depth = 0;
  let lastEnd = p.peek(-1).end;
  while (!p.atEnd) {
    const t = p.peek();
    if (depth === 0 && t.kind === 'op' && t.text === ';') return;
    if (depth === 0 && /[\r\n]/.test(p.text.slice(lastEnd, t.start))) return;
    if (t.kind === 'op') {
      if (t.text === '(') depth++;
      else if (t.text === ')') depth = Math.max(0, depth - 1);
    }
    lastEnd = t.end;
    p.pos++;
  }
}
