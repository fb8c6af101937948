import type { CloseCursor, DeallocateCursor, DeclareCursor, Fetch, OpenCursor } from '../../tsql';
import { quote, SqlTranslator } from './expressions';
import { assignRow } from './dml';
import { runSql } from './runtime';
import { prefetchedRows } from './cursor-prefetch';
import type { CursorState, EmulatorState } from './state';

/** DECLARE c CURSOR FOR …: the query is kept; it runs at OPEN, as a STATIC/FAST_FORWARD cursor. */
export function declareCursor(state: EmulatorState, d: DeclareCursor): void {
  if (d.forUpdate) throw state.unsupported(d, 'cursors FOR UPDATE');
  const dynamic = d.options.map((o) => o.toUpperCase()).find((o) => o === 'DYNAMIC' || o === 'KEYSET' || o === 'SCROLL');
  if (dynamic !== undefined) throw state.unsupported(d, `${dynamic} cursors`);
  state.frame.cursors.set(d.name.toLowerCase(), { name: d.name, query: d.query, rows: undefined, position: 0, types: [] });
}

function cursorOf(state: EmulatorState, name: string, node: OpenCursor | Fetch | CloseCursor | DeallocateCursor): CursorState {
  const c = state.frame.cursors.get(name.toLowerCase());
  if (c === undefined) throw state.unsupported(node, `the cursor ${name}, which is not declared in this procedure`);
  return c;
}

/**
 * OPEN materialises the cursor's rows (as DuckDB text, in the query's order). SQL Server's
 * FAST_FORWARD/STATIC cursors over the example's queries see the same rows, since the loop body
 * does not change the tables they read.
 */
export async function openCursor(state: EmulatorState, o: OpenCursor): Promise<void> {
  const c = cursorOf(state, o.cursor.name, o);
  const prefetched = await prefetchedRows(state, c.query);
  if (prefetched !== undefined) {
    c.rows = prefetched.rows;
    c.types = prefetched.types;
    c.position = 0;
    return;
  }
  const t = new SqlTranslator(state);
  const q = t.query(c.query, undefined);
  const names = q.columns.map((_, i) => quote(`c${i}`));
  const rows = await runSql(state, `SELECT ${names.map((n) => `CAST(${n} AS VARCHAR) AS ${n}`).join(', ')} FROM (${q.sql}) AS __cursor(${names.join(', ')})`, t.params, o.span);
  c.rows = rows.map((r) => names.map((_, i) => {
    const v = r[`c${i}`];
    return v === null || v === undefined ? null : String(v);
  }));
  c.types = q.columns.map((col) => col.duckType);
  c.position = 0;
}

/** FETCH NEXT … INTO: @@FETCH_STATUS 0 with a row, -1 past the end. */
export async function fetchCursor(state: EmulatorState, f: Fetch): Promise<void> {
  if (f.direction !== 'NEXT') throw state.unsupported(f, `FETCH ${f.direction}`);
  const c = cursorOf(state, f.cursor.name, f);
  if (c.rows === undefined) throw state.unsupported(f, `FETCH from the cursor ${f.cursor.name}, which is not open`);
  const row = c.rows[c.position];
  if (row === undefined) {
    state.fetchStatus = -1;
    return;
  }
  c.position++;
  state.counters.fetchedRows++;
  if (f.into.length > 0) {
    if (f.into.length !== row.length) throw state.unsupported(f, `FETCH INTO ${f.into.length} variables from a cursor of ${row.length} columns`);
    await assignRow(state, f.into, row, c.types, f.span);
  }
  state.fetchStatus = 0;
}

/** CLOSE keeps the declaration; DEALLOCATE removes it. */
export function closeCursor(state: EmulatorState, c: CloseCursor | DeallocateCursor): void {
  const cur = cursorOf(state, c.cursor.name, c);
  if (c.kind === 'CloseCursor') cur.rows = undefined;
  else state.frame.cursors.delete(c.cursor.name.toLowerCase());
}
