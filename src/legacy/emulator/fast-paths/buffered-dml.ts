import type { Delete, Expression, Insert } from '../../../tsql';
import { SqlTranslator } from '../expressions';
import { tableKeyOf } from '../queries';
import { coerceToColumn } from '../runtime';
import { noteTargetWrite } from '../dml';
import { bmp, evalFast, fastEvaluator, fitText, type FastEvaluator, type FastValue } from './fastpath';
import { andTerms } from '../cursors/cursor-prefetch';
import { cteTarget } from '../cte-dml';
import { isVersioned } from '../tables/temporal-writes';
import { hasTriggers } from '../triggers';
import { rowversionColumn } from '../reproducibility/rowversion';
import { SqlScope } from '../sql-scope';
import type { EmulatorState, TableInfo } from '../state';
import { noteTableWrite } from '../tables/table-versions';
import { integerKeys } from '../tables/key-constraints';
import type { ColumnMeta, KeyCondition } from './write-buffer';
import { bufferedWriteCopied } from '../transactions/undo-transaction';

/*
 * Which INSERT and DELETE statements the interpreter may buffer (write-buffer.ts) instead of
 * sending each to DuckDB. A statement qualifies only when its outcome is certain before it runs:
 * every value is computed here exactly as the DuckDB path would store it, and nothing can fail
 * (no NULL into a NOT NULL column, an integer in its column's range, a string within its
 * declared length, no identity, default, computed column, OUTPUT, TOP or CTE, no CHECK
 * constraint, no repeated value of an integer key; keys over other types are not buffered). Anything else
 * returns false and the statement runs in DuckDB (after the buffer is flushed), which raises the
 * same T-SQL error at the same statement as without buffering, so TRY/CATCH, @@ERROR and
 * transactions see exactly what they saw before.
 */

/** DuckDB integer types and the range a column of each holds. */
const INTEGER_COLUMNS: Readonly<Record<string, readonly [number, number]>> = {
  UTINYINT: [0, 255], TINYINT: [-128, 127], SMALLINT: [-32768, 32767], INTEGER: [-2147483648, 2147483647], BIGINT: [-(2 ** 53), 2 ** 53],
};
const INTEGER_TYPES = new Set(['tinyint', 'smallint', 'int', 'bigint']);
const STRING_TYPES = new Set(['char', 'varchar', 'nchar', 'nvarchar']);
/** Functions whose value is the same for the whole run (the emulator's fixed clock). */
const CLOCK_FUNCTIONS = new Set(['GETDATE', 'SYSDATETIME', 'CURRENT_TIMESTAMP', 'GETUTCDATE', 'SYSUTCDATETIME']);
/** Column types whose DuckDB text reads back to the same value (CAST(CAST(v AS VARCHAR) AS T) = v). */
const TEXT_EXACT = /^(UTINYINT|TINYINT|SMALLINT|INTEGER|BIGINT|VARCHAR|DATE|TIMESTAMP|DECIMAL\(\d+,\s*\d+\))$/i;

type Column = TableInfo['columns'][number];

/** Constant values per expression and column, as the column stores them (`undefined`: not exact, run in DuckDB). */
const constants = new WeakMap<Expression, Map<Column, { readonly dateFormat: string; readonly text: string | null | undefined }>>();

/**
 * Buffers `INSERT INTO t [(cols)] VALUES (…)[, (…)]` when every value is certain (see above);
 * sets @@ROWCOUNT and returns true, or returns false having changed nothing.
 */
export async function bufferedInsert(state: EmulatorState, ins: Insert): Promise<boolean> {
  if (!insertShape(state, ins) || ins.source.kind !== 'ValuesSource') return false;
  if (bufferedInsertNow(state, ins)) return true;
  const plan = await insertPlan(state, ins);
  if (plan === undefined) return false;
  const { info, indexes, meta } = plan;
  const rows: (string | null)[][] = [];
  for (const r of ins.source.rows) {
    if (r.length !== indexes.length) return false;
    const values: (string | null)[] = new Array(info.columns.length).fill(null);
    for (let k = 0; k < r.length; k++) {
      const i = indexes[k] as number;
      const text = await columnValue(state, r[k] as Expression, info.columns[i] as Column, meta[i] as ColumnMeta);
      if (text === undefined) return false;
      values[i] = text;
    }
    rows.push(values);
  }
  // A repeated key fails in SQL Server (2627): DuckDB's key index raises it at this statement.
  if (!bufferedWriteCopied(state, info) || (info.uniqueKeys !== undefined && !(await state.writes.keysFree(info, rows, plan.keys)))) return false;
  bufferRows(state, ins, info, rows);
  return true;
}

/**
 * bufferedInsert without a single await, for a loop's INSERT run again and again: true when the
 * statement's plan is known, every value is certain in JavaScript (no constant to convert through
 * DuckDB for the first time) and the table's keys are already mirrored; false having changed
 * nothing otherwise (bufferedInsert then decides, awaiting what it needs).
 */
export function bufferedInsertNow(state: EmulatorState, ins: Insert): boolean {
  if (!insertShape(state, ins) || ins.source.kind !== 'ValuesSource') return false;
  const known = insertPlans.get(ins);
  const plan = known?.plan;
  if (plan === undefined || plan === null || known?.depth !== state.frames.length || targetTable(state, ins.target) !== known.info) return false;
  const { info, indexes, meta } = plan;
  const columns = info.columns;
  const rows: (string | null)[][] = [];
  for (const r of ins.source.rows) {
    if (r.length !== indexes.length) return false;
    const values: (string | null)[] = new Array<string | null>(columns.length).fill(null);
    for (let k = 0; k < r.length; k++) {
      const i = indexes[k] as number;
      const text = certainValue(state, r[k] as Expression, columns[i] as Column);
      if (text === undefined || (text === null && (meta[i] as ColumnMeta).notNull)) return false;
      values[i] = text;
    }
    rows.push(values);
  }
  if (!bufferedWriteCopied(state, info) || (info.uniqueKeys !== undefined && state.writes.keysFreeNow(info, rows, plan.keys) !== true)) return false;
  bufferRows(state, ins, info, rows);
  return true;
}

/** An INSERT whose form allows buffering (its VALUES checked by the caller). */
function insertShape(state: EmulatorState, ins: Insert): boolean {
  return state.batchWrites && ins.top === undefined && ins.ctes.length === 0 && ins.output === undefined;
}

/** Buffers the rows of an INSERT proven to succeed, with the statement's bookkeeping. */
function bufferRows(state: EmulatorState, ins: Insert, info: TableInfo, rows: (string | null)[][]): void {
  noteTargetWrite(state, ins.target, info, ['INSERT']);
  state.writes.append(info, rows);
  noteTableWrite(state, info.sqlName);
  state.rowCount = rows.length;
  state.counters.bufferedWrites++;
}

/**
 * Buffers `DELETE FROM t WHERE c1 = v1 [AND c2 = v2 …]` over integer columns with integer values
 * known now; sets @@ROWCOUNT and returns true, or returns false having changed nothing.
 */
export async function bufferedDelete(state: EmulatorState, del: Delete): Promise<boolean> {
  const target = deleteTarget(state, del);
  if (target === undefined) return false;
  noteTargetWrite(state, del.target, target.info, ['DELETE']);
  const n = state.writes.deleteWhereNow(target.info, target.conditions) ?? await state.writes.deleteWhere(target.info, target.conditions);
  if (n === undefined) return false;
  deletedRows(state, target.info, n);
  return true;
}

/** bufferedDelete without awaiting: false having changed nothing when the table is not mirrored yet. */
export function bufferedDeleteNow(state: EmulatorState, del: Delete): boolean {
  const target = deleteTarget(state, del);
  if (target === undefined) return false;
  noteTargetWrite(state, del.target, target.info, ['DELETE']);
  const n = state.writes.deleteWhereNow(target.info, target.conditions);
  if (n === undefined) return false;
  deletedRows(state, target.info, n);
  return true;
}

function deletedRows(state: EmulatorState, info: TableInfo, n: number): void {
  noteTableWrite(state, info.sqlName);
  state.rowCount = n;
  state.counters.bufferedWrites++;
}

/** Per DELETE statement: the table its name resolved to and its `column = value` terms (null: not bufferable). */
const deletePlans = new WeakMap<Delete, { readonly info: TableInfo; readonly terms: readonly { readonly index: number; readonly value: FastEvaluator }[] | null }>();

/** The table and key conditions of a DELETE the buffer can run, or undefined. */
function deleteTarget(state: EmulatorState, del: Delete): { readonly info: TableInfo; readonly conditions: KeyCondition[] } | undefined {
  if (!state.batchWrites || state.rowCountLimit > 0 || del.top !== undefined || del.currentOf !== undefined || del.output !== undefined || del.from.length > 0 || del.ctes.length > 0 || del.where === undefined) return undefined;
  if (cteTarget(del) !== undefined || del.target.kind === 'TableFunctionRef' || del.target.alias !== undefined) return undefined;
  const info = targetTable(state, del.target);
  // A system-versioned table's DELETE writes its history too (temporal-writes.ts); a trigger needs the deleted rows (trigger-run.ts).
  if (info === undefined || isVersioned(state, info) || hasTriggers(state, info) || !bufferedWriteCopied(state, info)) return undefined;
  // Which columns the terms compare depends only on the table: resolved once per table.
  let plan = deletePlans.get(del);
  if (plan === undefined || plan.info !== info) {
    plan = { info, terms: deleteTerms(del, info) };
    deletePlans.set(del, plan);
  }
  if (plan.terms === null) return undefined;
  const conditions: KeyCondition[] = [];
  for (const t of plan.terms) {
    const v = t.value(state);
    if (v === undefined || (v.kind !== 'int' && v.kind !== 'null')) return undefined;
    conditions.push({ index: t.index, value: v.value });
  }
  return { info, conditions };
}

/** The integer column and value of each `column = value` term of a DELETE's WHERE, or null. */
function deleteTerms(del: Delete, info: TableInfo): { readonly index: number; readonly value: FastEvaluator }[] | null {
  if (del.where === undefined || del.target.kind === 'TableFunctionRef') return null;
  const names = new Set([del.target.kind === 'TableRef' ? del.target.name.parts[del.target.name.parts.length - 1]?.name ?? '' : del.target.variable.name].map((n) => n.toLowerCase()));
  const terms: { readonly index: number; readonly value: FastEvaluator }[] = [];
  for (const c of andTerms(del.where)) {
    if (c.kind !== 'Binary' || c.operator !== '=') return null;
    const [col, other] = c.left.kind === 'ColumnRef' ? [c.left, c.right] : [c.right, c.left];
    if (col.kind !== 'ColumnRef' || col.parts.length > 2) return null;
    if (col.parts.length === 2 && !names.has((col.parts[0]?.name ?? '').toLowerCase())) return null;
    const name = (col.parts[col.parts.length - 1]?.name ?? '').toLowerCase();
    const index = info.columns.findIndex((x) => x.name.toLowerCase() === name);
    const column = info.columns[index];
    if (column === undefined || !isIntegerColumn(column)) return null;
    terms.push({ index, value: fastEvaluator(other) });
  }
  return terms;
}

interface InsertPlan {
  readonly info: TableInfo;
  /** The column (index in info.columns) each VALUES position goes to. */
  readonly indexes: readonly number[];
  readonly meta: readonly ColumnMeta[];
  /** The table's unique keys as column indexes (all integer columns: the buffer checks them). */
  readonly keys: readonly (readonly number[])[];
}

/** Per INSERT statement and frame depth: its plan, valid while the name still means that table. */
const insertPlans = new WeakMap<Insert, { readonly depth: number; readonly info: TableInfo; readonly plan: InsertPlan | null }>();

/** Where an INSERT's values go, or undefined when it cannot be buffered (resolved once per statement). */
async function insertPlan(state: EmulatorState, ins: Insert): Promise<InsertPlan | undefined> {
  const known = insertPlans.get(ins);
  const info = targetTable(state, ins.target);
  if (known !== undefined && known.depth === state.frames.length && known.info === info) return known.plan ?? undefined;
  let plan: InsertPlan | null = null;
  // A CHECK constraint could reject a row only at the flush, past the statement that wrote it.
  // A rowversion column takes its value from the database's counter (rowversion.ts), never a given one.
  if (info !== undefined && info.identity === undefined && info.checked !== true && !info.columns.some((c) => c.computed === true) && !isVersioned(state, info) && rowversionColumn(info) === undefined && !hasTriggers(state, info)) {
    const indexes: number[] = [];
    if (ins.columns.length === 0) info.columns.forEach((_, i) => indexes.push(i));
    let ok = true;
    for (const c of ins.columns) {
      const i = info.columns.findIndex((x) => x.name.toLowerCase() === c.name.toLowerCase());
      if (i < 0 || indexes.includes(i)) ok = false; // the DuckDB path reports it
      indexes.push(i);
    }
    const meta = ok ? await state.writes.columns(info) : [];
    // An omitted column gets NULL only when it has no DEFAULT and allows NULL.
    // Keys over text (compared case-insensitively) or other types are left to DuckDB's index.
    const keys = integerKeys(info);
    if (ok && keys !== undefined && !meta.some((m, i) => !indexes.includes(i) && (m.notNull || m.hasDefault))) plan = { info, indexes, meta, keys };
  }
  // A name that resolves to no table is not remembered: a later CREATE TABLE may give it one.
  if (info !== undefined) insertPlans.set(ins, { depth: state.frames.length, info, plan });
  return plan ?? undefined;
}

/** Per target node and frame depth: the key of state.tables its name resolves to. */
const targetKeys = new WeakMap<Insert['target'], { readonly depth: number; readonly key: string }>();

/** The table an INSERT/DELETE names, when it is one the emulator built (not a view, CTE or function). */
function targetTable(state: EmulatorState, target: Insert['target']): TableInfo | undefined {
  if (target.kind === 'TableFunctionRef') return undefined;
  let known = targetKeys.get(target);
  if (known === undefined || known.depth !== state.frames.length) {
    const written = target.kind === 'TableVariableRef' ? target.variable.name : target.name.parts.map((p) => p.name).join('.');
    known = { depth: state.frames.length, key: tableKeyOf(state, written) };
    targetKeys.set(target, known);
  }
  // The DuckDB path reports a name that is no table (or a view, resolved there).
  return state.tables.get(known.key);
}

function isIntegerColumn(c: Column): boolean {
  return c.duckType.toUpperCase() in INTEGER_COLUMNS && c.tsqlType !== undefined && INTEGER_TYPES.has(c.tsqlType.name);
}

/** The DuckDB text `e` stores in `column`, or undefined when that is not certain without DuckDB. */
async function columnValue(state: EmulatorState, e: Expression, column: Column, meta: ColumnMeta): Promise<string | null | undefined> {
  let text = certainValue(state, e, column);
  // A literal the fast path reads as text may still be a date for a datetime column.
  if (text === undefined) text = await constantToColumn(state, e, column);
  if (text === null && meta.notNull) return undefined; // error 515 is DuckDB's to raise
  return text;
}

/**
 * The DuckDB text `e` stores in `column` when JavaScript knows it without awaiting: a fast-path
 * value, or a constant DuckDB already converted for this column and DATEFORMAT; else undefined.
 */
function certainValue(state: EmulatorState, e: Expression, column: Column): string | null | undefined {
  const fast = state.fastPath ? evalFast(state, e) : undefined;
  const text = fast === undefined ? undefined : fastToColumn(fast, column);
  if (text !== undefined) return text;
  const known = constants.get(e)?.get(column);
  return known !== undefined && known.dateFormat === state.dateFormat ? known.text : undefined;
}

/** A JS-computed value as `column` stores it: an integer in range, a string within its length. */
function fastToColumn(v: FastValue, column: Column): string | null | undefined {
  if (v.kind === 'bool') return undefined;
  if (v.value === null) return null;
  const type = column.tsqlType;
  if (type === undefined) return undefined;
  if (v.kind === 'int') {
    const range = INTEGER_COLUMNS[column.duckType.toUpperCase()];
    if (range === undefined || !INTEGER_TYPES.has(type.name)) return undefined;
    const n = Number(v.value);
    return n >= range[0] && n <= range[1] ? v.value : undefined;
  }
  if (v.kind === 'str') {
    // Stored as it comes, exactly as the DuckDB path stores it; a longer string is DuckDB's to handle.
    if (column.duckType.toUpperCase() !== 'VARCHAR' || !STRING_TYPES.has(type.name) || !bmp(v.value)) return undefined;
    const len = type.length;
    // char(n)/nchar(n) holds the value padded to n, as coerceToColumn stores it on the DuckDB path
    return len === undefined || len < 0 || v.value.length <= len ? fitText(v.value, type) : undefined;
  }
  return undefined;
}

/**
 * A literal or the run's clock (GETDATE()) converted to `column` as the DuckDB INSERT converts
 * it, computed by DuckDB once per expression, column and DATEFORMAT. Only outside transactions:
 * a failed conversion there aborts nothing (the statement then runs in DuckDB and fails there).
 */
async function constantToColumn(state: EmulatorState, e: Expression, column: Column): Promise<string | null | undefined> {
  if (!runConstant(e) || !TEXT_EXACT.test(column.duckType)) return undefined;
  let byColumn = constants.get(e);
  const known = byColumn?.get(column);
  if (known !== undefined && known.dateFormat === state.dateFormat) return known.text;
  if (state.tranCount > 0) return undefined;
  let text: string | null | undefined;
  try {
    const t = new SqlTranslator(state);
    const value = coerceToColumn(t.expr(e, new SqlScope()), column, state.dateFormat);
    text = await state.writes.evaluate(`SELECT CAST(CAST(${value} AS ${column.duckType}) AS VARCHAR) AS v`, t.params);
  } catch {
    text = undefined; // a refusal or a failed conversion: the DuckDB path meets it at its statement
  }
  if (byColumn === undefined) {
    byColumn = new Map();
    constants.set(e, byColumn);
  }
  byColumn.set(column, { dateFormat: state.dateFormat, text });
  return text;
}

/** True for a literal, a signed number or the clock: a value that is the same every time it runs. */
function runConstant(e: Expression): boolean {
  switch (e.kind) {
    case 'Literal': return ['string', 'nstring', 'integer', 'decimal', 'null'].includes(e.literalType);
    case 'ExpressionList': return e.items.length === 1 && e.items[0] !== undefined && runConstant(e.items[0]);
    case 'Unary': return (e.operator === '-' || e.operator === '+') && e.operand.kind === 'Literal' && (e.operand.literalType === 'integer' || e.operand.literalType === 'decimal');
    case 'FunctionCall':
      return e.name.parts.length === 1 && e.args.length === 0 && e.over === undefined && !e.star && CLOCK_FUNCTIONS.has((e.name.parts[0]?.name ?? '').toUpperCase());
    default: return false;
  }
}
