import type { Expression, Node, Statement, TableTarget } from '../../../tsql';
import { findAll, walk } from '../../../tsql';
import { columnAccountOf } from './column-taint';
import type { EmulatorState, TableInfo } from '../state';
import { existingTaint, noteColumnValues, taintState, type TaintState } from './taint-state';
import { readableTableName } from '../../baseline-names';
import { constantComparedIdentity } from './identity-floors';
import { identityReadScope } from './composable-output-taint';

/*
 * How each statement passes on the values SQL Server may give otherwise that it read
 * (taint-state.ts): the interpreter brackets every statement with startTracking and endTracking;
 * a statement that used one taints the tables it wrote (or only the columns the values reached,
 * column-taint.ts), its result sets and the variables it assigned, and @@ROWCOUNT and the
 * identity functions after it. Compiled loops' leaf SETs use leafStart and leafEnd.
 */

/** Notes that the running statement writes `info` (dml.ts), for tainting; `target`: the statement's target as written, which column-taint.ts names. */
export function noteWrite(state: EmulatorState, info: TableInfo, target?: TableTarget): void {
  const r = taintState(state);
  (r.writes ??= new Set()).add(info);
  if (target !== undefined) r.targets.set(target, info);
}

/** The number of the statement running (startTracking counts them): a write noted under one number is read by statements with a larger one. */
export function statementSerial(state: EmulatorState): number {
  return taintState(state).serial;
}

/**
 * Whether statement `s`, which changes `info`, may read or show its identity values numbered in no
 * defined order: it names a column of that name (a WHERE, SET, OUTPUT or join of the target a FROM
 * does not mark) or `*` other than COUNT(*)'s. By name alone, so a column of another table spelled
 * the same counts too: over-approximated, never under. A reference the statement's FROM or target
 * scope marked (a seed) is followed column by column instead (followSeeds), unless `withSeeds`.
 */
function namesNumberedIdentity(r: TaintState, s: Statement, info: TableInfo, invariant: ReadonlySet<Node>, withSeeds = false): Node | undefined {
  const ids = r.identityColumns.get(info);
  if (ids === undefined) return undefined;
  // A composable DML's OUTPUT reaches only its #temp table, whose columns carrying the numbers composable-output-taint.ts marked.
  const scope = identityReadScope(s, info, r.targets);
  if (scope === undefined) return undefined;
  const { root, skip } = scope;
  // `UPDATE … SET c = …` overwrites c and reads none of its values (`SET c += …` reads them)
  if (s.kind === 'Update') for (const a of s.assignments) if (a.operator === '=' && a.column !== undefined) skip.add(a.column);
  const names = new Set([...ids.keys()].map((k) => k.toLowerCase()));
  const named = findAll(root, 'ColumnRef').find((c) => names.has((c.parts[c.parts.length - 1]?.name ?? '').toLowerCase()) && !invariant.has(c) && !skip.has(c) && (withSeeds || !r.seeds.has(c)));
  if (named !== undefined) return named;
  // COUNT(*) reads no value (the parser keeps its `*` as the call's flag); CHECKSUM(*) reads all.
  return starsReadingValues(root, skip) ? s : findAll(root, 'FunctionCall').find((f) => f.star && !skip.has(f) && !/^count(_big)?$/i.test(f.name.parts[f.name.parts.length - 1]?.name ?? ''));
}

/**
 * The manifest's line for a statement that names numbered identity values of a table it changes:
 * it is why every column of what it writes is listed, not only the identity column (an SCD load's
 * `WHERE d.[Customer Key] <> -1` guard, an OUTPUT of `deleted.[Customer Key]`), so the user sees
 * which reference to look at.
 */
function namedIdentityCause(state: EmulatorState, s: Statement, info: TableInfo, at: Node): string {
  const column = at.kind === 'ColumnRef' ? at.parts.map((p) => (/^\w+$/.test(p.name) ? p.name : `[${p.name}]`)).join('.') : 'a * over its rows';
  return `the ${s.kind.toUpperCase()} at ${state.place(s.span)} reading ${column} at ${state.place(at.span)} while it changes ${readableTableName(info.sqlName)}, whose numbers the plan gives (which row holds which decides what it writes: all of it is listed)`;
}

/**
 * Whether a `*` of `s` reads the rows' values: not the select list of a plain `EXISTS (SELECT *
 * …)` (an audit trigger's `IF EXISTS (SELECT * FROM inserted)`), which only asks whether a row
 * qualifies; one of `EXISTS (SELECT * … EXCEPT SELECT …)` compares the values (row-except.ts).
 */
function starsReadingValues(root: Node, followed: ReadonlySet<Node> = new Set()): boolean {
  let found = false;
  walk(root, (n) => {
    if (found || followed.has(n)) return false;
    if (n.kind === 'Exists' && n.query.body.kind === 'QuerySpec' && n.query.ctes.length === 0) {
      // only a bare `*` of the select list is skipped: its FROM, WHERE, GROUP BY and HAVING are walked
      const spec = n.query.body;
      const rest: Node[] = [...spec.from, ...[spec.where, spec.groupBy, spec.having].filter((x): x is NonNullable<typeof x> => x !== undefined)];
      for (const item of spec.items) if (item.kind !== 'SelectItem' || item.expression.kind !== 'Star') rest.push(item);
      found = rest.some((x) => starsReadingValues(x, followed));
      return false;
    }
    if (n.kind === 'Star') found = true;
    return undefined;
  });
  return found;
}

/**
 * For a `SET @v = …` run outside the interpreter (compiled-loops.ts): starts the statement
 * as startTracking does and returns what leafEnd needs to finish it.
 */
export function leafStart(state: EmulatorState): boolean {
  const r = existingTaint(state);
  if (r === undefined) return false;
  const outer = r.used;
  r.used = false;
  // Not followed by column: a tainted read taints the variable (a leaf's seeds would be lost).
  leafFollowed.set(r, r.followed);
  r.followed = false;
  return outer;
}

/** What leafStart saved of the enclosing statement's following of seeds. */
const leafFollowed = new WeakMap<TaintState, boolean>();

/** Ends what leafStart began: taints `variable` (when assigned) if the value used a random one. */
export function leafEnd(state: EmulatorState, outer: boolean, variable: string | undefined): void {
  const r = existingTaint(state);
  if (r === undefined) return;
  if (r.used && variable !== undefined && state.frames.length > 0) {
    const vars = r.variables.get(state.frame) ?? new Set<string>();
    vars.add(variable);
    r.variables.set(state.frame, vars);
  }
  r.used = outer;
  r.followed = leafFollowed.get(r) ?? false;
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
  const r = taintState(state);
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
  const r = taintState(state);
  // A statement a not-reproducible condition decides: SQL Server may run it or not (control-taint.ts).
  if (r.decided.has(s)) r.used = r.read = true;
  // EXEC (and INSERT … EXEC) gives back what the callee made (OUTPUT parameters, the return
  // code, the rows it selects into the INSERT): tainted when any callee statement used a
  // tainted value (over-approximated: not which value went where).
  if (!r.read && r.usedStatements > outer.usedStatements && (s.kind === 'Execute' || (s.kind === 'Insert' && s.source.kind === 'Execute'))) r.used = r.read = true;
  const compound = ['Block', 'If', 'While', 'TryCatch'].includes(s.kind);
  // `WHERE [Customer Key] <> -1` below every numbered value: the same rows whatever the numbering
  const invariant = compound ? new Set<Node>() : constantComparedIdentity(r, s);
  for (const node of invariant) r.seeds.delete(node);
  if (!r.read && !compound) {
    for (const info of r.writes ?? []) {
      const at = namesNumberedIdentity(r, s, info, invariant);
      if (at === undefined) continue;
      r.used = r.read = true;
      const line = namedIdentityCause(state, s, info, at);
      if (!r.unorderedAssignments.includes(line)) r.unorderedAssignments.push(line);
      break;
    }
  }
  if (!r.read && r.seeds.size > 0 && !followSeeds(state, r, s, outer)) {
    r.used = r.read = true;
    // a numbered column that decides the rows (`WHERE Id <> 2`): the reference is why all of it is listed
    const info = compound ? undefined : [...r.writes ?? []].find((x) => namesNumberedIdentity(r, s, x, invariant, true) !== undefined);
    const at = info === undefined ? undefined : namesNumberedIdentity(r, s, info, invariant, true);
    if (info !== undefined && at !== undefined) {
      const line = namedIdentityCause(state, s, info, at);
      if (!r.unorderedAssignments.includes(line)) r.unorderedAssignments.push(line);
    }
  }
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
function followSeeds(state: EmulatorState, r: TaintState, s: Statement, outer: TrackingMark): boolean {
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
function noteCounts(state: EmulatorState, r: TaintState, s: Statement, outer: TrackingMark): void {
  const decided = r.decided.has(s);
  if (decided || !COUNT_KEPT.has(s.kind)) r.rowCount = decided || (r.read && COUNTS_ROWS.has(s.kind));
  // Such a statement may have drawn more or fewer identity values from the tables it wrote (an
  // UPDATE's trigger logging its rows too): their counters stand elsewhere from now on, and every
  // value drawn from them later, by any statement, with them (IDENT_CURRENT, taint-reads.ts).
  if (decided || r.read) for (const info of r.writes ?? []) if (info.identity !== undefined) r.identityCounters.add(info);
  const drewFromMoved = r.identityCounters.size > 0 && [...r.writes ?? []].some((info) => r.identityCounters.has(info));
  if (decided) r.identity = r.identity || ['If', 'While', 'Block', 'TryCatch'].includes(s.kind) || state.lastIdentity !== outer.identity[0] || state.sessionIdentity !== outer.identity[1];
  else if (state.lastIdentity !== outer.identity[0] || state.sessionIdentity !== outer.identity[1]) r.identity = r.read || drewFromMoved;
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
