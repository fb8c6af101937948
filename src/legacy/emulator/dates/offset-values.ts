import type { Expression, FunctionCall } from '../../../tsql';
import type { SqlFragment, SqlTranslator } from '../expressions';
import { makeType, type TsqlType } from '../tsql-types';

/*
 * datetimeoffset values at a written offset other than +00:00 (TODATETIMEOFFSET(@Local,
 * '+05:30'), SWITCHOFFSET(CallStartUtc, -300)) while a statement computes with them. A stored
 * datetimeoffset (table column, variable, data file) is held as its instant (TIMESTAMPTZ) at
 * +00:00; a value at another offset is held as a DuckDB struct of its instant and its offset in
 * minutes, so every reader that knows it reads what SQL Server reads from it:
 * - CAST/CONVERT to date, datetime, datetime2, smalldatetime and time, DATEPART, DATENAME, YEAR,
 *   MONTH, DAY: the local date and time ("the date and time are copied … and the time zone is
 *   truncated", the datetimeoffset page), i.e. the instant plus the offset;
 * - comparisons, BETWEEN, IN, DATEDIFF: the instant ("DATEDIFF uses the time zone offset
 *   component of startdate or enddate"), a text or datetime2 on the other side taken at +00:00;
 * - DATEPART(tz): the offset in minutes; CAST to text: `yyyy-mm-dd hh:mi:ss[.fffffff] +hh:mi`.
 * The offset argument must be known while translating (a literal): all rows of one such
 * expression then share it, so ORDER BY, GROUP BY and DISTINCT over the struct (instant first)
 * order and group as the instant does; CASE, COALESCE, set operations and the like that would
 * put two offsets in one column are refused (offset-combining.ts). A reader that does not know the struct fails in DuckDB's
 * binder (no silent UTC parts); storing such a value (column, variable) is refused where it runs,
 * the stored form keeping only the instant.
 */

/** The DuckDB type of a datetimeoffset at a written offset: its instant, then its offset in minutes. */
export const OFFSET_STRUCT = 'STRUCT(utc TIMESTAMP WITH TIME ZONE, tz SMALLINT)';

/** Whether a value is a datetimeoffset held with its offset (the struct above). */
export function isOffsetValue(x: Pick<SqlFragment, 'duckType'>): boolean {
  return x.duckType === OFFSET_STRUCT;
}

/** A datetimeoffset(scale) at `minutes` (a number, or SQL giving it) from UTC whose instant is the TIMESTAMPTZ `utc`. */
export function offsetValue(utc: string, minutes: number | string, scale: number): SqlFragment {
  return {
    sql: `(CASE WHEN ${utc} IS NULL THEN NULL ELSE struct_pack(utc := CAST(${utc} AS TIMESTAMPTZ), tz := CAST(${minutes} AS SMALLINT)) END)`,
    family: 'datetime', duckType: OFFSET_STRUCT, tsqlType: makeType('datetimeoffset', [String(scale)]),
    // every row at this one offset: what set operations and CASE check (offset-combining.ts)
    ...(typeof minutes === 'number' ? { offsetMinutes: minutes } : {}),
  };
}

/** The instant (TIMESTAMPTZ) of a datetimeoffset value, held either way. */
export function instantOf(x: SqlFragment): string {
  return isOffsetValue(x) ? `(${x.sql}).utc` : x.sql;
}

/** The local date and time (TIMESTAMP) of a value held with its offset: the instant moved by the offset. */
export function localTimestamp(x: SqlFragment): string {
  return `(CAST((${x.sql}).utc AS TIMESTAMP) + to_minutes(CAST((${x.sql}).tz AS BIGINT)))`;
}

/** The local date and time as a datetime2(6) value (1 µs, what the struct keeps), for conversions to other date/time types. */
export function localDatetime2(x: SqlFragment): SqlFragment {
  return { sql: localTimestamp(x), family: 'datetime', duckType: 'TIMESTAMP', tsqlType: makeType('datetime2', ['6']) };
}

/** The offset text `+hh:mi` / `-hh:mi` of a value held with its offset. */
export function offsetText(x: SqlFragment): string {
  const tz = `CAST((${x.sql}).tz AS INTEGER)`;
  return `(CASE WHEN ${tz} < 0 THEN '-' ELSE '+' END || lpad(CAST(abs(${tz}) // 60 AS VARCHAR), 2, '0') || ':' || lpad(CAST(abs(${tz}) % 60 AS VARCHAR), 2, '0'))`;
}

/** The characters of the text of a datetimeoffset(scale): date and time, a fraction of `scale` digits, a blank and the offset. */
export function offsetTextLength(scale: number): number {
  return 19 + (scale > 0 ? scale + 1 : 0) + 7;
}

/**
 * CAST of a value held with its offset to varchar/nvarchar (style 0): `2026-03-29 00:30:00.1230000
 * +05:30`, the fraction in the type's digits (none at scale 0), as the datetimeoffset page's
 * "default string literal format" writes it. A text type too short for it is refused (what
 * SQL Server does then is not reproduced here).
 */
export function offsetValueAsText(x: SqlFragment, target: TsqlType): SqlFragment | { refused: string } {
  const scale = x.tsqlType?.scale ?? 7;
  const need = offsetTextLength(scale);
  if (target.length !== undefined && target.length > 0 && target.length < need) {
    return { refused: `converting a datetimeoffset(${scale}) at an offset other than +00:00 to ${target.name}(${target.length}) (its text takes ${need} characters)` };
  }
  const local = localTimestamp(x);
  const fraction = scale > 0 ? ` || '.' || substr(strftime(${local}, '%f') || '0', 1, ${scale})` : '';
  return { sql: `(CASE WHEN ${x.sql} IS NULL THEN NULL ELSE strftime(${local}, '%Y-%m-%d %H:%M:%S')${fraction} || ' ' || ${offsetText(x)} END)`, family: 'string', duckType: 'VARCHAR', tsqlType: target };
}

/**
 * A value held with its offset converted to a stored datetimeoffset (a column, a variable, a
 * CAST): kept where its offset is +00:00, refused where it runs otherwise (the stored form
 * keeps the instant only, and would give UTC's parts back).
 */
export function offsetValueStored(x: SqlFragment, type: TsqlType): SqlFragment {
  const message = "the emulator does not support keeping a datetimeoffset at an offset other than +00:00 in a column, a variable or a CAST to datetimeoffset (it holds stored values at +00:00; convert with SWITCHOFFSET(…, '+00:00') where the instant is what is kept, or keep the local time as datetime2 and the offset apart)";
  return {
    sql: `(CASE WHEN ${x.sql} IS NULL THEN NULL WHEN (${x.sql}).tz <> 0 THEN CAST(error('${message.replace(/'/g, "''")}') AS TIMESTAMPTZ) ELSE (${x.sql}).utc END)`,
    family: 'datetime', duckType: 'TIMESTAMPTZ', tsqlType: type,
  };
}

/**
 * The offset argument of TODATETIMEOFFSET and SWITCHOFFSET in minutes: an integer (minutes) or
 * text `{+|-}hh:mm`, "the range is +14 to -14 (in hours)". It must be a literal (or a constant
 * known while translating): a per-row offset would let one expression hold several offsets,
 * which grouping and DISTINCT over it would tell apart where SQL Server does not (where
 * values of several offsets would meet in one column: offset-combining.ts). An offset out
 * of range or not in that form is refused: SQL Server fails such a call, with an error this
 * emulator does not reproduce.
 */
export function offsetMinutes(t: SqlTranslator, call: FunctionCall, name: string, e: Expression, x: SqlFragment): number {
  const raw = x.constant?.value ?? literalText(e);
  if (raw === undefined) throw t.state.unsupported(call, `${name} with an offset not known before the statement runs (write it as a literal: '+05:30' or minutes, -300)`);
  if (raw === null) throw t.state.unsupported(call, `${name} with a NULL offset`);
  const text = raw.trim();
  const isText = x.family === 'string' || (e.kind === 'Literal' && (e.literalType === 'string' || e.literalType === 'nstring'));
  let minutes: number | undefined;
  if (isText) {
    const m = /^([+-])(\d{2}):(\d{2})$/.exec(text);
    if (m !== null && Number(m[3]) < 60) minutes = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  } else if (/^[+-]?\d+$/.test(text)) minutes = Number(text);
  if (minutes === undefined || Math.abs(minutes) > 840) {
    throw t.state.unsupported(call, `${name} with the offset ${isText ? `'${raw}'` : raw} (SQL Server takes {+|-}hh:mm text or whole minutes from -14:00 to +14:00 and fails otherwise, with an error not reproduced here)`);
  }
  return minutes === 0 ? 0 : minutes;
}

function literalText(e: Expression): string | null | undefined {
  if (e.kind === 'Literal') return e.literalType === 'null' ? null : e.value;
  if (e.kind === 'Unary' && e.operand.kind === 'Literal' && e.operand.literalType === 'integer' && (e.operator === '-' || e.operator === '+')) return `${e.operator}${e.operand.value}`;
  return undefined;
}

/**
 * DATEPART(tz | tzoffset, datetimeoffset): the offset in minutes, signed (+05:30 is 330). Of
 * another type, and DATENAME's text of it, refused (what SQL Server gives is not pinned down here).
 */
export function offsetPart(t: SqlTranslator, call: FunctionCall, name: string, x: SqlFragment): string {
  const isDto = x.tsqlType?.name === 'datetimeoffset' || x.duckType === 'TIMESTAMPTZ' || isOffsetValue(x);
  if (name !== 'DATEPART' || !isDto) throw t.state.unsupported(call, `${name}(tz, …) of ${isDto ? 'a datetimeoffset' : `a ${x.tsqlType?.name ?? x.family} value`} (only DATEPART of a datetimeoffset is emulated)`);
  if (isOffsetValue(x)) return `CAST((${x.sql}).tz AS INTEGER)`;
  return `(CASE WHEN ${x.sql} IS NULL THEN NULL ELSE 0 END)::INTEGER`;
}

/**
 * CAST, CONVERT (no style) and assignment of a value held with its offset: to datetimeoffset
 * as offsetValueStored; to date, datetime, datetime2, smalldatetime and time its local date and
 * time; to text as offsetValueAsText. `convert` is conversions.ts's convertSql.
 */
export function convertOffsetValue(x: SqlFragment, type: TsqlType, convert: (v: SqlFragment, to: TsqlType) => SqlFragment): SqlFragment {
  const name = type.name.toLowerCase();
  if (name === 'datetimeoffset') return convert(offsetValueStored(x, x.tsqlType ?? type), type);
  if (['date', 'datetime', 'datetime2', 'smalldatetime', 'time'].includes(name)) return convert(localDatetime2(x), type);
  const refuse = (what: string, duck: string): SqlFragment => ({
    sql: `(CASE WHEN ${x.sql} IS NULL THEN NULL ELSE CAST(error('the emulator does not support ${what.replace(/'/g, "''")}') AS ${duck}) END)`, family: 'string', duckType: duck, tsqlType: type,
  });
  if (['varchar', 'nvarchar', 'char', 'nchar', 'sysname'].includes(name)) {
    const text = offsetValueAsText(x, type);
    return 'refused' in text ? refuse(text.refused, 'VARCHAR') : convert(text, type);
  }
  return refuse(`converting a datetimeoffset at an offset other than +00:00 to ${name}`, 'VARCHAR');
}

/**
 * A comparison where a side is held with its offset: the instants compare (the other side, a
 * stored datetimeoffset, or a date/time or text taken as at +00:00, converted by `toOffset`).
 */
export function offsetComparison(op: string, left: SqlFragment, right: SqlFragment, toOffset: (v: SqlFragment) => SqlFragment): string {
  return `(${comparedInstant(left, toOffset)} ${op} ${comparedInstant(right, toOffset)})`;
}

/** The instant a comparison with a value held with its offset reads from `x` (offsetComparison). */
export function comparedInstant(x: SqlFragment, toOffset: (v: SqlFragment) => SqlFragment): string {
  if (isOffsetValue(x)) return instantOf(x);
  if (x.constant?.value === null || (x.family === 'unknown' && x.constant === undefined && /^NULL$/i.test(x.sql.trim()))) return 'CAST(NULL AS TIMESTAMPTZ)';
  if (x.duckType === 'TIMESTAMPTZ') return x.sql;
  return instantOf(toOffset(x));
}

/**
 * The select list a result set is kept with (`SELECT … FROM (query) AS __rs(names)`): a column
 * held with its offset as the text SQL Server's client shows (`2026-03-29 08:15:00.0000000
 * +05:30`), which capture writes and acceptance reads as an instant with its offset.
 */
export function resultSetSelect(names: readonly string[], columns: readonly { readonly duckType?: string; readonly tsqlType?: TsqlType }[]): string {
  if (!columns.some((c) => isOffsetValue(c))) return 'SELECT *';
  return `SELECT ${names.map((n, i) => {
    const c = columns[i];
    if (c === undefined || !isOffsetValue(c)) return n;
    const text = offsetValueAsText({ sql: n, family: 'datetime', duckType: OFFSET_STRUCT, tsqlType: c.tsqlType }, makeType('nvarchar', ['34']));
    return `${'sql' in text ? text.sql : 'NULL'} AS ${n}`;
  }).join(', ')}`;
}
