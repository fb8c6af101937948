import type { Expression, Node, OutputClause } from '../../../tsql';
import { findAll } from '../../../tsql';
import { readableTableName } from '../../baseline-names';
import { quote } from '../expressions';
import { noteNonReproducibleColumn } from './taint-sources';
import { noteTaintedRead, readsNumberedIdentity } from './taint-reads';
import { statementSerial } from './statement-tracking';
import type { ColumnType } from '../sql-scope';
import type { EmulatorState, TableInfo } from '../state';
import type { TsqlType } from '../tsql-types';

/*
 * rowversion (old name timestamp) columns, as the rowversion page of the T-SQL reference says:
 * each database has a counter (@@DBTS) incremented by every insert and update of a row of a table
 * with such a column, the row getting the new value; the column cannot be written. A NOT NULL one
 * is binary(8), a nullable one varbinary(8); compared as bytes.
 *
 * Values read from the input (0x… text) are exact, and so is everything computed from them (the
 * optimistic-concurrency `UPDATE … WHERE Id = @id AND RowVer = @ver`). Values the run generates
 * depend on the database's @@DBTS, which the emulator does not know: it makes them larger than
 * every loaded value and unique (so comparisons with loaded values and between statements come
 * out as in SQL Server), lists the column in the capture's nonReproducible, and taints what reads
 * it afterwards like RAND(); a condition (IF, WHILE) reading one is refused.
 */

/** The DuckDB variable holding the largest rowversion value loaded (the emulator's @@DBTS before the run's writes). */
const BASE = 'tsql_dbts';
/** The sequence numbering the values the run generates, above BASE. */
const SEQUENCE = '__tsql_rowversion';

/** True for the rowversion type and its synonym timestamp. */
export function isRowversionType(type: TsqlType | undefined): boolean {
  return type !== undefined && (type.name === 'rowversion' || type.name === 'timestamp');
}

/** The rowversion column of a table (a table has at most one), if any. */
export function rowversionColumn(info: TableInfo): TableInfo['columns'][number] | undefined {
  return info.columns.find((c) => isRowversionType(c.tsqlType));
}

/** SQL of a new rowversion value: the next 8 bytes, big-endian, above every loaded value. */
export function nextRowversionSql(): string {
  return `unhex(lpad(to_hex(CAST(getvariable('${BASE}') AS BIGINT) + nextval('${SEQUENCE}')), 16, '0'))`;
}

/** The DEFAULT clause of a rowversion column (created once per session: the counter is the database's). */
export async function rowversionDefault(state: EmulatorState): Promise<string> {
  if (!installed.has(state)) {
    await state.session.run(`SET VARIABLE ${BASE} = 0`);
    await state.session.run(`CREATE OR REPLACE TEMP SEQUENCE ${quote(SEQUENCE)} START 1`);
    installed.add(state);
  }
  return ` DEFAULT (${nextRowversionSql()})`;
}

const installed = new WeakSet<EmulatorState>();

/**
 * A table created by SELECT … INTO whose query selected a rowversion column as it is: SQL Server
 * makes that column a timestamp column of the new table (its values copied, the rowversion page's
 * note on duplicates), so later inserts and updates of the new table generate values.
 */
export async function installCopiedRowversion(state: EmulatorState, info: TableInfo): Promise<void> {
  const col = rowversionColumn(info);
  if (col === undefined) return;
  const def = await rowversionDefault(state);
  await state.session.run(`ALTER TABLE ${info.sqlName} ALTER COLUMN ${quote(col.name)} SET${def}`);
}

/** After rows were loaded into `info` (an input CSV, a scenario's Given): generated values go above the largest. */
export async function noteLoadedRowversions(state: EmulatorState, info: TableInfo): Promise<void> {
  const col = rowversionColumn(info);
  if (col === undefined) return;
  await rowversionDefault(state);
  const max = await state.session.scalar(`SELECT max(CAST(('0x' || hex(${quote(col.name)})) AS UBIGINT)) FROM ${info.sqlName}`);
  if (max === null || max === undefined) return;
  await state.session.run(`SET VARIABLE ${BASE} = greatest(CAST(getvariable('${BASE}') AS UBIGINT), CAST(${String(max)} AS UBIGINT))`);
}

/**
 * The values an INSERT (or a MERGE's insert, `node`) gives the columns it lists (`rows`: its
 * VALUES rows; undefined for a SELECT or EXEC): a rowversion column takes none but DEFAULT. SQL
 * Server's Msg 273 is a compile-time error, so it is refused here as the period columns' are.
 */
export function refuseRowversionInsert(state: EmulatorState, node: Node, info: TableInfo, listed: readonly { name: string }[], rows: readonly (readonly Expression[])[] | undefined): void {
  const col = rowversionColumn(info);
  if (col === undefined) return;
  const at = listed.findIndex((c) => c.name.toLowerCase() === col.name.toLowerCase());
  if (at < 0) return;
  const given = rows === undefined ? node : rows.map((r) => r[at]).find((e) => e !== undefined && !(e.kind === 'Literal' && e.literalType === 'default'));
  if (given === undefined) return;
  throw state.unsupported(given, `a value for ${col.name}, the rowversion column of ${readableTableName(info.sqlName)} (SQL Server: Msg 273, Cannot insert an explicit value into a timestamp column. Use INSERT with a column list to exclude the timestamp column, or insert a DEFAULT into the timestamp column.)`);
}

/** An UPDATE or MERGE assigning the rowversion column (SQL Server: Msg 272, a compile-time error). */
export function refuseRowversionAssignment(state: EmulatorState, node: Node, info: TableInfo, column: string): void {
  const col = rowversionColumn(info);
  if (col === undefined || col.name.toLowerCase() !== column.toLowerCase()) return;
  throw state.unsupported(node, `assigning ${col.name}, the rowversion column of ${readableTableName(info.sqlName)} (SQL Server: Msg 272, Cannot update a timestamp column.)`);
}

/** The SET item an UPDATE of `info` adds (`alias`-free: DuckDB's SET names the column alone), or undefined for a table without rowversion. */
export function rowversionSet(info: TableInfo): string | undefined {
  const col = rowversionColumn(info);
  return col === undefined ? undefined : `${quote(col.name)} = ${nextRowversionSql()}`;
}

/** Per state: the tables (DuckDB name) whose rowversion column holds values generated by the run, and the statement number that first did. */
const generated = new WeakMap<EmulatorState, Map<string, number>>();

/**
 * A statement inserting into or updating `info` (`what`: `the INSERT`, located by `span` text in
 * `place`) generates rowversion values: the column is listed as not reproducible, and reads of
 * it by later statements taint what they write.
 */
export function noteRowversionWrite(state: EmulatorState, info: TableInfo, what: string, since = statementSerial(state)): void {
  const col = rowversionColumn(info);
  if (col === undefined) return;
  let tables = generated.get(state);
  if (tables === undefined) { tables = new Map(); generated.set(state, tables); }
  tables.set(info.sqlName, Math.min(since, tables.get(info.sqlName) ?? since));
  noteNonReproducibleColumn(state, info.sqlName, col.name, `rowversion values of ${readableTableName(info.sqlName)}.${col.name} generated by ${what} (SQL Server's come from the database's @@DBTS)`);
  // Loops run statement by statement from now on, so their conditions are checked (refuseRowversionCondition).
  state.compileLoops = false;
}

/**
 * Rows loaded without their rowversion value (an input CSV or a Given table leaving the column
 * out): DuckDB gave them values, SQL Server's rows have others, so every read of the column is
 * tainted from the start (`source` names the input).
 */
export function noteOmittedRowversions(state: EmulatorState, info: TableInfo, loadedColumns: readonly string[], source: string): void {
  const col = rowversionColumn(info);
  if (col === undefined || loadedColumns.some((c) => c.toLowerCase() === col.name.toLowerCase())) return;
  noteRowversionWrite(state, info, `${source}, which leaves the column out`, -1);
}

/** The column objects of a FROM reference whose reads are tainted (rowversion values generated by an earlier statement). */
const taintedColumns = new WeakSet<ColumnType>();

/** The columns a FROM gives for `info` (queries.ts): its rowversion column marked when earlier statements generated its values. */
export function markRowversionColumns(state: EmulatorState, info: TableInfo, columns: ColumnType[]): ColumnType[] {
  const since = generated.get(state)?.get(info.sqlName);
  if (since === undefined || since >= statementSerial(state)) return columns;
  const col = rowversionColumn(info);
  for (const c of columns) if (c.name === col?.name) taintedColumns.add(c);
  return columns;
}

/** A column reference (or `*`) resolved to `column`: reading generated rowversion values taints the statement. */
export function noteColumnRead(state: EmulatorState, column: ColumnType | undefined, node?: Node): void {
  if (column === undefined) return;
  readsNumberedIdentity(state, column, node); // the same hook for identity values numbered in no defined order
  if (!taintedColumns.has(column)) return;
  noteTaintedRead(state);
  conditionReads.add(state);
}

const conditionReads = new WeakSet<EmulatorState>();

/** Before an IF's or WHILE's condition is translated. */
export function startCondition(state: EmulatorState): void {
  conditionReads.delete(state);
}

/**
 * After it: a condition that read generated rowversion values decides a branch on values SQL
 * Server's @@DBTS gives: refused where it reads the column itself (one over a variable or
 * @@ROWCOUNT holding what such a read gave is followed by control-taint.ts, which lists what the
 * condition decides).
 */
export function refuseRowversionCondition(state: EmulatorState, condition: Expression): void {
  if (!conditionReads.has(state)) return;
  conditionReads.delete(state);
  throw state.unsupported(condition, 'a condition reading rowversion values this run generated (SQL Server\'s come from the database\'s @@DBTS, which the emulator does not know)');
}

/** Whether an OUTPUT clause names the rowversion column of `info` (or `*`), whose new values it would show. */
export function outputShowsRowversion(info: TableInfo, output: OutputClause | undefined): boolean {
  const col = rowversionColumn(info);
  if (col === undefined || output === undefined) return false;
  return findAll(output, 'Star').length > 0 || findAll(output, 'ColumnRef').some((c) => (c.parts[c.parts.length - 1]?.name ?? '').toLowerCase() === col.name.toLowerCase());
}

/** Why @@DBTS and MIN_ACTIVE_ROWVERSION() are refused where read (a rowversion watermark load). */
export const DATABASE_ROWVERSION = "the database's rowversion counter, which no input file holds and the emulator does not know: capture this procedure from SQL Server, or give the watermark as a Given parameter of the section that reads it";
