import type { Expression, FunctionCall, Node, Statement, TableTarget } from '../../../tsql';
import { findAll } from '../../../tsql';
import { readableTableName } from '../../baseline-names';
import { columnAccountOf } from './column-taint';
import { evalFast } from '../fast-paths/fastpath';
import type { SqlFragment, SqlTranslator } from '../expressions';
import type { ColumnType } from '../sql-scope';
import type { CursorState, EmulatorState, Frame, TableInfo } from '../state';
import { carryOnReplace } from '../tables/table-replacement';

/*
 * RAND() and NEWID() cannot give SQL Server's values. The emulator makes them deterministic
 * (a seeded generator: `migrate capture --seed N`, 0 by default) and follows where their values
 * go: a statement that evaluates one, or reads a variable or table that holds such a value,
 * taints what it writes (all columns of the tables it writes, its result sets, the variables it
 * assigns). The capture's manifest names those output columns as non-reproducible.
 */
interface RandomState {
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
}

const states = new WeakMap<EmulatorState, RandomState>();

carryOnReplace((state, from, to) => {
  const r = states.get(state);
  if (r === undefined) return;
  if (r.tables.has(from)) r.tables.add(to);
  if (r.writes?.has(from) === true) r.writes.add(to);
  const ids = r.identityColumns.get(from);
  if (ids !== undefined) r.identityColumns.set(to, ids);
});

function of(state: EmulatorState): RandomState {
  let r = states.get(state);
  if (r === undefined) {
    r = { seed: 0, s: 0, used: false, writes: undefined, tables: new Set(), variables: new WeakMap(), resultSets: new Set(), unorderedIdentity: new Set(), unorderedAssignments: [], usedStatements: 0, columns: new Map(), identityColumns: new Map(), serial: 0, seeds: new Map(), followed: false, targets: new Map(), decided: new WeakSet(), read: false, rowCount: false, identity: false };
    states.set(state, r);
  }
  return r;
}

/** Seeds RAND() and NEWID() for a run and creates the counter NEWID() uses. */
export async function installRandom(state: EmulatorState, seed: number): Promise<void> {
  const r = of(state);
  r.seed = seed;
  r.s = seed >>> 0;
  await state.session.run('CREATE OR REPLACE TEMP SEQUENCE "__tsql_newid" START 1');
}

function next(r: RandomState): number {
  // mulberry32: small, fast and fully determined by the seed.
  r.s = (r.s + 0x6d2b79f5) >>> 0;
  let x = r.s;
  x = Math.imul(x ^ (x >>> 15), x | 1);
  x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
}

/**
 * RAND([seed]) and NEWID(). RAND is one value per query, as in SQL Server (evaluated once, not
 * per row); RAND(n) restarts the sequence from n. NEWID is a new uniqueidentifier per row.
 */
export function translateRandom(t: SqlTranslator, call: FunctionCall, name: 'RAND' | 'NEWID'): SqlFragment {
  const r = of(t.state);
  r.used = r.read = true;
  t.state.randomValuesUsed = true;
  t.state.randomCalls = true;
  if (name === 'NEWID') {
    const h = `md5('${r.seed}:' || CAST(nextval('__tsql_newid') AS VARCHAR))`;
    return { sql: `CAST(substr(${h}, 1, 8) || '-' || substr(${h}, 9, 4) || '-4' || substr(${h}, 14, 3) || '-a' || substr(${h}, 18, 3) || '-' || substr(${h}, 21, 12) AS UUID)`, family: 'guid', duckType: 'UUID' };
  }
  const arg = call.args[0];
  if (arg !== undefined) {
    const known = evalFast(t.state, arg);
    if (known === undefined || known.kind === 'bool' || known.value === null) throw t.state.unsupported(arg, 'RAND(seed) with a seed computed per row');
    r.s = Math.trunc(Number(known.value)) >>> 0;
  }
  return { sql: t.bind(String(next(r)), 'DOUBLE'), family: 'approx', duckType: 'DOUBLE' };
}

/** Notes that the running statement writes `info` (dml.ts), for tainting; `target`: the statement's target as written, which column-taint.ts names. */
export function noteWrite(state: EmulatorState, info: TableInfo, target?: TableTarget): void {
  const r = of(state);
  (r.writes ??= new Set()).add(info);
  if (target !== undefined) r.targets.set(target, info);
}

/**
 * Notes that the running statement gave identity values to several rows of `table` from a
 * query without ORDER BY (`by` says which statement). SQL Server numbers them in the order its
 * plan produces the rows (an index order, a hash order: undefined by the language), the emulator
 * in its own order; so the values, and everything they feed, are tainted like RAND()'s.
 */
/**
 * `by`: the statement that drew them, with its file:line:col. `only`: the table that receives
 * them, when nothing else the statement writes can hold them (an INSERT … SELECT without OUTPUT
 * or trigger, the `OUTPUT … INTO` of a MERGE or UPDATE into a log table): only its identity
 * column is tainted (which row gets which number is the plan's; the rows and their other values
 * are the statement's), not the MERGE's target, whose rows the numbering does not touch.
 */
export function noteUnorderedIdentity(state: EmulatorState, table: string, by: string, only?: TableInfo): void {
  const r = of(state);
  const line = `identity values of ${table} numbered by ${by}`;
  if (only === undefined) r.used = true;
  // A computed column may read the identity (`'A-' + CAST(AuditId AS varchar(10))`): all of it then
  // (one computed from other columns, `ShipMonth AS DATEFROMPARTS(…ShipDate…)`, keeps its values).
  else if (only.identity === undefined || only.columns.some((c) => c.computed === true && (c.computedFrom?.includes(only.identity?.column.toLowerCase() ?? '') ?? true))) r.tables.add(only);
  else addColumnCause(r.identityColumns, only, only.identity.column, `${line}${NUMBERED}`);
  r.unorderedIdentity.add(line);
  state.randomValuesUsed = true;
}

/**
 * Notes that `column` of `info` alone holds values SQL Server gives in its plan's order: a
 * sequence an INSERT … SELECT draws per row into that column (sequences.ts). The rows and their
 * other columns are defined, so the column is listed as identity numbering's is (a statement
 * reading it, or changing the table and naming it, is tainted); a computed column that may read it
 * taints the whole table.
 */
export function noteUnorderedColumn(state: EmulatorState, info: TableInfo, column: string, cause: string): void {
  const r = of(state);
  noteColumnValues(r, info, column, cause);
  if (!r.unorderedAssignments.includes(cause)) r.unorderedAssignments.push(cause);
  state.randomValuesUsed = true;
}

/** `column` of `info` alone holds values SQL Server may give otherwise; the whole table when a computed column may read it. */
function noteColumnValues(r: RandomState, info: TableInfo, column: string, cause: string): void {
  if (info.columns.some((c) => c.computed === true && (c.computedFrom?.includes(column.toLowerCase()) ?? true))) r.tables.add(info);
  else addColumnCause(r.identityColumns, info, column, cause);
}

/** Adds `cause` to the causes of `column` of the table `key` in `map` (once). */
function addColumnCause<K>(map: Map<K, Map<string, string[]>>, key: K, column: string, cause: string): void {
  const cols = map.get(key) ?? new Map<string, string[]>();
  const causes = cols.get(column) ?? [];
  if (!causes.includes(cause)) causes.push(cause);
  cols.set(column, causes);
  map.set(key, cols);
}

/** Why identity values numbered without ORDER BY are not SQL Server's, after the cause's line. */
const NUMBERED = ' (SQL Server numbers rows in the order its plan yields them)';

/**
 * Notes that the running statement gave values in an order SQL Server does not define: a SELECT
 * assigning variables from several rows (select-assignment.ts), a sequence drawn for several rows
 * (sequences.ts). What it writes, and what that feeds, is tainted like RAND()'s; `cause` is the
 * manifest's line.
 */
export function noteOrderDependentValues(state: EmulatorState, cause: string): void {
  const r = of(state);
  r.used = true;
  if (!r.unorderedAssignments.includes(cause)) r.unorderedAssignments.push(cause);
  state.randomValuesUsed = true;
}

/**
 * Notes that `column` of the table `table` (its DuckDB name) holds values the emulator cannot
 * know (rowversion values, which the database's @@DBTS decides): the column alone is listed in
 * nonReproducible, `cause` in the manifest; what reads it is tainted through noteTaintedRead.
 */
export function noteNonReproducibleColumn(state: EmulatorState, table: string, column: string, cause: string): void {
  const r = of(state);
  addColumnCause(r.columns, table, column, cause);
  if (!r.unorderedAssignments.includes(cause)) r.unorderedAssignments.push(cause);
  // Tracking (and the translation of every statement, where reads are seen) runs from now on.
  state.randomValuesUsed = true;
}

/** The running statement read a value noteNonReproducibleColumn's columns hold: what it writes is tainted. */
export function noteTaintedRead(state: EmulatorState): void {
  const r = of(state);
  r.used = r.read = true;
}

/** The number of the statement running (startTracking counts them): a write noted under one number is read by statements with a larger one. */
export function statementSerial(state: EmulatorState): number {
  return of(state).serial;
}

/** Why the columns of nonReproducibleColumns (and `alsoTainted`, OUTPUT parameters such values fed) are listed: one line per cause, for the manifest. */
export function nonReproducibleCauses(state: EmulatorState, alsoTainted = false): string[] {
  const r = states.get(state);
  if (r === undefined || (r.tables.size + r.resultSets.size + r.columns.size + r.identityColumns.size === 0 && !alsoTainted)) return [];
  return causesOf(state, r);
}

/** Every cause met in the run, one line each. */
function causesOf(state: EmulatorState, r: RandomState): string[] {
  const out: string[] = [];
  if (state.randomCalls) out.push(`RAND()/NEWID() values (seeded with ${r.seed}; SQL Server's differ)`);
  for (const t of [...r.unorderedIdentity].sort()) out.push(`${t}${NUMBERED}`);
  out.push(...r.unorderedAssignments);
  return out;
}

/**
 * What a run's values cannot reproduce, for a section run (emulate-section.ts): whether a table,
 * a result set (by index) or a variable of the current frame holds such values, and why (every
 * cause met, even one that fed only variables).
 */
export interface Taint {
  /** Every column of the table. */
  readonly table: (info: TableInfo) => boolean;
  /** Single columns of a table `table` does not taint whole (identity numbering, rowversion values): column as declared -> causes. */
  readonly columns: (info: TableInfo) => ReadonlyMap<string, readonly string[]> | undefined;
  readonly resultSet: (index: number) => boolean;
  readonly variable: (lowerName: string) => boolean;
  readonly causes: readonly string[];
}

export function taintOf(state: EmulatorState): Taint {
  const r = states.get(state);
  const frame = state.frames.length > 0 ? state.frame : undefined;
  const vars = r === undefined || frame === undefined ? undefined : r.variables.get(frame);
  const causes = r === undefined ? [] : causesOf(state, r);
  return {
    table: (info) => r?.tables.has(info) === true,
    columns: (info) => (r === undefined || r.tables.has(info) ? undefined : taintedColumnsOf(r, info)),
    resultSet: (i) => r?.resultSets.has(i) === true,
    variable: (name) => vars?.has(name) === true,
    causes,
  };
}

/** The single tainted columns of `info` (rowversion's and identity numbering's), undefined when none. */
function taintedColumnsOf(r: RandomState, info: TableInfo): Map<string, readonly string[]> | undefined {
  const out = new Map<string, readonly string[]>();
  for (const from of [r.columns.get(info.sqlName), r.identityColumns.get(info)]) {
    for (const [c, causes] of from ?? []) out.set(c, [...(out.get(c) ?? []), ...causes]);
  }
  return out.size === 0 ? undefined : out;
}

/**
 * A read of a variable or table: tainted values taint the statement reading them. A table whose
 * identity values alone are tainted taints only a statement that reads that column: its FROM
 * marks the column (markNumberedIdentityColumns), a reference to it or `*` taints
 * (readsNumberedIdentity), and a statement changing the table taints it whole when it names the
 * column or `*` anywhere (endTracking): the other columns' values are the same in any numbering.
 */
export function noteRead(state: EmulatorState, what: { table?: TableInfo; variable?: string; node?: Node }): void {
  const r = states.get(state);
  if (r === undefined) return;
  if (what.table !== undefined && r.tables.has(what.table)) r.used = r.read = true;
  if (what.variable !== undefined && state.frames.length > 0 && r.variables.get(state.frame)?.has(what.variable.toLowerCase()) === true) noteSeed(state, r, what.node, () => causesOf(state, r));
}

/** A read of a tainted single column or variable at `node`: followed to the columns it reaches (column-taint.ts) where the statement allows, else the statement is tainted. */
function noteSeed(state: EmulatorState, r: RandomState, node: Node | undefined, causes: () => readonly string[]): void {
  if (node === undefined || !r.followed) {
    r.used = r.read = true;
    return;
  }
  const known = r.seeds.get(node) ?? [];
  for (const c of causes()) if (!known.includes(c)) known.push(c);
  r.seeds.set(node, known);
}

/** Column objects of FROM items holding identity values numbered in no defined order (markNumberedIdentityColumns) -> their causes. */
const numberedIdentity = new WeakMap<ColumnType, readonly string[]>();

/** The columns a FROM gives for `info` (queries.ts): its identity column marked when a statement numbered it in no defined order. */
export function markNumberedIdentityColumns(state: EmulatorState, info: TableInfo, columns: ColumnType[]): ColumnType[] {
  const ids = states.get(state)?.identityColumns.get(info);
  if (ids === undefined) return columns;
  for (const c of columns) {
    const causes = [...ids].find(([k]) => k.toLowerCase() === c.name.toLowerCase())?.[1];
    if (causes !== undefined) numberedIdentity.set(c, causes);
  }
  return columns;
}

/**
 * A column reference at `node` (or a `*`, without node) resolved to `column`: reading identity
 * values numbered in no defined order taints what the value reaches (column-taint.ts), or the
 * statement.
 */
export function readsNumberedIdentity(state: EmulatorState, column: ColumnType, node?: Node): void {
  const causes = numberedIdentity.get(column);
  const r = states.get(state);
  if (causes !== undefined && r !== undefined) noteSeed(state, r, node, () => causes);
}

/**
 * Whether statement `s`, which changes `info`, may read or show its identity values numbered in no
 * defined order: it names a column of that name (a WHERE, SET, OUTPUT or join of the target a FROM
 * does not mark) or `*` other than COUNT(*)'s. By name alone, so a column of another table spelled
 * the same counts too: over-approximated, never under.
 */
function namesNumberedIdentity(r: RandomState, s: Statement, info: TableInfo): boolean {
  const ids = r.identityColumns.get(info);
  if (ids === undefined) return false;
  const names = new Set([...ids.keys()].map((k) => k.toLowerCase()));
  if (findAll(s, 'ColumnRef').some((c) => names.has((c.parts[c.parts.length - 1]?.name ?? '').toLowerCase()))) return true;
  // COUNT(*) reads no value (the parser keeps its `*` as the call's flag); CHECKSUM(*) reads all.
  return findAll(s, 'Star').length > 0 || findAll(s, 'FunctionCall').some((f) => f.star && !/^count(_big)?$/i.test(f.name.parts[f.name.parts.length - 1]?.name ?? ''));
}

/**
 * For a `SET @v = …` run outside the interpreter (compiled-loops.ts): starts the statement
 * as startTracking does and returns what leafEnd needs to finish it.
 */
export function leafStart(state: EmulatorState): boolean {
  const r = states.get(state);
  if (r === undefined) return false;
  const outer = r.used;
  r.used = false;
  // Not followed by column: a tainted read taints the variable (a leaf's seeds would be lost).
  leafFollowed.set(r, r.followed);
  r.followed = false;
  return outer;
}

/** What leafStart saved of the enclosing statement's following of seeds. */
const leafFollowed = new WeakMap<RandomState, boolean>();

/** Ends what leafStart began: taints `variable` (when assigned) if the value used a random one. */
export function leafEnd(state: EmulatorState, outer: boolean, variable: string | undefined): void {
  const r = states.get(state);
  if (r === undefined) return;
  if (r.used && variable !== undefined && state.frames.length > 0) {
    const vars = r.variables.get(state.frame) ?? new Set<string>();
    vars.add(variable);
    r.variables.set(state.frame, vars);
  }
  r.used = outer;
  r.followed = leafFollowed.get(r) ?? false;
}

/** noteRead of the variable `lowerName` (lower-case) in the current frame, without allocating. */
export function noteVariableRead(state: EmulatorState, lowerName: string): void {
  if (!state.randomValuesUsed) return; // nothing can be tainted before a RAND()/NEWID()
  const r = states.get(state);
  if (r !== undefined && state.frames.length > 0 && r.variables.get(state.frame)?.has(lowerName) === true) r.used = r.read = true;
}

/** Cursors whose rows OPEN read from tainted values. */
const taintedCursors = new WeakSet<CursorState>();

/** After OPEN ran the cursor's query: its rows are tainted when the query used a tainted value. */
export function noteCursorOpen(state: EmulatorState, cursor: CursorState): void {
  const r = states.get(state);
  if (r !== undefined && (r.used || r.seeds.size > 0)) taintedCursors.add(cursor);
  else taintedCursors.delete(cursor);
}

/** A FETCH from `cursor`: a tainted cursor's row taints the variables it goes into. */
export function noteCursorFetch(state: EmulatorState, cursor: CursorState): void {
  if (!state.randomValuesUsed || !taintedCursors.has(cursor)) return;
  const r = states.get(state);
  if (r !== undefined) r.used = r.read = true;
}

/** What startTracking saved of the enclosing statement, for endTracking. */
export interface TrackingMark {
  readonly used: boolean;
  readonly writes: Set<TableInfo> | undefined;
  readonly resultSets: number;
  readonly usedStatements: number;
  readonly serial: number;
  readonly seeds: Map<Node, string[]>;
  readonly followed: boolean;
  readonly targets: Map<Node, TableInfo>;
  /** SCOPE_IDENTITY()'s and @@IDENTITY's values before the statement: a change is its own. */
  readonly identity: readonly [string | null, string | null];
  readonly read: boolean;
}

/**
 * Starts tracking one statement (the interpreter calls it before each statement and endTracking
 * after): the enclosing statement's state is saved, the statement's own starts empty.
 */
export function startTracking(state: EmulatorState): TrackingMark {
  const r = of(state);
  r.serial++;
  const mark = { used: r.used, writes: r.writes, resultSets: state.resultSets.length, usedStatements: r.usedStatements, serial: r.serial, seeds: r.seeds, followed: r.followed, targets: r.targets, identity: [state.lastIdentity, state.sessionIdentity] as const, read: r.read };
  r.used = false;
  r.read = false;
  r.writes = undefined;
  r.seeds = new Map();
  r.followed = true;
  r.targets = new Map();
  return mark;
}

/** Ends what startTracking began: taints what statement `s` wrote when it used a random value. */
export function endTracking(state: EmulatorState, s: Statement, outer: TrackingMark): void {
  const r = of(state);
  // A statement a not-reproducible condition decides: SQL Server may run it or not (control-taint.ts).
  if (r.decided.has(s)) r.used = r.read = true;
  // EXEC (and INSERT … EXEC) gives back what the callee made (OUTPUT parameters, the return
  // code, the rows it selects into the INSERT): tainted when any callee statement used a
  // tainted value (over-approximated: not which value went where).
  if (!r.read && r.usedStatements > outer.usedStatements && (s.kind === 'Execute' || (s.kind === 'Insert' && s.source.kind === 'Execute'))) r.used = r.read = true;
  if (!r.read && [...r.writes ?? []].some((info) => namesNumberedIdentity(r, s, info))) r.used = r.read = true;
  if (!r.read && r.seeds.size > 0 && !followSeeds(state, r, s, outer)) r.used = r.read = true;
  if (r.used) r.usedStatements++;
  if (r.used && !['Block', 'If', 'While', 'TryCatch'].includes(s.kind)) {
    for (const info of r.writes ?? []) r.tables.add(info);
    for (let i = outer.resultSets; i < state.resultSets.length; i++) r.resultSets.add(i);
    if (state.frames.length > 0) {
      const vars = r.variables.get(state.frame) ?? new Set<string>();
      for (const v of assignedVariables(s)) vars.add(v);
      r.variables.set(state.frame, vars);
    }
  }
  noteCounts(state, r, s, outer);
  // A compound statement's inner statements were tracked on their own.
  r.used = outer.used || (r.used && ['Block', 'If', 'While', 'TryCatch'].includes(s.kind));
  r.read = outer.read || (r.read && ['Block', 'If', 'While', 'TryCatch'].includes(s.kind));
  let writes = outer.writes;
  const inner = r.writes as Set<TableInfo> | undefined; // set by noteWrite while the statement ran
  if (inner !== undefined) {
    writes ??= new Set();
    for (const w of inner) writes.add(w);
  }
  r.writes = writes;
  r.seeds = outer.seeds;
  r.followed = outer.followed;
  r.targets = outer.targets;
}

/**
 * The running statement read tainted single columns or variables (seeds) and nothing else
 * tainted: marks the columns and variables their values reach (column-taint.ts) and returns
 * true; false when no column-level account is certain (the caller taints the statement whole):
 * a statement running others (a trigger, a function's body), a table written that is not one of
 * its targets as written, a column the table does not have.
 */
function followSeeds(state: EmulatorState, r: RandomState, s: Statement, outer: TrackingMark): boolean {
  if (r.serial !== outer.serial || state.frames.length === 0) return false;
  const account = columnAccountOf(s, new Set(r.seeds.keys()));
  if (account === undefined) return false;
  const written = new Set(r.targets.values());
  if ([...r.writes ?? []].some((info) => !written.has(info))) return false;
  const marks: [TableInfo, string][] = [];
  for (const [node, columns] of account.targets) {
    const info = r.targets.get(node);
    if (info === undefined) return false;
    for (const c of columns) {
      const declared = info.columns.find((x) => x.name.toLowerCase() === c);
      if (declared === undefined) return false;
      marks.push([info, declared.name]);
    }
  }
  const causes = [...new Set([...r.seeds.values()].flat())];
  for (const [info, column] of marks) for (const cause of causes) noteColumnValues(r, info, column, cause);
  if (account.variables.size > 0) {
    const vars = r.variables.get(state.frame) ?? new Set<string>();
    for (const v of account.variables) vars.add(v);
    r.variables.set(state.frame, vars);
  }
  return true;
}

/** Statements that leave @@ROWCOUNT as the statement before them set it (an EXEC: as its callee's last statement did). */
const COUNT_KEPT = new Set(['Block', 'If', 'While', 'TryCatch', 'Declare', 'Execute', 'Label', 'Goto', 'Break', 'Continue', 'Return']);
/** Statements whose @@ROWCOUNT counts rows a tainted value may decide (a SET counts 1 whatever it assigns). */
const COUNTS_ROWS = new Set(['Select', 'Insert', 'Update', 'Delete', 'Merge', 'Fetch']);

/**
 * After statement `s`: whether @@ROWCOUNT and the identity functions now hold values a
 * not-reproducible value decided. A statement that read one it could not follow column by
 * column (r.read: its rows may depend on it; not one that only gives values in an undefined
 * order, a MERGE numbering its rows) counts rows SQL Server may count otherwise, and draws the
 * last identity value from them; a decided statement (control-taint.ts), or an IF or WHILE whose
 * condition was, leaves whatever its branch left, which SQL Server may not have run.
 */
function noteCounts(state: EmulatorState, r: RandomState, s: Statement, outer: TrackingMark): void {
  const decided = r.decided.has(s);
  if (decided || !COUNT_KEPT.has(s.kind)) r.rowCount = decided || (r.read && COUNTS_ROWS.has(s.kind));
  if (decided) r.identity = r.identity || ['If', 'While', 'Block', 'TryCatch'].includes(s.kind) || state.lastIdentity !== outer.identity[0] || state.sessionIdentity !== outer.identity[1];
  else if (state.lastIdentity !== outer.identity[0] || state.sessionIdentity !== outer.identity[1]) r.identity = r.read;
}

/** A read of @@ROWCOUNT (`which` 'rowCount') or SCOPE_IDENTITY()/@@IDENTITY ('identity') at `node` (none from the fast path): tainted after what noteCounts says. */
export function noteCountRead(state: EmulatorState, which: 'rowCount' | 'identity', node?: Node): void {
  const r = states.get(state);
  if (r !== undefined && r[which]) noteSeed(state, r, node, () => causesOf(state, r));
}

/** What an IF's or WHILE's condition is evaluated against: the statement's reads before it, set aside (startConditionTaint). */
export interface ConditionMark {
  readonly used: boolean;
  readonly seeds: Map<Node, string[]>;
}

/** Before a condition is evaluated: its own reads are told from the statement's others (a WHILE's body's). */
export function startConditionTaint(state: EmulatorState): ConditionMark {
  const r = of(state);
  const mark = { used: r.used, seeds: r.seeds };
  r.used = false;
  r.seeds = new Map();
  return mark;
}

/** After it: whether the condition read a not-reproducible value; the statement keeps the reads. */
export function endConditionTaint(state: EmulatorState, mark: ConditionMark): boolean {
  const r = of(state);
  const tainted = r.used || r.seeds.size > 0;
  for (const [node, causes] of r.seeds) mark.seeds.set(node, [...new Set([...(mark.seeds.get(node) ?? []), ...causes])]);
  r.seeds = mark.seeds;
  r.used = mark.used || r.used;
  return tainted;
}

/**
 * A condition read a not-reproducible value (control-taint.ts): every column of `tables` and the
 * variables (lower-cased, of the current frame) are tainted now, and each of `statements` taints
 * what it writes and sets whenever it runs; @@ROWCOUNT, and the identity functions when
 * `drawsIdentity`, hold what SQL Server may give otherwise.
 */
export function taintDecided(state: EmulatorState, tables: Iterable<TableInfo>, variables: Iterable<string>, statements: Iterable<Node>, drawsIdentity: boolean): void {
  const r = of(state);
  for (const t of tables) r.tables.add(t);
  const vars = r.variables.get(state.frame) ?? new Set<string>();
  for (const v of variables) vars.add(v);
  r.variables.set(state.frame, vars);
  for (const s of statements) r.decided.add(s);
  r.rowCount = true;
  if (drawsIdentity) r.identity = true;
  state.randomValuesUsed = true;
}

function assignedVariables(s: Statement): string[] {
  switch (s.kind) {
    case 'SetVariable': return [s.variable.name.toLowerCase()];
    case 'Declare': return s.declarations.map((d) => d.variable.name.toLowerCase());
    case 'Fetch': return s.into.map((v) => v.name.toLowerCase());
    case 'Select': return findAll(s, 'SelectAssignment').map((a) => a.variable.name.toLowerCase());
    case 'Execute': return [
      ...(s.returnVariable === undefined ? [] : [s.returnVariable.name.toLowerCase()]),
      ...s.args.filter((a) => a.output && a.value?.kind === 'Variable').map((a) => (a.value as Extract<Expression, { kind: 'Variable' }>).name.toLowerCase()),
    ];
    default: return [];
  }
}

/**
 * The output columns whose values came from RAND()/NEWID(): `schema.table.column` for tables,
 * `result-set-N.column` (as the result set's file is named) for result sets.
 */
export function nonReproducibleColumns(state: EmulatorState): string[] {
  const r = states.get(state);
  if (r === undefined) return [];
  const out: string[] = [];
  for (const [key, info] of state.tables) {
    if (key.startsWith('#') || key.startsWith('@')) continue;
    const only = taintedColumnsOf(r, info);
    if (!r.tables.has(info) && only === undefined) continue;
    // As written in the scripts (`dbo.Batch.Token`): people read this list.
    for (const c of info.columns) if (r.tables.has(info) || only?.has(c.name) === true) out.push(`${readableTableName(info.sqlName)}.${c.name}`);
  }
  for (const i of [...r.resultSets].sort((a, b) => a - b)) for (const c of state.resultSets[i]?.columns ?? []) out.push(`result-set-${i + 1}.${c}`);
  return out.sort();
}
