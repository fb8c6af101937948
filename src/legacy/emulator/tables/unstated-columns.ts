import { LegacyError } from '../../../core';
import type { Node } from '../../../tsql';
import { readableTableName } from '../../baseline-names';
import type { ColumnType } from '../sql-scope';
import type { EmulatorState, TableInfo } from '../state';
import { isRowversionType } from '../reproducibility/rowversion';

/*
 * Columns an input CSV leaves out. The data folder stands for the table's contents: a column it
 * does not state holds values nobody gave, not the column's DEFAULT (a NOT NULL DEFAULT (0) added
 * by an upgrade script applies to rows inserted later, the real rows hold anything) and not
 * NULL. DuckDB still fills the column (with the default, or NULL) so the rows load; what must not
 * happen is those values reaching an output. So a read of such a column is refused where the
 * procedure reads it, and so is a table written as a baseline that still holds rows loaded
 * without it; a column nothing reads and no baseline shows changes nothing and is allowed.
 * Not unstated: a computed column (recomputed from the others, as SQL Server does) and a
 * rowversion column (its values are generated and listed as not reproducible, rowversion.ts).
 * A section's Given is another contract (a column it leaves out is NULL, emulate-section.ts).
 */

/** One column an input left out: the column as the table names it, and the file. */
interface Unstated {
  readonly table: string;
  readonly column: string;
  readonly file: string;
}

/** Per state: DuckDB table name -> lower-case column -> the input that left it out. */
const unstated = new WeakMap<EmulatorState, Map<string, Map<string, Unstated>>>();
/** Column objects of FROM items that stand for an unstated column (markUnstatedColumns). */
const marked = new WeakMap<ColumnType, Unstated>();

/** The columns of `info` the input `file` leaves out (`loaded`: its header) whose values a read would take from nowhere. */
export function unstatedColumns(info: TableInfo, loaded: readonly string[]): TableInfo['columns'] {
  return info.columns.filter((c) => c.computed !== true && !isRowversionType(c.tsqlType) && !loaded.some((l) => l.toLowerCase() === c.name.toLowerCase()));
}

/** After `file` was loaded into `info` with the header `loaded`: remembers the columns it left out. */
export function noteUnstatedColumns(state: EmulatorState, info: TableInfo, loaded: readonly string[], file: string): void {
  const missing = unstatedColumns(info, loaded);
  if (missing.length === 0) return;
  let tables = unstated.get(state);
  if (tables === undefined) { tables = new Map(); unstated.set(state, tables); }
  const columns = tables.get(info.sqlName) ?? new Map<string, Unstated>();
  for (const c of missing) columns.set(c.name.toLowerCase(), { table: readableTableName(info.sqlName), column: c.name, file });
  tables.set(info.sqlName, columns);
}

/**
 * A TRUNCATE TABLE of `info` outside a transaction: the rows loaded without the columns are gone
 * (inside one, a ROLLBACK would bring them back, so they stay noted).
 */
export function forgetUnstatedRows(state: EmulatorState, info: TableInfo): void {
  if (state.tranCount === 0) unstated.get(state)?.delete(info.sqlName);
}

/** The columns a FROM gives for `info` (queries.ts): those an input left out marked, so a read of one is refused. */
export function markUnstatedColumns(state: EmulatorState, info: TableInfo, columns: ColumnType[]): ColumnType[] {
  const missing = unstated.get(state)?.get(info.sqlName);
  if (missing === undefined) return columns;
  for (const c of columns) {
    const u = missing.get(c.name.toLowerCase());
    if (u !== undefined) marked.set(c, u);
  }
  return columns;
}

/** A column reference (or a `*`) at `node` resolved to `column`: refused when an input left the column out. */
export function refuseUnstatedRead(state: EmulatorState, column: ColumnType | undefined, node: Pick<Node, 'span'> | undefined): void {
  const u = column === undefined ? undefined : marked.get(column);
  if (u === undefined) return;
  throw new LegacyError('LEGACY_INPUT_COLUMN_MISSING', `input ${u.file} has no column ${u.column}, and the procedure reads ${u.table}.${u.column} here: the data folder stands for the table's rows, so their ${u.column} is unknown (SQL Server's rows hold their own values, not the column's default nor NULL)`, {
    location: state.locate(node?.span),
    hint: `export ${u.table} again with ${u.column} (every column the table has), or add the column to ${u.file} with the database's values`,
  });
}

/** Before `info` is written as a baseline: refused while it holds rows an input loaded without some of its columns. */
export function refuseUnstatedOutput(state: EmulatorState, info: TableInfo): void {
  const missing = unstated.get(state)?.get(info.sqlName);
  if (missing === undefined || missing.size === 0) return;
  const all = [...missing.values()];
  const first = all[0] as Unstated;
  const names = all.map((u) => u.column).join(', ');
  throw new LegacyError('LEGACY_INPUT_COLUMN_MISSING', `input ${first.file} has no column ${names} of ${first.table}, and the procedure writes ${first.table}: its baseline would show ${names} of the rows loaded from the file, values the data does not state (SQL Server's rows hold their own, not the column's default nor NULL)`, {
    location: { file: first.file },
    hint: `export ${first.table} again with ${names} (every column the table has), or add ${all.length === 1 ? 'the column' : 'the columns'} to ${first.file} with the database's values`,
  });
}

/** A load stopped by a NOT NULL column without a DEFAULT that the input leaves out (`raw`: DuckDB's message): that refusal, else undefined. */
export function unstatedNotNull(info: TableInfo, loaded: readonly string[], file: string, raw: string): LegacyError | undefined {
  const m = /NOT NULL constraint failed: [^\n]*?\.([^.\n]+)$/m.exec(raw);
  const column = m === null ? undefined : unstatedColumns(info, loaded).find((c) => c.name.toLowerCase() === (m[1] as string).trim().toLowerCase());
  if (column === undefined) return undefined;
  const table = readableTableName(info.sqlName);
  return new LegacyError('LEGACY_INPUT_COLUMN_MISSING', `input ${file} has no column ${column.name}, which ${table} declares NOT NULL without a default: every row SQL Server holds has a value there, which the data does not state`, {
    location: { file },
    hint: `export ${table} again with ${column.name} (every column the table has), or add the column to ${file} with the database's values`,
  });
}
