import type { EmulatorState, TableInfo } from '../state';
import type { Node } from '../../../tsql';
import { addColumnCause, noteColumnValues, noteSeed, NUMBERED, taintState } from './taint-state';
import { noteNumberedFloor } from './identity-floors';

/*
 * Where values SQL Server may give otherwise enter a run besides RAND()/NEWID() (random-values.ts):
 * identity and sequence numbers given to several rows in no defined order, variables a SELECT
 * assigns from rows in no defined order, rowversion values (rowversion.ts). Each is noted with
 * its cause, the manifest's line.
 */

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
  const r = taintState(state);
  const line = `identity values of ${table} numbered by ${by}`;
  if (only === undefined) r.used = true;
  // A computed column may read the identity (`'A-' + CAST(AuditId AS varchar(10))`): all of it then
  // (one computed from other columns, `ShipMonth AS DATEFROMPARTS(…ShipDate…)`, keeps its values).
  else if (only.identity === undefined || only.columns.some((c) => c.computed === true && (c.computedFrom?.includes(only.identity?.column.toLowerCase() ?? '') ?? true))) r.tables.add(only);
  else {
    addColumnCause(r.identityColumns, only, only.identity.column, `${line}${NUMBERED}`);
    noteNumberedFloor(state, r, only);
  }
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
  const r = taintState(state);
  noteColumnValues(r, info, column, cause);
  if (!r.unorderedAssignments.includes(cause)) r.unorderedAssignments.push(cause);
  state.randomValuesUsed = true;
}

/**
 * Notes that the running statement gave values in an order SQL Server does not define: a SELECT
 * assigning variables from several rows (select-assignment.ts), a sequence drawn for several rows
 * (sequences.ts). What it writes, and what that feeds, is tainted like RAND()'s; `cause` is the
 * manifest's line.
 */
export function noteOrderDependentValues(state: EmulatorState, cause: string): void {
  const r = taintState(state);
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
  const r = taintState(state);
  addColumnCause(r.columns, table, column, cause);
  if (!r.unorderedAssignments.includes(cause)) r.unorderedAssignments.push(cause);
  // Tracking (and the translation of every statement, where reads are seen) runs from now on.
  state.randomValuesUsed = true;
}

/**
 * The value of `node` (a window whose tied rows the plan orders, window-ties.ts) may be SQL
 * Server's otherwise: followed to the columns and variables it reaches (column-taint.ts), the
 * statement whole where it cannot be; `cause` is the manifest's line.
 */
export function noteTieOrderedValue(state: EmulatorState, node: Node, cause: string): void {
  const r = taintState(state);
  if (!r.unorderedAssignments.includes(cause)) r.unorderedAssignments.push(cause);
  state.randomValuesUsed = true;
  noteSeed(state, r, node, () => [cause]);
}
