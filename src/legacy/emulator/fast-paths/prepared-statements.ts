import { EngineError } from '../../../core';
import type { EngineSession, Row } from '../../../engine';

type Prepared = Awaited<ReturnType<EngineSession['connection']['prepare']>>;

/** Statements kept per session; a loop body rarely has more distinct statements than this. */
const CAPACITY = 256;

/**
 * Per connection, not per EngineSession object: the emulator's session is a flushing view of
 * the caller's (write-buffer.ts), one per run, and runs on one session share the statements.
 */
const caches = new WeakMap<object, Map<string, Prepared>>();

/**
 * Runs one DML or query statement through a prepared statement kept per session and SQL text,
 * so a cursor loop that runs the same INSERT/DELETE/SELECT thousands of times with different
 * variable values parses, binds and plans it once. Values are bound exactly as
 * `EngineSession.all` binds them (type from the JS value), rows come back the same way, and
 * failures are the same EngineError, so callers see no difference but speed. DuckDB re-binds a
 * prepared statement by itself when a table it reads was dropped or re-created since, but not
 * when only its rows changed: the plan keeps what statistics proved at the first run (a filter
 * always true, dropped), so the emulator's sessions run without statistics propagation
 * (emulator-setup.ts).
 * Statements that are not a single SELECT/INSERT/UPDATE/DELETE/WITH go to `session.all`.
 */
export async function allPrepared(session: EngineSession, sql: string, params: readonly unknown[]): Promise<Row[]> {
  return runPrepared(session, sql, params, (reader) => reader.getRowObjectsJS() as Row[], (rows) => rows);
}

/** A row as text per column (null for NULL), in the query's column order. */
export type TextRow = (string | null)[];

/**
 * allPrepared for a query whose rows are wanted as text (a cursor's rows): each row an array of
 * its values in column order, `String` of the value allPrepared would give, null for NULL.
 * VARCHAR columns (a cursor query casts every column to text) are read as the strings DuckDB
 * holds, without building an object per row.
 */
export async function allPreparedText(session: EngineSession, sql: string, params: readonly unknown[]): Promise<TextRow[]> {
  return runPrepared(session, sql, params, textRows, (rows) => rows.map((r) => Object.values(r).map(textOf)));
}

type Reader = Awaited<ReturnType<Prepared['runAndReadAll']>>;

function textRows(reader: Reader): TextRow[] {
  const width = reader.columnCount;
  // (By the type's name: importing DuckDB's enum here would load its native library at start-up.)
  const allText = Array.from({ length: width }, (_, i) => reader.columnType(i).toString() === 'VARCHAR').every(Boolean);
  if (!allText) return (reader.getRowsJS() as unknown[][]).map((r) => r.map(textOf));
  const columns = reader.getColumns() as (string | null)[][];
  const count = columns[0]?.length ?? 0;
  const rows: TextRow[] = new Array<TextRow>(count);
  for (let i = 0; i < count; i++) {
    const row: TextRow = new Array<string | null>(width);
    for (let c = 0; c < width; c++) row[c] = (columns[c] as (string | null)[])[i] ?? null;
    rows[i] = row;
  }
  return rows;
}

function textOf(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

/** One statement through the per-session prepared statement, its rows read by `read` (`fallback` converts session.all's rows). */
async function runPrepared<T>(session: EngineSession, sql: string, params: readonly unknown[], read: (reader: Reader) => T, fallback: (rows: Row[]) => T): Promise<T> {
  if (!/^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i.test(sql)) return fallback(await session.all(sql, params.length > 0 ? params : undefined));
  let cache = caches.get(session.connection);
  if (cache === undefined) {
    cache = new Map();
    caches.set(session.connection, cache);
  }
  let prepared = cache.get(sql);
  try {
    if (prepared === undefined) {
      try {
        prepared = await session.connection.prepare(sql);
      } catch {
        // Not one preparable statement (or an error): session.all runs it, or fails, as before.
        return fallback(await session.all(sql, params.length > 0 ? params : undefined));
      }
      if (cache.size >= CAPACITY) evictOldest(cache);
      cache.set(sql, prepared);
    } else {
      // Most recently used last, so eviction drops the statement unused the longest.
      cache.delete(sql);
      cache.set(sql, prepared);
    }
    prepared.clearBindings();
    if (params.length > 0) prepared.bind(params as never);
    return read(await prepared.runAndReadAll());
  } catch (err) {
    // A statement that failed is not kept: the next run prepares it afresh.
    if (prepared !== undefined && cache.get(sql) === prepared) {
      cache.delete(sql);
      try { prepared.destroySync(); } catch { /* already destroyed */ }
    }
    if (err instanceof EngineError) throw err; // already session.all's error
    throw new EngineError('ENGINE_SQL', `DuckDB: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

function evictOldest(cache: Map<string, Prepared>): void {
  const oldest = cache.keys().next();
  if (oldest.done === true) return;
  const p = cache.get(oldest.value);
  cache.delete(oldest.value);
  try { p?.destroySync(); } catch { /* already destroyed */ }
}
