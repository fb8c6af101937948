import type {
  BulkInsert, ColumnRef, Cte, Delete, Expression, Identifier, Insert, InsertSource, Merge, MergeWhen, OutputClause,
  SelectItem, TableRef, TableTarget, Top, Truncate, Update, UpdateAssignment, Variable,
} from './ast';
import type { Parser } from './parser-core';
import { parseExpression, startsQuery } from './parse-expression';
import { parseIdentifierList, parseOptionClause, parseSelect, parseSelectItem, parseTop, skipParenthesized } from './parse-select';
import { parseAlias, parseHints, parseTableSource, parseTableSources, parseTableTarget, parseValuesRows } from './parse-table-source';
import { parseExecute } from './parse-procedural';

/** Optional `TOP (n) [PERCENT]` of INSERT/UPDATE/DELETE/MERGE. */
function parseDmlTop(p: Parser): Top | undefined {
  return p.isWord('TOP') ? parseTop(p) : undefined;
}

/** `INSERT [TOP] [INTO] target [(cols)] [OUTPUT …] VALUES|SELECT|EXEC|DEFAULT VALUES`. */
export function parseInsert(p: Parser, start: number, ctes: readonly Cte[]): Insert {
  p.expectWord('INSERT');
  const top = parseDmlTop(p);
  p.eatWord('INTO');
  const target = parseTableTarget(p);
  const columns = p.isOp('(') && !startsQuery(p) ? parseIdentifierList(p) : [];
  const output = parseOutput(p);
  let source: InsertSource;
  const ss = p.pos;
  if (p.isWord('VALUES')) {
    p.pos++;
    source = { kind: 'ValuesSource', rows: parseValuesRows(p), span: p.spanFrom(ss) };
  } else if (p.isWord('DEFAULT') && p.isWord('VALUES', 1)) {
    p.pos += 2;
    source = { kind: 'DefaultValues', span: p.spanFrom(ss) };
  } else if (p.isWord('EXEC') || p.isWord('EXECUTE')) {
    source = parseExecute(p);
  } else if (startsQuery(p)) {
    source = parseSelect(p);
  } else {
    return p.fail('VALUES, SELECT, EXEC or DEFAULT VALUES');
  }
  const option = source.kind === 'Select' ? undefined : parseOptionClause(p);
  return { kind: 'Insert', ctes, top, target, columns, output, source, option, span: p.spanFrom(start) };
}

/**
 * `OUTPUT items [INTO target [(cols)]] [OUTPUT items]`: SQL Server allows one OUTPUT … INTO and
 * after it one OUTPUT without INTO (a result set); any other pair is its syntax error.
 */
export function parseOutput(p: Parser): OutputClause | undefined {
  if (!p.isWord('OUTPUT')) return undefined;
  const start = p.pos;
  p.eatWord('OUTPUT');
  const items: SelectItem[] = [];
  do items.push(parseSelectItem(p));
  while (p.eatOp(','));
  let into: TableTarget | undefined;
  let intoColumns: Identifier[] = [];
  if (p.eatWord('INTO')) {
    into = parseTableTarget(p);
    if (p.isOp('(') && !startsQuery(p)) intoColumns = parseIdentifierList(p);
  }
  let returned: OutputClause | undefined;
  if (p.isWord('OUTPUT')) {
    if (into === undefined) return p.fail('INTO before a second OUTPUT (SQL Server takes a second OUTPUT only after OUTPUT … INTO)');
    const second = p.pos;
    p.eatWord('OUTPUT');
    const more: SelectItem[] = [];
    do more.push(parseSelectItem(p));
    while (p.eatOp(','));
    if (p.isWord('INTO') || p.isWord('OUTPUT')) return p.fail('the end of the OUTPUT clauses (SQL Server takes one OUTPUT … INTO and one OUTPUT without INTO after it)');
    returned = { kind: 'OutputClause', items: more, into: undefined, intoColumns: [], returned: undefined, span: p.spanFrom(second) };
  }
  return { kind: 'OutputClause', items, into, intoColumns, returned, span: p.spanFrom(start) };
}

const COMPOUND = new Set(['=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=']);

/** `SET a = e, @v = e, @v = col = e, col += e, col.WRITE(…)`. */
export function parseAssignments(p: Parser): UpdateAssignment[] {
  p.expectWord('SET');
  const list: UpdateAssignment[] = [];
  do {
    const start = p.pos;
    let variable: Variable | undefined;
    let column: ColumnRef | undefined;
    const t = p.peek();
    if (t.kind === 'variable') {
      p.pos++;
      variable = { kind: 'Variable', name: t.text, span: p.spanOfToken(t) };
      const op = p.peek();
      if (op.kind !== 'op' || !COMPOUND.has(op.text)) p.fail("'='");
      p.pos++;
      let operator = op.text;
      if (op.text === '=' && p.isNameToken() && isColumnAssignmentAhead(p)) {
        const cs = p.pos;
        const name = p.objectName();
        column = { kind: 'ColumnRef', parts: name.parts, span: p.spanFrom(cs) };
        // `@v = col += 1`: the operator is the column's; the variable gets the column's new value.
        operator = p.next().text;
      }
      const value = parseExpression(p);
      list.push({ kind: 'UpdateAssignment', variable, column, operator, value, span: p.spanFrom(start) });
      continue;
    }
    const cs = p.pos;
    const name = p.objectName();
    column = { kind: 'ColumnRef', parts: name.parts, span: p.spanFrom(cs) };
    if (p.isOp('(') && name.parts.length >= 2) {
      // col.WRITE(expr, offset, length)
      const targetParts = name.parts.slice(0, -1);
      const method = (name.parts[name.parts.length - 1] as Identifier).name;
      column = { kind: 'ColumnRef', parts: targetParts, span: p.lineIndex.spanOf(name.span.start.offset, (targetParts[targetParts.length - 1] as Identifier).span.end.offset) };
      p.expectOp('(');
      const args: Expression[] = [];
      do args.push(parseExpression(p));
      while (p.eatOp(','));
      p.expectOp(')');
      const value: Expression = { kind: 'MethodCall', target: column, method, args, span: p.spanFrom(cs) };
      list.push({ kind: 'UpdateAssignment', variable: undefined, column, operator: '', value, span: p.spanFrom(start) });
      continue;
    }
    const op = p.peek();
    if (op.kind !== 'op' || !COMPOUND.has(op.text)) p.fail("'='");
    p.pos++;
    const value = parseExpression(p);
    list.push({ kind: 'UpdateAssignment', variable: undefined, column, operator: op.text, value, span: p.spanFrom(start) });
  } while (p.eatOp(','));
  return list;
}

/** After `@v =`: is this `@v = col = expr` or `@v = col += expr`? (a name, then `=` or `op=`). */
function isColumnAssignmentAhead(p: Parser): boolean {
  let k = 0;
  for (;;) {
    if (!p.isNameToken(k)) return false;
    k++;
    if (p.isOp('.', k)) { k++; continue; }
    const t = p.peek(k);
    return t.kind === 'op' && COMPOUND.has(t.text);
  }
}

/** `WHERE cond` or `WHERE CURRENT OF [GLOBAL] cursor`. */
function parseWhere(p: Parser): { where: Expression | undefined; currentOf: string | undefined } {
  if (!p.eatWord('WHERE')) return { where: undefined, currentOf: undefined };
  if (p.isWord('CURRENT') && p.isWord('OF', 1)) {
    p.pos += 2;
    p.eatWord('GLOBAL');
    return { where: undefined, currentOf: p.next().text };
  }
  return { where: parseExpression(p), currentOf: undefined };
}

/** A DML target that may carry an alias/hints: table, alias of a FROM source, table variable. */
function parseDmlTarget(p: Parser): TableTarget {
  const start = p.pos;
  const target = parseTableTarget(p);
  if (target.kind === 'TableFunctionRef') return target;
  const alias = parseAlias(p);
  const hints = parseHints(p);
  if (alias === undefined && hints.length === 0) return target;
  if (target.kind === 'TableRef') return { ...target, alias, hints: [...target.hints, ...hints], span: p.spanFrom(start) };
  return { ...target, alias, span: p.spanFrom(start) };
}

/** `UPDATE [TOP] target SET … [OUTPUT] [FROM …] [WHERE …] [OPTION]`. */
export function parseUpdate(p: Parser, start: number, ctes: readonly Cte[]): Update {
  p.expectWord('UPDATE');
  const top = parseDmlTop(p);
  const target = parseTableTarget(p);
  const assignments = parseAssignments(p);
  const output = parseOutput(p);
  const from = p.eatWord('FROM') ? parseTableSources(p) : [];
  const { where, currentOf } = parseWhere(p);
  const option = parseOptionClause(p);
  return { kind: 'Update', ctes, top, target, assignments, output, from, where, currentOf, option, span: p.spanFrom(start) };
}

/** `DELETE [TOP] [FROM] target [OUTPUT] [FROM …] [WHERE …] [OPTION]`. */
export function parseDelete(p: Parser, start: number, ctes: readonly Cte[]): Delete {
  p.expectWord('DELETE');
  const top = parseDmlTop(p);
  p.eatWord('FROM');
  const target = parseDmlTarget(p);
  const output = parseOutput(p);
  const from = p.eatWord('FROM') ? parseTableSources(p) : [];
  const { where, currentOf } = parseWhere(p);
  const option = parseOptionClause(p);
  return { kind: 'Delete', ctes, top, target, output, from, where, currentOf, option, span: p.spanFrom(start) };
}

/** `MERGE [TOP] [INTO] target [AS t] USING source ON cond WHEN … [OUTPUT …] [OPTION]`. */
export function parseMerge(p: Parser, start: number, ctes: readonly Cte[]): Merge {
  p.expectWord('MERGE');
  const top = parseDmlTop(p);
  p.eatWord('INTO');
  const target = parseDmlTarget(p);
  p.expectWord('USING');
  const source = parseTableSource(p);
  p.expectWord('ON');
  const on = parseExpression(p);
  const whens: MergeWhen[] = [];
  while (p.isWord('WHEN')) whens.push(parseMergeWhen(p));
  if (whens.length === 0) p.fail('WHEN');
  const output = parseOutput(p);
  const option = parseOptionClause(p);
  return { kind: 'Merge', ctes, top, target, source, on, whens, output, option, span: p.spanFrom(start) };
}

function parseMergeWhen(p: Parser): MergeWhen {
  const start = p.pos;
  p.expectWord('WHEN');
  let match: MergeWhen['match'] = 'MATCHED';
  if (p.eatWord('NOT')) {
    p.expectWord('MATCHED');
    match = 'NOT MATCHED BY TARGET';
    if (p.eatWord('BY')) {
      if (p.eatWord('SOURCE')) match = 'NOT MATCHED BY SOURCE';
      else p.expectWord('TARGET');
    }
  } else {
    p.expectWord('MATCHED');
  }
  const condition = p.eatWord('AND') ? parseExpression(p) : undefined;
  p.expectWord('THEN');
  const as = p.pos;
  let action: MergeWhen['action'];
  if (p.isWord('UPDATE')) {
    p.pos++;
    action = { kind: 'MergeUpdate', assignments: parseAssignments(p), span: p.spanFrom(as) };
  } else if (p.isWord('DELETE')) {
    p.pos++;
    action = { kind: 'MergeDelete', span: p.spanFrom(as) };
  } else {
    p.expectWord('INSERT');
    const columns = p.isOp('(') ? parseIdentifierList(p) : [];
    if (p.isWord('DEFAULT') && p.isWord('VALUES', 1)) {
      p.pos += 2;
      action = { kind: 'MergeInsert', columns, values: [], defaultValues: true, span: p.spanFrom(as) };
    } else {
      p.expectWord('VALUES');
      const rows = parseValuesRows(p);
      action = { kind: 'MergeInsert', columns, values: rows[0] ?? [], defaultValues: false, span: p.spanFrom(as) };
    }
  }
  return { kind: 'MergeWhen', match, condition, action, span: p.spanFrom(start) };
}

function parsePlainTable(p: Parser): TableRef {
  const start = p.pos;
  const name = p.objectName();
  const last = name.parts[name.parts.length - 1] as Identifier;
  return { kind: 'TableRef', name, temp: last.name.startsWith('#'), alias: undefined, hints: [], span: p.spanFrom(start) };
}

/** `TRUNCATE TABLE name`. */
export function parseTruncate(p: Parser): Truncate {
  const start = p.pos;
  p.expectWord('TRUNCATE');
  p.expectWord('TABLE');
  const target = parsePlainTable(p);
  if (p.isWord('WITH') && p.isOp('(', 1)) {
    p.pos++;
    skipParenthesized(p);
  }
  return { kind: 'Truncate', target, span: p.spanFrom(start) };
}

/**
 * `BULK INSERT target FROM 'file' [WITH (…)]`, `INSERT BULK target [(col type, …)] [WITH (…)]`
 * and `COPY INTO target [(col n [DEFAULT v], …)] FROM 'url' [, 'url'…] [WITH (…)]`.
 */
export function parseBulkInsert(p: Parser): BulkInsert {
  const start = p.pos;
  const first = p.next().upper;
  const form: BulkInsert['form'] = first === 'COPY' ? 'COPY INTO' : first === 'INSERT' ? 'INSERT BULK' : 'BULK INSERT';
  p.expectWord(form === 'COPY INTO' ? 'INTO' : form === 'INSERT BULK' ? 'BULK' : 'INSERT');
  const target = parsePlainTable(p);
  let source: Expression | undefined;
  if (form !== 'BULK INSERT' && p.isOp('(')) skipParenthesized(p);
  if (form !== 'INSERT BULK') {
    p.expectWord('FROM');
    source = parseExpression(p);
    while (form === 'COPY INTO' && p.eatOp(',')) parseExpression(p);
  }
  let options: string | undefined;
  if (p.isWord('WITH') && p.isOp('(', 1)) {
    const os = p.pos++;
    skipParenthesized(p);
    options = p.textBetween(os, p.pos);
  }
  return { kind: 'BulkInsert', form, target, source, options, span: p.spanFrom(start) };
}
