import { guidOrderKeySql } from './guid-order';
import { findAll, type FunctionCall, type OrderByItem, type WindowSpec } from '../../tsql';
import type { SqlFragment, SqlTranslator } from './expressions';
import type { SqlScope } from './sql-scope';
import { isSyntheticWindow, windowTieBreak } from './reproducibility/window-ties';
import { disputedWindow } from './reproducibility/tie-disputes';
import { refuseOpaqueKey } from './opaque-values';
import { aggregateSortDoubtSql, sortDoubtSql, type SortKey } from './reproducibility/text-order-doubt';

// ORDER BY and OVER (…) as SQL Server orders, partitions and groups: NULLs first ascending, text
// by its collation key and without trailing blanks. Split from expressions.ts, which translates
// the expressions they are made of.

/** The refusal for computing with a geography, geometry, hierarchyid or sql_variant value. */
export const OPAQUE_USE = 'comparing, ordering or computing with geography, geometry, hierarchyid or sql_variant values (the emulator only stores and copies them)';

/** ORDER BY item with SQL Server's NULL ordering (NULLs first ascending, last descending). */
export function translateOrderBy(t: SqlTranslator, items: readonly OrderByItem[], scope: SqlScope, outputs?: ReadonlyMap<string, OrderTarget>): string {
  return orderKeys(t, items, scope, outputs).map((k) => k.item).join(', ');
}

/**
 * The ORDER BY of a query, led by a check (NULL for every row) that stops it where two text
 * values it puts side by side may be in another order in SQL Server (text-order-doubt.ts).
 */
export function translateCheckedOrderBy(t: SqlTranslator, items: readonly OrderByItem[], scope: SqlScope, outputs?: ReadonlyMap<string, OrderTarget>): string {
  const keys = orderKeys(t, items, scope, outputs);
  // Text a window computes would be lagged by another window (text-order-doubt.ts), which DuckDB refuses.
  const windowedText = items.find((_, i) => keys[i]?.windowed === true && keys[i]?.text !== undefined);
  if (windowedText !== undefined) throw t.state.unsupported(windowedText, 'ORDER BY text a window function computes (whether the collation orders its values as the emulator does is not checked there)');
  const doubt = sortDoubtSql(t, keys, [], 'ORDER BY', items[0]);
  return [...(doubt === undefined ? [] : [doubt]), ...keys.map((k) => k.item)].join(', ');
}

function orderKeys(t: SqlTranslator, items: readonly OrderByItem[], scope: SqlScope, outputs?: ReadonlyMap<string, OrderTarget>): (SortKey & { readonly item: string })[] {
  return items.map((o) => {
    // A bare name is the select list's alias before it is a column of the FROM (SQL Server's
    // rule: `SELECT -Amount AS Amount … ORDER BY Amount` orders by the negated value).
    const e = o.expression;
    // An integer is the position of a select-list column (the ORDER BY page), never a constant.
    const position = e.kind === 'Literal' && e.literalType === 'integer' ? outputs?.get(`#${e.value}`) : undefined;
    if (e.kind === 'Literal' && e.literalType === 'integer' && position === undefined) throw t.state.unsupported(o, `ORDER BY ${e.value} (a position in the select list) here`);
    const target = position ?? (e.kind === 'ColumnRef' && e.parts.length === 1 ? outputs?.get((e.parts[0]?.name ?? '').toLowerCase()) : undefined);
    if (target?.volatile) throw t.state.unsupported(o, 'ORDER BY the alias of a value computed anew at each call (NEWID, RAND, …): the order would not be the one of the values returned');
    const x = target?.value ?? t.expr(e, scope);
    if (x.family === 'opaque') throw t.state.unsupported(o, OPAQUE_USE);
    // Text without its trailing blanks, as `<` compares it: 'East' and 'east ' are peers for
    // RANK, DENSE_RANK, a RANGE frame and TOP … WITH TIES, as under SQL Server's collation.
    // A uniqueidentifier by SQL Server's byte significance, not DuckDB's text order (guid-order.ts).
    const key = x.family === 'string' ? `tsql_collation_key(tsql_str(${x.sql}))` : x.family === 'guid' ? guidOrderKeySql(x.sql) : x.sql;
    const windowed = target !== undefined ? target.windowed === true : findAll(e, 'FunctionCall').some((f) => f.over !== undefined);
    return { key, text: x.family === 'string' ? x.sql : undefined, windowed, item: o.direction === 'DESC' ? `${key} DESC NULLS LAST` : `${key} ASC NULLS FIRST` };
  });
}

/** A select item an ORDER BY may name by its alias: its translated value, and whether it changes from one evaluation to the next. */
export interface OrderTarget {
  readonly value: SqlFragment;
  readonly volatile: boolean;
  /** The item holds a window function (`RANK() OVER (…) AS Rnk`). */
  readonly windowed?: boolean;
}

/**
 * The key SQL Server groups, partitions and de-duplicates a value by: text without its trailing
 * blanks (case is the nocase default collation's), anything else as it is.
 */
export function groupKeySql(x: SqlFragment): string {
  return x.family === 'string' ? `tsql_str(${x.sql})` : x.sql;
}

/**
 * OVER (…) of a window function (`fn`, upper-case, when its ties may need breaking: window-ties.ts).
 * For FIRST_VALUE and LAST_VALUE over a RANGE frame, `pick.order` receives the ORDER BY their
 * argument takes instead (`last_value(x ORDER BY …) OVER (…)`).
 */
export function translateWindow(t: SqlTranslator, w: WindowSpec, scope: SqlScope, fn?: string, pick?: { order?: string }): string {
  if (w.name !== undefined) throw t.state.unsupported(w, 'named windows');
  const parts: string[] = [];
  // Text partitions as SQL Server's collation compares: case-insensitively (DuckDB's nocase
  // default collation) and without trailing blanks, which DuckDB's equality keeps ('a' and 'a '
  // were two partitions).
  const partition = w.partitionBy.map((p) => {
    const x = t.expr(p, scope);
    refuseOpaqueKey(t, p, x, 'PARTITION BY');
    return groupKeySql(x);
  });
  if (partition.length > 0) parts.push(`PARTITION BY ${partition.join(', ')}`);
  const tie = fn === undefined ? undefined : windowTieBreak(t, w, scope, fn, partition);
  const keys = orderKeys(t, w.orderBy, scope);
  const order = keys.length > 0 ? keys.map((k) => k.item).join(', ') : undefined;
  // A RANGE frame (the default under ORDER BY) holds the current row's peers, so tied rows share
  // one frame and FIRST_VALUE/LAST_VALUE give them one value (SQL Server's pick among the peers);
  // a tie-break in the window's ORDER BY would split the peers into frames of their own (LAST_VALUE
  // of two tied rows would give each its own value). It orders only the rows the value is picked from.
  if (pick !== undefined && tie !== undefined && order !== undefined && (fn === 'FIRST_VALUE' || fn === 'LAST_VALUE') && (w.frame === undefined || w.frame.unit === 'RANGE')) {
    pick.order = `${order}, ${tie}`;
    parts.push(`ORDER BY ${order}`);
  } else if (order !== undefined) parts.push(`ORDER BY ${order}${tie === undefined ? '' : `, ${tie}`}`);
  else if (tie !== undefined) parts.push(`ORDER BY ${tie}`);
  // The order check reads its neighbours in this window's own sort where it can (DuckDB sorts once for both).
  const doubt = sortDoubtSql(t, keys, partition, isSyntheticWindow(w) ? 'ORDER BY' : 'the ORDER BY of OVER (…)', w.orderBy[0], parts.join(' '));
  if (doubt === undefined) windowDoubts.delete(w);
  else windowDoubts.set(w, doubt);
  if (w.frame !== undefined) {
    const bound = (b: NonNullable<typeof w.frame>['start']): string =>
      b.offset === undefined ? b.bound : `${t.expr(b.offset, scope).sql} ${b.bound}`;
    parts.push(w.frame.end === undefined ? `${w.frame.unit} ${bound(w.frame.start)}` : `${w.frame.unit} BETWEEN ${bound(w.frame.start)} AND ${bound(w.frame.end)}`);
  }
  return `OVER (${parts.join(' ')})`;
}

/* The order check of each window translateWindow translated last (a window holds no other window, so it stands beside the function). */
const windowDoubts = new WeakMap<WindowSpec, string>();

/** A window function's value (`x`, of `call`: a function or NEXT VALUE FOR … OVER) stopped where its window's ORDER BY meets two texts of uncertain order. */
export function checkedWindowOrder(call: { readonly over?: WindowSpec | undefined }, x: SqlFragment): SqlFragment {
  const doubt = call.over === undefined ? undefined : windowDoubts.get(call.over);
  const sql = disputedWindow(call, x.sql);
  return doubt === undefined ? { ...x, sql } : { ...x, sql: `(CASE WHEN ${doubt} IS NULL THEN ${sql} END)` };
}

/* The order check of each STRING_AGG … WITHIN GROUP translateWithinGroup translated last. */
const withinDoubts = new WeakMap<FunctionCall, string>();

/** The ORDER BY of `call`'s WITHIN GROUP (its check kept for checkedWithinGroup). */
export function translateWithinGroup(t: SqlTranslator, call: FunctionCall, scope: SqlScope): string {
  const keys = t.insideAggregate(() => orderKeys(t, call.withinGroup, scope));
  const doubt = aggregateSortDoubtSql(t, keys, 'WITHIN GROUP (ORDER BY …)', call.withinGroup[0]);
  if (doubt === undefined) withinDoubts.delete(call);
  else withinDoubts.set(call, doubt);
  return keys.map((k) => k.item).join(', ');
}

/** The aggregate `sql` of `call` stopped where its WITHIN GROUP order meets two texts of uncertain order. */
export function checkedWithinGroup(call: FunctionCall, sql: string): string {
  const doubt = withinDoubts.get(call);
  return doubt === undefined ? sql : `(CASE WHEN ${doubt} IS NULL THEN ${sql} END)`;
}
