import type { Select, SelectItem } from '../tsql';
import { isRefusal, type Refusal } from './draft-model';
import { locatedStop, refuseAt, type DraftScope } from './draft-scope';
import { collationOrderKey, quoteName, stringLiteral, TEXT_ORDER_CHARS, TEXT_ORDER_NOTE } from './sql-text';
import type { TranslatedQuery } from './translate-query';
import { sortExpression } from './translate-order';
import { formatSqlType, NULL_TYPE } from './sql-types';
import { checkedBySort, draftSortDoubtSql, TEXT_ORDER_DOUBT, type DraftSortKey } from './text-order-doubt';

/*
 * `(SELECT TOP (n) x FROM … ORDER BY k…)` in a subquery (the as-of lookup `TOP 1 … ORDER BY
 * CollectedAt DESC`). SQL Server returns the first n rows in that order; when rows tie on the
 * ORDER BY across the n-th place, which of them it returns is up to the plan. The draft ranks
 * the rows by the same keys (NULLs first ascending, text by collation key) and keeps the
 * first n, and stops the query with an error when a tie crosses the n-th place instead of
 * picking a row.
 */

type SelectTranslator = (s: Select, scope: DraftScope, correlated: boolean) => TranslatedQuery | Refusal;

/** The error a TOP … ORDER BY stops with when ties cross its last row. */
export const TOP_TIE = 'TOP … ORDER BY: rows tie on the ORDER BY across the last row kept, so SQL Server may return either';

/**
 * Translates a subquery with `TOP (n)` (a constant, no PERCENT or WITH TIES) and an ORDER BY,
 * or refuses it. The result's columns are the query's; its order is not kept (a subquery's
 * rows have none).
 */
export function translateTopOrdered(select: Select, scope: DraftScope, translateSelect: SelectTranslator): TranslatedQuery | Refusal {
  const spec = select.body;
  if (spec.kind !== 'QuerySpec' || !spec.top) return refuseAt(scope.ctx, select.span, 'TOP', 'not a TOP query');
  const top = spec.top;
  const refuse = (why: string): Refusal => refuseAt(scope.ctx, top.span, 'TOP', why);
  if (top.percent || top.withTies) return refuse('TOP … PERCENT and WITH TIES are not translated');
  const n = top.expression.kind === 'Literal' && top.expression.literalType === 'integer' ? Number(top.expression.value) : NaN;
  if (!Number.isSafeInteger(n)) return refuse('only a constant number of rows is translated');
  if (select.orderBy.length === 0) return refuse('TOP without ORDER BY returns rows in no defined order');
  // a grouped query's ORDER BY keys are grouped expressions or aggregates, as its select items
  // are (SQL Server's rule for both): added as items, the grouping translates them alike
  if (spec.distinct) return refuse('TOP over DISTINCT rows is not translated');
  // each key as SQL Server resolves it: a select-list alias or position is that column
  const keyItems: SelectItem[] = [];
  for (const [i, o] of select.orderBy.entries()) {
    const e = sortExpression(o, spec, scope);
    if (isRefusal(e)) return e;
    keyItems.push({ kind: 'SelectItem', expression: e, alias: { kind: 'Identifier', name: `top_k${i + 1}`, quote: 'none', span: o.span }, aliasStyle: 'as', span: o.span });
  }
  const inner = translateSelect({ ...select, orderBy: [], body: { ...spec, top: undefined, items: [...spec.items, ...keyItems] } }, scope, true);
  if (isRefusal(inner)) return inner;
  const width = inner.columns.length - select.orderBy.length;
  const columns = inner.columns.slice(0, width);
  // binary, uniqueidentifier (SQL Server orders it by its last six bytes first) and the other
  // types the draft holds as text of its own: the text's order is not known to be SQL Server's
  const unordered = inner.columns.slice(width).findIndex((c) => c.type.family === 'unknown');
  if (unordered >= 0) return refuseAt(scope.ctx, select.orderBy[unordered]?.span ?? top.span, 'ORDER BY', `ordering a ${formatSqlType(inner.columns[width + unordered]?.type ?? NULL_TYPE)} value, whose order in SQL Server the draft does not reproduce`);
  const names = columns.map((c) => c.name.toLowerCase());
  if (new Set(names).size !== names.length) return refuse('two columns of the query have the same name');
  const keys: string[] = [];
  const order: string[] = [];
  const sortKeys: DraftSortKey[] = [];
  inner.columns.slice(width).forEach((c, i) => {
    const text = `top_rows.${quoteName(c.name)}`;
    let k = text;
    if (c.type.family === 'string') {
      k = collationOrderKey(k, locatedStop(scope.ctx, select.orderBy[i]?.span ?? top.span, TEXT_ORDER_CHARS));
      scope.ctx.notes.push(TEXT_ORDER_NOTE);
    }
    keys.push(k);
    sortKeys.push({ key: k, text: c.type.family === 'string' ? text : undefined, stop: locatedStop(scope.ctx, select.orderBy[i]?.span ?? top.span, `TOP … ORDER BY: ${TEXT_ORDER_DOUBT}`) });
    order.push(`${k} ${select.orderBy[i]?.direction === 'DESC' ? 'DESC NULLS LAST' : 'ASC NULLS FIRST'}`);
  });
  // rank() gives a tie group its first place; the group ends at rank + size - 1. A group across
  // the n-th place whose rows return the same values (a price list holding one row twice) gives
  // the same result whichever rows SQL Server takes: only one whose rows differ (as exact text,
  // so 'a' and 'A' differ) stops; otherwise row_number() keeps exactly n of them.
  const kinds = `count(DISTINCT CAST(struct_pack(${columns.map((c, i) => `c${i} := top_rows.${quoteName(c.name)}`).join(', ')}) AS VARCHAR)) OVER (PARTITION BY ${keys.join(', ')})`;
  const sql = `SELECT ${columns.map((c) => `top_ranked.${quoteName(c.name)}`).join(', ')}
FROM (SELECT top_rows.*, ${checkedBySort(`rank() OVER (ORDER BY ${order.join(', ')})`, draftSortDoubtSql(sortKeys, []))} AS top_rank, row_number() OVER (ORDER BY ${order.join(', ')}) AS top_place, count(*) OVER (PARTITION BY ${keys.join(', ')}) AS top_ties, ${kinds} AS top_kinds FROM (${inner.sql}) top_rows) top_ranked
WHERE CASE WHEN top_ranked.top_rank <= ${n} AND top_ranked.top_rank + top_ranked.top_ties - 1 > ${n} AND top_ranked.top_kinds > 1 THEN error(${stringLiteral(locatedStop(scope.ctx, top.span, TOP_TIE))}) ELSE top_ranked.top_place <= ${n} END`;
  return { kind: 'query', sql, columns, orderBy: undefined };
}
