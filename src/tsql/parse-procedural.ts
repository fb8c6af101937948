import type {
  CursorRef, Declare, DeclareCursor, ExecArgument, Execute, Expression, Fetch, Identifier, ObjectName, SetOption,
  SetVariable, Statement, TableVariableDeclaration, Variable, VariableDeclaration,
} from './ast';
import type { Parser } from './parser-core';
import { RESERVED } from './parser-core';
import { parseExpression } from './parse-expression';
import { parseDataType } from './parse-data-type';
import { parseSelect, skipParenthesized } from './parse-select';
import { parseTableDefinition } from './parse-ddl';

const CURSOR_OPTIONS = new Set(['LOCAL', 'GLOBAL', 'FORWARD_ONLY', 'SCROLL', 'STATIC', 'KEYSET', 'DYNAMIC', 'FAST_FORWARD',
  'READ_ONLY', 'SCROLL_LOCKS', 'OPTIMISTIC', 'TYPE_WARNING', 'INSENSITIVE']);

/** DECLARE @a int = 1, @t TABLE (…), c CURSOR … FOR select. */
export function parseDeclare(p: Parser): Declare | DeclareCursor {
  const start = p.pos;
  p.expectWord('DECLARE');
  if (p.peek().kind !== 'variable' && p.peek().kind !== 'sysvar') {
    // ISO and T-SQL cursor declarations name the cursor without @.
    const name = p.identifier().name;
    return parseCursorRest(p, start, name);
  }
  const declarations: (VariableDeclaration | TableVariableDeclaration)[] = [];
  do {
    const ds = p.pos;
    const t = p.peek();
    // `@@name` is a legal (if confusing) local variable name.
    if (t.kind !== 'variable' && t.kind !== 'sysvar') p.fail('a variable');
    p.pos++;
    const variable: Variable = { kind: 'Variable', name: t.text, span: p.spanOfToken(t) };
    p.eatWord('AS');
    if (p.isWord('TABLE')) {
      p.pos++;
      const definition = parseTableDefinition(p);
      declarations.push({ kind: 'TableVariableDeclaration', variable, definition, span: p.spanFrom(ds) });
      continue;
    }
    const dataType = parseDataType(p);
    const initialValue = p.eatOp('=') ? parseExpression(p) : undefined;
    declarations.push({ kind: 'VariableDeclaration', variable, dataType, initialValue, span: p.spanFrom(ds) });
  } while (p.eatOp(','));
  return { kind: 'Declare', declarations, span: p.spanFrom(start) };
}

/** `[options] CURSOR [options] FOR select [FOR READ ONLY | FOR UPDATE [OF cols]]`. */
function parseCursorRest(p: Parser, start: number, name: string): DeclareCursor {
  const options: string[] = [];
  while (p.isAnyWord(CURSOR_OPTIONS)) options.push(p.next().upper);
  p.expectWord('CURSOR');
  while (p.isAnyWord(CURSOR_OPTIONS)) options.push(p.next().upper);
  p.expectWord('FOR');
  const query = parseSelect(p);
  let forUpdate = false;
  let updateColumns: Identifier[] = [];
  if (p.isWord('FOR')) {
    if (p.isWord('READ', 1)) {
      p.pos += 2;
      p.expectWord('ONLY');
      options.push('READ ONLY');
    } else if (p.isWord('UPDATE', 1)) {
      p.pos += 2;
      forUpdate = true;
      if (p.eatWord('OF')) {
        // `OF a.[Balance]`: a column may be written with its table's alias; the column is what
        // the list restricts, so the last part is kept.
        const column = (): Identifier => {
          const parts = p.objectName().parts;
          return parts[parts.length - 1] ?? p.identifier();
        };
        updateColumns = [column()];
        while (p.eatOp(',')) updateColumns.push(column());
      }
    }
  }
  return { kind: 'DeclareCursor', name, options, query, forUpdate, updateColumns, span: p.spanFrom(start) };
}

const COMPOUND = new Set(['=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=']);
const ISOLATION_WORDS = new Set(['READ', 'UNCOMMITTED', 'COMMITTED', 'REPEATABLE', 'SNAPSHOT', 'SERIALIZABLE']);

/** SET @v = e (and compound forms, and `= CURSOR …`) or SET options. */
export function parseSet(p: Parser): SetVariable | SetOption {
  const start = p.pos;
  p.expectWord('SET');
  const t = p.peek();
  if (t.kind === 'variable') {
    p.pos++;
    const variable: Variable = { kind: 'Variable', name: t.text, span: p.spanOfToken(t) };
    if (p.isOp('.') && p.peek(1).kind === 'word' && p.isOp('(', 2)) {
      // SET @x.modify('…'): an XML DML method call, kept as the value with no operator.
      p.pos -= 1;
      const value = parseExpression(p);
      return { kind: 'SetVariable', variable, operator: '', value, cursor: undefined, span: p.spanFrom(start) };
    }
    if (p.isOp('.') && p.peek(1).kind === 'word' && p.isOp('=', 2)) {
      // SET @p.X = 5: a CLR property mutator, kept like a method call taking the new value.
      const ms = p.pos - 1;
      p.pos++;
      const method = p.next().text;
      p.pos++;
      const args = [parseExpression(p)];
      const value: Expression = { kind: 'MethodCall', target: variable, method, args, span: p.spanFrom(ms) };
      return { kind: 'SetVariable', variable, operator: '', value, cursor: undefined, span: p.spanFrom(start) };
    }
    const op = p.peek();
    if (op.kind !== 'op' || !COMPOUND.has(op.text)) p.fail("'='");
    p.pos++;
    if (p.isWord('CURSOR') || (p.isAnyWord(CURSOR_OPTIONS) && !p.isOp('(', 1))) {
      const cs = p.pos;
      const cursor = parseCursorRest(p, cs, t.text);
      return { kind: 'SetVariable', variable, operator: op.text, value: undefined, cursor, span: p.spanFrom(start) };
    }
    const value = parseExpression(p);
    return { kind: 'SetVariable', variable, operator: op.text, value, cursor: undefined, span: p.spanFrom(start) };
  }
  const options: string[] = [];
  let target: ObjectName | undefined;
  if (p.isWord('TRANSACTION') && p.isWord('ISOLATION', 1)) {
    p.pos += 2;
    p.expectWord('LEVEL');
    const vs = p.pos;
    while (p.isAnyWord(ISOLATION_WORDS)) p.pos++;
    if (vs === p.pos) p.fail('an isolation level');
    return { kind: 'SetOption', options: ['TRANSACTION ISOLATION LEVEL'], value: p.textBetween(vs, p.pos).toUpperCase(), target, span: p.spanFrom(start) };
  }
  if (p.isWord('IDENTITY_INSERT')) {
    p.pos++;
    options.push('IDENTITY_INSERT');
    target = p.objectName();
  } else {
    do {
      if (p.peek().kind !== 'word') p.fail('a SET option');
      options.push(p.next().upper);
      // SET STATISTICS IO ON, SET OFFSETS SELECT ON
      while (p.peek().kind === 'word' && (options[0] === 'STATISTICS' || options[0] === 'OFFSETS') && !p.isWord('ON') && !p.isWord('OFF')) {
        options[options.length - 1] += ` ${p.next().upper}`;
      }
    } while (p.eatOp(','));
  }
  const vs = p.pos;
  const v = p.peek();
  if (v.kind === 'op' && (v.text === '-' || v.text === '+')) p.pos++;
  const vt = p.peek();
  if (vt.kind === 'word' || vt.kind === 'number' || vt.kind === 'string' || vt.kind === 'variable' || vt.kind === 'binary' || vt.kind === 'quoted') p.pos++;
  else p.fail('ON, OFF or a value');
  return { kind: 'SetOption', options, value: normalizeValue(p.textBetween(vs, p.pos)), target, span: p.spanFrom(start) };
}

function normalizeValue(v: string): string {
  return /^(on|off)$/i.test(v) ? v.toUpperCase() : v;
}

/** A cursor name (`c`, `GLOBAL c`, `@cursorVar`). */
function parseCursorRef(p: Parser): CursorRef {
  const start = p.pos;
  const global = p.isWord('GLOBAL') && p.isNameToken(1) ? (p.pos++, true) : false;
  const t = p.peek();
  if (t.kind !== 'variable' && !p.isNameToken()) p.fail('a cursor name');
  p.pos++;
  const name = t.kind === 'quoted' ? t.text.slice(1, -1) : t.text;
  return { kind: 'CursorRef', name, global, span: p.spanFrom(start) };
}

/** OPEN / CLOSE / DEALLOCATE cursor. */
export function parseCursorCommand(p: Parser): Statement {
  const start = p.pos;
  const verb = p.next().upper;
  const cursor = parseCursorRef(p);
  const span = p.spanFrom(start);
  if (verb === 'OPEN') return { kind: 'OpenCursor', cursor, span };
  if (verb === 'CLOSE') return { kind: 'CloseCursor', cursor, span };
  return { kind: 'DeallocateCursor', cursor, span };
}

const FETCH_DIRECTIONS = new Set(['NEXT', 'PRIOR', 'FIRST', 'LAST', 'ABSOLUTE', 'RELATIVE']);

/** `FETCH [NEXT|PRIOR|FIRST|LAST|ABSOLUTE n|RELATIVE n] [FROM] c [INTO @a, @b]`. */
export function parseFetch(p: Parser): Fetch {
  const start = p.pos;
  p.expectWord('FETCH');
  let direction: Fetch['direction'] = 'NEXT';
  let offset: Expression | undefined;
  if (p.isAnyWord(FETCH_DIRECTIONS) && !(p.isWord('INTO', 1) || p.isOp(';', 1) || p.peek(1).text === '')) {
    direction = p.next().upper as Fetch['direction'];
    if (direction === 'ABSOLUTE' || direction === 'RELATIVE') offset = parseExpression(p);
  }
  p.eatWord('FROM');
  const cursor = parseCursorRef(p);
  const into: Variable[] = [];
  if (p.eatWord('INTO')) {
    do {
      const t = p.peek();
      if (t.kind !== 'variable') p.fail('a variable');
      p.pos++;
      into.push({ kind: 'Variable', name: t.text, span: p.spanOfToken(t) });
    } while (p.eatOp(','));
  }
  return { kind: 'Fetch', direction, offset, cursor, into, span: p.spanFrom(start) };
}

/** True when the next token can begin an EXEC argument (not the next statement). */
function startsExecArgument(p: Parser): boolean {
  const t = p.peek();
  switch (t.kind) {
    case 'variable': case 'sysvar': case 'number': case 'string': case 'money': case 'binary': case 'quoted': case 'sqlcmdvar':
      return true;
    case 'op':
      return t.text === '-' || t.text === '+';
    case 'word':
      if (t.upper === 'DEFAULT' || t.upper === 'NULL') return true;
      return !RESERVED.has(t.upper) && !p.isOp(':', 1) && t.upper !== 'AT';
    default:
      return false;
  }
}

/**
 * EXEC/EXECUTE: `EXEC [@rc =] proc [;n] args [WITH …]`, `EXEC (@sql + '…') [AT srv]`,
 * `EXEC @procNameVar args`.
 */
export function parseExecute(p: Parser): Execute {
  const start = p.pos;
  p.next();
  const options: string[] = [];
  if (p.isOp('(')) {
    p.pos++;
    const dynamic: Expression[] = [];
    const args: ExecArgument[] = [];
    flattenConcat(parseExpression(p), dynamic);
    while (p.eatOp(',')) args.push(parseExecArgument(p));
    p.expectOp(')');
    let at: string | undefined;
    for (;;) {
      if (p.isWord('AS') && (p.isWord('USER', 1) || p.isWord('LOGIN', 1))) {
        const os = p.pos;
        p.pos += 2;
        p.expectOp('=');
        p.next();
        options.push(p.textBetween(os, p.pos));
      } else if (p.isWord('AT') && p.isNameToken(1)) {
        p.pos++;
        at = p.identifier().name;
      } else {
        break;
      }
    }
    return { kind: 'Execute', returnVariable: undefined, procedure: undefined, args, dynamic, at, options, span: p.spanFrom(start) };
  }
  let returnVariable: Variable | undefined;
  const t = p.peek();
  if (t.kind === 'variable' && p.isOp('=', 1)) {
    p.pos += 2;
    returnVariable = { kind: 'Variable', name: t.text, span: p.spanOfToken(t) };
  }
  let procedure: ObjectName | Variable;
  const pt = p.peek();
  if (pt.kind === 'variable') {
    p.pos++;
    procedure = { kind: 'Variable', name: pt.text, span: p.spanOfToken(pt) };
  } else {
    procedure = p.objectName();
  }
  if (p.isOp(';') && p.peek(1).kind === 'number') p.pos += 2;
  const args: ExecArgument[] = [];
  if (startsExecArgument(p)) {
    do args.push(parseExecArgument(p));
    while (p.eatOp(','));
  }
  let at: string | undefined;
  if (p.isWord('AT') && p.isNameToken(1)) {
    p.pos++;
    at = p.identifier().name;
  }
  if (p.isWord('WITH') && (p.isWord('RECOMPILE', 1) || p.isWord('RESULT', 1))) {
    p.pos++;
    do {
      const os = p.pos;
      if (p.eatWord('RECOMPILE')) {
        options.push('RECOMPILE');
      } else {
        p.expectWord('RESULT');
        p.expectWord('SETS');
        if (p.isOp('(')) skipParenthesized(p);
        else p.next();
        options.push(p.textBetween(os, p.pos));
      }
    } while (p.eatOp(','));
  }
  return { kind: 'Execute', returnVariable, procedure, args, dynamic: [], at, options, span: p.spanFrom(start) };
}

function flattenConcat(e: Expression, out: Expression[]): void {
  if (e.kind === 'Binary' && e.operator === '+') {
    flattenConcat(e.left, out);
    flattenConcat(e.right, out);
  } else {
    out.push(e);
  }
}

function parseExecArgument(p: Parser): ExecArgument {
  const start = p.pos;
  let name: string | undefined;
  const t = p.peek();
  if (t.kind === 'variable' && p.isOp('=', 1)) {
    name = t.text;
    p.pos += 2;
  }
  if (p.isWord('DEFAULT')) {
    p.pos++;
    return { kind: 'ExecArgument', name, value: undefined, output: false, default: true, span: p.spanFrom(start) };
  }
  const value = parseExpression(p);
  const output = p.eatWord('OUTPUT') || p.eatWord('OUT');
  return { kind: 'ExecArgument', name, value, output, default: false, span: p.spanFrom(start) };
}
