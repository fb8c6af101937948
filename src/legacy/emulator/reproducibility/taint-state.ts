import type { Node } from '../../../tsql';
import type { EmulatorState, Frame, TableInfo } from '../state';
import { carryOnReplace } from '../tables/table-replacement';

/*
 * The run's record of values SQL Server may give otherwise (RAND()/NEWID() values, identity and
 * sequence numbers given in no defined order, rowversion values, what a condition reading one
 * decides): which tables, single columns, result sets and variables hold them, and why. The
 * files beside this one note where such values enter (random-values.ts, taint-sources.ts,
 * rowversion.ts), where statements read them (taint-reads.ts, cursor-taint.ts), how each
 * statement passes them on (statement-tracking.ts, column-taint.ts, control-taint.ts), and what
 * the capture lists (taint-report.ts).
 */
export interface TaintState {
  seed: number;
  /** mulberry32 state. */
  s: number;
  used: boolean;
  /** Tables the running statement wrote; undefined until it writes one (most statements do not). */
  writes: Set<TableInfo> | undefined;
  tables: Set<TableInfo>;
  variables: WeakMap<Frame, Set<string>>;
  resultSets: Set<number>;
  /** Identity values an INSERT … SELECT without ORDER BY or a MERGE numbered (in an order SQL Server does not define): the table and statement, one line each. */
  unorderedIdentity: Set<string>;
  /** Values given in an order SQL Server does not define (variables a SELECT assigned from rows, sequence values of several rows): one line each, for the manifest. */
  unorderedAssignments: string[];
  /** How many statements so far used a tainted value: a call whose callee's statements did taints what the call gives back. */
  usedStatements: number;
  /** Single columns of output tables holding values SQL Server's database state decides (rowversion.ts): DuckDB table name -> column -> causes. */
  columns: Map<string, Map<string, string[]>>;
  /**
   * Identity columns whose new values alone SQL Server numbers in its plan's order (an INSERT …
   * SELECT without ORDER BY, an OUTPUT … INTO log): the rows and their other columns are defined,
   * so only the column is listed (column -> causes); a read of the table still taints the reader.
   */
  identityColumns: Map<TableInfo, Map<string, string[]>>;
  /** The least value identityColumns' numbered rows can hold, per table; null where none is known (identity-floors.ts). */
  identityFloors: Map<TableInfo, bigint | null>;
  /** Statements started so far (startTracking): tells a statement's own reads from later ones. */
  serial: number;
  /**
   * Where the running statement read a tainted single column or variable (a column reference
   * or variable node -> its causes): column-taint.ts follows them to the columns they reach;
   * when it cannot, the statement is tainted whole (used).
   */
  seeds: Map<Node, string[]>;
  /** Whether the running statement is one the interpreter tracks (startTracking), where seeds are followed; elsewhere a read sets used. */
  followed: boolean;
  /** The write targets of the running statement as written -> the table each resolved to (noteWrite). */
  targets: Map<Node, TableInfo>;
  /** Statements a condition reading a not-reproducible value decides (control-taint.ts): each taints all it writes and sets when it runs. */
  decided: WeakSet<Node>;
  /** Whether the running statement read a tainted value (used also covers values it gives in an undefined order, which leave its rows defined). */
  read: boolean;
  /** Whether @@ROWCOUNT, and SCOPE_IDENTITY()/@@IDENTITY, now hold what a not-reproducible value decided (endTracking): a read is tainted. */
  rowCount: boolean;
  identity: boolean;
  /**
   * Tables with an identity whose counter stands where a not-reproducible value put it: a
   * statement whose rows one decides (or that may not run) drew from it (statement-tracking.ts
   * noteCounts). Every value drawn from it later, and IDENT_CURRENT of it, may be SQL Server's
   * otherwise.
   */
  identityCounters: Set<TableInfo>;
}

const states = new WeakMap<EmulatorState, TaintState>();

carryOnReplace((state, from, to) => {
  const r = existingTaint(state);
  if (r === undefined) return;
  if (r.tables.has(from)) r.tables.add(to);
  if (r.writes?.has(from) === true) r.writes.add(to);
  const ids = r.identityColumns.get(from);
  if (ids !== undefined) r.identityColumns.set(to, ids);
  const floor = r.identityFloors.get(from);
  if (floor !== undefined) r.identityFloors.set(to, floor);
  if (r.identityCounters.has(from)) r.identityCounters.add(to);
});

/** The run's record, created at its first use. */
export function taintState(state: EmulatorState): TaintState {
  let r = states.get(state);
  if (r === undefined) {
    r = { seed: 0, s: 0, used: false, writes: undefined, tables: new Set(), variables: new WeakMap(), resultSets: new Set(), unorderedIdentity: new Set(), unorderedAssignments: [], usedStatements: 0, columns: new Map(), identityColumns: new Map(), identityFloors: new Map(), serial: 0, seeds: new Map(), followed: false, targets: new Map(), decided: new WeakSet(), read: false, rowCount: false, identity: false, identityCounters: new Set() };
    states.set(state, r);
  }
  return r;
}

/** The run's record if anything was noted yet (reads before that have nothing to find). */
export function existingTaint(state: EmulatorState): TaintState | undefined {
  return states.get(state);
}

/** `column` of `info` alone holds values SQL Server may give otherwise; the whole table when a computed column may read it. */
export function noteColumnValues(r: TaintState, info: TableInfo, column: string, cause: string): void {
  if (info.columns.some((c) => c.computed === true && (c.computedFrom?.includes(column.toLowerCase()) ?? true))) r.tables.add(info);
  else addColumnCause(r.identityColumns, info, column, cause);
}

/** Adds `cause` to the causes of `column` of the table `key` in `map` (once). */
export function addColumnCause<K>(map: Map<K, Map<string, string[]>>, key: K, column: string, cause: string): void {
  const cols = map.get(key) ?? new Map<string, string[]>();
  const causes = cols.get(column) ?? [];
  if (!causes.includes(cause)) causes.push(cause);
  cols.set(column, causes);
  map.set(key, cols);
}

/** Why identity values numbered without ORDER BY are not SQL Server's, after the cause's line. */
export const NUMBERED = ' (SQL Server numbers rows in the order its plan yields them)';

/** Every cause met in the run, one line each. */
export function causesOf(state: EmulatorState, r: TaintState): string[] {
  const out: string[] = [];
  if (state.randomCalls) out.push(`RAND()/NEWID() values (seeded with ${r.seed}; SQL Server's differ)`);
  for (const t of [...r.unorderedIdentity].sort()) out.push(`${t}${NUMBERED}`);
  out.push(...r.unorderedAssignments);
  return out;
}

/** A read of a tainted single column or variable at `node`: followed to the columns it reaches (column-taint.ts) where the statement allows, else the statement is tainted. */
export function noteSeed(state: EmulatorState, r: TaintState, node: Node | undefined, causes: () => readonly string[]): void {
  if (node === undefined || !r.followed) {
    r.used = r.read = true;
    return;
  }
  const known = r.seeds.get(node) ?? [];
  for (const c of causes()) if (!known.includes(c)) known.push(c);
  r.seeds.set(node, known);
}
