import type { Expression, OrderByItem, QuerySpec, Select, SelectItem } from '../tsql';
import { isRefusal, type DraftColumn, type Refusal } from './draft-model';
import { locatedStop, refuseAt, type DraftScope } from './draft-scope';
import { collationOrderKey, quoteName, stringLiteral, TEXT_ORDER_CHARS, TEXT_ORDER_NOTE } from './sql-text';
import { translateExpression } from './translate-expression';
import { translateSelect } from './translate-query';
import { checkedBySort, draftSortDoubtSql, TEXT_ORDER_DOUBT, type DraftSortKey } from './text-order-doubt';

/*
 * A result set's ORDER BY. SQL Server orders by columns the query does not return (`SELECT
 * c.Name … ORDER BY c.CustomerId`), by a select-list alias (`ORDER BY Total`) and by position
 * (`ORDER BY 2`). The result's rows are a CTE that the draft's final SELECT projects onto the
 * spec's columns, so each sort key rides through that CTE as a column of its own, computed
 * where the legacy query computed it, and the final SELECT orders by it without returning it.
 */

/** A result set's query: its SQL (sort keys included), the columns it returns, its ORDER BY over `o`. */
export interface ResultQuery {
  readonly sql: string;
  readonly columns: readonly DraftColumn[];
  /** Over the result's CTE aliased `o` (`o.order_key_1 DESC NULLS LAST, …`). */
  readonly orderBy: string | undefined;
}

const KEY_PREFIX = 'order_key_';

/** Translates a SELECT whose rows are a result set, keeping its ORDER BY. */
export function translateResultSelect(select: Select, scope: DraftScope): ResultQuery | Refusal {
  if (select.orderBy.length === 0) {
    const q = translateSelect(select, scope);
    return isRefusal(q) ? q : { sql: q.sql, columns: q.columns, orderBy: undefined };
  }
  const body = select.body;
  if (body.kind !== 'QuerySpec') return setOperationOrder(select, scope);
  const keys: SelectItem[] = [];
  for (const [i, o] of select.orderBy.entries()) {
    const e = sortExpression(o, body, scope);
    if (isRefusal(e)) return e;
    keys.push({ kind: 'SelectItem', expression: e, alias: { kind: 'Identifier', name: `${KEY_PREFIX}${i + 1}`, quote: 'none', span: o.span }, aliasStyle: 'as', span: o.span });
  }
  // TOP (n) WITH TIES keeps every row ranked within the first n (rank() gives tied rows one
  // place): which rows it returns does not depend on the plan. Without WITH TIES it does, and
  // translateSelect refuses it.
  const ties = body.top !== undefined && body.top.withTies && !body.top.percent ? body.top : undefined;
  const q = translateSelect({ ...select, orderBy: [], body: { ...body, ...(ties ? { top: undefined } : {}), items: [...body.items, ...keys] } }, scope);
  if (isRefusal(q)) return q;
  const width = q.columns.length - keys.length;
  const sortKeys: DraftSortKey[] = [];
  const order = q.columns.slice(width).map((c, i) => orderTerm(`o.${quoteName(c.name)}`, c, select.orderBy[i] as OrderByItem, scope, sortKeys));
  const doubt = draftSortDoubtSql(sortKeys, []);
  if (ties === undefined) return { sql: q.sql, columns: q.columns.slice(0, width), orderBy: checkedOrder(order, doubt) };
  const n = translateExpression(ties.expression, scope);
  if (isRefusal(n)) return n;
  if (n.type.family !== 'int') return refuseAt(scope.ctx, ties.span, 'TOP … WITH TIES', 'a number of rows that is not an integer (SQL Server converts it by rules the draft does not reproduce)');
  const stop = stringLiteral(locatedStop(scope.ctx, ties.span, 'TOP (n) WITH TIES: n is NULL or negative, which SQL Server refuses'));
  const sql = `SELECT * FROM (SELECT o.*, ${checkedBySort(`rank() OVER (ORDER BY ${order.join(', ')})`, doubt)} AS top_rank FROM (${q.sql}) o) o
WHERE o.top_rank <= (CASE WHEN (${n.sql}) IS NULL OR (${n.sql}) < 0 THEN error(${stop}) ELSE (${n.sql}) END)`;
  return { sql, columns: q.columns.slice(0, width), orderBy: order.join(', ') };
}

/**
 * A result's ORDER BY led by the check (NULL for every row) that stops it where two texts of
 * doubtful order meet side by side (text-order-doubt.ts).
 */
function checkedOrder(order: readonly string[], doubt: string | undefined): string {
  return [...(doubt === undefined ? [] : [doubt]), ...order].join(', ');
}

/** NULLs first ascending and last descending, as SQL Server sorts; text by its collation order key (`sortKeys` receives it). */
function orderTerm(sql: string, column: DraftColumn, item: OrderByItem, scope: DraftScope, sortKeys: DraftSortKey[]): string {
  let key = sql;
  if (column.type.family === 'string') {
    key = collationOrderKey(sql, locatedStop(scope.ctx, item.span, TEXT_ORDER_CHARS));
    scope.ctx.notes.push(TEXT_ORDER_NOTE);
  }
  sortKeys.push({ key, text: column.type.family === 'string' ? sql : undefined, stop: locatedStop(scope.ctx, item.span, `ORDER BY: ${TEXT_ORDER_DOUBT}`) });
  return `${key} ${item.direction === 'DESC' ? 'DESC NULLS LAST' : 'ASC NULLS FIRST'}`;
}

/** The name a select item's column has (its alias, else a column reference's name). */
function itemName(item: SelectItem): string | undefined {
  if (item.alias) return item.alias.name;
  return item.expression.kind === 'ColumnRef' ? item.expression.parts[item.expression.parts.length - 1]?.name : undefined;
}

/** An expression's shape without its place in the text, to tell two spellings of one expression apart. */
function shape(e: Expression): string {
  return JSON.stringify(e, (k, v: unknown) => (k === 'span' ? undefined : typeof v === 'string' ? v.toLowerCase() : v));
}

/**
 * What an ORDER BY item of a query sorts by, as SQL Server resolves it: a position is that select
 * item; a one-part name matching a select-list column is that column (before a FROM column of
 * the same name); anything else is an expression over the FROM sources. Under DISTINCT, only
 * what the select list holds (SQL Server refuses the rest, Msg 145).
 */
export function sortExpression(o: OrderByItem, spec: QuerySpec, scope: DraftScope): Expression | Refusal {
  const ctx = scope.ctx;
  const e = o.expression;
  const items = spec.items.filter((i): i is SelectItem => i.kind === 'SelectItem');
  if (e.kind === 'Literal' && e.literalType === 'integer') {
    if (items.some((i) => i.expression.kind === 'Star')) return refuseAt(ctx, o.span, `ORDER BY ${e.value}`, 'a position over SELECT * is not translated: name the column');
    const item = items[Number(e.value) - 1];
    if (!item) return refuseAt(ctx, o.span, `ORDER BY ${e.value}`, 'the select list has no column at that position');
    return item.expression;
  }
  if (e.kind === 'ColumnRef' && e.parts.length === 1) {
    const name = (e.parts[0]?.name ?? '').toLowerCase();
    const matches = items.filter((i) => itemName(i)?.toLowerCase() === name);
    const first = matches[0];
    if (first) {
      if (new Set(matches.map((m) => shape(m.expression))).size > 1) return refuseAt(ctx, o.span, `ORDER BY ${e.parts[0]?.name ?? ''}`, 'the name stands for two different columns of the select list (SQL Server: ambiguous column name)');
      return first.expression;
    }
  }
  if (spec.distinct && !items.some((i) => shape(i.expression) === shape(e))) {
    return refuseAt(ctx, o.span, 'ORDER BY', 'under SELECT DISTINCT the sort key must be a column of the select list (SQL Server: Msg 145)');
  }
  return e;
}

/**
 * A UNION / EXCEPT / INTERSECT sorted: SQL Server sorts by columns of the result (named as the
 * first query names them, or by position); the draft orders by that column of the result's CTE.
 */
function setOperationOrder(select: Select, scope: DraftScope): ResultQuery | Refusal {
  const q = translateSelect({ ...select, orderBy: [] }, scope);
  if (isRefusal(q)) return q;
  const order: string[] = [];
  const sortKeys: DraftSortKey[] = [];
  for (const o of select.orderBy) {
    const e = o.expression;
    let column: DraftColumn | undefined;
    if (e.kind === 'Literal' && e.literalType === 'integer') column = q.columns[Number(e.value) - 1];
    else if (e.kind === 'ColumnRef') {
      const name = (e.parts[e.parts.length - 1]?.name ?? '').toLowerCase();
      const matches = q.columns.filter((c) => c.name.toLowerCase() === name);
      column = matches.length === 1 ? matches[0] : undefined;
    }
    if (!column) return refuseAt(scope.ctx, o.span, 'ORDER BY', `the sort key of ${select.body.kind === 'SetOperation' ? select.body.operator : 'the query'} must name one of its columns (or its position)`);
    order.push(orderTerm(`o.${quoteName(column.name)}`, column, o, scope, sortKeys));
  }
  return { sql: q.sql, columns: q.columns, orderBy: checkedOrder(order, draftSortDoubtSql(sortKeys, [])) };
}
