import { LegacyError } from '../../../core';
import type { ColumnDefinition, Node, TableDefinition } from '../../../tsql';
import { walk } from '../../../tsql';
import { readableTableName } from '../../baseline-names';
import type { EmulatorState, TableInfo } from '../state';
import type { UnevaluatedColumn } from '../sql-scope';

/*
 * A computed column whose expression the emulator cannot compute (a hierarchyid method, a CLR
 * function, …). SQL Server computes a column that is not PERSISTED only when a query reads it
 * ("Computed columns": "not physically stored in the table … unless the column is marked
 * PERSISTED"), so a procedure that inserts rows or reads the other columns runs the same whether
 * or not the emulator could compute it. Such a column is not a generated column in DuckDB's table
 * (DuckDB computes those at every insert, where the expression would fail) but a plain VARCHAR
 * nothing writes (INSERTs, inputs and UPDATEs skip computed columns), so the row images of
 * triggers, OUTPUT and savepoints keep their shape; the column is marked, and every read of it
 * (by name, through `*`, `inserted.*`, a baseline or section output of the table) is refused
 * where it happens, so its NULLs never reach an output. Where SQL Server computes it at each write (PERSISTED, NOT NULL,
 * a key, CHECK, foreign key or index over it) the table is refused at its CREATE TABLE, as before.
 */

/**
 * The column `col` of `definition`, whose expression failed with `err`, as a column of the table
 * left out of DuckDB's, when SQL Server computes it only where read; else rethrows `err`.
 * `indexTexts`: the CREATE INDEX statements on the table (an index stores the value).
 */
export function unevaluatedColumn(state: EmulatorState, sqlName: string, col: ColumnDefinition, definition: TableDefinition, indexTexts: readonly string[], err: unknown): UnevaluatedColumn {
  if (!(err instanceof LegacyError) || err.code !== 'LEGACY_UNSUPPORTED') throw err;
  if (computedAtWrite(col, definition, indexTexts)) throw err;
  const location = err.location ?? state.locate(col.span);
  const start = location?.span?.start;
  const where = start === undefined ? location?.file ?? '' : `${location?.file ?? ''}:${start.line}:${start.column}`;
  return { table: readableTableName(sqlName), reason: err.message.replace(/^the emulator does not support /, ''), where, location };
}

/** Whether SQL Server computes `col` when a row is written: PERSISTED, NOT NULL, or named by a constraint or an index. */
function computedAtWrite(col: ColumnDefinition, definition: TableDefinition, indexTexts: readonly string[]): boolean {
  const name = col.name.name.toLowerCase();
  if (col.persisted === true) return true;
  if (col.nullable === false || col.constraints.length > 0) return true;
  const named = definition.constraints.some((c) => {
    if (c.columns.some((x) => x.name.toLowerCase() === name)) return true;
    let hit = false;
    if (c.expression !== undefined) walk(c.expression, (n) => { if (n.kind === 'ColumnRef' && (n.parts[n.parts.length - 1]?.name ?? '').toLowerCase() === name) hit = true; return undefined; });
    return hit;
  });
  if (named) return true;
  // The name as an identifier anywhere in the index (key, INCLUDE, WHERE): a false match only keeps the old refusal.
  const spelled = [`[${col.name.name.replace(/]/g, ']]')}]`, `"${col.name.name}"`, col.name.name].map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(^|[^\\w@#$\\]])(${spelled.join('|')})(?![\\w@#$])`, 'i');
  return indexTexts.some((text) => pattern.test(text));
}

/** A read of `column` (by name, or through `*`) at `node`: refused when the emulator cannot compute it. */
export function refuseUnevaluatedRead(state: EmulatorState, column: { readonly name: string; readonly unevaluated?: UnevaluatedColumn } | undefined, node: Pick<Node, 'span'> | undefined): void {
  const u = column?.unevaluated;
  if (u === undefined || column === undefined) return;
  throw new LegacyError('LEGACY_UNSUPPORTED', `the emulator does not support reading the computed column ${column.name} of ${u.table}: its expression (${u.where}) uses ${u.reason}; SQL Server computes it only where a query reads it, so the statements that do not read it run`, {
    location: state.locate(node?.span),
    hint: `capture from SQL Server with MIGRATE_MSSQL_URL, or read the columns ${column.name} is computed from instead`,
  });
}

/** Before `info` is written as a baseline: refused when it has a computed column the emulator cannot compute (the baseline shows every column). */
export function refuseUnevaluatedOutput(info: TableInfo): void {
  const c = info.columns.find((x) => x.unevaluated !== undefined);
  const u = c?.unevaluated;
  if (c === undefined || u === undefined) return;
  throw new LegacyError('LEGACY_UNSUPPORTED', `the emulator does not support the baseline of ${u.table}, which the procedure writes: it shows the computed column ${c.name}, whose expression uses ${u.reason}`, {
    location: u.location,
    hint: 'capture from SQL Server with MIGRATE_MSSQL_URL',
  });
}
