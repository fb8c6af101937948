import type { FunctionCall, Node, OpenCursor, OrderByItem, QuerySpec, WindowSpec } from '../../../tsql';
import { walk } from '../../../tsql';
import { quote, type SqlTranslator } from '../expressions';
import type { SqlScope } from '../sql-scope';
import type { CursorState } from '../state';
import type { LoopVerdict } from './order-insensitive-loop';
import { noteOrderInsensitiveLoop } from './order-insensitive-runs';

/*
 * Capture's order check (order-check.ts) runs the procedure a second time with tied rows taken in
 * the other order and trusts outputs that come out the same. For two tied rows that is every
 * order SQL Server may pick; for three or more it is not: [fee, refund, fee] reads the same
 * reversed, so ROW_NUMBER's `rn = 1`, a TOP 1 and STRING_AGG gave `fee` and `fee,refund,fee` in
 * both runs while SQL Server may give `refund` or `fee,fee,refund`; a rotation misses
 * [fee, fee, refund, fee] in turn, and no fixed set of orders sees every pick. What is complete
 * is a rule on the tie group itself: its order cannot change anything when its rows agree on
 * everything the query reads of them (the source columns its select list names, a STRING_AGG's
 * value), since any order of equal rows is the same input. So the second run checks each group
 * of three or more tied rows (two tied rows have no order besides the two the runs take) and,
 * where they disagree, stops with a refusal: the order check then lists every output as
 * non-reproducible, naming the reads, instead of claiming the values of one or two orders.
 * Coarse, but sound. A window's refusal is followed instead: order-check.ts runs again with that
 * window's values marked not reproducible (window-ties.ts, taint-sources.ts noteTieOrderedValue), so
 * only what they reach is listed. A cursor's rows are in hand at OPEN, and compared there.
 */

/** The query spec whose rows a scope holds (queries.ts): its select list says what is read of them. */
const specs = new WeakMap<SqlScope, QuerySpec>();

export function noteScopeSpec(scope: SqlScope, spec: QuerySpec): void {
  specs.set(scope, spec);
}

/** The refusal a disputed tie group raises in the second run (an uncatchable emulator refusal, as error() refusals are). */
function refusal(t: SqlTranslator, node: Node, what: string): string {
  const message = `the emulator does not support ${what} at ${t.state.place(node.span)} when three or more of them tie and differ in what the query reads of them (SQL Server may take them in any order, and two runs show only two)`;
  return `error('${message.replace(/'/g, "''")}')`;
}

/**
 * What a query reads of its rows, as one value per row: the columns of its FROM items its select
 * list and ORDER BY name (by name, so a same-named column elsewhere is read too: more is safe),
 * all of an item's columns under `*`; undefined when the scope's rows are not known.
 */
function readContent(t: SqlTranslator, scope: SqlScope): string | undefined {
  // A grouped query's rows are its groups, told apart by their keys (as window-ties.ts breaks their ties).
  if (!t.rowScopes.has(scope)) {
    const keys = t.groupKeys.get(scope);
    return keys === undefined ? undefined : `hash(row(${keys}))`;
  }
  const sources = t.rowSources.get(scope) ?? [];
  const spec = specs.get(scope);
  if (sources.length === 0 || spec === undefined) return undefined;
  const named = new Set<string>();
  const starred = new Set<string>();
  let all = false;
  const visit = (n: Node): boolean => {
    if (n.kind === 'Star') {
      if (n.qualifier.length === 0) all = true;
      else starred.add((n.qualifier[n.qualifier.length - 1]?.name ?? '').toLowerCase());
    } else if (n.kind === 'ColumnRef') {
      const name = (n.parts[n.parts.length - 1]?.name ?? '').toLowerCase();
      // $IDENTITY, $ROWGUID: a column the name does not give
      if (name.startsWith('$')) all = true;
      named.add(name);
    }
    return true;
  };
  for (const item of spec.items) walk(item, visit);
  const columns = sources.flatMap((s) => s.columns
    .filter((c) => all || starred.has(s.alias.toLowerCase()) || named.has(c.name.toLowerCase()))
    .map((c) => `${quote(s.alias)}.${quote(c.name)}`));
  // Nothing of the rows is read (`SELECT 1, ROW_NUMBER() …`): tied rows give equal rows.
  return columns.length === 0 ? '0' : `hash(row(${columns.join(', ')}))`;
}

/** Window ORDER BY keys as ties are told (text by its collation key, without trailing blanks). */
function tieKeys(t: SqlTranslator, items: readonly OrderByItem[], scope: SqlScope): string[] {
  return items.map((o) => {
    const x = t.expr(o.expression, scope);
    return x.family === 'string' ? `tsql_collation_key(tsql_str(${x.sql}))` : x.sql;
  });
}

const windowDisputes = new WeakMap<WindowSpec, string>();

/**
 * In the order check's second run, the refusal of window `w` (ROW_NUMBER, NTILE, LAG, … whose ties
 * it breaks) over a group of three or more peers that differ in what the query reads; noted for
 * disputedWindow, which wraps the function's value in it.
 */
export function noteWindowDispute(t: SqlTranslator, w: WindowSpec, scope: SqlScope, partition: readonly string[], what: string): void {
  // the scripts' nodes outlive a run: a dispute noted in an earlier second run must not refuse this one
  if (!t.state.reverseUnordered) {
    windowDisputes.delete(w);
    return;
  }
  const content = readContent(t, scope);
  const peers = `PARTITION BY ${[...partition, ...tieKeys(t, w.orderBy, scope)].join(', ') || '1'}`;
  const differ = content === undefined ? 'true' : `min(${content}) OVER (${peers}) <> max(${content}) OVER (${peers})`;
  windowDisputes.set(w, `CASE WHEN count(*) OVER (${peers}) >= 3 AND ${differ} THEN ${refusal(t, w, what)} END`);
}

/** Window `w`'s values are followed rather than refused (window-ties.ts, seeded by order-check.ts): no dispute. */
export function forgetWindowDispute(w: WindowSpec): void {
  windowDisputes.delete(w);
}

/** A window function's value, refused in the second run where noteWindowDispute found a disputed group. */
export function disputedWindow(call: { readonly over?: WindowSpec | undefined }, sql: string): string {
  const dispute = call.over === undefined ? undefined : windowDisputes.get(call.over);
  return dispute === undefined ? sql : `(CASE WHEN ${dispute} IS NULL THEN ${sql} END)`;
}

/**
 * STRING_AGG(`value`) without WITHIN GROUP (or with ties in it), as `agg`: in the second run,
 * refused where three or more of the values it concatenates in an undefined order differ
 * (the values alone are what it reads of the rows).
 */
export function disputedAggregate(t: SqlTranslator, call: FunctionCall, scope: SqlScope, value: string, agg: string): string {
  if (!t.state.reverseUnordered || call.over !== undefined) return agg;
  const v = `CAST(${value} AS VARCHAR)`;
  let disputed: string;
  if (call.withinGroup.length === 0) disputed = `count(${v}) >= 3 AND min(${v}) <> max(${v})`;
  else {
    // Values tied on WITHIN GROUP that differ, and two more tied values somewhere (one group of
    // three, or two groups of two whose orders the two runs do not both vary): counted per group.
    const keys = tieKeys(t, call.withinGroup, scope);
    const o = `row(${keys.join(', ')})`;
    disputed = `count(DISTINCT row(${keys.join(', ')}, ${v})) > count(DISTINCT ${o}) FILTER (WHERE ${v} IS NOT NULL) AND count(${v}) - count(DISTINCT ${o}) FILTER (WHERE ${v} IS NOT NULL) >= 2`;
  }
  const what = call.withinGroup.length === 0 ? 'the values STRING_AGG() without WITHIN GROUP concatenates' : 'values with equal WITHIN GROUP values of STRING_AGG()';
  return `(CASE WHEN ${disputed} THEN CAST(${refusal(t, call, what)} AS VARCHAR) ELSE ${agg} END)`;
}

/**
 * A TOP (n) … ORDER BY's ties, as an ORDER BY term put before the tie-break: in the second run a
 * refusal where three or more rows tie across the cut (rank ≤ n < rank + peers - 1) and differ in
 * what the query reads; undefined in the first run or when no cut is known. `cut` translates n
 * only when the term is made: translating `TOP (@n)` binds @n as a parameter, and one bound for
 * a term left out is a parameter the statement never reads (DuckDB refuses the statement).
 */
export function disputedTop(t: SqlTranslator, scope: SqlScope, node: Node, orderBy: readonly OrderByItem[], cut: () => string | undefined, what: string): string | undefined {
  if (!t.state.reverseUnordered || !t.rowScopes.has(scope)) return undefined;
  const limit = cut();
  if (limit === undefined) return undefined;
  const content = readContent(t, scope);
  const keys = tieKeys(t, orderBy, scope);
  const peers = `PARTITION BY ${keys.join(', ') || '1'}`;
  const rank = keys.length === 0 ? '1' : `rank() OVER (ORDER BY ${keys.map((k, i) => (orderBy[i]?.direction === 'DESC' ? `${k} DESC NULLS LAST` : `${k} ASC NULLS FIRST`)).join(', ')})`;
  const count = `count(*) OVER (${peers})`;
  const differ = content === undefined ? 'true' : `min(${content}) OVER (${peers}) <> max(${content}) OVER (${peers})`;
  return `CASE WHEN ${count} >= 3 AND ${rank} <= (${limit}) AND ${rank} + ${count} - 1 > (${limit}) AND ${differ} THEN ${refusal(t, node, what)} END`;
}

/**
 * The rows of a cursor without ORDER BY, in the second run: refused when three or more of them
 * differ in what the cursor returns (`visible`: its columns without the hidden ones), for the same
 * reason: which row each FETCH gives is the plan's, and two runs show only two of their orders.
 * (Following the fetched values instead, as taint-sources.ts follows RAND()'s, lists no fewer
 * outputs of the usual loop, whose conditions on them decide what it writes, and refuses a THROW
 * under such a condition in the first run too: the refusal keeps it to the order check.)
 * A loop no order can change (`verdict`, order-insensitive-loop.ts: counts, exact sums, least or greatest values) is taken
 * in either order instead, in both runs, on the terms order-insensitive-runs.ts keeps.
 */
export function refuseDisputedCursorRows<T>(state: SqlTranslator['state'], node: OpenCursor, cursor: CursorState, rows: readonly T[], visible: (row: T) => string, verdict: () => LoopVerdict): void {
  if (rows.length < 3) return;
  // The first run only notes an exempted loop's terms; the verdict is cached per declaration.
  const loop = verdict();
  if (!state.reverseUnordered && !loop.exempt) return;
  const first = visible(rows[0] as T);
  if (rows.every((r) => visible(r) === first)) return;
  if (loop.exempt) {
    noteOrderInsensitiveLoop(state, cursor, node, loop);
    return;
  }
  throw state.unsupported(node, `the rows of the cursor ${cursor.name} without ORDER BY when three or more of them differ (SQL Server may fetch them in any order, two runs show only two, and the loop over them is not one no order changes: ${loop.why})`);
}
