import type { Node } from '../../../tsql';
import type { CursorState, EmulatorState } from '../state';
import { seedsDecideRows } from './column-taint';
import { causesOf, existingTaint, noteSeed } from './taint-state';

/*
 * Cursors over values SQL Server may give otherwise (taint-state.ts). A cursor whose query read
 * one gives rows whose values are tainted: each FETCH taints the variables it assigns. When the
 * value decides which rows the query gives (`WHERE AdjNo > 500` over an identity numbered in no
 * defined order, a tainted table read whole), SQL Server's cursor may hold more rows, fewer or
 * none: the status of every FETCH from it is its own, so @@FETCH_STATUS after one, and
 * CURSOR_STATUS of the open cursor, are tainted reads; the WHILE @@FETCH_STATUS = 0 driving the
 * loop then decides its body (control-taint.ts). @@CURSOR_ROWS is not emulated (refused where
 * read). Set at OPEN on every path that opens one (the interpreter, compiled loops, a per-key
 * prefetched read: cursors.ts), read by the translator and the JavaScript fast path alike.
 */

/** Cursors whose rows OPEN read from tainted values. */
const taintedCursors = new WeakSet<CursorState>();

/** Cursors whose rows a tainted value decides (which rows, how many): their fetch statuses are SQL Server's to give otherwise. */
const decidedCursors = new WeakSet<CursorState>();

/** Runs whose last FETCH (of any cursor: @@FETCH_STATUS is the session's) was from a cursor in decidedCursors. */
const decidedFetchStatus = new WeakSet<EmulatorState>();

/** After OPEN ran the cursor's query: its rows are tainted when the query used a tainted value, decided when the value picks them. */
export function noteCursorOpen(state: EmulatorState, cursor: CursorState): void {
  const r = existingTaint(state);
  if (r === undefined || (!r.used && r.seeds.size === 0)) {
    taintedCursors.delete(cursor);
    decidedCursors.delete(cursor);
    return;
  }
  taintedCursors.add(cursor);
  // A read the statement could not follow to a column (a table tainted whole, RAND()) may decide anything.
  if (r.used || seedsDecideRows(cursor.columns?.query ?? cursor.query, new Set(r.seeds.keys()))) decidedCursors.add(cursor);
  else decidedCursors.delete(cursor);
}

/**
 * A FETCH from `cursor` (`found`: it gave a row): a tainted cursor's row taints the variables it
 * goes into; a decided cursor's FETCH taints them even when it found none (SQL Server's may have
 * found one), and leaves @@FETCH_STATUS tainted until the next FETCH.
 */
export function noteCursorFetch(state: EmulatorState, cursor: CursorState, found: boolean): void {
  if (!state.randomValuesUsed) return;
  const decided = decidedCursors.has(cursor);
  if (decided) decidedFetchStatus.add(state);
  else decidedFetchStatus.delete(state);
  if (!(found ? taintedCursors.has(cursor) : decided)) return;
  const r = existingTaint(state);
  if (r !== undefined) r.used = r.read = true;
}

/** A read of @@FETCH_STATUS at `node` (none from the fast path): tainted after a FETCH from a cursor whose rows a tainted value decides. */
export function noteFetchStatusRead(state: EmulatorState, node?: Node): void {
  if (!decidedFetchStatus.has(state)) return;
  const r = existingTaint(state);
  if (r !== undefined) noteSeed(state, r, node, () => causesOf(state, r));
}

/** CURSOR_STATUS of `cursor` at `node`: whether the open cursor holds rows is tainted when a tainted value decides them. */
export function noteCursorStatusRead(state: EmulatorState, cursor: CursorState, node: Node): void {
  if (cursor.rows === undefined || !decidedCursors.has(cursor)) return;
  const r = existingTaint(state);
  if (r !== undefined) noteSeed(state, r, node, () => causesOf(state, r));
}
