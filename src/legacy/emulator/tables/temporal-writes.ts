import type { Expression, Merge, Node, OutputClause, TableTarget } from '../../../tsql';
import { walk } from '../../../tsql';
import { quote } from '../expressions';
import { runSql } from '../runtime';
import { TsqlRuntimeError, type EmulatorState, type TableInfo } from '../state';
import { LegacyError } from '../../../core';
import type { TableDefinitionSource } from './table-definitions';
import { noteWrite } from '../reproducibility/statement-tracking';
import { noteTransactionWrite } from '../transactions/transaction-writes';
import { shiftedClock } from '../dates/datetimeoffset-functions';

/*
 * Writes into a system-versioned temporal table, as SQL Server makes them (learn.microsoft.com,
 * "Modify data in a system-versioned temporal table" and "Temporal tables"): the period columns
 * hold the begin time T of the transaction in UTC, the run's fixed clock (SYSUTCDATETIME()).
 * INSERT: ROW START = T, ROW END = the largest datetime2 of the column's precision. UPDATE: the
 * old version of every row it touches (changed or not) goes to the history table with ROW END = T,
 * the row gets ROW START = T. DELETE: the removed rows go to the history table with ROW END = T.
 * MERGE: as the INSERT, UPDATE and DELETE it does. T earlier than a touched row's ROW START is
 * Msg 13535. The clock is fixed for the run, so a row changed a second time would get a
 * zero-length history period where SQL Server's later statement has a later time: refused, as
 * is what SQL Server writes for a row changed twice in one transaction (not documented).
 */

type Column = TableInfo['columns'][number];

/** A system-versioned table being written, with what its writes need. */
export interface TemporalTable {
  /** The table's name as its CREATE TABLE writes it. */
  readonly name: string;
  readonly info: TableInfo;
  readonly history: TableInfo;
  readonly historyName: string;
  readonly start: Column;
  readonly end: Column;
  /** SQL of T in the ROW START / ROW END column's type. */
  readonly nowStart: string;
  readonly nowEnd: string;
  /** SQL of the largest value of the ROW END column's type (9999-12-31 23:59:59.9999999 at precision 7). */
  readonly endOfTime: string;
  /** The columns INSERT without a column list leaves out (HIDDEN period columns). */
  readonly hidden: ReadonlySet<string>;
}

/** Per written table: the definition it is the current table of, or the one it is the history table of (computed once per definitions map). */
const roles = new WeakMap<TableInfo, { readonly definitions: EmulatorState['definitions']; readonly current: TableDefinitionSource | undefined; readonly historyOf: TableDefinitionSource | undefined }>();

function roleOf(state: EmulatorState, info: TableInfo): { current: TableDefinitionSource | undefined; historyOf: TableDefinitionSource | undefined } {
  const known = roles.get(info);
  if (known !== undefined && known.definitions === state.definitions) return known;
  let current: TableDefinitionSource | undefined;
  let historyOf: TableDefinitionSource | undefined;
  for (const def of state.definitions.values()) {
    if (def.temporal === undefined) continue;
    if (state.tables.get(def.key) === info) current = def;
    if (state.tables.get(def.temporal.history) === info) historyOf = def;
  }
  const role = { definitions: state.definitions, current, historyOf };
  roles.set(info, role);
  return role;
}

/** True when `info` is a system-versioned table or the history table of one (the write buffer leaves them to DuckDB statements). */
export function isVersioned(state: EmulatorState, info: TableInfo): boolean {
  const role = roleOf(state, info);
  return role.current !== undefined || role.historyOf !== undefined;
}

/**
 * Refuses a write into `info` that no temporal path below carries out (`handled`: the caller
 * does): a write to a system-versioned table some other way (through a CTE…), and any write to a
 * history table, which SQL Server rejects while SYSTEM_VERSIONING is ON.
 */
export function refuseVersionedWrite(state: EmulatorState, target: TableTarget, info: TableInfo, handled: boolean): void {
  const role = roleOf(state, info);
  if (role.historyOf !== undefined) {
    throw state.unsupported(target, `writing to ${role.historyOf.temporal?.historyParts.join('.') ?? ''}, the history table of the system-versioned table ${role.historyOf.parts.join('.')} (SQL Server rejects writes to a history table while SYSTEM_VERSIONING is ON)`);
  }
  if (role.current !== undefined && !handled) throw state.unsupported(target, `writing to the system-versioned temporal table ${role.current.parts.join('.')} this way (SQL Server also writes its history table ${role.current.temporal?.historyParts.join('.') ?? ''})`);
}

/** The system-versioned table `info` is, ready for a write at `node`, or undefined for any other table. */
export function temporalTarget(state: EmulatorState, node: Pick<Node, 'span'>, info: TableInfo): TemporalTable | undefined {
  const def = roleOf(state, info).current;
  const temporal = def?.temporal;
  if (def === undefined || temporal === undefined) return undefined;
  const name = def.parts.join('.');
  const historyName = temporal.historyParts.join('.');
  const history = state.tables.get(temporal.history);
  if (history === undefined) throw state.unsupported(node, `writing to the system-versioned table ${name}: its history table ${historyName} has no CREATE TABLE in the table scripts (SQL Server's own would hold the computed columns)`);
  const column = (wanted: string): Column => {
    const c = info.columns.find((x) => x.name.toLowerCase() === wanted.toLowerCase());
    if (c?.tsqlType?.name.toLowerCase() !== 'datetime2') throw state.unsupported(node, `writing to the system-versioned table ${name}: its period column ${wanted || '(none)'} is no datetime2 column`);
    return c;
  };
  const start = column(temporal.start);
  const end = column(temporal.end);
  const missing = info.columns.find((c) => !history.columns.some((h) => h.name.toLowerCase() === c.name.toLowerCase()));
  if (missing !== undefined) throw state.unsupported(node, `writing to the system-versioned table ${name}: its history table ${historyName} has no column ${missing.name}`);
  // The period columns hold the transaction time in UTC; --clock is the server's local time, so
  // without the server's offset (`+01:00`, `Z`) the UTC time is unknown: refused, as
  // SYSUTCDATETIME() is, rather than taking the local time for UTC.
  if (state.clockOffset === undefined) {
    throw new LegacyError('LEGACY_UNSUPPORTED', `the emulator does not support writing to the system-versioned table ${name} without the server's UTC offset: its period columns hold the transaction time in UTC, and --clock gives the server's local time`, {
      location: state.locate(node.span),
      hint: `give the offset after the clock: --clock ${state.clock.replace(' ', 'T').replace(/\.\d+$/, '')}Z for a server running at UTC, or e.g. +01:00`,
    });
  }
  const now = transactionTime(shiftedClock(state.clock, -state.clockOffset));
  const fits = (c: Column): void => {
    const p = precisionOf(c);
    if (/[1-9]/.test(now.fraction.slice(p))) throw state.unsupported(node, `writing to the system-versioned table ${name}: the transaction time ${state.clock} has more fractional digits than its period column ${c.name}, datetime2(${p}), keeps (how SQL Server rounds it there is not documented)`);
  };
  fits(start);
  fits(end);
  return {
    name, info, history, historyName, start, end,
    nowStart: periodSql(start, now.seconds, now.fraction),
    nowEnd: periodSql(end, now.seconds, now.fraction),
    endOfTime: periodSql(end, '9999-12-31 23:59:59', '9999999'),
    hidden: new Set(temporal.hidden.map((h) => h.toLowerCase())),
  };
}

function precisionOf(c: Column): number {
  return c.tsqlType?.scale ?? 7;
}

/** The run's clock (`YYYY-MM-DD hh:mm:ss[.ffffff]`) as seconds and seven fractional digits. */
function transactionTime(clock: string): { seconds: string; fraction: string } {
  const text = clock.replace('T', ' ');
  const dot = text.indexOf('.');
  return dot < 0 ? { seconds: text, fraction: '0000000' } : { seconds: text.slice(0, dot), fraction: text.slice(dot + 1).padEnd(7, '0') };
}

/** A datetime2 value as the period column stores it: its fixed-width text (precision 7) or a TIMESTAMP. */
function periodSql(c: Column, seconds: string, fraction: string): string {
  const p = precisionOf(c);
  const text = p === 0 ? seconds : `${seconds}.${fraction.slice(0, p)}`;
  return c.duckType === 'VARCHAR' ? `'${text}'` : `CAST('${text}' AS ${c.duckType})`;
}

/**
 * The period columns in an INSERT's (or MERGE's WHEN NOT MATCHED THEN INSERT's) columns: each
 * VALUES row may give them only DEFAULT (Msg 13536 otherwise). Returns which positions stay
 * and the period columns with their values to add.
 */
export function periodInsert(state: EmulatorState, tt: TemporalTable, node: Pick<Node, 'span'>, columns: readonly { readonly name: string }[], rows: readonly (readonly Expression[])[] | undefined): { keep: boolean[]; names: string[]; values: string[] } {
  const isPeriod = (c: { name: string }): boolean => c.name.toLowerCase() === tt.start.name.toLowerCase() || c.name.toLowerCase() === tt.end.name.toLowerCase();
  const keep = columns.map((c) => !isPeriod(c));
  for (const [i, c] of columns.entries()) {
    if (keep[i] === true) continue;
    const given = rows?.map((r) => r[i]).find((e) => e !== undefined && !(e.kind === 'Literal' && e.literalType === 'default'));
    if (rows === undefined || given !== undefined) {
      throw state.unsupported(given ?? node, `a value for ${c.name}, a GENERATED ALWAYS period column of the system-versioned table ${tt.name} (SQL Server: Msg 13536, Cannot insert an explicit value into a GENERATED ALWAYS column; only DEFAULT is allowed)`);
    }
  }
  return { keep, names: [quote(tt.start.name), quote(tt.end.name)], values: [tt.nowStart, tt.endOfTime] };
}

/** The columns an INSERT without a column list fills: HIDDEN period columns are left out. */
export function visibleColumns<C extends { readonly name: string }>(tt: TemporalTable | undefined, columns: readonly C[]): readonly C[] {
  return tt === undefined || tt.hidden.size === 0 ? columns : columns.filter((c) => !tt.hidden.has(c.name.toLowerCase()));
}

/** `SET ValidFrom = …` in an UPDATE or MERGE: Msg 13537, refused where the statement is. */
export function refusePeriodAssignment(state: EmulatorState, tt: TemporalTable, node: Pick<Node, 'span'>, column: string): void {
  if (column.toLowerCase() === tt.start.name.toLowerCase() || column.toLowerCase() === tt.end.name.toLowerCase()) {
    throw state.unsupported(node, `SET of ${column}, a GENERATED ALWAYS period column of the system-versioned table ${tt.name} (SQL Server: Msg 13537, Cannot update GENERATED ALWAYS columns)`);
  }
}

/** OUTPUT deleted.<ROW END> (or deleted.*): whether SQL Server gives the old end of time or T there is not documented. */
export function refusePeriodOutput(state: EmulatorState, tt: TemporalTable, output: OutputClause | undefined): void {
  if (output === undefined) return;
  const end = tt.end.name.toLowerCase();
  for (const item of output.items) {
    walk(item, (n) => {
      const star = n.kind === 'Star' && n.qualifier.length === 1 && n.qualifier[0]?.name.toLowerCase() === 'deleted';
      const column = n.kind === 'ColumnRef' && n.parts.length === 2 && n.parts[0]?.name.toLowerCase() === 'deleted' && n.parts[1]?.name.toLowerCase() === end;
      if (star || column) throw state.unsupported(n, `OUTPUT of deleted.${tt.end.name}, the ROW END column of the system-versioned table ${tt.name} (whether SQL Server outputs the old end of time or the transaction time is not documented)`);
      return undefined;
    });
  }
}

/**
 * Before rows `rows` (a query with the ROW START column) are updated or deleted: Msg 13535 when
 * T is earlier than a row's ROW START; refused when it equals it (a row this run already wrote).
 */
export async function checkTouchedRows(state: EmulatorState, tt: TemporalTable, node: Pick<Node, 'span'>, rows: string, params: readonly unknown[], verb: string): Promise<void> {
  const s = quote(tt.start.name);
  const found = await runSql(state, `SELECT count(*) FILTER (WHERE ${s} > ${tt.nowStart}) AS "later", count(*) FILTER (WHERE ${s} = ${tt.nowStart}) AS "same" FROM (${rows}) AS __touched`, params, node.span);
  const first = found[0] ?? {};
  if (Number(first.same ?? 0) > 0) throw state.unsupported(node, repeatedChange(tt, verb));
  if (Number(first.later ?? 0) > 0) throw transactionTimeError(state, tt, node);
}

function repeatedChange(tt: TemporalTable, verb: string): string {
  return `${verb} of a row of the system-versioned table ${tt.name} whose ROW START is already the transaction time (${tt.start.name} = the run's clock: a row this run wrote before; SQL Server gives a later statement a later time, and what it writes to ${tt.historyName} for a row changed twice in one transaction is not documented)`;
}

function transactionTimeError(state: EmulatorState, tt: TemporalTable, node: Pick<Node, 'span'>): TsqlRuntimeError {
  return new TsqlRuntimeError({
    number: 13535, severity: 16, state: 0, line: state.tsqlLine(node.span), procedure: state.procedureName,
    message: `Data modification failed on system-versioned table '….${tt.name}' because transaction time was earlier than period start time for affected records.`,
    messageUnknown: 'names the database',
  }, {
    location: state.locate(node.span),
    // The transaction time is the run's clock, an input: a default clock before the data's periods is the usual cause.
    hint: `the transaction time is the run's clock, ${state.clock}, earlier than the ROW START of rows it changes: give the time the run stands for with --clock (migrate capture, sections record)`,
  });
}

/** Copies the rows of `image` (a table with the current table's columns) to the history table with ROW END = T. */
export async function writeHistory(state: EmulatorState, tt: TemporalTable, image: string, where: string, node: Pick<Node, 'span'>): Promise<void> {
  const names = tt.info.columns.map((c) => quote(c.name));
  const values = tt.info.columns.map((c) => (c === tt.end ? tt.nowEnd : `__i.${quote(c.name)}`));
  await runSql(state, `INSERT INTO ${tt.history.sqlName} (${names.join(', ')}) SELECT ${values.join(', ')} FROM ${image} AS __i${where}`, [], node.span);
  state.written.add(tt.history);
  noteWrite(state, tt.history);
  noteTransactionWrite(state, tt.history);
}

/**
 * UPDATE of a system-versioned table: `planned` is a table of the rows to change (`__rid`) and
 * their new values; their old versions are kept, the update sets ROW START = T, and the old
 * versions go to the history table. Returns the table of old versions (`deleted`, with `__rid`),
 * which the caller drops or hands to OUTPUT.
 */
export async function temporalUpdate(state: EmulatorState, tt: TemporalTable, node: Pick<Node, 'span'>, planned: string, sets: readonly string[], deleted: string): Promise<number> {
  const info = tt.info;
  await checkTouchedRows(state, tt, node, `SELECT ${quote(tt.start.name)} FROM ${info.sqlName} WHERE rowid IN (SELECT __rid FROM ${planned})`, [], 'an UPDATE');
  await runSql(state, `CREATE TEMP TABLE ${deleted} AS SELECT __t.*, __t.rowid AS __rid FROM ${info.sqlName} AS __t WHERE __t.rowid IN (SELECT __rid FROM ${planned})`, [], node.span);
  const changed = await runSql(state, `UPDATE ${info.sqlName} AS __t SET ${[...sets, `${quote(tt.start.name)} = ${tt.nowStart}`].join(', ')} FROM ${planned} AS __u WHERE __t.rowid = __u.__rid`, [], node.span)
    .catch(async (err: unknown) => { await state.session.run(`DROP TABLE IF EXISTS ${deleted}`); throw err; });
  await writeHistory(state, tt, deleted, '', node);
  const first = changed[0];
  return first === undefined ? 0 : Number(Object.values(first)[0] ?? 0);
}

/** DELETE of a system-versioned table's rows whose row ids `rowids` gives: the removed rows go to history (the image `gone`, kept for OUTPUT). */
export async function temporalDelete(state: EmulatorState, tt: TemporalTable, node: Pick<Node, 'span'>, rowids: string, params: readonly unknown[], gone: string): Promise<number> {
  const info = tt.info;
  await runSql(state, `CREATE TEMP TABLE ${gone} AS SELECT __t.*, __t.rowid AS __rid FROM ${info.sqlName} AS __t WHERE __t.rowid IN (${rowids})`, params, node.span);
  try {
    await checkTouchedRows(state, tt, node, `SELECT ${quote(tt.start.name)} FROM ${gone}`, [], 'a DELETE');
  } catch (err) {
    await state.session.run(`DROP TABLE IF EXISTS ${gone}`);
    throw err;
  }
  const n = await runSql(state, `DELETE FROM ${info.sqlName} AS __t WHERE __t.rowid IN (SELECT __rid FROM ${gone})`, [], node.span);
  await writeHistory(state, tt, gone, '', node);
  const first = n[0];
  return first === undefined ? 0 : Number(Object.values(first)[0] ?? 0);
}

/**
 * Before a MERGE into a system-versioned table: the rows its WHEN MATCHED / NOT MATCHED BY
 * SOURCE clauses may touch (`matched`: the target's row ids its ON matches) must all start before
 * T (which rows a conditional clause touches is known only after it ran); then an image of
 * the table, from which temporalMergeHistory writes history. Undefined for an insert-only MERGE.
 * `params` are the values the CTEs, USING and ON bind, not those of the WHEN clauses.
 */
export async function temporalMergeBefore(state: EmulatorState, tt: TemporalTable, m: Merge, withCtes: string, matched: string, params: readonly unknown[]): Promise<string | undefined> {
  const byTarget = m.whens.some((w) => w.match === 'MATCHED');
  const bySource = m.whens.some((w) => w.match === 'NOT MATCHED BY SOURCE');
  if (!byTarget && !bySource) return undefined;
  if (tt.info.key.length === 0) throw state.unsupported(m, `a MERGE into the system-versioned table ${tt.name}, whose PRIMARY KEY the table scripts do not declare`);
  // both kinds may touch every row; written through `matched` all the same, so that the query takes the values
  // its USING and ON bind (`params`) whichever clauses the MERGE has
  const touched = byTarget && bySource ? `(__c.rowid IN (${matched}) OR __c.rowid NOT IN (${matched}))` : `__c.rowid ${byTarget ? '' : 'NOT '}IN (${matched})`;
  const s = `__c.${quote(tt.start.name)}`;
  const found = await runSql(state, `${withCtes}SELECT count(*) FILTER (WHERE ${s} > ${tt.nowStart}) AS "later", count(*) FILTER (WHERE ${s} = ${tt.nowStart}) AS "same" FROM ${tt.info.sqlName} AS __c WHERE ${touched}`, params, m.span);
  const first = found[0] ?? {};
  if (Number(first.same ?? 0) > 0) throw state.unsupported(m, repeatedChange(tt, 'a MERGE that may change a row'));
  if (Number(first.later ?? 0) > 0) throw state.unsupported(m, `a MERGE into the system-versioned table ${tt.name} that may change a row whose ROW START is after the transaction time (SQL Server: Msg 13535 if it does change it; which rows its WHEN clauses change is known only after it ran)`);
  const image = quote(`__temporal_before_${state.tempCounter++}`);
  await runSql(state, `CREATE TEMP TABLE ${image} AS SELECT * FROM ${tt.info.sqlName}`, [], m.span);
  return image;
}

/**
 * After the MERGE: its updated and deleted rows, found by primary key in the image (the rows
 * that started before T and are gone now, or now start at T), go to history with ROW END = T.
 */
export async function temporalMergeHistory(state: EmulatorState, tt: TemporalTable, image: string, node: Pick<Node, 'span'>): Promise<void> {
  const same = tt.info.key.map((k) => `__n.${quote(k)} = __i.${quote(k)}`).join(' AND ');
  const s = quote(tt.start.name);
  const where = ` WHERE __i.${s} < ${tt.nowStart} AND (NOT EXISTS (SELECT 1 FROM ${tt.info.sqlName} AS __n WHERE ${same}) OR EXISTS (SELECT 1 FROM ${tt.info.sqlName} AS __n WHERE ${same} AND __n.${s} = ${tt.nowStart}))`;
  await writeHistory(state, tt, image, where, node);
}

/** TRUNCATE TABLE of a system-versioned table: SQL Server's Msg 13545. */
export function refuseTemporalTruncate(state: EmulatorState, node: Pick<Node, 'span'>, info: TableInfo): void {
  const role = roleOf(state, info);
  if (role.current !== undefined) throw state.unsupported(node, `TRUNCATE TABLE of the system-versioned table ${role.current.parts.join('.')} (SQL Server: Msg 13545, not a supported operation on system-versioned temporal tables)`);
  if (role.historyOf !== undefined) throw state.unsupported(node, `TRUNCATE TABLE of the history table of the system-versioned table ${role.historyOf.parts.join('.')} (SQL Server rejects it while SYSTEM_VERSIONING is ON)`);
}
