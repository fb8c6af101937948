import type { SqlFragment } from './expressions';

// Exact (decimal and integer) arithmetic as SQL Server types it: the result type of + - *, and
// division at SQL Server's scale, which DuckDB would do in floating point.

/** Precision and scale of an exact or integer value when its type is known. */
export function precisionScale(f: SqlFragment): [number, number] | undefined {
  if (f.constantDigits !== undefined) return [f.constantDigits, 0];
  const t = (f.duckType ?? '').toUpperCase();
  const m = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(t);
  if (m !== null) return [Number(m[1]), Number(m[2])];
  const ints: Record<string, number> = { TINYINT: 3, UTINYINT: 3, SMALLINT: 5, INTEGER: 10, BIGINT: 19, HUGEINT: 38 };
  const p = ints[t];
  return p === undefined ? undefined : [p, 0];
}

/** SQL Server's result type of decimal + - *, as precision and scale, with the scale of the exact result. */
function decimalType(op: '+' | '-' | '*', a: SqlFragment, b: SqlFragment): { p: number; sc: number; exact: number } | undefined {
  if (a.family !== 'exact' && b.family !== 'exact') return undefined;
  const x = precisionScale(a);
  const y = precisionScale(b);
  if (x === undefined || y === undefined) return undefined;
  const [p1, s1] = x;
  const [p2, s2] = y;
  let p: number;
  let sc: number;
  if (op === '*') { p = p1 + p2 + 1; sc = s1 + s2; } else { sc = Math.max(s1, s2); p = Math.max(p1 - s1, p2 - s2) + sc + 1; }
  const exact = sc;
  if (p > 38) {
    // The page's rules past precision 38: a product keeps 38 - integral digits (not below 6 when
    // the integral part passes 32); a sum or difference keeps 38 - max(p1 - s1, p2 - s2), with
    // no floor (decimal(38,10) + decimal(38,20) is decimal(38,10)).
    sc = op === '*' ? Math.max(Math.min(sc, 6), sc - (p - 38)) : Math.min(sc, 38 - Math.max(p1 - s1, p2 - s2));
    p = 38;
  }
  return { p, sc, exact };
}

/** SQL Server's result type of decimal + - *, so a later division knows its scale. */
export function decimalResult(op: '+' | '-' | '*', a: SqlFragment, b: SqlFragment): string | undefined {
  const t = decimalType(op, a, b);
  return t === undefined ? undefined : `DECIMAL(${t.p},${t.sc})`;
}

/**
 * SQL Server's type of integer + - * / %: the operand type of higher precedence (bigint > int >
 * smallint > tinyint; a constant is an int). Kept so a later division by a decimal takes the
 * precision of that type (`(30 - @dim + 1) / 360.0` divides a decimal(10,0): scale 6), never the
 * floating-point quotient an untyped integer would get. Undefined when a side's type is unknown.
 */
export function integerResult(a: SqlFragment, b: SqlFragment): string | undefined {
  const ranks = ['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT'];
  // tinyint is DuckDB's UTINYINT (0-255), the lowest rank as TINYINT
  const duck = (f: SqlFragment): string => (f.duckType ?? '').toUpperCase();
  const rank = (f: SqlFragment): number => (f.family === 'integer' ? ranks.indexOf(duck(f) === 'UTINYINT' ? 'TINYINT' : duck(f)) : -1);
  const r = Math.max(rank(a), rank(b));
  if (r < 0 || rank(a) < 0 || rank(b) < 0) return undefined;
  return r === 0 ? (duck(a) === 'UTINYINT' || duck(b) === 'UTINYINT' ? 'UTINYINT' : 'TINYINT') : ranks[r];
}

/**
 * SQL Server's decimal type of a CASE, IIF or COALESCE over exact and integer branches (the union
 * rule of the precision-and-scale page: the largest scale and the most integral digits), so a
 * division of it keeps SQL Server's scale. Undefined where that is not certain: a branch of
 * unknown or doubted type or money, a result past precision 38, or an integer constant whose typing (int, or
 * numeric of its digits as in arithmetic) would change the result.
 */
export function branchesDecimalType(xs: readonly SqlFragment[]): string | undefined {
  const typed = xs.filter((x) => !(x.constant !== undefined && x.constant.value === null));
  if (!typed.some((x) => x.family === 'exact')) return undefined;
  const union = (constantsAsInt: boolean): string | undefined => {
    let scale = 0;
    let integral = 0;
    for (const x of typed) {
      // A decimal POWER's precision is in doubt (power-function.ts): so is the union's.
      if ((x.family !== 'exact' && x.family !== 'integer') || /money$/i.test(x.tsqlType?.name ?? '') || x.precisionDoubt !== undefined) return undefined;
      const ps = constantsAsInt && x.constantDigits !== undefined ? [10, 0] : precisionScale(x);
      if (ps === undefined) return undefined;
      scale = Math.max(scale, ps[1] ?? 0);
      integral = Math.max(integral, (ps[0] ?? 0) - (ps[1] ?? 0));
    }
    return integral + scale > 38 ? undefined : `DECIMAL(${integral + scale},${scale})`;
  };
  const asDigits = union(false);
  return asDigits === union(true) ? asDigits : undefined;
}

/**
 * The scale of a CASE, IIF or COALESCE over exact and integer branches whose precision
 * {@link branchesDecimalType} cannot tell (an integer constant read as int or as its digits gives
 * another precision, never another scale: `CASE WHEN … THEN [Units] ELSE 0 END` of a
 * decimal(12,3) is decimal(13,3) or decimal(12,3)). SUM and AVG need no more: their precision is 38.
 */
export function branchesDecimalScale(xs: readonly SqlFragment[]): { decimalScale?: number } {
  const typed = xs.filter((x) => !(x.constant !== undefined && x.constant.value === null));
  if (!typed.some((x) => x.family === 'exact') || branchesDecimalType(xs) !== undefined) return {};
  let scale = 0;
  for (const x of typed) {
    if ((x.family !== 'exact' && x.family !== 'integer') || /money$/i.test(x.tsqlType?.name ?? '') || x.precisionDoubt !== undefined) return {};
    const ps = precisionScale(x) ?? (x.decimalScale === undefined ? undefined : [38, x.decimalScale]);
    if (ps === undefined) return {};
    scale = Math.max(scale, ps[1] ?? 0);
  }
  return { decimalScale: scale };
}

/**
 * The refusal of a CASE, IIF or COALESCE whose branches are
 * all exact or integer and whose union type is past precision 38 (decimal(37,8) beside
 * decimal(38,10) is decimal(39,10)); undefined where it
 * fits, or where a branch is float or of unknown type. SQL Server's page caps only + and - past 38
 * (and UNION is refused for the same reason, set-operation-types.ts): what a CASE's scale becomes
 * there is not documented, and DuckDB would pick one (decimal(38,9)), so the caller refuses.
 * An integer constant is read both as int and as numeric of its digits; the wider reading counts.
 */
export function branchesPastPrecision38(what: string, xs: readonly SqlFragment[]): string | undefined {
  const typed = xs.filter((x) => !(x.constant !== undefined && x.constant.value === null));
  if (!typed.some((x) => x.family === 'exact') || typed.some((x) => x.family !== 'exact' && x.family !== 'integer')) return undefined;
  let scale = 0;
  let integral = 0;
  for (const x of typed) {
    for (const ps of [precisionScale(x), x.constantDigits === undefined ? undefined : [10, 0]]) {
      if (ps === undefined) continue;
      scale = Math.max(scale, ps[1] ?? 0);
      integral = Math.max(integral, (ps[0] ?? 0) - (ps[1] ?? 0));
    }
  }
  if (integral + scale <= 38) return undefined;
  return `${what} over decimal branches whose union type is decimal(${integral + scale},${scale}), past precision 38 (how SQL Server cuts its scale there is not documented); CAST the branches to the decimal type meant`;
}

/**
 * SQL Server's integer type of a CASE or IIF whose branches are all integers: the branch type of
 * highest precedence (bigint > int > smallint > tinyint). Kept so that multiplying or dividing
 * the CASE by a decimal gets SQL Server's precision and scale (`CASE … END * Multiplier / 4`),
 * which an untyped branch result would leave unknown. Undefined when a branch is not an integer
 * or its type is unknown, and, as in {@link branchesDecimalType}, where an integer literal's
 * typing (int, or numeric of its digits) would change the precision: a literal counts only beside
 * an int or bigint branch, which has at least its digits either way.
 */
export function branchesIntegerType(xs: readonly SqlFragment[]): string | undefined {
  // Only the NULL literal is untyped; a variable holding NULL keeps its declared type.
  const typed = xs.filter((x) => !(x.family === 'unknown' && x.constant !== undefined && x.constant.value === null));
  if (typed.length === 0 || typed.some((x) => x.family !== 'integer')) return undefined;
  const columns = typed.filter((x) => x.constantDigits === undefined);
  if (columns.length < typed.length && !columns.some((x) => ['INTEGER', 'BIGINT'].includes((x.duckType ?? '').toUpperCase()))) return undefined;
  let widest = columns[0];
  if (widest === undefined) return undefined;
  for (const x of columns) {
    const t = integerResult(widest, x);
    if (t === undefined) return undefined;
    widest = { ...x, duckType: t };
  }
  return widest.duckType;
}

const K = '10000000000000000000::HUGEINT';

/**
 * DuckDB macros of exact decimal arithmetic. tsql_dec_limbs(a, b): the product of two integers
 * below 10^38 in magnitude (a decimal's unscaled digits), past HUGEINT's range, as three limbs
 * [high, middle, low] in base 10^19 (|a| * |b| = high * 10^38 + middle * 10^19 + low): each
 * operand split in two limbs, each partial product below 10^38. (Values are named once through
 * one-element list_transform, as tsql-macros.ts does, so no operand is computed twice.)
 */
export const DECIMAL_MACROS: readonly string[] = [
  `CREATE OR REPLACE MACRO tsql_dec_limbs(a, b) AS list_transform([[abs(a) // ${K}, abs(a) % ${K}, abs(b) // ${K}, abs(b) % ${K}]], lambda l:
     list_transform([[l[1] * l[3], l[1] * l[4], l[2] * l[3], l[2] * l[4]]], lambda m:
       list_transform([m[4] // ${K} + m[2] % ${K} + m[3] % ${K}], lambda t:
         [m[1] + m[2] // ${K} + m[3] // ${K} + t // ${K}, t % ${K}, m[4] % ${K}])[1])[1])[1]`,
];

/** 10^n as a HUGEINT literal (n <= 38). */
function power(n: number): string {
  return `CAST('1${'0'.repeat(n)}' AS HUGEINT)`;
}

const OVERFLOW = "error('T-SQL Msg 8115: Arithmetic overflow error converting expression to data type numeric.')";

/**
 * The product of two exact values rounded half away from zero to `sc` decimals when SQL Server
 * cuts its scale (precision past 38): the exact product of the unscaled digits in three limbs,
 * shifted right by d = s1 + s2 - sc digits with the half added, so no digit is lost before the
 * rounding SQL Server does. A result of 38 digits or more is SQL Server's 8115.
 */
function roundedProduct(a: SqlFragment, b: SqlFragment, s1: number, s2: number, sc: number): SqlFragment | string {
  const d = s1 + s2 - sc;
  if (d > 38) return `decimal multiplication whose exact product is cut by ${d} digits (past the emulator's 38-digit arithmetic)`;
  // p = [high, middle, low]; R = (P + 5 * 10^(d-1)) // 10^d, written limb by limb.
  const low = d <= 19
    ? `p[2] * ${power(19 - d)} + (p[3] + 5 * ${power(d - 1)}) // ${power(d)}`
    : `(p[2] + 5 * ${power(d - 20)}) // ${power(d - 19)}`;
  const rounded = `list_transform([tsql_dec_limbs(v[1], v[2])], lambda p: CASE WHEN p[1] >= ${power(d)} THEN ${OVERFLOW} ELSE p[1] * ${power(38 - d)} + ${low} END)[1]`;
  const signed = `list_transform([${rounded}], lambda r: CASE WHEN r >= ${power(38)} THEN ${OVERFLOW} WHEN (v[1] < 0) <> (v[2] < 0) THEN -r ELSE r END)[1]`;
  const sql = `list_transform([[${unscaled(a, s1)}, ${unscaled(b, s2)}]], lambda v: CAST(${signed} AS DECIMAL(38,0)) * ${unit(sc)})[1]`;
  return { sql, family: 'exact', duckType: `DECIMAL(38,${sc})` };
}

/** One unit of scale `sc` (10^-sc) as DECIMAL(38, sc): an unscaled integer times it is exact. */
function unit(sc: number): string {
  return sc === 0 ? 'CAST(1 AS DECIMAL(38,0))' : `CAST('0.${'0'.repeat(sc - 1)}1' AS DECIMAL(38,${sc}))`;
}

/** The message of the engine error raised when an exact decimal result is past DuckDB's 38 digits. */
export const WIDE_DECIMAL = 'the emulator cannot compute this decimal result exactly';

/**
 * Decimal + - * as SQL Server computes them: the exact result, rounded half away from zero to the
 * result type when its precision passes 38 and SQL Server reduces the scale (decimal(19,9) *
 * decimal(19,9) is decimal(38,17), decimal(38,10) * decimal(38,10) decimal(38,6)). A product is
 * exact at any size (roundedProduct), except in a table's computed column, CHECK or DEFAULT,
 * where DuckDB admits no lambda: there, as for + and -, DuckDB keeps the exact result in
 * DECIMAL(38, exact scale) and a decimal-to-decimal cast rounds half away from zero; where that
 * exact value would not fit in 38 digits (SQL Server works wider before rounding) the statement
 * stops with an internal error, never with a wrong value or a catchable overflow. Returns
 * undefined when no scale is reduced (DuckDB's result is then SQL Server's value), a refusal
 * reason when the exact result cannot be held.
 */
export function roundedDecimalArithmetic(op: '+' | '-' | '*', a: SqlFragment, b: SqlFragment, noLambdas: boolean): SqlFragment | string | undefined {
  const t = decimalType(op, a, b);
  if (t === undefined || t.sc === t.exact) return undefined;
  const [, s1] = precisionScale(a) ?? [0, 0];
  const [, s2] = precisionScale(b) ?? [0, 0];
  if (op === '*' && !noLambdas) return roundedProduct(a, b, s1, s2, t.sc);
  if (t.exact > 38) return `decimal ${op === '*' ? 'multiplication in a computed column, CHECK or DEFAULT' : 'arithmetic'} whose exact result has ${t.exact} decimal places (DuckDB holds at most 38)`;
  const wide = (f: SqlFragment, s: number): string => `CAST(${f.sql} AS DECIMAL(38,${op === '*' ? s : t.exact}))`;
  const exactSql = `(${wide(a, s1)} ${op} ${wide(b, s2)})`;
  // A double estimate of the exact magnitude, with a margin far above its rounding error: below
  // the bound the exact DECIMAL(38, exact scale) result cannot overflow.
  const dbl = (f: SqlFragment): string => `abs(CAST(${f.sql} AS DOUBLE))`;
  const estimate = op === '*' ? `${dbl(a)} * ${dbl(b)}` : `${dbl(a)} + ${dbl(b)}`;
  const sql = `(CASE WHEN ${estimate} >= 0.999999e${38 - t.exact} THEN error('${WIDE_DECIMAL}: its exact value needs more than 38 digits before SQL Server rounds it to decimal(${t.p},${t.sc})') `
    + `ELSE CAST(${exactSql} AS DECIMAL(${t.p},${t.sc})) END)`;
  return { sql, family: 'exact', duckType: `DECIMAL(${t.p},${t.sc})` };
}

/** The unscaled digits of an exact value at scale `s`, as HUGEINT: its text without the point. */
function unscaled(f: SqlFragment, s: number): string {
  return `CAST(replace(CAST(CAST(${f.sql} AS DECIMAL(38,${s})) AS VARCHAR), '.', '') AS HUGEINT)`;
}

const HUGEINT_MAX = 170141183460469231731687303715884105727n;

/**
 * Decimal division as SQL Server does it (DuckDB would divide in floating point): the result
 * scale is max(6, s1 + p2 + 1), reduced (not below 6) when the precision passes 38, and the
 * quotient is truncated at that scale. Computed exactly in HUGEINT: the dividend's unscaled
 * digits shifted left, divided by the divisor's; where the shifted dividend passes HUGEINT the
 * statement stops with an internal error (SQL Server works wider), never a catchable overflow.
 * Returns a refusal reason when the shift itself passes HUGEINT.
 */
export function exactDivision(a: SqlFragment, b: SqlFragment): SqlFragment | string | undefined {
  if (a.family !== 'exact' && b.family !== 'exact') return undefined;
  if (!(a.family === 'exact' || a.family === 'integer') || !(b.family === 'exact' || b.family === 'integer')) return undefined;
  const x = precisionScale(a);
  const y = precisionScale(b);
  if (x === undefined || y === undefined) return undefined;
  const [p1, s1] = x;
  const [p2, s2] = y;
  let sc = Math.max(6, s1 + p2 + 1);
  const p = p1 - s1 + s2 + sc;
  if (p > 38) sc = Math.max(6, sc - (p - 38));
  // The quotient's own precision, which a further division's scale depends on (1.0 / 360 / 7
  // divides a decimal(13,12): scale 14); it always holds the quotient (p1 - s1 + s2 integral digits).
  const resultType = `DECIMAL(${Math.min(p, 38)},${sc})`;
  const shift = sc - s1 + s2;
  if (shift < 0 || shift > 38) return `decimal division of decimal(${p1},${s1}) by decimal(${p2},${s2}) (its exact quotient needs ${shift} more digits than DuckDB holds)`;
  const pow = 10n ** BigInt(shift);
  const big = (n: bigint): string => `CAST('${n}' AS HUGEINT)`;
  const dividend = unscaled(a, s1);
  const num = `(CASE WHEN abs(${dividend}) > ${big(HUGEINT_MAX / pow)} THEN error('${WIDE_DECIMAL}: the dividend shifted to the quotient scale ${sc} needs more than 38 digits') ELSE ${dividend} * ${big(pow)} END)`;
  const den = unscaled(b, s2);
  // A NULL dividend is a NULL quotient, never a division by zero (SELECT NULL / 0 is NULL in SQL Server).
  const q = `(CASE WHEN ${den} = 0 AND ${dividend} IS NOT NULL THEN error('Divide by zero error encountered.') WHEN ${den} = 0 THEN NULL ELSE ${num} // ${den} END)`;
  // The quotient's unscaled digits times 10^-sc (one unit of that scale): exact, where text with
  // an exponent ('166625…e-29') fails DuckDB's parser past some 20 digits.
  return { sql: `CAST(CAST(${q} AS DECIMAL(38,0)) * ${unit(sc)} AS ${resultType})`, family: 'exact', duckType: resultType };
}
