import type { CloseCursor, DeallocateCursor, Declare, DeclareCursor, Fetch, OpenCursor } from '../../../tsql';
import { refuseDisputedCursorRows } from '../reproducibility/tie-disputes';
import { cursorLoopVerdict, endOrderInsensitiveLoop } from '../reproducibility/order-insensitive-runs';
import { cursorKind, isScrollCursor, scrollTarget } from './cursor-scroll';
import { SqlTranslator } from '../expressions';
import { checkCursorRows, cursorRowsUnchanged, cursorSql, deferredCursorSql, isStaticCursor, watchCursor } from './cursor-changes';
import { assignRow } from '../dml';
import { runSqlText } from '../runtime';
import { prefetchedRows, prefetchedRowsNow, type PrefetchedRows } from './cursor-prefetch';
import type { CursorState, EmulatorState } from '../state';
import { noteCursorFetch, noteCursorOpen } from '../reproducibility/cursor-taint';
import { updatableColumns } from './cursor-current-row';
import { cursorColumns } from './cursor-hidden-columns';

/** DECLARE c CURSOR FOR … (or `SET @c = CURSOR FOR …`): the query is kept; it runs at OPEN. */
export function declareCursor(state: EmulatorState, d: DeclareCursor): void {
  // KEYSET and DYNAMIC see the loop's changes as the default cursor does: checked at each FETCH
  // (cursor-changes.ts); scrolling over them is checked in cursor-scroll.ts.
  const options = d.options.map((o) => o.toUpperCase());
  state.frame.cursors.set(d.name.toLowerCase(), {
    name: d.name, query: d.query, rows: undefined, position: 0, types: [], tsqlTypes: [], static: isStaticCursor(options), kind: cursorKind(d), watch: undefined,
    updatable: updatableColumns(state, d), scroll: isScrollCursor(options),
  });
  // "DECLARE CURSOR and FETCH set the @@ROWCOUNT value to 1" (@@ROWCOUNT page).
  state.rowCount = 1;
}

function cursorOf(state: EmulatorState, name: string, node: OpenCursor | Fetch | CloseCursor | DeallocateCursor): CursorState {
  const c = state.frame.cursors.get(name.toLowerCase());
  if (c === undefined) throw state.unsupported(node, `the cursor ${name}, which is not declared in this procedure`);
  return c;
}

/**
 * OPEN materialises the cursor's rows (as DuckDB text, in the query's order), as SQL Server's
 * STATIC cursor does; for the other kinds FETCH checks that the loop did not change the rows
 * still to come (cursor-changes.ts).
 */
export async function openCursor(state: EmulatorState, o: OpenCursor): Promise<void> {
  const c = cursorOf(state, o.cursor.name, o);
  // A cursor that sees changes reads what its check needs besides its own columns.
  c.columns = cursorColumns(state, c.query, !c.static);
  const query = c.columns.query;
  // Once a RAND()/NEWID() value exists, the query is translated, so its reads of tainted tables are noted.
  const prefetched = state.randomValuesUsed ? undefined : await prefetchedRows(state, query);
  // A cursor that sees changes keeps the query as OPEN bound it (its variables' values then).
  const t = new SqlTranslator(state);
  const q = prefetched === undefined ? cursorSql(t, query) : undefined;
  if (prefetched !== undefined) {
    openWith(state, c, prefetched, o);
    return;
  } else if (q !== undefined) {
    c.rows = inUnorderedOrder(state, c, await runSqlText(state, q.sql, t.params, o.span), o);
    c.types = q.types;
    c.tsqlTypes = q.tsqlTypes;
  }
  if (q !== undefined) {
    const statement = { sql: q.sql, params: t.params };
    c.watch = watchCursor(state, c, () => statement);
  }
  c.position = 0;
  c.beyond = undefined;
  noteCursorOpen(state, c);
}

/**
 * OPEN without a DuckDB query, when the cursor's rows come from a per-key read that is still
 * current (cursor-prefetch.ts): true when done, false (nothing changed) when openCursor must run.
 */
export function openCursorNow(state: EmulatorState, o: OpenCursor): boolean {
  // Once a value SQL Server may give otherwise exists, the query is translated, so that its reads
  // of such values mark the cursor (cursor-taint.ts): a per-key read sees none of them.
  if (state.randomValuesUsed) return false;
  const c = cursorOf(state, o.cursor.name, o);
  const columns = cursorColumns(state, c.query, !c.static);
  const prefetched = prefetchedRowsNow(state, columns.query);
  if (prefetched === undefined) return false;
  c.columns = columns;
  openWith(state, c, prefetched, o);
  return true;
}

function openWith(state: EmulatorState, c: CursorState, prefetched: PrefetchedRows, o: OpenCursor): void {
  c.rows = inUnorderedOrder(state, c, prefetched.rows, o);
  c.types = prefetched.types;
  c.tsqlTypes = prefetched.tsqlTypes;
  // Translated only if a FETCH has to check for changes (the query as OPEN bound it).
  c.watch = watchCursor(state, c, deferredCursorSql(state, c.columns?.query ?? c.query));
  c.position = 0;
  c.beyond = undefined;
  noteCursorOpen(state, c);
}

/**
 * The rows of a cursor whose query has no ORDER BY, in the order the run fetches them: the
 * query's, or reversed in capture's second run (state.reverseUnordered); noted either way when
 * more than one row makes the order matter.
 */
function inUnorderedOrder(state: EmulatorState, c: CursorState, rows: (string | null)[][], o: OpenCursor): (string | null)[][] {
  if (rows.length < 2) return rows;
  const ordered = c.query.orderBy.length > 0;
  // With ORDER BY, its ties come in table order, the other way in the order check (window-ties.ts, through the query).
  state.noteUnorderedRead(o, (place) => (ordered ? `rows with equal ORDER BY values of the cursor ${c.name} opened at ${place}` : `the rows of the cursor ${c.name} opened at ${place} without ORDER BY`));
  // Three rows or more have orders neither run takes (tie-disputes.ts): the second run refuses them when they differ.
  if (!ordered) refuseDisputedCursorRows(state, o, c, rows, (r) => JSON.stringify(r.slice(0, r.length - (c.columns?.hidden ?? 0))), () => cursorLoopVerdict(state, c, o));
  return state.reverseUnordered && !ordered ? [...rows].reverse() : rows;
}

/**
 * FETCH NEXT … INTO: @@FETCH_STATUS 0 with a row, -1 past the end. Returns undefined when the
 * fetch is done (the common case: no change to check, values assigned without DuckDB), else the
 * promise of the rest; callers await it either way.
 */
export function fetchCursor(state: EmulatorState, f: Fetch): Promise<void> | undefined {
  const c = cursorOf(state, f.cursor.name, f);
  if (f.direction !== 'NEXT' && c.scroll !== true) throw state.unsupported(f, `FETCH ${f.direction} from the ${c.kind} cursor ${c.name}, which is not scrollable (SQL Server raises error 16911: declare it SCROLL or STATIC)`);
  if (c.rows === undefined) throw state.unsupported(f, `FETCH from the cursor ${f.cursor.name}, which is not open`);
  // FETCH NEXT of a scrollable cursor takes the forward path (and its check of changes) until a fetch found no row
  if (c.scroll === true && (f.direction !== 'NEXT' || c.beyond !== undefined)) return fetchScrolled(state, c, f);
  if (!cursorRowsUnchanged(state, c)) return checkCursorRows(state, c, f).then(() => fetchRow(state, c, f));
  return fetchRow(state, c, f);
}

function fetchRow(state: EmulatorState, c: CursorState, f: Fetch): Promise<void> | undefined {
  const row = c.rows?.[c.position];
  c.onRow = row !== undefined;
  if (row === undefined) {
    if (c.scroll === true) c.beyond = 'after';
    state.fetchStatus = -1;
    noteCursorFetch(state, c, false);
    endOrderInsensitiveLoop(state, c);
    // The @@ROWCOUNT page gives 1 after a FETCH, without saying whether one that found no row
    // counts it: not known (NaN), refused where read.
    state.rowCount = NaN;
    return undefined;
  }
  state.rowCount = 1;
  c.position++;
  state.counters.fetchedRows++;
  noteCursorFetch(state, c, true);
  if (f.into.length > 0) {
    // Hidden columns (cursor-hidden-columns.ts) are the check's, never assigned.
    const width = row.length - (c.columns?.hidden ?? 0);
    if (f.into.length !== width) throw state.unsupported(f, `FETCH INTO ${f.into.length} variables from a cursor of ${width} columns`);
    const pending = assignRow(state, f.into, row, c.types, f.span, c.tsqlTypes);
    if (pending !== undefined) return pending.then(() => { state.fetchStatus = 0; });
  }
  state.fetchStatus = 0;
  return undefined;
}

/** FETCH PRIOR, FIRST, LAST, ABSOLUTE, RELATIVE (and NEXT past the end) of a scrollable cursor. */
async function fetchScrolled(state: EmulatorState, c: CursorState, f: Fetch): Promise<void> {
  const target = await scrollTarget(state, c, f);
  const n = (c.rows ?? []).length;
  if (target >= 0 && target < n) {
    c.position = target;
    await fetchRow(state, c, f);
    return;
  }
  c.position = target < 0 ? 0 : n + 1;
  c.onRow = false;
  state.fetchStatus = -1;
  noteCursorFetch(state, c, false);
  state.rowCount = NaN; // as fetchRow: not known after a FETCH that finds no row
}

/** `DECLARE @c CURSOR`: a cursor variable, which `SET @c = CURSOR … FOR …` declares the cursor of. */
export function declaresCursorVariable(d: Declare['declarations'][number]): boolean {
  return d.kind === 'VariableDeclaration' && d.dataType.name.parts.length === 1 && (d.dataType.name.parts[0]?.name ?? '').toLowerCase() === 'cursor';
}

/** CLOSE keeps the declaration; DEALLOCATE removes it. */
export function closeCursor(state: EmulatorState, c: CloseCursor | DeallocateCursor): void {
  const cur = cursorOf(state, c.cursor.name, c);
  endOrderInsensitiveLoop(state, cur);
  if (c.kind === 'CloseCursor') cur.rows = undefined;
  else state.frame.cursors.delete(c.cursor.name.toLowerCase());
}
