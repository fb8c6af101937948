import type { Fetch, Select } from '../../../tsql';
import type { TsqlType } from '../tsql-types';
import { walk } from '../../../tsql';
import { objectKey, tablesBehindCalls } from '../catalog';
import { quote, SqlTranslator } from '../expressions';
import { resolveTable } from '../queries';
import { runSql } from '../runtime';
import type { CursorState, EmulatorState } from '../state';
import { versionOf, writeStamp } from '../tables/table-versions';
import { beforeRowsAreFetchedRows } from './cursor-order-key';
import { rowPositions } from './cursor-hidden-columns';

/*
 * The emulator reads a cursor's rows at OPEN. That is SQL Server's STATIC (and INSENSITIVE)
 * cursor; any other cursor (the default, FORWARD_ONLY, FAST_FORWARD) sees changes the loop makes
 * to rows it has not fetched yet. So for those, when a table the query reads was written since
 * OPEN, the next FETCH runs the query again (with the values its variables had at OPEN, as SQL
 * Server binds them) and checks that what is left to fetch is unchanged: the rows not yet
 * fetched must be the exact tail of the fresh result, and the rows before it must be rows
 * already fetched (a loop that updates or deletes the row it is on). Anything else — a row
 * inserted ahead, a later row changed — is refused with the location of the FETCH, never
 * answered from a stale snapshot.
 */

/** What the check needs, recorded at OPEN. */
export interface CursorWatch {
  /** DuckDB names of the tables the query reads, or 'all' when that is not known for sure. */
  readonly reads: readonly string[] | 'all';
  /** The query as OPEN bound it; built only when a check needs it (most loops never write the cursor's tables). */
  readonly statement: () => { readonly sql: string; readonly params: readonly unknown[] };
  /**
   * False when running the query again would not give what OPEN saw or would have effects:
   * NEXT VALUE FOR and NEWID() draw new values, a function the interpreter ran first left tables
   * that are gone by now. Such a cursor is refused as soon as its tables change.
   */
  readonly rerunnable: boolean;
  version: string;
  /** writeStamp when `version` was last found current: unchanged stamp, unchanged version. */
  stamp: number;
}

/** True for the cursors whose rows SQL Server fixes at OPEN. */
export function isStaticCursor(options: readonly string[]): boolean {
  return options.some((o) => /^(STATIC|INSENSITIVE)$/i.test(o));
}

/** Records the query as OPEN ran it, for a later check; undefined for a STATIC cursor. */
export function watchCursor(state: EmulatorState, c: CursorState, statement: CursorWatch['statement']): CursorWatch | undefined {
  if (c.static) return undefined;
  const { reads, rerunnable: again } = factsOf(state, c.query);
  return { reads, statement, rerunnable: again, version: readVersion(state, reads), stamp: writeStamp(state) };
}

/**
 * The cursor query's text as translating it at OPEN would give, translated later: the values of
 * the variables it reads and the DATEFORMAT are those of OPEN (put back for the translation).
 */
export function deferredCursorSql(state: EmulatorState, query: Select): CursorWatch['statement'] {
  const frame = state.frame;
  const slots = new Map<string, { slot: NonNullable<ReturnType<typeof frame.variables.get>>; value: string | null }>();
  for (const name of variablesOf(query)) {
    const slot = frame.variables.get(name);
    if (slot !== undefined) slots.set(name, { slot, value: slot.value });
  }
  const dateFormat = state.dateFormat;
  let built: { sql: string; params: readonly unknown[] } | undefined;
  return () => {
    if (built !== undefined) return built;
    const now = [...slots.values()].map((x) => x.slot.value);
    const nowFormat = state.dateFormat;
    try {
      for (const x of slots.values()) x.slot.value = x.value;
      state.dateFormat = dateFormat;
      const t = new SqlTranslator(state);
      built = { sql: cursorSql(t, query).sql, params: t.params };
      return built;
    } finally {
      [...slots.values()].forEach((x, i) => { x.slot.value = now[i] ?? null; });
      state.dateFormat = nowFormat;
    }
  };
}

/**
 * After OPEN dropped the work tables of the user functions it ran (interpret-calls.ts): that drop
 * counts as a change to every table, but none the query reads changed, so the watch starts now.
 */
export function restartCursorWatch(state: EmulatorState, c: CursorState): void {
  const w = c.watch;
  if (w === undefined) return;
  w.version = readVersion(state, w.reads);
  w.stamp = writeStamp(state);
}

/** True when FETCH has nothing to check: a STATIC cursor, or no table its query reads was written since OPEN (or the last check). */
export function cursorRowsUnchanged(state: EmulatorState, c: CursorState): boolean {
  const w = c.watch;
  if (w === undefined || c.rows === undefined) return true;
  const stamp = writeStamp(state);
  if (w.stamp === stamp) return true;
  if (readVersion(state, w.reads) !== w.version) return false;
  w.stamp = stamp; // other tables were written: this cursor's are as they were
  return true;
}

/** Before FETCH: refuses when the rows left to fetch are not what SQL Server's cursor would see. */
export async function checkCursorRows(state: EmulatorState, c: CursorState, f: Fetch): Promise<void> {
  const w = c.watch;
  if (w === undefined || c.rows === undefined) return;
  const now = readVersion(state, w.reads);
  if (now === w.version) return;
  if (!w.rerunnable) throw state.unsupported(f, `FETCH from the cursor ${c.name} after the loop wrote a table its query reads (SQL Server's ${c.kind} cursor may see the change, and its query cannot be run again to check: it draws sequence or NEWID() values or calls a user function; declare it STATIC if the rows as of OPEN are meant)`);
  const { sql, params } = w.statement();
  const fresh = (await runSql(state, sql, params, f.span)).map((r) => Object.values(r).map((v) => (v === null || v === undefined ? null : String(v))));
  if (state.reverseUnordered && c.query.orderBy.length === 0) fresh.reverse(); // as OPEN fetched them (cursors.ts)
  const rows = c.rows;
  const remaining = rows.length - c.position;
  const prefix = fresh.length - remaining;
  const key = (r: readonly (string | null)[]): string => JSON.stringify(r);
  let same = prefix >= 0 && prefix <= c.position;
  for (let i = 0; same && i < remaining; i++) same = key(fresh[prefix + i] ?? []) === key(rows[c.position + i] ?? []);
  // the rows left to fetch are as they were: what differs is among the rows before them
  const tailSame = same;
  if (same) {
    // The rows before the tail must be rows already fetched (each at most once).
    const fetched = new Map<string, number>();
    for (let i = 0; i < c.position; i++) fetched.set(key(rows[i] ?? []), (fetched.get(key(rows[i] ?? [])) ?? 0) + 1);
    for (let i = 0; same && i < prefix; i++) {
      const k = key(fresh[i] ?? []);
      const n = fetched.get(k) ?? 0;
      same = n > 0;
      fetched.set(k, n - 1);
    }
  }
  if (!same && tailSame) {
    // Ordered by values that tell the rows apart (returned or hidden): the changed rows before the
    // tail are rows the cursor has fetched, with those values, so they sort at or before it (cursor-order-key.ts).
    const cols = c.columns;
    const width = rows[0]?.length ?? 0;
    const order = rowPositions(cols?.order, width, cols?.hidden ?? 0);
    const identity = rowPositions(cols?.identity, width, cols?.hidden ?? 0);
    same = order !== undefined && beforeRowsAreFetchedRows(order, identity, rows, rows.slice(0, c.position), fresh.slice(0, prefix));
  }
  if (!same && tailSame) {
    // Typically the loop updated a column the query returns of the row it is on. Whether that row
    // (or a new one) now sorts ahead of the cursor, which SQL Server would fetch, the rows alone cannot tell.
    throw state.unsupported(f, `FETCH from the cursor ${c.name} after the loop changed or added a row before the rows left to fetch (the values the query returns for a row it fetched changed, or a new row sorts among them: SQL Server's ${c.kind} cursor would fetch such a row if it now sorts after the current one, and the emulator cannot tell; it reads the rows at OPEN, as a STATIC cursor does: declare it STATIC if that is what the procedure means)`);
  }
  if (!same) {
    throw state.unsupported(f, `FETCH from the cursor ${c.name} after the loop changed rows it has not fetched yet (SQL Server's ${c.kind} cursor sees such changes; the emulator reads the rows at OPEN, as a STATIC cursor does: declare it STATIC if that is what the procedure means)`);
  }
  w.version = now;
  w.stamp = writeStamp(state);
}

const queryVariables = new WeakMap<Select, readonly string[]>();

/** The variables a query reads (lower-case), found once per query. */
function variablesOf(query: Select): readonly string[] {
  let names = queryVariables.get(query);
  if (names === undefined) {
    const found = new Set<string>();
    walk(query, (n) => {
      if (n.kind === 'Variable') found.add(n.name.toLowerCase());
      return undefined;
    });
    names = [...found];
    queryVariables.set(query, names);
  }
  return names;
}

/** The table names a query reads as written, and whether it holds a function or table function (found once per query and catalog). */
const queryRefs = new WeakMap<Select, { readonly catalog: EmulatorState['catalog']; readonly tables: readonly string[]; readonly unknown: boolean; readonly rerunnable: boolean }>();

function refsOf(state: EmulatorState, query: Select): { readonly tables: readonly string[]; readonly unknown: boolean; readonly rerunnable: boolean } {
  const known = queryRefs.get(query);
  if (known !== undefined && known.catalog === state.catalog) return known;
  const tables: string[] = [];
  let unknown = false;
  walk(query, (n) => {
    if (n.kind === 'TableRef') tables.push(n.name.parts.map((p) => p.name).join('.'));
    else if (n.kind === 'TableVariableRef') tables.push(n.variable.name);
    else if (n.kind === 'TableFunctionRef' && !(n.call.kind === 'FunctionCall' && state.catalog.functions.has(objectKey(n.call.name.parts)))) unknown = true;
    else if (n.kind === 'FunctionCall' && state.catalog.functions.has(objectKey(n.name.parts))) {
      // a table-valued parameter passed on (not a scalar variable): the function reads its rows
      for (const a of n.args) if (a.kind === 'Variable' && !state.frame.variables.has(a.name.toLowerCase())) tables.push(a.name);
    }
    return undefined;
  });
  // A user function's result, with the arguments OPEN bound, changes only when a table it reads
  // (transitively) does: those are watched instead of every table.
  for (const key of tablesBehindCalls(state.catalog, state.procedures, [query]).keys()) tables.push(key);
  const refs = { catalog: state.catalog, tables, unknown, rerunnable: rerunnable(state, query) };
  queryRefs.set(query, refs);
  return refs;
}

function factsOf(state: EmulatorState, query: Select): { readonly reads: readonly string[] | 'all'; readonly rerunnable: boolean } {
  const refs = refsOf(state, query);
  return { reads: readTables(state, refs), rerunnable: refs.rerunnable };
}

/** The DuckDB tables a query's names resolve to now, or 'all' when a view, CTE, function or unknown name is involved. */
function readTables(state: EmulatorState, refs: { readonly tables: readonly string[]; readonly unknown: boolean }): readonly string[] | 'all' {
  if (refs.unknown) return 'all';
  const names = new Set<string>();
  const t = new SqlTranslator(state);
  for (const written of refs.tables) {
    try {
      names.add(resolveTable(t, written).sqlName);
    } catch {
      return 'all';
    }
  }
  return [...names].sort();
}

function rerunnable(state: EmulatorState, query: Select): boolean {
  let ok = true;
  walk(query, (n) => {
    if (n.kind === 'NextValueFor' || n.kind === 'TableFunctionRef') ok = false;
    if (n.kind === 'FunctionCall' && (state.catalog.functions.has(objectKey(n.name.parts)) || (n.name.parts.length === 1 && /^NEWID$/i.test(n.name.parts[0]?.name ?? '')))) ok = false;
    return ok;
  });
  return ok;
}

function readVersion(state: EmulatorState, reads: readonly string[] | 'all'): string {
  if (reads === 'all') {
    let sum = 0;
    for (const v of state.versions.tables.values()) sum += v;
    return `${state.versions.epoch}:${sum}`;
  }
  // One table (a cursor over one table, checked at every FETCH): its version, as the join gives.
  if (reads.length === 1) return versionOf(state, reads[0] as string);
  return reads.map((r) => versionOf(state, r)).join('|');
}

/** The text OPEN runs for a cursor query: every column as DuckDB text, in the query's order. */
export function cursorSql(t: SqlTranslator, query: Select): { sql: string; columns: number; types: string[]; tsqlTypes: (TsqlType | undefined)[] } {
  const q = t.query(query, undefined);
  const names = q.columns.map((_, i) => quote(`c${i}`));
  return {
    sql: `SELECT ${names.map((n) => `CAST(${n} AS VARCHAR) AS ${n}`).join(', ')} FROM (${q.sql}) AS __cursor(${names.join(', ')})`,
    columns: names.length,
    types: q.columns.map((col) => col.duckType),
    // The T-SQL types too: a datetime2(3) and a datetime are both TIMESTAMP, but differ as text.
    tsqlTypes: q.columns.map((col) => col.tsqlType),
  };
}
