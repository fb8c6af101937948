import type { ColumnType } from '../engine';
import type { DataType } from '../tsql';

/*
 * The T-SQL types the translator reasons with. SQL Server's result types decide what the
 * DuckDB SQL must do (integer division truncates, AVG of int is int, decimal scales), so
 * every translated value carries the type SQL Server would give it.
 */

/** A T-SQL type as far as the translation needs it. `length` undefined = unknown or max. */
export type SqlType =
  | { readonly family: 'int'; readonly name: 'tinyint' | 'smallint' | 'int' | 'bigint' }
  /** `money`: money or smallmoney, held as decimal(19,4)/(10,4), whose arithmetic with money or an
   * integer stays money (four decimals) where decimal's would widen (translate-expression.ts). */
  | { readonly family: 'decimal'; readonly precision: number; readonly scale: number; readonly money?: 'money' | 'smallmoney' }
  | { readonly family: 'float' }
  /** `padded`: char(n)/nchar(n), which hold their value padded with blanks to n; `collation`: a
   * column's COLLATE when it compares otherwise than the default (reading the column is refused). */
  /** `undeclared`: an input column no CREATE TABLE types, read as varchar from the spec's text,
   * though it may be nvarchar: whatever depends on its bytes (HASHBYTES) is refused. */
  | { readonly family: 'string'; readonly unicode: boolean; readonly length: number | undefined; readonly padded?: true; readonly collation?: string; readonly undeclared?: true }
  | { readonly family: 'date' }
  /** datetime, smalldatetime and datetime2(0)-(6), all held as a TIMESTAMP (whole microseconds).
   * `unit`: the grain a datetime (`tick`, 1/300 s shown as .000/.003/.007), smalldatetime
   * (`minute`) or datetime2(n) (n) column, variable or CAST target keeps, to which a finer value
   * stored in it rounds (datetime-units.ts); without it (a spec's `timestamp` column no DDL
   * declares, a CASE over several of these types) the grain is not known and the value is taken
   * as it is. `clock`: the run's clock, whole seconds within every type's range. */
  | { readonly family: 'datetime'; readonly unit?: DatetimeUnit; readonly clock?: true }
  /** datetime2(7): held as its fixed-width text `YYYY-MM-DD hh:mm:ss.fffffff` (VARCHAR), since no
   * DuckDB timestamp keeps 100 ns up to 9999-12-31 (src/engine/datetime2-text.ts); datetime2(0-6)
   * are whole microseconds and stay in the `datetime` family. */
  | { readonly family: 'datetime2' }
  | { readonly family: 'bit' }
  | { readonly family: 'null' }
  /** binary(n)/varbinary(n)/image are `unknown` too (held as their `0x…` hex text, see
   * binary-values.ts), with `length` their n in bytes (undefined = max or not known). */
  | { readonly family: 'unknown'; readonly name: string; readonly length?: number };

/** The grain of a datetime (`tick`: 1/300 s), a smalldatetime (`minute`) or a datetime2(n) (n fraction digits, 0-6). */
export type DatetimeUnit = 'tick' | 'minute' | 0 | 1 | 2 | 3 | 4 | 5 | 6;

export const INT: SqlType = { family: 'int', name: 'int' };
export const BIGINT: SqlType = { family: 'int', name: 'bigint' };
export const FLOAT: SqlType = { family: 'float' };
export const DATE: SqlType = { family: 'date' };
/** A date and time of unknown grain (a spec's `timestamp` column no DDL declares). */
export const DATETIME: SqlType = { family: 'datetime' };
/** A datetime: 1/300 s ticks, from 1753-01-01. */
export const DATETIME_TICKS: SqlType = { family: 'datetime', unit: 'tick' };
/** The run's clock (GETDATE(), SYSDATETIME(), their UTC forms): whole seconds, as `migrate run` and the scenario tags pin it. */
export const CLOCK: SqlType = { family: 'datetime', unit: 0, clock: true };
export const DATETIME2: SqlType = { family: 'datetime2' };
export const BIT: SqlType = { family: 'bit' };
export const NULL_TYPE: SqlType = { family: 'null' };
export const VARCHAR: SqlType = { family: 'string', unicode: false, length: undefined };

const INT_RANK = { tinyint: 1, smallint: 2, int: 3, bigint: 4 } as const;
/** Digits of precision SQL Server gives an integer type met in decimal arithmetic. */
const INT_DIGITS = { tinyint: 3, smallint: 5, int: 10, bigint: 19 } as const;

/** A decimal type. */
export function decimal(precision: number, scale: number): SqlType {
  return { family: 'decimal', precision, scale };
}

/** The T-SQL type of a declared data type (`varchar(30)`, `decimal(5,2)`, `datetime2(3)`). */
export function sqlTypeOfDataType(dt: DataType): SqlType {
  const name = dt.name.parts.map((p) => p.name).join('.').toLowerCase();
  const args = dt.args.map((a) => a.toLowerCase());
  return sqlTypeOfName(name, args);
}

/** The T-SQL type of a type name and its arguments as written. */
export function sqlTypeOfName(name: string, args: readonly string[]): SqlType {
  switch (name) {
    case 'tinyint': case 'smallint': case 'int': case 'bigint': return { family: 'int', name };
    case 'integer': return INT;
    case 'decimal': case 'numeric': return decimal(args[0] !== undefined ? Number(args[0]) : 18, args[1] !== undefined ? Number(args[1]) : 0);
    case 'money': return { family: 'decimal', precision: 19, scale: 4, money: 'money' };
    case 'smallmoney': return { family: 'decimal', precision: 10, scale: 4, money: 'smallmoney' };
    case 'float': case 'real': return FLOAT;
    case 'varchar': case 'char': case 'nvarchar': case 'nchar': case 'sysname': case 'text': case 'ntext': {
      const unicode = name.startsWith('n') || name === 'sysname';
      const len = name === 'sysname' ? 128 : args[0] === undefined ? (name.endsWith('text') ? undefined : 1) : args[0] === 'max' ? undefined : Number(args[0]);
      return { family: 'string', unicode, length: len, ...((name === 'char' || name === 'nchar') && len !== undefined ? { padded: true as const } : {}) };
    }
    case 'date': return DATE;
    case 'datetime2': return args[0] === undefined || args[0] === '7' ? DATETIME2 : { family: 'datetime', unit: Number(args[0]) as DatetimeUnit };
    case 'smalldatetime': return { family: 'datetime', unit: 'minute' };
    case 'datetime': return DATETIME_TICKS;
    case 'bit': return BIT;
    case 'binary': case 'varbinary': {
      const len = args[0] === undefined ? 1 : args[0] === 'max' ? undefined : Number(args[0]);
      return len === undefined ? { family: 'unknown', name } : { family: 'unknown', name, length: len };
    }
    default: return { family: 'unknown', name };
  }
}

/** Whether a type is binary, varbinary or image (a value held as its `0x…` hex text). */
export function isBinaryType(t: SqlType): t is SqlType & { family: 'unknown' } {
  return t.family === 'unknown' && ['binary', 'varbinary', 'image'].includes(t.name);
}

/** The T-SQL type a spec/transform column type stands for (lengths unknown). */
export function sqlTypeOfColumnType(t: ColumnType): SqlType {
  switch (t.base) {
    case 'int': return INT;
    case 'bigint': return BIGINT;
    case 'double': return FLOAT;
    case 'decimal': return decimal(t.precision ?? 18, t.scale ?? 0);
    case 'text': return VARCHAR;
    case 'bool': return BIT;
    case 'date': return DATE;
    case 'timestamp': return DATETIME;
    case 'datetime2': return DATETIME2;
    case 'uniqueidentifier': return { family: 'unknown', name: 'uniqueidentifier' };
  }
}

/** The DuckDB type a T-SQL type is held in, or undefined when there is none we trust. */
export function duckTypeOf(t: SqlType): string | undefined {
  switch (t.family) {
    case 'int': return t.name === 'bigint' ? 'BIGINT' : 'INTEGER';
    case 'decimal': return `DECIMAL(${t.precision},${t.scale})`;
    case 'float': return 'DOUBLE';
    case 'string': return 'VARCHAR';
    case 'date': return 'DATE';
    case 'datetime': return 'TIMESTAMP';
    case 'datetime2': return 'VARCHAR';
    case 'bit': return 'BOOLEAN';
    default: return undefined;
  }
}

/** Readable spelling of a type for refusals and comments. */
export function formatSqlType(t: SqlType): string {
  switch (t.family) {
    case 'int': return t.name;
    // money and smallmoney are held as decimal(19,4)/(10,4): a message names them as the legacy code declares them
    case 'decimal': return t.money ?? `decimal(${t.precision},${t.scale})`;
    case 'string': return `${t.unicode ? 'n' : ''}varchar(${t.length ?? 'max'})`;
    case 'unknown': return t.name || 'an unknown type';
    default: return t.family;
  }
}

/** Whether a type is numeric (integer, decimal, float, bit counts as integer in arithmetic). */
export function isNumeric(t: SqlType): boolean {
  return t.family === 'int' || t.family === 'decimal' || t.family === 'float';
}

/** The wider of two integer types (int + bigint is bigint). */
export function widerInt(a: SqlType & { family: 'int' }, b: SqlType & { family: 'int' }): SqlType {
  return INT_RANK[a.name] >= INT_RANK[b.name] ? a : b;
}

/** Precision and scale of an exact numeric type (integers as decimal(digits, 0)). */
export function precisionScale(t: SqlType): [number, number] | undefined {
  if (t.family === 'decimal') return [t.precision, t.scale];
  if (t.family === 'int') return [INT_DIGITS[t.name], 0];
  return undefined;
}

/**
 * SQL Server's result type of decimal `+ - *` and `/`: `/` has scale max(6, s1 + p2 + 1); when
 * the precision would pass 38 it is capped and the scale shrinks: for `*` and `/` by the excess,
 * never below 6 (or below the scale it had, when that was smaller), for `+` and `-` to what the
 * larger integral part leaves. The same rules the emulator applies (decimal-arithmetic.ts).
 */
export function decimalResult(op: string, a: readonly [number, number], b: readonly [number, number]): [number, number] {
  const [p1, s1] = a;
  const [p2, s2] = b;
  let p: number;
  let s: number;
  if (op === '+' || op === '-') { s = Math.max(s1, s2); p = Math.max(p1 - s1, p2 - s2) + s + 1; }
  else if (op === '*') { p = p1 + p2 + 1; s = s1 + s2; }
  else { s = Math.max(6, s1 + p2 + 1); p = p1 - s1 + s2 + s; }
  if (p > 38) {
    // A sum or difference keeps 38 - max(p1 - s1, p2 - s2) decimals, with no floor
    // (decimal(38,2) - decimal(38,4) is decimal(38,2), rounded); a product or quotient keeps
    // at least min(s, 6).
    s = op === '+' || op === '-' ? Math.min(s, 38 - Math.max(p1 - s1, p2 - s2)) : Math.max(Math.min(s, 6), s - (p - 38));
    p = 38;
  }
  return [p, s];
}

/**
 * geography, geometry, hierarchyid and sql_variant: held as the text a spec or CSV gives them
 * (WKT, '/1/2/'), only ever copied; anything that would need the value SQL Server holds is refused.
 */
export function isCarriedAsText(t: SqlType): boolean {
  return t.family === 'unknown' && CARRIED_AS_TEXT.has(t.name);
}

/** Why a draft refuses to group, de-duplicate or compare such a value. */
export const CARRIED_REASON = 'the draft holds it as the text it came as, not as the value SQL Server compares (write it by hand)';

const CARRIED_AS_TEXT: ReadonlySet<string> = new Set(['geography', 'geometry', 'hierarchyid', 'sql_variant']);
