import { stringTokenValue } from './lexer';
import type { ColumnRef, Expression, FunctionCall, Identifier, Join, MethodCall, ObjectName, Select, TableSource, TableTarget } from './ast';
import type { Parser } from './parser-core';
import { identifierFromToken } from './parser-core';
import { eatFullTextLanguage, parseExpression, parseScalar, startsQuery } from './parse-expression';
import { parseIdentifierList, parseSelect, skipParenthesized } from './parse-select';
import { parseDelete, parseInsert, parseMerge, parseUpdate } from './parse-dml';

/** Words that open a legacy table hint list written without WITH: `FROM t (NOLOCK)`. */
const TABLE_HINTS = new Set(['NOLOCK', 'READUNCOMMITTED', 'UPDLOCK', 'HOLDLOCK', 'ROWLOCK', 'PAGLOCK', 'TABLOCK', 'TABLOCKX',
  'READPAST', 'XLOCK', 'NOWAIT', 'SERIALIZABLE', 'REPEATABLEREAD', 'READCOMMITTED', 'READCOMMITTEDLOCK', 'INDEX',
  'FORCESEEK', 'FORCESCAN', 'NOEXPAND', 'KEEPIDENTITY', 'KEEPDEFAULTS', 'IGNORE_CONSTRAINTS', 'IGNORE_TRIGGERS',
  'SNAPSHOT', 'FASTFIRSTROW']);
const JOIN_HINTS = new Set(['LOOP', 'HASH', 'MERGE', 'REMOTE', 'REDUCE', 'REPLICATE', 'REDISTRIBUTE']);

/** `FROM` list: comma-separated sources, each with its joins. */
export function parseTableSources(p: Parser): TableSource[] {
  const list: TableSource[] = [];
  do list.push(parseJoinedSource(p));
  while (p.eatOp(','));
  return list;
}

/** A source followed by any number of JOIN / APPLY clauses. */
export function parseJoinedSource(p: Parser): TableSource {
  return p.nested(() => {
    const start = p.pos;
    let left = parseTableSource(p);
    for (;;) {
      const join = parseJoinHead(p);
      if (join === undefined) return left;
      const right = parseJoinRight(p, join.type);
      let on: Expression | undefined;
      if (join.type !== 'CROSS' && join.type !== 'CROSS APPLY' && join.type !== 'OUTER APPLY') {
        p.expectWord('ON');
        on = parseExpression(p);
      }
      left = { kind: 'Join', joinType: join.type, hint: join.hint, left, right, on, span: p.spanFrom(start) } satisfies Join;
    }
  });
}

/**
 * The right operand of a join. Before an ON, further joins nest to the right, as the query
 * designer writes them: `a LEFT JOIN b INNER JOIN c ON c.id = b.id ON b.id = a.id`.
 */
function parseJoinRight(p: Parser, type: Join['joinType']): TableSource {
  const start = p.pos;
  let right = parseTableSource(p);
  if (type === 'CROSS' || type === 'CROSS APPLY' || type === 'OUTER APPLY') return right;
  return p.nested(() => {
    for (;;) {
      if (p.isWord('ON')) return right;
      const join = parseJoinHead(p);
      if (join === undefined) return right;
      const inner = parseJoinRight(p, join.type);
      let on: Expression | undefined;
      if (join.type !== 'CROSS' && join.type !== 'CROSS APPLY' && join.type !== 'OUTER APPLY') {
        p.expectWord('ON');
        on = parseExpression(p);
      }
      right = { kind: 'Join', joinType: join.type, hint: join.hint, left: right, right: inner, on, span: p.spanFrom(start) } satisfies Join;
    }
  });
}

function parseJoinHead(p: Parser): { type: Join['joinType']; hint: string | undefined } | undefined {
  const t = p.peek();
  if (t.kind !== 'word') return undefined;
  let type: Join['joinType'];
  switch (t.upper) {
    case 'JOIN':
      p.pos++;
      return { type: 'INNER', hint: undefined };
    case 'INNER':
      type = 'INNER';
      break;
    case 'LEFT':
    case 'RIGHT':
    case 'FULL':
      if (p.isOp('(', 1)) return undefined;
      type = t.upper;
      break;
    case 'CROSS':
      if (p.isWord('APPLY', 1)) { p.pos += 2; return { type: 'CROSS APPLY', hint: undefined }; }
      p.pos++;
      p.expectWord('JOIN');
      return { type: 'CROSS', hint: undefined };
    case 'OUTER':
      if (p.isWord('APPLY', 1)) { p.pos += 2; return { type: 'OUTER APPLY', hint: undefined }; }
      return undefined;
    default:
      return undefined;
  }
  p.pos++;
  if (type !== 'INNER') p.eatWord('OUTER');
  let hint: string | undefined;
  if (p.isAnyWord(JOIN_HINTS)) hint = p.next().upper;
  p.expectWord('JOIN');
  return { type, hint };
}

/** One table source with its alias, hints, and PIVOT/UNPIVOT suffixes. */
export function parseTableSource(p: Parser): TableSource {
  const start = p.pos;
  let source = parseTablePrimary(p);
  while ((p.isWord('PIVOT') || p.isWord('UNPIVOT')) && p.isOp('(', 1)) {
    const pivot = p.next().upper === 'PIVOT';
    p.pos++;
    if (pivot) {
      const agg = parseExpression(p);
      if (agg.kind !== 'FunctionCall') p.fail('an aggregate function');
      p.expectWord('FOR');
      const forStart = p.pos;
      const forName = p.objectName();
      const forColumn: ColumnRef = { kind: 'ColumnRef', parts: forName.parts, span: p.spanFrom(forStart) };
      p.expectWord('IN');
      const values = parseIdentifierList(p);
      p.expectOp(')');
      const alias = parseAlias(p);
      source = { kind: 'Pivot', source, aggregate: agg as FunctionCall, forColumn, values, alias, span: p.spanFrom(start) };
    } else {
      const valueColumn = p.identifier();
      p.expectWord('FOR');
      const forColumn = p.identifier();
      p.expectWord('IN');
      const columns = parseIdentifierList(p);
      p.expectOp(')');
      const alias = parseAlias(p);
      source = { kind: 'Unpivot', source, valueColumn, forColumn, columns, alias, span: p.spanFrom(start) };
    }
  }
  return source;
}

function parseTablePrimary(p: Parser): TableSource {
  const start = p.pos;
  const t = p.peek();
  if (t.kind === 'op' && t.text === '{' && p.isWord('OJ', 1)) {
    // ODBC outer-join escape: FROM {oj a LEFT OUTER JOIN b ON …}
    p.pos += 2;
    const inner = parseJoinedSource(p);
    p.expectOp('}');
    return inner;
  }
  if (t.kind === 'op' && t.text === '(') {
    if (startsQuery(p, 1)) {
      const read = (): Select => {
        p.pos++;
        const q = parseSelect(p);
        p.expectOp(')');
        return q;
      };
      // `((SELECT …) a JOIN (SELECT …) b ON …)`: two parentheses may open a join, not a query.
      const query = p.isOp('(', 1) ? p.attempt(read) : read();
      if (query !== undefined) {
        const alias = parseAlias(p);
        const columns = alias !== undefined && p.isOp('(') ? parseIdentifierList(p) : [];
        return { kind: 'DerivedTable', query, alias, columns, span: p.spanFrom(start) };
      }
    }
    if (p.isWord('INSERT', 1) || p.isWord('UPDATE', 1) || p.isWord('DELETE', 1) || p.isWord('MERGE', 1)) {
      // Composable DML: INSERT … SELECT … FROM (MERGE … OUTPUT …) AS d
      p.pos++;
      const ds = p.pos;
      const statement = p.isWord('INSERT') ? parseInsert(p, ds, []) : p.isWord('UPDATE') ? parseUpdate(p, ds, [])
        : p.isWord('DELETE') ? parseDelete(p, ds, []) : parseMerge(p, ds, []);
      p.expectOp(')');
      const alias = parseAlias(p);
      const columns = alias !== undefined && p.isOp('(') ? parseIdentifierList(p) : [];
      return { kind: 'DmlTable', statement, alias, columns, span: p.spanFrom(start) };
    }
    if (p.isWord('VALUES', 1)) {
      p.pos += 2;
      const rows = parseValuesRows(p);
      p.expectOp(')');
      const alias = parseAlias(p);
      const columns = alias !== undefined && p.isOp('(') ? parseIdentifierList(p) : [];
      return { kind: 'ValuesTable', rows, alias, columns, span: p.spanFrom(start) };
    }
    p.pos++;
    const inner = parseJoinedSource(p);
    p.expectOp(')');
    return inner;
  }
  if (t.kind === 'variable') {
    p.pos++;
    const variable = { kind: 'Variable' as const, name: t.text, span: p.spanOfToken(t) };
    if (p.isOp('.') && p.peek(1).kind === 'word' && p.isOp('(', 2)) {
      p.pos++;
      const method = p.next().text;
      const args = parseCallArgs(p);
      const call = { kind: 'MethodCall' as const, target: variable, method, args, span: p.spanFrom(start) };
      const alias = parseAlias(p);
      const columns = alias !== undefined && p.isOp('(') ? parseIdentifierList(p) : [];
      return { kind: 'TableFunctionRef', call, alias, columns, withSchema: undefined, span: p.spanFrom(start) };
    }
    const alias = parseAlias(p);
    skipHints(p);
    return { kind: 'TableVariableRef', variable, alias, span: p.spanFrom(start) };
  }
  // SQL Server 2000 system table functions: `FROM ::fn_dblog(NULL, NULL)`.
  if (p.isOp('::') && p.isNameToken(1)) p.pos++;
  if (!p.isNameToken()) p.fail('a table');
  const name = p.objectName();
  if (p.isOp('(') && !isLegacyHint(p)) return parseTableFunction(p, start, name);
  const hints = parseHints(p);
  const systemTime = p.isWord('FOR') && p.isWord('SYSTEM_TIME', 1) ? parseSystemTime(p) : undefined;
  if (systemTime) hints.push(systemTime.hint);
  if (p.isWord('FOR') && p.isWord('PATH', 1)) {
    // SQL graph: `FROM dbo.FriendOf FOR PATH AS fo` (SHORTEST_PATH patterns)
    p.pos += 2;
    hints.push('FOR PATH');
  }
  const alias = parseAlias(p);
  hints.push(...parseHints(p));
  // Sybase-era `FROM t [alias] HOLDLOCK`, still accepted without parentheses.
  if (p.isWord('HOLDLOCK')) hints.push(p.next().upper);
  if (p.isWord('TABLESAMPLE')) {
    const ts = p.pos++;
    p.eatWord('SYSTEM');
    skipParenthesized(p);
    if (p.eatWord('REPEATABLE')) skipParenthesized(p);
    hints.push(p.textBetween(ts, p.pos).toUpperCase());
    hints.push(...parseHints(p));
  }
  const last = name.parts[name.parts.length - 1] as Identifier;
  return { kind: 'TableRef', name, temp: last.name.startsWith('#'), alias, hints, ...(systemTime ? { systemTime: systemTime.args } : {}), span: p.spanFrom(start) };
}

/**
 * `FOR SYSTEM_TIME AS OF e | FROM e TO e | BETWEEN e AND e | CONTAINED IN (e, e) | ALL`: its text
 * as a hint and its expressions.
 */
function parseSystemTime(p: Parser): { hint: string; args: Expression[] } {
  const start = p.pos;
  const args: Expression[] = [];
  p.pos += 2;
  if (p.eatWord('AS')) {
    p.expectWord('OF');
    args.push(parseScalar(p));
  } else if (p.eatWord('FROM')) {
    args.push(parseScalar(p));
    p.expectWord('TO');
    args.push(parseScalar(p));
  } else if (p.eatWord('BETWEEN')) {
    args.push(parseScalar(p));
    p.expectWord('AND');
    args.push(parseScalar(p));
  } else if (p.eatWord('CONTAINED')) {
    p.expectWord('IN');
    p.expectOp('(');
    args.push(parseExpression(p));
    p.expectOp(',');
    args.push(parseExpression(p));
    p.expectOp(')');
  } else {
    p.expectWord('ALL');
  }
  return { hint: p.textBetween(start, p.pos), args };
}

function parseTableFunction(p: Parser, start: number, name: ObjectName): TableSource {
  const last = name.parts[name.parts.length - 1] as Identifier;
  let args: Expression[];
  if (/^OPENROWSET$/i.test(last.name) && p.isWord('BULK', 1)) {
    // OPENROWSET(BULK 'file', SINGLE_CLOB | FORMATFILE = '…'): keep the file as the argument.
    p.pos += 2;
    args = [parseExpression(p)];
    while (p.eatOp(',')) {
      p.next();
      if (p.eatOp('=')) parseExpression(p);
    }
    p.expectOp(')');
  } else if (/^CHANGETABLE$/i.test(last.name) && (p.isWord('CHANGES', 1) || p.isWord('VERSION', 1))) {
    // CHANGETABLE(CHANGES t, @v) / CHANGETABLE(VERSION t, (cols), (vals)): the table is args[0].
    p.pos += 2;
    args = [parseExpression(p)];
    while (p.eatOp(',')) args.push(parseExpression(p));
    p.expectOp(')');
  } else {
    args = parseCallArgs(p, last.name.toUpperCase());
  }
  if (p.isOp('.') && p.isNameToken(1) && /^OPENDATASOURCE$/i.test(last.name)) {
    const name = parseRemoteTableName(p, start);
    const hints = parseHints(p);
    const alias = parseAlias(p);
    return { kind: 'TableRef', name, temp: false, alias, hints, span: p.spanFrom(start) };
  }
  let call: FunctionCall | MethodCall;
  if (name.parts.length >= 2 && last.name.toUpperCase() === 'NODES') {
    const targetParts = name.parts.slice(0, -1);
    call = { kind: 'MethodCall', target: { kind: 'ColumnRef', parts: targetParts, span: name.span }, method: last.name, args, span: p.spanFrom(start) };
  } else {
    call = { kind: 'FunctionCall', name, args, distinct: false, star: false, withinGroup: [], over: undefined, span: p.spanFrom(start) };
  }
  let withSchema: string | undefined;
  if (p.isWord('WITH') && p.isOp('(', 1) && /^OPEN(JSON|XML|ROWSET)$/i.test(last.name)) {
    // OPENROWSET(BULK …) WITH (col type [n], …): the column schema of Synapse/Fabric serverless reads.
    const ws = ++p.pos;
    skipParenthesized(p);
    withSchema = p.textBetween(ws, p.pos);
  } else if (p.isWord('WITH') && p.isNameToken(1) && /^OPENXML$/i.test(last.name)) {
    // OPENXML(…) WITH table: the rows take the shape of an existing table.
    const ws = ++p.pos;
    p.objectName();
    withSchema = p.textBetween(ws, p.pos);
  }
  const alias = parseAlias(p);
  const columns = alias !== undefined && p.isOp('(') ? parseIdentifierList(p) : [];
  skipHints(p);
  return { kind: 'TableFunctionRef', call, alias, columns, withSchema, span: p.spanFrom(start) };
}

function parseCallArgs(p: Parser, fname = ''): Expression[] {
  p.expectOp('(');
  const args: Expression[] = [];
  if (!p.isOp(')')) {
    do {
      eatFullTextLanguage(p, fname);
      args.push(parseExpression(p));
    } while (p.eatOp(','));
  }
  p.expectOp(')');
  return args;
}

/** `VALUES (…), (…)`, the VALUES keyword already read. */
export function parseValuesRows(p: Parser): Expression[][] {
  const rows: Expression[][] = [];
  do {
    p.expectOp('(');
    const row: Expression[] = [];
    if (!p.isOp(')')) {
      do row.push(parseExpression(p));
      while (p.eatOp(','));
    }
    p.expectOp(')');
    rows.push(row);
  } while (p.eatOp(','));
  return rows;
}

function isLegacyHint(p: Parser): boolean {
  return p.isOp('(') && p.isAnyWord(TABLE_HINTS, 1);
}

/** `WITH (NOLOCK, INDEX(ix))` or legacy `(NOLOCK)`: the hints as upper-case text. */
export function parseHints(p: Parser): string[] {
  const hints: string[] = [];
  if (p.isWord('WITH') && p.isOp('(', 1) && p.isAnyWord(TABLE_HINTS, 2)) p.pos++;
  else if (!isLegacyHint(p)) return hints;
  p.expectOp('(');
  do {
    const hs = p.pos;
    if (p.peek().kind !== 'word') p.fail('a table hint');
    p.pos++;
    if (p.isOp('(')) skipParenthesized(p);
    else if (p.isOp('=')) { p.pos++; p.next(); }
    hints.push(p.textBetween(hs, p.pos).toUpperCase());
  } while (p.eatOp(',') || p.peek().kind === 'word');
  p.expectOp(')');
  return hints;
}

function skipHints(p: Parser): void {
  parseHints(p);
}

/** `[AS] alias` when present. */
export function parseAlias(p: Parser): Identifier | undefined {
  if (p.isWord('AS')) {
    p.pos++;
    const t = p.peek();
    if (t.kind === 'string') {
      p.pos++;
      return { kind: 'Identifier', name: stringTokenValue(t.text).value, quote: 'none', span: p.spanOfToken(t) };
    }
    return p.identifier();
  }
  if (p.isAliasToken()) {
    const t = p.next();
    return identifierFromToken(t, p.spanOfToken(t));
  }
  return undefined;
}

/**
 * A write target: a table name (temp tables included), a table variable, or a rowset function
 * (`OPENQUERY(srv, '…')`), with optional hints. No alias (callers that allow one read it).
 */
/**
 * After `OPENDATASOURCE('provider', 'conn')`: `.db.schema.table`, a remote table named with the
 * call (from token `start`) as its server part.
 */
function parseRemoteTableName(p: Parser, start: number): ObjectName {
  const server: Identifier = { kind: 'Identifier', name: p.textBetween(start, p.pos), quote: 'none', span: p.spanFrom(start) };
  const parts: Identifier[] = [server];
  while (p.isOp('.')) {
    p.pos++;
    if (p.isOp('.')) continue;
    parts.push(p.identifier());
  }
  return { kind: 'ObjectName', parts, span: p.spanFrom(start) };
}

export function parseTableTarget(p: Parser): TableTarget {
  const start = p.pos;
  const t = p.peek();
  if (t.kind === 'variable') {
    p.pos++;
    return { kind: 'TableVariableRef', variable: { kind: 'Variable', name: t.text, span: p.spanOfToken(t) }, alias: undefined, span: p.spanFrom(start) };
  }
  if (!p.isNameToken()) p.fail('a table name');
  const name = p.objectName();
  if (p.isOp('(') && /^OPEN(QUERY|ROWSET|DATASOURCE)$/i.test(name.parts[name.parts.length - 1]?.name ?? '')) {
    const args = parseCallArgs(p);
    if (p.isOp('.') && p.isNameToken(1)) {
      // INSERT INTO OPENDATASOURCE(…).db.dbo.t: the remote table is the target.
      const remote = parseRemoteTableName(p, start);
      return { kind: 'TableRef', name: remote, temp: false, alias: undefined, hints: parseHints(p), span: p.spanFrom(start) };
    }
    const call: FunctionCall = { kind: 'FunctionCall', name, args, distinct: false, star: false, withinGroup: [], over: undefined, span: p.spanFrom(start) };
    return { kind: 'TableFunctionRef', call, alias: undefined, columns: [], withSchema: undefined, span: p.spanFrom(start) };
  }
  const hints = parseHints(p);
  const last = name.parts[name.parts.length - 1] as Identifier;
  return { kind: 'TableRef', name, temp: last.name.startsWith('#'), alias: undefined, hints, span: p.spanFrom(start) };
}
