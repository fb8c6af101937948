import type { Expression, FunctionCall, GroupBy, GroupingSpec } from '../tsql';
import { isRefusal, translated, type Refusal, type Translated } from './draft-model';
import { locatedStop, refuseAt, type DraftScope, type Grouping } from './draft-scope';
import { collationKey, equatedTextStop, stringLiteral } from './sql-text';
import { CARRIED_REASON, formatSqlType, INT, isCarriedAsText, type SqlType } from './sql-types';

/*
 * GROUP BY with SQL Server's grouping sets: `ROLLUP(a, b)`, `CUBE(a, b)`, `GROUPING SETS ((a, b),
 * a, ())`, `GROUP BY a, b WITH ROLLUP|CUBE`, concatenated with plain keys (a cross product of the
 * sets), duplicate sets kept as UNION ALL keeps them: DuckDB's grouping sets have these
 * semantics. Text keys group by their collation key, as in a plain GROUP BY; a text key read
 * outside an aggregate shows the group's spelling (min, noted) in the rows that group by it and
 * NULL in the rows that roll it up, where DuckDB's min(…) would show a spelling of the whole
 * super-group. GROUPING(x) is 1 in the rows that roll x up (tinyint), GROUPING_ID(a, b, …) those
 * bits with the first argument's the highest (int), which is the order of DuckDB's grouping().
 */

type GroupItem = GroupBy['items'][number];

/**
 * The SQL of an expression without the source positions its runtime stops name
 * (`error('f.sql:49:14: …')`): the same T-SQL expression in the select list and in the GROUP BY
 * translates to SQL that differs only there, and must be found as the same group key.
 */
export function groupKeyText(sql: string): string {
  return sql.replace(/(error\('(?:[^']|'')*?):\d+:\d+: /g, '$1: ');
}

/** The GROUP BY list as DuckDB SQL and the grouping the select list reads it through. */
export function translateGroupBy(groupBy: GroupBy, q: DraftScope, tx: (e: Expression, s: DraftScope) => Translated | Refusal): { sql: string[]; grouping: Grouping } | Refusal {
  const ctx = q.ctx;
  if (groupBy.all) return refuseAt(ctx, groupBy.span, 'GROUP BY ALL', 'not translated');
  const stringKeys = new Set<string>();
  const keys = new Map<string, string>();
  // One stop for every text key, at the GROUP BY: a key named in two grouping sets must be the
  // same SQL in both, which a position of its own in each would make two keys to DuckDB.
  const equated = locatedStop(ctx, groupBy.span, equatedTextStop('GROUP BY'));
  const item = (g: GroupItem | Expression): string | Refusal => {
    if (g.kind === 'GroupingSpec') return spec(g);
    // A set of GROUPING SETS or ROLLUP/CUBE, `(Region, Shop)`, or the grand total `()`.
    if (g.kind === 'ExpressionList') {
      const parts = list(g.items);
      return isRefusal(parts) ? parts : `(${parts.join(', ')})`;
    }
    const k = tx(g, q);
    if (isRefusal(k)) return k;
    if (isCarriedAsText(k.type)) return refuseAt(ctx, g.span, `GROUP BY a ${formatSqlType(k.type)} value`, CARRIED_REASON);
    const key = k.type.family === 'string' ? collationKey(k.sql, equated) : k.sql;
    if (k.type.family === 'string') stringKeys.add(groupKeyText(k.sql));
    keys.set(groupKeyText(k.sql), key);
    return key;
  };
  const list = (items: readonly (GroupItem | Expression)[]): string[] | Refusal => {
    const out: string[] = [];
    for (const g of items) {
      const s = item(g);
      if (isRefusal(s)) return s;
      out.push(s);
    }
    return out;
  };
  const spec = (g: GroupingSpec): string | Refusal => {
    const parts = list(g.items);
    return isRefusal(parts) ? parts : `${g.type}(${parts.join(', ')})`;
  };
  const parts = list(groupBy.items);
  if (isRefusal(parts)) return parts;
  const rolled = groupBy.withOption !== undefined || groupBy.items.some((g) => g.kind === 'GroupingSpec');
  return { sql: groupBy.withOption === undefined ? parts : [`${groupBy.withOption}(${parts.join(', ')})`], grouping: { stringKeys, keys, rolled } };
}

/**
 * The HAVING condition (`having`, or none) with a stop of the query where a grand total (ROLLUP,
 * CUBE, WITH ROLLUP|CUBE, a `()` grouping set) meets no input rows: DuckDB gives the standard's one
 * row there, SQL Server's documentation does not say, and the emulator refuses it
 * (src/legacy/emulator/empty-grand-total.ts). Only that row has COUNT(*) = 0; rows HAVING drops
 * are never checked.
 */
export function havingWithGrandTotalStop(groupBy: GroupBy | undefined, q: DraftScope, having: string | undefined): string | undefined {
  const grandTotal = groupBy !== undefined && (groupBy.withOption !== undefined || groupBy.items.some((g) => g.kind === 'GroupingSpec' || (g.kind === 'ExpressionList' && g.items.length === 0)));
  if (!grandTotal) return having;
  const stop = locatedStop(q.ctx, groupBy.span, 'GROUP BY: the grand total of ROLLUP, CUBE or GROUPING SETS over no rows, which SQL Server may not return (not documented)');
  const guard = `(CASE WHEN count(*) = 0 THEN error(${stringLiteral(stop)}) ELSE true END)`;
  return having === undefined ? guard : `(CASE WHEN ${having} THEN ${guard} ELSE false END)`;
}

/** A grouped text key read outside an aggregate: the group's spelling, NULL where a grouping set rolls it up. */
export function groupedTextValue(grouping: Grouping, sql: string): string {
  const key = grouping.keys?.get(groupKeyText(sql));
  return grouping.rolled && key !== undefined ? `(CASE WHEN grouping(${key}) = 1 THEN NULL ELSE min(${sql}) END)` : `min(${sql})`;
}

const TINYINT: SqlType = { family: 'int', name: 'tinyint' };

/** GROUPING(x) / GROUPING_ID(x, …) over the GROUP BY keys of the query level. */
export function translateGroupingCall(call: FunctionCall, name: 'grouping' | 'grouping_id', scope: DraftScope, tx: (e: Expression, s: DraftScope) => Translated | Refusal): Translated | Refusal {
  const refuse = (why: string): Refusal => refuseAt(scope.ctx, call.span, `${name.toUpperCase()}()`, why);
  const keys = scope.grouping?.keys;
  if (keys === undefined) return refuse('outside a query with GROUP BY (SQL Server rejects it)');
  if (call.args.length === 0 || (name === 'grouping' && call.args.length > 1)) return refuse(`${call.args.length} arguments`);
  const args: string[] = [];
  for (const a of call.args) {
    // The column as the GROUP BY wrote it (not the group's shown spelling).
    const v = tx(a, scope.insideAggregate());
    if (isRefusal(v)) return v;
    const key = keys.get(groupKeyText(v.sql));
    if (key === undefined) return refuseAt(scope.ctx, a.span, `${name.toUpperCase()}()`, 'its argument is not an expression of the GROUP BY list (SQL Server rejects it)');
    args.push(key);
  }
  return name === 'grouping' ? translated(`CAST(grouping(${args.join(', ')}) AS TINYINT)`, TINYINT) : translated(`CAST(grouping(${args.join(', ')}) AS INTEGER)`, INT);
}
