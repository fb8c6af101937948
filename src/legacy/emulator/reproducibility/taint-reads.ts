import type { Node } from '../../../tsql';
import type { ColumnType } from '../sql-scope';
import type { EmulatorState, TableInfo } from '../state';
import { causesOf, existingTaint, noteSeed, taintState } from './taint-state';

/*
 * Reads of values SQL Server may give otherwise (taint-state.ts): a tainted table, variable or
 * single column, @@ROWCOUNT and the identity functions after what such a value decided. A read
 * taints the statement reading it, or (a single column, a variable, where the statement allows)
 * only what the value reaches (column-taint.ts).
 */

/** The running statement read a value noteNonReproducibleColumn's columns hold: what it writes is tainted. */
export function noteTaintedRead(state: EmulatorState): void {
  const r = taintState(state);
  r.used = r.read = true;
}

/**
 * A read of a variable or table: tainted values taint the statement reading them. A table whose
 * identity values alone are tainted taints only a statement that reads that column: its FROM
 * marks the column (markNumberedIdentityColumns), a reference to it or `*` taints
 * (readsNumberedIdentity), and a statement changing the table taints it whole when it names the
 * column or `*` anywhere (endTracking): the other columns' values are the same in any numbering.
 */
export function noteRead(state: EmulatorState, what: { table?: TableInfo; variable?: string; node?: Node }): void {
  const r = existingTaint(state);
  if (r === undefined) return;
  if (what.table !== undefined && r.tables.has(what.table)) r.used = r.read = true;
  if (what.variable !== undefined && state.frames.length > 0 && r.variables.get(state.frame)?.has(what.variable.toLowerCase()) === true) noteSeed(state, r, what.node, () => causesOf(state, r));
}

/** Column objects of FROM items holding identity values numbered in no defined order (markNumberedIdentityColumns) -> their causes. */
const numberedIdentity = new WeakMap<ColumnType, readonly string[]>();

/** The columns a FROM gives for `info` (queries.ts): its identity column marked when a statement numbered it in no defined order. */
export function markNumberedIdentityColumns(state: EmulatorState, info: TableInfo, columns: ColumnType[]): ColumnType[] {
  const ids = existingTaint(state)?.identityColumns.get(info);
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
  const r = existingTaint(state);
  if (causes !== undefined && r !== undefined) noteSeed(state, r, node, () => causes);
}

/** noteRead of the variable `lowerName` (lower-case) in the current frame, without allocating. */
export function noteVariableRead(state: EmulatorState, lowerName: string): void {
  if (!state.randomValuesUsed) return; // nothing can be tainted before a RAND()/NEWID()
  const r = existingTaint(state);
  if (r !== undefined && state.frames.length > 0 && r.variables.get(state.frame)?.has(lowerName) === true) r.used = r.read = true;
}

/** A read of @@ROWCOUNT (`which` 'rowCount') or SCOPE_IDENTITY()/@@IDENTITY ('identity') at `node` (none from the fast path): tainted after what noteCounts says. */
export function noteCountRead(state: EmulatorState, which: 'rowCount' | 'identity', node?: Node): void {
  const r = existingTaint(state);
  if (r !== undefined && r[which]) noteSeed(state, r, node, () => causesOf(state, r));
}

/** IDENT_CURRENT of `info` at `node`: tainted once a statement whose rows a not-reproducible value decides drew from its counter (noteCounts). */
export function noteIdentityCounterRead(state: EmulatorState, info: TableInfo, node: Node): void {
  const r = existingTaint(state);
  if (r !== undefined && r.identityCounters.has(info)) noteSeed(state, r, node, () => causesOf(state, r));
}
