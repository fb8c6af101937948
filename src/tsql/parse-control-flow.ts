import type {
  Block, Expression, If, Print, Raiserror, Return, Statement, Throw, Transaction, TryCatch, Waitfor, While,
} from './ast';
import type { Parser } from './parser-core';
import { RESERVED } from './parser-core';
import { parseExpression, startsQuery } from './parse-expression';
import { parseSelect, skipParenthesized } from './parse-select';
import { parseStatement, parseStatementList } from './parse-statement';

/** `BEGIN … END`, `BEGIN TRY … END TRY BEGIN CATCH … END CATCH`, `BEGIN [DISTRIBUTED] TRAN`. */
export function parseBegin(p: Parser): Block | TryCatch | Transaction {
  const start = p.pos;
  if (p.isWord('TRAN', 1) || p.isWord('TRANSACTION', 1) || p.isWord('DISTRIBUTED', 1)) return parseTransaction(p);
  p.expectWord('BEGIN');
  if (p.eatWord('TRY')) {
    const tryStatements = parseStatementList(p, () => p.isWord('END') && p.isWord('TRY', 1));
    p.expectWord('END');
    p.expectWord('TRY');
    p.eatOp(';');
    p.expectWord('BEGIN');
    p.expectWord('CATCH');
    const catchStatements = parseStatementList(p, () => p.isWord('END') && p.isWord('CATCH', 1));
    p.expectWord('END');
    p.expectWord('CATCH');
    return { kind: 'TryCatch', tryStatements, catchStatements, span: p.spanFrom(start) };
  }
  if (p.isWord('ATOMIC') && p.isWord('WITH', 1)) {
    // Natively compiled procedure body: BEGIN ATOMIC WITH (TRANSACTION ISOLATION LEVEL = …, LANGUAGE = …)
    p.pos += 2;
    skipParenthesized(p);
  }
  const statements = p.nested(() => parseStatementList(p, () => p.isWord('END') && !p.isWord('CONVERSATION', 1)));
  if (p.atEnd) {
    // A missing END at the end of the batch: keep the block (and the procedure around it).
    p.warn(p.peek(-1), 'TSQL_MISSING_END', `expected END to close the BEGIN at line ${p.spanFrom(start).start.line}, found end of batch`);
    return { kind: 'Block', statements, span: p.spanFrom(start) };
  }
  p.expectWord('END');
  return { kind: 'Block', statements, span: p.spanFrom(start) };
}

/** A statement used as the body of IF/ELSE/WHILE (`;` before it is tolerated). */
function parseBody(p: Parser): Statement {
  while (p.eatOp(';')) { /* empty statements */ }
  return p.nested(() => parseStatement(p));
}

/** `IF cond stmt [ELSE stmt]` (ELSE binds to the nearest IF). */
export function parseIf(p: Parser): If {
  const start = p.pos;
  p.expectWord('IF');
  const condition = parseExpression(p);
  const then = parseBody(p);
  let k = 0;
  while (p.isOp(';', k)) k++;
  let otherwise: Statement | undefined;
  if (p.isWord('ELSE', k)) {
    p.pos += k + 1;
    otherwise = parseBody(p);
  }
  return { kind: 'If', condition, then, else: otherwise, span: p.spanFrom(start) };
}

export function parseWhile(p: Parser): While {
  const start = p.pos;
  p.expectWord('WHILE');
  const condition = parseExpression(p);
  const body = parseBody(p);
  return { kind: 'While', condition, body, span: p.spanFrom(start) };
}

/** True when the next token can begin RETURN's / THROW's value rather than a new statement. */
function startsValue(p: Parser): boolean {
  const t = p.peek();
  switch (t.kind) {
    case 'variable': case 'sysvar': case 'number': case 'string': case 'money': case 'binary': case 'quoted': case 'sqlcmdvar':
      return true;
    case 'op':
      return t.text === '(' || t.text === '-' || t.text === '+' || t.text === '~';
    case 'word':
      if (t.upper === 'NULL' || t.upper === 'CASE' || t.upper === 'COALESCE' || t.upper === 'NULLIF' || t.upper === 'CONVERT' || t.upper === 'LEFT' || t.upper === 'RIGHT') return true;
      return !RESERVED.has(t.upper) && !p.isOp(':', 1);
    default:
      return false;
  }
}

/** `RETURN [expr]`; in an inline function `RETURN select` (no parentheses) is its query. */
export function parseReturn(p: Parser, inlineFunction = false): Return {
  const start = p.pos;
  p.expectWord('RETURN');
  let expression: Expression | undefined;
  if (inlineFunction && startsQuery(p) && !p.isOp('(')) {
    const qs = p.pos;
    const query = parseSelect(p);
    expression = { kind: 'Subquery', query, span: p.spanFrom(qs) };
  } else if (startsValue(p)) {
    expression = parseExpression(p);
  }
  return { kind: 'Return', expression, span: p.spanFrom(start) };
}

/** BEGIN [DISTRIBUTED] TRAN, COMMIT, ROLLBACK, SAVE — with optional name and WITH MARK. */
export function parseTransaction(p: Parser): Transaction {
  const start = p.pos;
  const action = p.next().upper as Transaction['action'];
  const distributed = action === 'BEGIN' && p.eatWord('DISTRIBUTED');
  let hasKeyword = false;
  if (p.isWord('TRAN') || p.isWord('TRANSACTION') || p.isWord('WORK')) {
    p.pos++;
    hasKeyword = true;
  } else if (action === 'BEGIN' || action === 'SAVE') {
    p.fail('TRANSACTION');
  }
  let name: string | undefined;
  const t = p.peek();
  if ((hasKeyword || action === 'ROLLBACK' || action === 'COMMIT') && (t.kind === 'variable' || (p.isAliasToken() && t.upper !== 'WORK'))) {
    p.pos++;
    name = t.kind === 'quoted' ? t.text.slice(1, -1) : t.text;
  }
  if (action === 'BEGIN' && p.isWord('WITH') && p.isWord('MARK', 1)) {
    p.pos += 2;
    if (p.peek().kind === 'string') p.pos++;
  }
  if (action === 'COMMIT' && p.isWord('WITH') && p.isOp('(', 1)) {
    p.pos++;
    while (!p.atEnd && !p.eatOp(')')) p.pos++;
  }
  return { kind: 'Transaction', action, distributed, name, span: p.spanFrom(start) };
}

export function parsePrint(p: Parser): Print {
  const start = p.pos;
  p.expectWord('PRINT');
  const expression = parseExpression(p);
  return { kind: 'Print', expression, span: p.spanFrom(start) };
}

/** `RAISERROR (msg, sev, state [, args]) [WITH LOG|NOWAIT|SETERROR]` or legacy `RAISERROR 50001 'msg'`. */
export function parseRaiserror(p: Parser): Raiserror {
  const start = p.pos;
  p.expectWord('RAISERROR');
  const args: Expression[] = [];
  let legacy = false;
  if (p.eatOp('(')) {
    args.push(parseExpression(p));
    while (p.eatOp(',')) args.push(parseExpression(p));
    p.expectOp(')');
  } else {
    legacy = true;
    args.push(parseExpression(p));
    if (p.eatOp(',') || startsValue(p)) args.push(parseExpression(p));
  }
  const options: string[] = [];
  if (p.eatWord('WITH')) {
    do options.push(p.next().upper);
    while (p.eatOp(','));
  }
  return { kind: 'Raiserror', args, options, legacy, span: p.spanFrom(start) };
}

/** `THROW` (re-throw) or `THROW number, message, state`. */
export function parseThrow(p: Parser): Throw {
  const start = p.pos;
  p.expectWord('THROW');
  const args: Expression[] = [];
  if (startsValue(p)) {
    args.push(parseExpression(p));
    while (p.eatOp(',')) args.push(parseExpression(p));
  }
  return { kind: 'Throw', args, span: p.spanFrom(start) };
}

export function parseWaitfor(p: Parser): Waitfor {
  const start = p.pos;
  p.expectWord('WAITFOR');
  let mode: Waitfor['mode'];
  if (p.eatWord('DELAY')) mode = 'DELAY';
  else {
    p.expectWord('TIME');
    mode = 'TIME';
  }
  const value = parseExpression(p);
  return { kind: 'Waitfor', mode, value, span: p.spanFrom(start) };
}
