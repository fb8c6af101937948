import { spatialConversionRefusal } from './opaque-values';
import { assignmentOverflow } from './assignment-overflow';
import { isOffsetValue, offsetValueStored } from './dates/offset-values';
import { convertingKnownText, type TextDateFormat } from './login-language';
import type { SourceSpan } from '../../core';
import type { Row } from '../../engine';
import type { Expression, Variable } from '../../tsql';
import { convertSql, quote, SqlTranslator, type SqlFragment } from './expressions';
import { quoteLiteral } from '../../engine';
import type { EmulatorState, VariableSlot } from './state';
import { LegacyError } from '../../core';
import { SqlScope } from './sql-scope';
import { familyOf, isBlankPadded, isMoney, makeType, toDuckType, type TsqlType } from './tsql-types';
import { temporalOf } from './dates/date-styles';
import { dateTimeTarget } from './dates/date-convert';
import type { DateFormat } from './dates/date-text';
import { assignFast, assignFastText, evalFast } from './fast-paths/fastpath';
import { allPrepared, allPreparedText, type TextRow } from './fast-paths/prepared-statements';
import { noteSqlWrite } from './tables/table-versions';
import { doomTransaction } from './transactions/xact-state';
import { copyBeforeWrite } from './transactions/undo-transaction';
import { inCodePage } from './code-page-text';
import { guardKeyText, type KeyTextKind } from './tables/key-text';
import { XmlUnsupported } from './xml-json/xml-document';
import { noteXmlSerialisation, storedXmlText } from './xml-json/xml-serialization';

/** Runs translated SQL; DuckDB failures become catchable T-SQL errors located at `span`. */
export async function runSql(state: EmulatorState, sql: string, params: readonly unknown[], span: SourceSpan | undefined): Promise<Row[]> {
  return runWith(state, sql, params, span, allPrepared);
}

/** runSql for a query whose rows are wanted as text in column order (a cursor's rows; allPreparedText). */
export async function runSqlText(state: EmulatorState, sql: string, params: readonly unknown[], span: SourceSpan | undefined): Promise<TextRow[]> {
  return runWith(state, sql, params, span, allPreparedText);
}

async function runWith<T>(state: EmulatorState, sql: string, params: readonly unknown[], span: SourceSpan | undefined, read: (session: EmulatorState['session'], sql: string, params: readonly unknown[]) => Promise<T>): Promise<T> {
  const dml = noteSqlWrite(state, sql);
  // Prepared statements use the connection directly: buffered writes must reach DuckDB first.
  if (!state.writes.empty) await state.writes.flush();
  if (state.tranCount > 0) await copyBeforeWrite(state, sql);
  try {
    const result = await read(state.session, sql, params);
    if (dml) state.dmlWrites++;
    return result;
  } catch (err) {
    throw await failInTransaction(state, state.toRuntimeError(err, span));
  }
}

/** Notes an error inside a transaction (xact-state.ts) and hands it on. */
async function failInTransaction(state: EmulatorState, err: unknown): Promise<unknown> {
  await doomTransaction(state, err);
  return err;
}

/** The `Count` DuckDB reports for INSERT/UPDATE/DELETE/MERGE. */
export function changedRows(rows: readonly Row[]): number {
  const first = rows[0];
  if (first === undefined) return 0;
  const v = Object.values(first)[0];
  return typeof v === 'bigint' ? Number(v) : Number(v ?? 0);
}

/** Evaluates a scalar expression (no FROM) to DuckDB text. */
export async function evalScalar(state: EmulatorState, e: Expression): Promise<{ value: string | null; fragment: SqlFragment }> {
  const t = new SqlTranslator(state);
  const f = t.expr(e, new SqlScope());
  const rows = await runSql(state, `SELECT CAST(${f.sql} AS VARCHAR) AS v`, t.params, e.span);
  const v = rows[0]?.v;
  return { value: v === null || v === undefined ? null : String(v), fragment: f };
}

/** Evaluates a predicate; NULL (unknown) is false, as in IF and WHILE. */
export async function evalCondition(state: EmulatorState, e: Expression): Promise<boolean> {
  const fast = state.fastPath ? evalFast(state, e) : undefined;
  if (fast !== undefined && fast.kind === 'bool') { state.counters.fastScalars++; return fast.value === '1'; }
  state.counters.duckdbScalars++;
  const t = new SqlTranslator(state);
  const c = t.condition(e, new SqlScope());
  const rows = await runSql(state, `SELECT CASE WHEN ${c} THEN 1 ELSE 0 END AS v`, t.params, e.span);
  return Number(rows[0]?.v ?? 0) === 1;
}

/** The variable slot of `v` in the current frame, or a located error naming it. */
export function slotOf(state: EmulatorState, v: Variable): VariableSlot {
  const slot = state.frame.variables.get(lowerName(v.name));
  if (slot === undefined) throw new LegacyError('LEGACY_UNDECLARED', `Must declare the scalar variable "${v.name}".`, { location: state.locate(v.span) });
  return slot;
}

const lowerNames = new Map<string, string>();

/** `name.toLowerCase()`, kept per name: FETCH INTO looks its variables up for every row. */
function lowerName(name: string): string {
  let lower = lowerNames.get(name);
  if (lower === undefined) {
    if (lowerNames.size >= 10_000) lowerNames.clear(); // names of many scripts: start again
    lower = name.toLowerCase();
    lowerNames.set(name, lower);
  }
  return lower;
}

/** Assigns an expression to a variable with SQL Server's conversion to the declared type. */
export async function assignExpression(state: EmulatorState, target: Variable, e: Expression, operator = '='): Promise<void> {
  const slot = slotOf(state, target);
  const value = operator === '=' ? e : compoundValue(target, e, operator);
  if (slot.type.name === 'xml') { await assignXml(state, slot, value); return; }
  const fast = state.fastPath ? evalFast(state, value) : undefined;
  if (fast !== undefined && fast.kind !== 'bool' && assignFast(slot, fast)) { state.counters.fastScalars++; return; }
  state.counters.duckdbScalars++;
  const t = new SqlTranslator(state);
  const computed = t.expr(value, new SqlScope());
  const f = storedForm(convertSql(computed, slot.type, false, state.dateFormat), slot.type);
  const rows = await runSql(state, `SELECT CAST(${f.sql} AS VARCHAR) AS v`, t.params, e.span).catch(async (err: unknown) => {
    throw await assignmentOverflow(err, [{ from: computed.tsqlType, fromDuckType: computed.duckType, to: slot.type }],
      `SELECT CAST(${computed.sql} AS VARCHAR) AS v`, (sql) => runSql(state, sql, t.params, e.span));
  });
  const v = rows[0]?.v;
  slot.value = v === null || v === undefined ? null : String(v);
}

/**
 * An xml variable holds the text SQL Server would give back for it (xml-serialization.ts):
 * `SET @x = CAST(@Body AS xml)` of `<a/>` reads back as `<a />`. The text is computed without
 * the conversion written around it, then serialised here.
 */
async function assignXml(state: EmulatorState, slot: VariableSlot, e: Expression): Promise<void> {
  let inner = e;
  while (inner.kind === 'Cast' && (inner.function === 'CAST' || inner.function === 'CONVERT') && inner.style === undefined && inner.dataType.name.parts.length === 1 && inner.dataType.name.parts[0]?.name.toLowerCase() === 'xml' && inner.dataType.args.length === 0) inner = inner.expression;
  const t = new SqlTranslator(state);
  const computed = t.expr(inner, new SqlScope());
  const text = computed.tsqlType?.name === 'xml' ? computed : convertSql(computed, makeType('nvarchar', ['max']), false, state.dateFormat);
  const rows = await runSql(state, `SELECT CAST(${text.sql} AS VARCHAR) AS v`, t.params, e.span);
  const v = rows[0]?.v;
  assignXmlText(slot, v === null || v === undefined ? null : String(v));
}

/** Text into an xml variable (an assignment, a FETCH INTO): its stored form, or as given and marked. */
function assignXmlText(slot: VariableSlot, text: string | null): void {
  noteXmlSerialisation(slot, undefined);
  if (text === null) { slot.value = null; return; }
  try {
    slot.value = storedXmlText(text);
  } catch (err) {
    if (!(err instanceof XmlUnsupported)) throw err;
    // its xml methods read the document as given (and refuse what they cannot read); its text is refused where read
    slot.value = text;
    noteXmlSerialisation(slot, err.message);
  }
}

/** A variable's value as it is kept: a datetimeoffset at +00:00 only (offset-values.ts). */
function storedForm(f: SqlFragment, type: TsqlType): SqlFragment {
  return isOffsetValue(f) ? offsetValueStored(f, type) : f;
}

const compoundValues = new WeakMap<Expression, Expression>();

/**
 * `@v + x` for `SET @v += x`: built once per statement (the fast path compiles each expression
 * node once, so a fresh node per execution would be compiled every time).
 */
function compoundValue(target: Variable, e: Expression, operator: string): Expression {
  let v = compoundValues.get(e);
  if (v === undefined || v.kind !== 'Binary' || v.operator !== operator.slice(0, -1) || v.left !== target) {
    v = { kind: 'Binary', operator: operator.slice(0, -1), left: target, right: e, span: e.span };
    compoundValues.set(e, v);
  }
  return v;
}

/** Converts a DuckDB text value of a known family to a variable's type (FETCH INTO, OUTPUT). */
export async function assignText(state: EmulatorState, target: Variable, text: string | null, from: SqlFragment['family'], fromDuck: string, span: SourceSpan | undefined, fromType?: TsqlType, textFormat: TextDateFormat = state.dateFormat): Promise<void> {
  const slot = slotOf(state, target);
  if (assignTextNow(state, slot, text, from, fromDuck)) return;
  state.counters.duckdbScalars++;
  const t = new SqlTranslator(state);
  const src = fromDuck === '' ? t.bind(text, 'VARCHAR') : t.bind(text, fromDuck);
  // The source's T-SQL type, when known, decides its text (datetime2(3) is TIMESTAMP as datetime is).
  const typed = fromDuck !== '' && fromType !== undefined && familyOf(fromType) === from ? { tsqlType: fromType } : {};
  const fragment: SqlFragment = { sql: src, family: fromDuck === '' ? 'string' : from, duckType: fromDuck === '' ? 'VARCHAR' : fromDuck, ...typed };
  // Text from outside the code (--param, a Given value) is known: only text whose reading the
  // DATEFORMAT decides depends on the login language (login-language.ts).
  const f = storedForm(fromDuck === '' && text !== null ? convertingKnownText(text, () => convertSql(fragment, slot.type, false, textFormat)) : convertSql(fragment, slot.type, false, textFormat), slot.type);
  const rows = await runSql(state, `SELECT CAST(${f.sql} AS VARCHAR) AS v`, t.params, span);
  const v = rows[0]?.v;
  slot.value = v === null || v === undefined ? null : String(v);
}

const SMALL_INTEGER_DUCK = new Set(['INTEGER', 'SMALLINT', 'TINYINT', 'UTINYINT']);

/**
 * assignText's conversions that need no DuckDB, done at once: NULL, a value already of the
 * slot's type, text into a string variable, an integer into a wider integer. False (nothing
 * assigned) when DuckDB must convert `text`.
 */
export function assignTextNow(state: EmulatorState, slot: VariableSlot, text: string | null, from: SqlFragment['family'], fromDuck: string): boolean {
  if (slot.type.name === 'xml' && (from === 'string' || text === null)) { assignXmlText(slot, text); return true; }
  if (text === null) { slot.value = null; return true; }
  if (fromDuck !== '' && fromDuck === slot.duckType && from === familyOf(slot.type) && slot.type.length === undefined && holdsExactly(slot.type, text)) { slot.value = text; state.counters.fastScalars++; return true; }
  if (!state.fastPath) return false;
  if ((fromDuck === 'VARCHAR' && assignFastText(slot, text)) || (SMALL_INTEGER_DUCK.has(fromDuck) && assignFast(slot, { value: text, kind: 'int' }))) {
    state.counters.fastScalars++;
    return true;
  }
  return false;
}

/**
 * Whether a TIMESTAMP's text is already a value of the date/time type `type` (datetime's 1/300 s,
 * smalldatetime's minute, datetime2(n)'s digits), so copying it as it is agrees with converting
 * it (a datetime2(3) fetched into a datetime must round .501 to .500). Other types: true.
 */
function holdsExactly(type: TsqlType, text: string): boolean {
  const name = type.name;
  if ((name !== 'datetime' && name !== 'smalldatetime' && name !== 'datetime2') || (name === 'datetime2' && (type.scale ?? 7) >= 7)) return true;
  const m = /:(\d{2})(?:\.(\d{1,6}))?$/.exec(text);
  if (m === null) return false;
  const micros = Number((m[2] ?? '').padEnd(6, '0'));
  if (name === 'smalldatetime') return m[1] === '00' && micros === 0;
  if (name === 'datetime2') return micros % 10 ** (6 - Math.min(6, type.scale ?? 7)) === 0;
  // datetime: whole milliseconds that are a tick's (ms = floor((10 * tick + 1) / 3)).
  const ms = micros / 1000;
  return Number.isInteger(ms) && Math.floor((10 * Math.round((ms * 3) / 10) + 1) / 3) === ms;
}

/**
 * Wraps a value for a column: integers truncate like SQL Server, not round; a date/time column
 * converts its value the way SQL Server converts on INSERT/UPDATE (text in any literal format,
 * datetime's 1/300 s, datetime2 to 100 ns).
 */
export function coerceToColumn(value: SqlFragment, column: { readonly name?: string; readonly duckType: string; readonly tsqlType?: TsqlType; readonly keyText?: KeyTextKind } | undefined, dateFormat: DateFormat = 'mdy', table?: string): string {
  const sql = coerceValue(value, column, dateFormat, table);
  // A key column's text is refused where the key could not compare it as SQL Server does (key-text.ts).
  return column?.keyText === undefined ? sql : guardKeyText(sql, column.keyText, column.name ?? '?', table);
}

function coerceValue(value: SqlFragment, column: { readonly name?: string; readonly duckType: string; readonly tsqlType?: TsqlType } | undefined, dateFormat: DateFormat, table: string | undefined): string {
  const duckType = column?.duckType ?? '';
  const type = column?.tsqlType;
  const spatial = type === undefined ? undefined : spatialConversionRefusal(value, type);
  if (spatial !== undefined) return `(CASE WHEN ${value.sql} IS NULL THEN NULL ELSE error(${quoteLiteral(`the emulator does not support ${spatial}, into column '${column?.name ?? '?'}'${table === undefined ? '' : ` of table '${table}'`}`)}) END)`;
  // A datetimeoffset held with its offset: stored as a datetimeoffset at +00:00 only, its local time or text otherwise (offset-values.ts).
  if (isOffsetValue(value) && type !== undefined) return coerceValue(convertSql(value, type, false, dateFormat), column, dateFormat, table);
  if (type?.name === 'datetimeoffset') {
    // text with an offset ('… +01:00') reads as a value held with it: stored at +00:00 only
    const read = convertSql(value, type, false, dateFormat);
    if (isOffsetValue(read)) return offsetValueStored(read, type).sql;
  }
  // Text longer than a char/varchar/nchar/nvarchar(n) column: SQL Server (ANSI_WARNINGS ON, the
  // default) fails the statement with 2628 unless only trailing blanks are cut; DuckDB's VARCHAR
  // has no length and would store it whole.
  // A date/time value into a char/varchar column: its text as CAST writes it (date-styles.ts); text
  // longer than the column is refused (whether SQL Server cuts it or fails is not documented).
  if (type !== undefined && temporalOf(value) !== undefined && /^n?(var)?char$/i.test(type.name) && type.length !== undefined && type.length > 0) {
    const text = convertSql(value, makeType('varchar', ['max']), false, dateFormat).sql;
    const fitted = `(CASE WHEN length(${text}) > ${type.length} THEN error(${quoteLiteral(`the emulator does not support a date/time value whose text is longer than column '${column?.name ?? '?'}' (${type.name}(${type.length}))`)}) ELSE ${text} END)`;
    return isBlankPadded(type) ? `rpad(${fitted}, ${type.length}, ' ')` : fitted;
  }
  if (type !== undefined && value.family === 'string' && /^n?(var)?char$/i.test(type.name) && type.length !== undefined && type.length > 0) {
    const fitted = `tsql_fit_text(${inCodePage(value, type, value.sql)}, ${type.length}, ${quoteLiteral(`String or binary data would be truncated in table '${table ?? '?'}', column '${column?.name ?? '?'}'. Truncated value: '`)})`;
    // A char(n)/nchar(n) column holds its value padded with blanks to n (what SELECT, LEN's
    // counterpart DATALENGTH and an export of it show).
    return isBlankPadded(type) ? `rpad(CAST(${fitted} AS VARCHAR), ${type.length}, ' ')` : fitted;
  }
  // Bytes into a binary(n)/varbinary(n) column: binary(n) holds them padded with zero bytes to n
  // (SET ANSI_PADDING ON, the default); more than n bytes fail the statement in SQL Server (2628),
  // whose message for a binary value is not reproduced: refused at the value met.
  if (type !== undefined && value.family === 'binary' && (type.name === 'binary' || type.name === 'varbinary') && type.length !== undefined && type.length > 0) {
    const tooLong = `error(${quoteLiteral(`the emulator does not support storing more than ${type.length} bytes in column '${column?.name ?? '?'}' (${type.name}(${type.length})) of table '${table ?? '?'}' (SQL Server fails the statement with error 2628)`)})`;
    const fitted = `(CASE WHEN octet_length(${value.sql}) > ${type.length} THEN ${tooLong} ELSE ${value.sql} END)`;
    return type.name === 'binary' ? `from_hex(rpad(hex(${fitted}), ${type.length * 2}, '0'))` : fitted;
  }
  if (type !== undefined && dateTimeTarget(type) !== undefined) {
    const same = value.family === familyOf(type) && value.duckType === toDuckType(type) && value.tsqlType?.name === type.name && value.tsqlType.scale === type.scale;
    return same ? value.sql : convertSql(value, type, false, dateFormat).sql;
  }
  const integral = /^(TINYINT|SMALLINT|INTEGER|BIGINT|UTINYINT|HUGEINT)$/i.test(duckType);
  // money into an integer column rounds, as CAST does (conversions.ts); decimal and float truncate.
  if (integral && ((value.family === 'exact' && !isMoney(value.tsqlType)) || value.family === 'approx')) return `CAST(trunc(${value.sql}) AS ${duckType})`;
  // Text into an integer column converts as CAST does: '1.5' fails with 245 (DuckDB would round).
  if (integral && value.family === 'string' && type !== undefined && familyOf(type) === 'integer') return convertSql(value, type, false, dateFormat).sql;
  // Text into a decimal, money or float column converts as CAST does too: DuckDB's own cast knows
  // neither money's separators and currency sign ('1,250.00', '$12.35') nor SQL Server's errors.
  if (value.family === 'string' && type !== undefined && (familyOf(type) === 'exact' || familyOf(type) === 'approx')) return convertSql(value, type, false, dateFormat).sql;
  // Text into a bit column: 'TRUE'/'FALSE' are 1/0 (DuckDB's cast to TINYINT would fail on them).
  if (value.family === 'string' && type?.name === 'bit') return convertSql(value, type, false, dateFormat).sql;
  if (integral && value.family === 'datetime') return value.sql;
  // A float into a decimal or money column rounds its binary value (conversions.ts refuses where
  // DuckDB's cast would land on the other side of a halfway point).
  if (value.family === 'approx' && type !== undefined && familyOf(type) === 'exact') return convertSql(value, type, false, dateFormat).sql;
  return value.sql;
}

export { quote };
