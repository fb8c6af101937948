import * as tsql from '../tsql';
import { parseColumnType, parseSqlServerColumnType, type ColumnType } from '../engine';
import { builtInType } from './built-in-function-types';

// The type SQL Server gives an expression, from the declared types of the columns it reads
// (learn.microsoft.com/sql/t-sql/data-types/precision-scale-and-length-transact-sql and
// data-type-precedence-transact-sql), for a computed column of a CREATE TABLE and a computed
// column of a SELECT … INTO. A spec column's type decides how its values are read and compared:
// a scale narrower than SQL Server's would round the values recorded from the legacy run, so
// where the rules are not certain the answer is "unknown" (the column stays `text?` for a person
// to type), never a near type. Our column types lose what arithmetic depends on (smallint and
// int are both `int`, money is decimal(19,4), real is a double), so the rules run on the declared
// SQL Server type and map the result at the end.

/** A declared SQL Server type as expressions see it: its lower-case name, precision and scale
 * for decimals, and the column type a spec gives it. */
export interface SqlType {
  readonly name: string;
  readonly precision?: number;
  readonly scale?: number;
  /** varchar(max), nvarchar(max) or varbinary(max): LEN, DATALENGTH and CHARINDEX of one are bigint. */
  readonly max?: boolean;
  readonly column: ColumnType;
}

const INTEGER_RANK: Readonly<Record<string, number>> = { tinyint: 1, smallint: 2, int: 3, bigint: 4 };
/** Digits of each integer type as a decimal operand (tinyint as decimal(3,0), …). */
const INTEGER_DIGITS: Readonly<Record<string, number>> = { tinyint: 3, smallint: 5, int: 10, bigint: 19 };
const MONEY_DIGITS: Readonly<Record<string, readonly [number, number]>> = { money: [19, 4], smallmoney: [10, 4] };

const nullable = (t: ColumnType): ColumnType => ({ ...t, nullable: true });

function named(name: string, precision?: number, scale?: number): SqlType | undefined {
  const text = precision === undefined ? name : `${name}(${precision},${scale ?? 0})`;
  const column = parseSqlServerColumnType(`${text}?`);
  return column === undefined ? undefined : { name, ...(precision === undefined ? {} : { precision, scale: scale ?? 0 }), column };
}

/** The SQL type of a declared data type (`decimal(12,2)`, `smallint`, `float(24)`, `nvarchar(50)`). */
export function sqlTypeOf(dataType: tsql.DataType | undefined): SqlType | undefined {
  if (dataType === undefined) return undefined;
  const name = (dataType.name.parts[dataType.name.parts.length - 1]?.name ?? '').toLowerCase();
  if (name === 'decimal' || name === 'numeric' || name === 'dec') {
    const precision = dataType.args[0] !== undefined ? Number(dataType.args[0]) : 18;
    const scale = dataType.args[1] !== undefined ? Number(dataType.args[1]) : 0;
    return Number.isInteger(precision) && Number.isInteger(scale) ? named('decimal', precision, scale) : undefined;
  }
  // float(1..24) is real; float and float(25..53) are float.
  if (name === 'float') return Number(dataType.args[0] ?? 53) <= 24 ? real() : named('float');
  if (name === 'real') return real();
  const args = dataType.args.length > 0 ? `(${dataType.args.join(',')})` : '';
  const column = parseSqlServerColumnType(`${name}${args}?`);
  if (column === undefined) return undefined;
  return dataType.args[0]?.toLowerCase() === 'max' ? { name, max: true, column } : { name, column };
}

// real is held by a double, as a declared real column is (every real value is a double), but
// arithmetic tells it apart: real * int is real, where float * int is float.
const real = (): SqlType => ({ name: 'real', column: parseColumnType('double?') as ColumnType });

/** The spec column type of an expression's SQL type, nullable (an outer join may empty it). */
export function columnTypeOfSql(t: SqlType | undefined): ColumnType | undefined {
  return t === undefined ? undefined : nullable(t.column);
}

/** The type of a sub-expression, with the same columns and variables. */
type TypeOf = (e: tsql.Expression) => SqlType | undefined;

/** The SQL type of `expression` (see the top of this file), undefined where not certain;
 * `variable` gives a variable's or parameter's declared type (none: unknown), `scalarFunction`
 * a user scalar function's RETURNS type (`dbo.fn_FiscalPeriod(…)`; none: unknown). */
export function sqlExpressionType(e: tsql.Expression, column: (ref: tsql.ColumnRef) => SqlType | undefined, variable?: (v: tsql.Variable) => SqlType | undefined, scalarFunction?: (name: tsql.ObjectName) => SqlType | undefined): SqlType | undefined {
  const typeOf: TypeOf = (x) => sqlExpressionType(x, column, variable, scalarFunction);
  switch (e.kind) {
    case 'ColumnRef': return column(e);
    case 'Variable': return variable?.(e);
    case 'ExpressionList': return e.items.length === 1 && e.items[0] !== undefined ? typeOf(e.items[0]) : undefined;
    case 'Cast': return e.dataType === undefined ? undefined : sqlTypeOf(e.dataType);
    case 'Literal': return literalType(e);
    case 'Unary': return e.operator === '-' || e.operator === '+' ? numeric(typeOf(e.operand)) : undefined;
    // a user function is called by its schema-qualified name (a built-in never is): its RETURNS type
    case 'FunctionCall': return e.name.parts.length > 1 && e.over === undefined ? scalarFunction?.(e.name) : functionType(e, typeOf);
    case 'Case': return sameType([...e.whens.map((w) => w.then), ...(e.else === undefined ? [] : [e.else])], typeOf);
    case 'Binary': {
      const l = typeOf(e.left);
      const r = typeOf(e.right);
      return arithmetic(e.operator, constantBeside(e.left, l, r), constantBeside(e.right, r, l));
    }
    default: return undefined;
  }
}

/** An integer constant beside a decimal is a decimal of its digits (`Amount / 2` divides by a
 * decimal(1,0), not an int's decimal(10,0)), as the emulator and the drafts read it. */
function constantBeside(e: tsql.Expression, own: SqlType | undefined, other: SqlType | undefined): SqlType | undefined {
  const literal = e.kind === 'Unary' && (e.operator === '-' || e.operator === '+') ? e.operand : e;
  if (other?.name !== 'decimal' || literal.kind !== 'Literal' || literal.literalType !== 'integer' || own?.name !== 'int') return own;
  return named('decimal', Math.max(1, literal.value.replace(/^0+/, '').length), 0);
}

const numeric = (t: SqlType | undefined): SqlType | undefined => (t !== undefined && isNumeric(t) ? t : undefined);
const isNumeric = (t: SqlType): boolean => t.name in INTEGER_RANK || t.name in MONEY_DIGITS || t.name === 'decimal' || t.name === 'float' || t.name === 'real';

/** A number as written: an integer that fits an int is an int, a larger one a decimal of its
 * digits; `1.50` is decimal(3,2) and `0.5` decimal(1,1) (leading zeros are no digits). */
function literalType(e: tsql.Literal): SqlType | undefined {
  if (e.literalType === 'integer') {
    const digits = e.value.replace(/^0+(?=\d)/, '');
    return digits.length <= 10 && Number(digits) <= 2_147_483_647 ? named('int') : digits.length <= 38 ? named('decimal', digits.length, 0) : undefined;
  }
  if (e.literalType === 'decimal') {
    const m = /^(\d*)\.(\d*)$/.exec(e.value);
    if (m === null) return undefined;
    const scale = (m[2] ?? '').length;
    const precision = Math.max(1, (m[1] ?? '').replace(/^0+/, '').length + scale);
    return precision <= 38 ? named('decimal', Math.max(precision, scale), scale) : undefined;
  }
  return undefined;
}

/** The type of ISNULL and NULLIF (their first argument's), COALESCE and CASE (all results of one type, or of
 * integer types only), the aggregates and the numbering windows. */
function functionType(e: tsql.FunctionCall, typeOf: TypeOf): SqlType | undefined {
  const fn = (e.name.parts.length === 1 ? e.name.parts[0]?.name ?? '' : '').toUpperCase();
  const arg = (): SqlType | undefined => (e.args.length === 1 && e.args[0] !== undefined ? typeOf(e.args[0]) : undefined);
  switch (fn) {
    // ISNULL and NULLIF: the first argument's type (NULLIF(Qty, 0), the guard of a division)
    case 'ISNULL': case 'NULLIF': return e.args.length === 2 && e.args[0] !== undefined ? typeOf(e.args[0]) : undefined;
    case 'COALESCE': return sameType(e.args, typeOf);
    case 'COUNT': return named('int');
    case 'COUNT_BIG': case 'ROW_NUMBER': case 'RANK': case 'DENSE_RANK': case 'NTILE': return named('bigint');
    // float(53) (learn.microsoft.com/sql/t-sql/functions/percent-rank-transact-sql, cume-dist-transact-sql)
    case 'PERCENT_RANK': case 'CUME_DIST': return named('float');
    case 'MIN': case 'MAX': return arg();
    // LAG/LEAD return their value's type (learn.microsoft.com/sql/t-sql/functions/lag-transact-sql);
    // a default other than NULL or a whole number is converted by rules not followed here.
    case 'LAG': case 'LEAD': {
      const fallback = e.args[2];
      if (fallback !== undefined && !(fallback.kind === 'Literal' && (fallback.literalType === 'null' || fallback.literalType === 'integer'))) return undefined;
      return e.args[0] === undefined ? undefined : typeOf(e.args[0]);
    }
    case 'FIRST_VALUE': case 'LAST_VALUE': return arg();
    // a month's first or last day (a shipment's month, a period end): date whatever the arguments
    case 'DATEFROMPARTS': case 'EOMONTH': return named('date');
    case 'YEAR': case 'MONTH': case 'DAY': case 'DATEDIFF': case 'DATEPART': return named('int');
    case 'DATEDIFF_BIG': return named('bigint');
    // GROUPING is 1 where a row rolls the column up, as a tinyint; GROUPING_ID an int
    // (learn.microsoft.com/sql/t-sql/functions/grouping-transact-sql, grouping-id-transact-sql)
    case 'GROUPING': return e.args.length === 1 ? named('tinyint') : undefined;
    case 'GROUPING_ID': return e.args.length > 0 ? named('int') : undefined;
    // DATEADD returns its date argument's type, a string literal's being datetime
    // (learn.microsoft.com/sql/t-sql/functions/dateadd-transact-sql), as is an integer constant's,
    // a day count from 1900-01-01 converted to datetime (`DATEADD(day, DATEDIFF(day, 0, @d), 0)`)
    case 'DATEADD': {
      const given = e.args.length === 3 ? e.args[2] : undefined;
      if (given?.kind === 'Literal' && ['string', 'nstring', 'integer'].includes(given.literalType)) return named('datetime');
      const date = given !== undefined ? typeOf(given) : undefined;
      return date !== undefined && ['date', 'datetime', 'datetime2', 'smalldatetime'].includes(date.name) ? date : undefined;
    }
    // ROUND keeps its value's type but for the small integers (int) and real (float); of a
    // decimal the ROUND pages disagree across versions (decimal(p, s) or decimal(38, s)): unknown
    // (learn.microsoft.com/sql/t-sql/functions/round-transact-sql)
    case 'ROUND': {
      const t = e.args.length >= 2 && e.args[0] !== undefined ? numeric(typeOf(e.args[0])) : undefined;
      if (t === undefined || t.name === 'decimal') return undefined;
      if (t.name in INTEGER_RANK) return named(t.name === 'bigint' ? 'bigint' : 'int');
      return named(t.name in MONEY_DIGITS ? 'money' : 'float');
    }
    case 'SUM': case 'AVG': {
      const t = numeric(arg());
      if (t === undefined) return undefined;
      if (t.name in INTEGER_RANK) return named(t.name === 'bigint' ? 'bigint' : 'int');
      if (t.name === 'decimal') return named('decimal', 38, fn === 'SUM' ? t.scale ?? 0 : Math.max(t.scale ?? 0, 6));
      if (t.name in MONEY_DIGITS) return named('money');
      return named('float');
    }
    default: return builtInType(fn, e.args, typeOf);
  }
}

/** The type of several results that must be one: NULL literals take the others' type; integer
 * types give the widest, money or smallmoney among integers the money type, float among numbers
 * float; anything else must be the same type exactly (mixed decimals follow rules this does not guess). */
function sameType(items: readonly tsql.Expression[], typeOf: TypeOf): SqlType | undefined {
  const types: SqlType[] = [];
  for (const item of items) {
    if (item.kind === 'Literal' && item.literalType === 'null') continue;
    const t = typeOf(item);
    if (t === undefined) return undefined;
    types.push(t);
  }
  const first = types[0];
  if (first === undefined) return undefined;
  if (types.every((t) => t.name in INTEGER_RANK)) return types.reduce((a, b) => ((INTEGER_RANK[b.name] ?? 0) > (INTEGER_RANK[a.name] ?? 0) ? b : a));
  // Beside integers, money and smallmoney win by data type precedence with no precision to
  // derive (`COALESCE(MAX(ADR), 0)` of a money ADR is money, not text a draft writes with
  // money's two-decimal style); so does float beside any number.
  if (types.every(isNumeric) && types.some((t) => t.name === 'float')) return named('float');
  if (types.every((t) => t.name in INTEGER_RANK || t.name in MONEY_DIGITS)) {
    const money = types.find((t) => t.name === 'money') ?? types.find((t) => t.name === 'smallmoney');
    if (money !== undefined) return named(money.name);
  }
  return types.every((t) => t.name === first.name && t.precision === first.precision && t.scale === first.scale) ? first : undefined;
}

/** `+ - * /` of two numbers (and `%` of two integers): the operand of higher precedence decides (float, real, decimal,
 * money, smallmoney, then the integers), decimals by the documented precision and scale. */
function arithmetic(operator: string, l: SqlType | undefined, r: SqlType | undefined): SqlType | undefined {
  // % of two integers is the integer of higher precedence (`dbo.fn_FiscalPeriod(d) % 100`, an
  // int); of decimals, money or floats it follows rules not followed here
  if (operator === '%') return l !== undefined && r !== undefined && l.name in INTEGER_RANK && r.name in INTEGER_RANK ? named((INTEGER_RANK[l.name] ?? 0) >= (INTEGER_RANK[r.name] ?? 0) ? l.name : r.name) : undefined;
  if (!['+', '-', '*', '/'].includes(operator) || l === undefined || r === undefined || !isNumeric(l) || !isNumeric(r)) return undefined;
  const has = (name: string): boolean => l.name === name || r.name === name;
  if (has('float')) return named('float');
  if (has('real')) return real();
  if (has('decimal')) {
    const [p1, s1] = asDecimal(l);
    const [p2, s2] = asDecimal(r);
    if (operator === '*') return decimal(p1 + p2 + 1, s1 + s2);
    if (operator === '/') {
      const scale = Math.max(6, s1 + p2 + 1);
      return decimal(p1 - s1 + s2 + scale, scale);
    }
    // + and -: past 38 digits the documented rounding of the scale is not certain enough to
    // follow (a digit of scale one way or the other changes every value): unknown.
    const scale = Math.max(s1, s2);
    const precision = scale + Math.max(p1 - s1, p2 - s2) + 1;
    return precision <= 38 ? named('decimal', precision, scale) : undefined;
  }
  if (has('money')) return named('money');
  if (has('smallmoney')) return named('smallmoney');
  return (INTEGER_RANK[l.name] ?? 0) >= (INTEGER_RANK[r.name] ?? 0) ? named(l.name) : named(r.name);
}

function asDecimal(t: SqlType): readonly [number, number] {
  if (t.name === 'decimal') return [t.precision ?? 18, t.scale ?? 0];
  return MONEY_DIGITS[t.name] ?? [INTEGER_DIGITS[t.name] ?? 10, 0];
}

/** The decimal(p, s) of a product or quotient, cut to 38 digits as SQL Server does: the integer
 * digits kept, the scale to no less than min(s, 6). */
function decimal(precision: number, scale: number): SqlType | undefined {
  if (precision <= 38) return named('decimal', precision, scale);
  const integral = precision - scale;
  return named('decimal', 38, Math.max(Math.min(scale, 6), 38 - integral));
}
