import { convertSql } from './conversions';
import type { Expression } from '../../tsql';
import { callMarker } from './call-stops';
import type { SqlFragment, SqlTranslator } from './expressions';
import { isBlankPadded, makeType, type TsqlType } from './tsql-types';

/*
 * Functions whose result has their first argument's type (ISNULL, LAG and LEAD with a default):
 * the other value is converted to it as SQL Server's CAST converts, where DuckDB would take the
 * common type of both (COALESCE(int, 1.5) a decimal, lag(int, 1, 0.7) rounded to 1).
 */

/** Whether a value is a date, a date/time or a time. */
export function isTemporal(f: SqlFragment): boolean {
  return f.family === 'date' || f.family === 'datetime' || f.family === 'time';
}

/**
 * `y` converted to the type of `x`, for functions whose result has their first argument's type
 * (ISNULL's replacement, LAG's and LEAD's default): a date/time keeps `x`'s representation, text
 * is cut (char: padded) to `x`'s declared length, a number converts as CAST does
 * (ISNULL(@int, 1.5) is 1, ISNULL(@decimal52, 1.2345) is 1.23, ISNULL(SUM(Qty), 2.7) is 2).
 */
export function inTypeOf(t: SqlTranslator, x: SqlFragment, value: SqlFragment): SqlFragment {
  let y = sameTemporalType(t, x, value);
  const n = x.tsqlType?.length;
  if (x.family === 'string' && n !== undefined && n >= 0 && ['varchar', 'nvarchar', 'char', 'nchar'].includes(x.tsqlType?.name ?? '')) {
    const cut = `left(CAST(${y.sql} AS VARCHAR), ${n})`;
    y = { ...y, sql: isBlankPadded(x.tsqlType) ? `rpad(${cut}, ${n}, ' ')` : cut };
  }
  const type = x.family === 'integer' || x.family === 'exact' ? x.tsqlType ?? numberTypeOf(x) : undefined;
  return type === undefined ? y : convertSql(y, type);
}

/** The T-SQL type of a computed number from its DuckDB type (`Qty * 2`, `SUM(Qty)`), when it has one. */
function numberTypeOf(x: SqlFragment): TsqlType | undefined {
  const d = (x.duckType ?? '').toUpperCase();
  const ints: Readonly<Record<string, string>> = { TINYINT: 'tinyint', UTINYINT: 'tinyint', SMALLINT: 'smallint', INTEGER: 'int', BIGINT: 'bigint' };
  // An integer of unknown width: any integer type truncates the replacement alike.
  const name = ints[d] ?? (x.family === 'integer' && d === '' ? 'bigint' : undefined);
  if (name !== undefined) return makeType(name, []);
  const m = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(d);
  return m === null || Number(m[1]) > 38 ? undefined : makeType('decimal', [m[1] as string, m[2] as string]);
}

/** `y` in the date/time representation of `x` when `x` is a date/time value of known type. */
export function sameTemporalType(t: SqlTranslator, x: SqlFragment, y: SqlFragment): SqlFragment {
  const type = x.tsqlType;
  if (!isTemporal(x) || type === undefined || (y.duckType === x.duckType && y.tsqlType?.name === type.name && y.tsqlType.scale === type.scale)) return y;
  return convertSql(y, type, false, t.state.dateFormat);
}

/*
 * ISNULL cuts its replacement to the first argument's declared length, which the emulator does
 * not know for every text expression (LEFT/RIGHT/SUBSTRING, REPLACE, `+`, CASE): ISNULL(RIGHT(Phone, 7),
 * PostCode) may give 'SW1A1AA' or 'SW1A1AA9'. A replacement no longer than the shortest length that
 * first argument can have is exact either way; a longer one is refused where ISNULL stands.
 */

/** The replacement `y` of ISNULL(`first`, …), refused at run time where it may be cut to a length the emulator does not know. */
export function guardUnknownLength(t: SqlTranslator, call: Expression, first: Expression, x: SqlFragment, y: SqlFragment, columnLength: (e: Expression) => number | undefined): SqlFragment {
  if (x.family !== 'string' || x.tsqlType?.length !== undefined || y.family !== 'string') return y;
  const shortest = shortestLength(first, columnLength);
  const why = `ISNULL whose replacement is longer than ${shortest} character${shortest === 1 ? '' : 's'}: ISNULL cuts it to its first argument's declared length, which the emulator does not know for that expression (CAST the first argument to the type meant)`;
  const refuse = `CAST(error('the emulator does not support ${why.replace(/'/g, "''")}' || ${callMarker(t.state, call)}) AS VARCHAR)`;
  return { ...y, sql: `(CASE WHEN (${x.sql}) IS NULL AND length(CAST(${y.sql} AS VARCHAR)) > ${shortest} THEN ${refuse} ELSE ${y.sql} END)` };
}

/**
 * The declared length of a column or variable named in ISNULL's first argument. A variable is
 * looked up, not translated again: translating binds its value as one more `$n` parameter that
 * the statement's SQL never names, and DuckDB then refuses the whole statement.
 */
export function namedLength(t: SqlTranslator, e: Expression, translate: (e: Expression) => SqlFragment): number | undefined {
  if (e.kind !== 'Variable') return translate(e).tsqlType?.length;
  const name = e.name.toLowerCase();
  return (t.variables === undefined ? t.state.frame.variables.get(name)?.type : t.variables.get(name)?.tsqlType)?.length;
}

/** A length no declared text type falls short of: varchar(max) and the like. */
const UNBOUNDED = 2 ** 31 - 1;

/**
 * The least declared length the text expression `e` may have (a lower bound of SQL Server's type):
 * the length of a column, a variable or a literal; for LEFT/RIGHT/
 * SUBSTRING, their written length where their text is at least that long (either reading of their
 * type holds it); for CASE, the longest bound of its results (its type holds every one); for
 * REPLACE, its text's (the result may be the text unchanged); else 1.
 */
function shortestLength(e: Expression, lengthOf: (e: Expression) => number | undefined): number {
  if (e.kind === 'Literal') return e.literalType.endsWith('string') ? Math.max(1, e.value.length) : 1;
  // (only names are looked up: translating a larger expression again could note its calls twice)
  const typed = e.kind === 'ColumnRef' || e.kind === 'Variable' ? lengthOf(e) : undefined;
  if (typed !== undefined) return typed < 0 ? UNBOUNDED : Math.max(1, typed);
  if (e.kind === 'Case') {
    const results = [...e.whens.map((w) => w.then), ...(e.else === undefined ? [] : [e.else])].filter((r) => !(r.kind === 'Literal' && r.literalType === 'null'));
    return Math.max(1, ...results.map((r) => shortestLength(r, lengthOf)));
  }
  if (e.kind !== 'FunctionCall' || e.name.parts.length !== 1) return 1;
  const name = (e.name.parts[0]?.name ?? '').toUpperCase();
  const inner = e.args[0];
  if (name === 'REPLACE') return inner === undefined ? 1 : shortestLength(inner, lengthOf);
  const n = name === 'LEFT' || name === 'RIGHT' ? e.args[1] : name === 'SUBSTRING' ? e.args[2] : undefined;
  if (n?.kind !== 'Literal' || n.literalType !== 'integer' || inner === undefined) return 1;
  // its argument's own length bounds it (RIGHT of a varchar(5) holds 5 at most; of `a + b`, unknown)
  const innerLength = inner.kind === 'Literal' && inner.literalType.endsWith('string') ? inner.value.length : inner.kind === 'ColumnRef' ? lengthOf(inner) : undefined;
  if (innerLength === undefined) return 1;
  return Math.max(1, innerLength < 0 ? Number(n.value) : Math.min(Number(n.value), innerLength)); // -1: max
}
