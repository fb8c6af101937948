import type { FunctionCall, OrderByItem, QuerySpec, Select, WindowSpec } from '../../../tsql';
import { quote, type SqlTranslator } from '../expressions';
import type { SqlScope } from '../sql-scope';
import { forgetWindowDispute, noteWindowDispute } from './tie-disputes';
import { noteTieOrderedValue } from './taint-sources';

/*
 * ROW_NUMBER() OVER (PARTITION BY c ORDER BY d) numbers rows with equal d in the order SQL
 * Server's plan yields them: the language leaves it open, and the `WHERE rn = 1` de-duplication
 * idiom keeps whichever row came first; STRING_AGG without WITHIN GROUP and FOR XML PATH('')
 * without ORDER BY concatenate in that order too. The emulator breaks such ties by the rows'
 * positions in their tables (their order as loaded and inserted, a scan's order; a STRING_SPLIT
 * piece's place in its string, the order SQL Server's documentation does not promise), or by a hash
 * of the row where a FROM item is no table; and in capture's second run (order-check.ts,
 * state.reverseUnordered) the other way round: an output that depends on the ties then comes out
 * different in the two runs and is listed as non-reproducible, while rows that tie and are equal
 * give the same output either way. RANK, DENSE_RANK and aggregates over the default RANGE frame
 * give tied rows one value, so they need no tie-break. FIRST_VALUE and LAST_VALUE over a RANGE
 * frame take theirs in the argument's ORDER BY (translateWindow), so tied rows keep one frame.
 */

const ORDER_SENSITIVE = new Set(['ROW_NUMBER', 'NTILE', 'LAG', 'LEAD', 'FIRST_VALUE', 'LAST_VALUE']);
const AGGREGATES = new Set(['SUM', 'COUNT', 'COUNT_BIG', 'AVG', 'MIN', 'MAX', 'STDEV', 'STDEVP', 'VAR', 'VARP', 'STRING_AGG']);

/** What the emulator's own windows (for-xml-path.ts, select-into-identity.ts) number, for the causes people read. */
const synthetic = new WeakMap<WindowSpec, string>();

/** Names what a window the emulator wrote itself orders (`the rows FOR XML PATH('') … concatenates`). */
export function noteSyntheticWindow(w: WindowSpec, what: string): void {
  synthetic.set(w, what);
}

/** Whether the emulator wrote `w` itself, for a query's ORDER BY (refusals then name that ORDER BY, not an OVER). */
export function isSyntheticWindow(w: WindowSpec): boolean {
  return synthetic.has(w);
}

/** The ORDER BY term that breaks a window's ties, or undefined when its value cannot depend on them. */
export function windowTieBreak(t: SqlTranslator, w: WindowSpec, scope: SqlScope, fn: string, partition: readonly string[]): string | undefined {
  const sensitive = ORDER_SENSITIVE.has(fn) || (AGGREGATES.has(fn) && w.frame?.unit === 'ROWS');
  if (!sensitive || tiesImpossible(t, w, scope)) return undefined;
  const terms = outputTieBreak(t, scope);
  if (terms === undefined) return undefined;
  const what = synthetic.get(w) ?? `rows with equal ORDER BY values of ${fn}() OVER`;
  noteRead(t, w, what);
  const place = t.state.place(w.span);
  // a window whose disputed ties stopped an earlier second run: its values are followed instead (order-check.ts)
  if (t.state.reverseUnordered && t.state.seededWindows.has(place)) {
    forgetWindowDispute(w);
    noteTieOrderedValue(t.state, w, `${what} at ${place}, three or more of them tied and differing (SQL Server numbers them in its plan's order)`);
  }
  // three or more tied rows have orders neither run takes (tie-disputes.ts)
  else noteWindowDispute(t, w, scope, partition, what);
  return terms;
}

/**
 * Whether no two rows of the window's query can tie on its PARTITION BY and ORDER BY: their plain
 * columns hold a key of every FROM item (LAG(x) OVER (ORDER BY [Entry No]) over a table keyed by
 * [Entry No]), so SQL Server's plan decides nothing and the order check need not name the window.
 * A lone table's UNIQUE constraints count (SQL Server lets one NULL in); over a join only PRIMARY
 * KEYs, which are never NULL, so the rows an outer join pads with NULLs stay told apart. Any FROM
 * item without a key (a derived table, a CTE, FOR SYSTEM_TIME) leaves the ties possible.
 */
function tiesImpossible(t: SqlTranslator, w: WindowSpec, scope: SqlScope): boolean {
  const sources = t.rowSources.get(scope) ?? [];
  const aliases = new Set(scope.starColumns(undefined).map((c) => c.alias));
  if (sources.length === 0 || sources.length !== aliases.size || sources.some((s) => s.keys === undefined || !aliases.has(s.alias.toLowerCase()))) return false;
  const named = new Map<string, Set<string>>(sources.map((s) => [s.alias.toLowerCase(), new Set<string>()]));
  for (const e of [...w.partitionBy, ...w.orderBy.map((o) => o.expression)]) {
    if (e.kind !== 'ColumnRef' || e.parts.length > 2) continue;
    const column = (e.parts[e.parts.length - 1]?.name ?? '').toLowerCase();
    const has = (s: (typeof sources)[number]): boolean => s.columns.some((c) => c.name.toLowerCase() === column);
    // unqualified: the one FROM item with that column (none: an outer query's, a constant here)
    const having = sources.filter(has);
    const owner = e.parts.length === 2 ? sources.find((s) => s.alias.toLowerCase() === e.parts[0]?.name.toLowerCase()) : having.length === 1 ? having[0] : undefined;
    if (owner !== undefined && has(owner)) named.get(owner.alias.toLowerCase())?.add(column);
  }
  return sources.every((s) => {
    const keys = sources.length === 1 ? s.keys?.unique ?? [] : [s.keys?.primary ?? []];
    const columns = named.get(s.alias.toLowerCase()) ?? new Set<string>();
    return keys.some((k) => k.length > 0 && k.every((c) => columns.has(c.toLowerCase())));
  });
}

/** The ORDER BY (or its last terms) STRING_AGG concatenates ties in, or undefined when it cannot. */
export function aggregateTieBreak(t: SqlTranslator, call: FunctionCall, scope: SqlScope): string | undefined {
  if (call.over !== undefined) return undefined;
  const terms = tieBreakTerms(t, scope);
  if (terms === undefined) return undefined;
  noteRead(t, call, call.withinGroup.length === 0 ? 'the values STRING_AGG() without WITHIN GROUP concatenates' : 'values with equal WITHIN GROUP values of STRING_AGG()');
  return terms;
}

/**
 * The order a SUM or AVG of float (real) adds its values in, or undefined when it cannot order
 * them: float addition rounds at each step, so 0.1 + 0.2 + 0.3 is 0.6000000000000001 and
 * 0.3 + 0.2 + 0.1 is 0.6, and SQL Server adds in its plan's order. Table order here, the other
 * way in capture's second run, so a total whose last bits depend on it is listed as
 * non-reproducible instead of standing as SQL Server's number (DuckDB's own order is neither).
 */
export function floatSumOrder(t: SqlTranslator, call: FunctionCall, scope: SqlScope, name: string): string | undefined {
  if (call.distinct) return undefined;
  // Over a whole partition (a share of a total: x / SUM(x) OVER (PARTITION BY …)) the partition's
  // rows in the same order (DuckDB's segment tree adds them in neither). A running sum is left to
  // the window's own order.
  if (call.over !== undefined && (call.over.orderBy.length > 0 || call.over.frame !== undefined)) return undefined;
  const terms = call.over === undefined ? tieBreakTerms(t, scope) : outputTieBreak(t, scope);
  if (terms === undefined) return undefined;
  noteRead(t, call, `the float values ${name}() adds (their order decides the last digits)`);
  return terms;
}

/**
 * The terms a query's ORDER BY ends with so that its ties come in table order (the other way in
 * capture's second run): over a query of rows only (undefined otherwise). `what`, when the order
 * of ties decides something (a TOP's pick), names the read for the order check.
 */
export function orderByTieBreak(t: SqlTranslator, scope: SqlScope, node: Select | QuerySpec, what: string | undefined): string | undefined {
  const terms = outputTieBreak(t, scope);
  if (terms !== undefined && what !== undefined) noteRead(t, node, what);
  return terms;
}

/**
 * The terms that order a query's output rows where SQL Server leaves them tied: a grouped query's
 * rows by a hash of their group keys (one row per group), a query over rows by the rows'
 * positions; undefined for other queries (an aggregate without GROUP BY gives one row).
 */
function outputTieBreak(t: SqlTranslator, scope: SqlScope, direction = t.state.reverseUnordered ? 'DESC' : 'ASC'): string | undefined {
  const keys = t.groupKeys.get(scope);
  if (keys !== undefined) return `hash(row(${keys})) ${direction}`;
  return t.rowScopes.has(scope) ? tieBreakTerms(t, scope, direction) : undefined;
}

function tieBreakTerms(t: SqlTranslator, scope: SqlScope, direction = t.state.reverseUnordered ? 'DESC' : 'ASC'): string | undefined {
  const sources = t.rowSources.get(scope) ?? [];
  if (sources.length === 0) return undefined;
  if (sources.every((s) => s.rowid || s.position !== undefined)) {
    return sources.map((s) => `${quote(s.alias)}.${s.rowid ? 'rowid' : quote(s.position as string)} ${direction}`).join(', ');
  }
  const columns = sources.flatMap((s) => s.columns.map((c) => `${quote(s.alias)}.${quote(c.name)}`));
  return columns.length === 0 ? undefined : `hash(row(${columns.join(', ')})) ${direction}`;
}

function noteRead(t: SqlTranslator, node: WindowSpec | FunctionCall | Select | QuerySpec, what: string): void {
  tieBreaking.add(t);
  t.state.noteUnorderedRead(node, (place) => `${what} at ${place}`);
}

/*
 * A query that breaks ties by row order also comes out in that order (DuckDB emits a window's
 * rows sorted by its ORDER BY, ties included), and a table it fills keeps that order as its rows'
 * positions. In capture's second run the ties, and so those positions, come reversed; a later
 * read breaking its own ties by position (a TOP 1 … ORDER BY over the #temp table) then reverses
 * them once more and picks what the first run picked: the two reversals cancel and an output
 * that SQL Server's plan decides passed the order check as reproducible. So a query whose rows a
 * statement stores, and which broke ties, stores them in the order of its sources' positions
 * (or its groups' keys), the same in both runs; so does the ORDER BY of an INSERT … SELECT (or
 * SELECT … INTO), which orders nothing SQL Server keeps, unless it numbers identity values: then
 * its ties stay reversed in the second run, which changes those values (dml.ts notes the read).
 */
const tieBreaking = new WeakSet<SqlTranslator>();
const stored = new WeakMap<Select, boolean>();

/** Marks a query whose rows a statement stores in a table (SELECT … INTO, INSERT … SELECT); `numbered`: its ORDER BY numbers identity values. */
export function storedQuery(select: Select, numbered: boolean): Select {
  stored.set(select, numbered);
  return select;
}

/** Whether a marked query's ORDER BY orders nothing SQL Server keeps (no identity values numbered by it): where text it sorts may order otherwise in SQL Server, nothing it stores differs. */
export function orderKeepsNothing(select: Select): boolean {
  return stored.get(select) === false;
}

/** The ORDER BY that stores a marked query's rows in the same order in both runs, or undefined when no tie was broken. */
export function storedRowOrder(t: SqlTranslator, select: Select, scope: SqlScope): string | undefined {
  return stored.has(select) && tieBreaking.has(t) ? outputTieBreak(t, scope, 'ASC') : undefined;
}

/** The terms a marked query's ORDER BY ends with, the same in both runs; undefined where its ties number identity values or it is no stored query. */
export function storedOrderTieBreak(t: SqlTranslator, select: Select, scope: SqlScope): string | undefined {
  return stored.get(select) === false ? outputTieBreak(t, scope, 'ASC') : undefined;
}

/** The query's ORDER BY as a window's: select-list aliases and positions replaced by their expressions. */
export function windowOrder(select: Select, spec: QuerySpec): OrderByItem[] {
  const items = spec.items.flatMap((i) => (i.kind === 'SelectItem' ? [i] : []));
  return select.orderBy.map((o): OrderByItem => {
    const e = o.expression;
    if (e.kind === 'Literal' && e.literalType === 'integer') {
      const item = items[Number(e.value) - 1];
      return item === undefined || item.expression.kind === 'Star' ? o : { ...o, expression: item.expression };
    }
    if (e.kind !== 'ColumnRef' || e.parts.length !== 1) return o;
    const named = items.find((i) => i.alias !== undefined && i.alias.name.toLowerCase() === (e.parts[0]?.name ?? '').toLowerCase());
    return named === undefined ? o : { ...o, expression: named.expression };
  });
}
