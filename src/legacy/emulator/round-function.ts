import type { SqlFragment } from './expressions';
import { decimalOfUnscaled } from './unscaled-decimal';
import { precisionScale } from './decimal-arithmetic';
import { isMoney } from './tsql-types';
import { keepMoney } from './money-arithmetic';

// ROUND of exact and integer values as SQL Server computes it: the mathematically rounded value in
// the argument's own type, or error 8115 when that value does not fit (ROUND(744.0, -3) is 1000.0,
// which numeric(4,1) cannot hold; ROUND(2147483647, -1) is past int). DuckDB's round differs at
// both edges: of DECIMAL(p,s) rounded at or left of its integral digits it returns 0 whatever the
// value (ROUND(748.58, -3) would be 0.00), and of an INTEGER past its range it wraps around
// (ROUND(2147483647, -1) would be -2147483646); with places not constant (a column) it refuses to
// run at all. Floats are rounded by tsql_round_float.

const OVERFLOW_NUMERIC = "error('T-SQL Msg 8115: Arithmetic overflow error converting expression to data type numeric.')";

/** 10^n as a DECIMAL(38,0) literal (n <= 38). */
function power(n: number): string {
  return `CAST('1${'0'.repeat(n)}' AS DECIMAL(38,0))`;
}

/** The rounding (or, with a function argument, the truncation) of `x` at a constant `n` places as DuckDB SQL. */
function roundOrTruncate(x: string, n: string, f: string | undefined): string {
  return f === undefined ? `round(${x}, ${n})` : `tsql_round(${x}, ${n}, f := ${f})`;
}

/**
 * ROUND(x, n [, f]) of a decimal or numeric (not money) x of type decimal(p, s): decimal(p, s), as
 * the ROUND page gives, with SQL Server's 8115 where the rounded value needs more integral digits
 * than p - s. Computed at decimal(p + 1, s), where DuckDB's round is the mathematical one, then
 * checked against 10^(p - s). At p = 38 no wider type exists: there DuckDB is wrong only rounding
 * at exactly n = s - 38 places (past that, 0 is right), where the value overflows from half of
 * 10^(38 - s) on. In a table definition (no lambdas) the check is DuckDB's own cast, whose error
 * is an 8115 too.
 */
function roundDecimal(x: SqlFragment, n: string, f: string | undefined, p: number, s: number, noLambdas: boolean): string {
  const type = `DECIMAL(${p},${s})`;
  if (p < 38) {
    const rounded = roundOrTruncate(`CAST(${x.sql} AS DECIMAL(${p + 1},${s}))`, n, f);
    if (noLambdas) return `CAST(${rounded} AS ${type})`;
    return `list_transform([${rounded}], r -> CASE WHEN abs(r) >= ${power(p - s)} THEN ${OVERFLOW_NUMERIC} ELSE CAST(r AS ${type}) END)[1]`;
  }
  const half = `CAST('5${'0'.repeat(37 - s)}' AS DECIMAL(38,0))`;
  const overflows = (v: string): string => `(${n}) = ${s - 38} AND ${f === undefined ? '' : `(${f}) = 0 AND `}abs(${v}) >= ${half}`;
  if (noLambdas) return `CASE WHEN ${overflows(x.sql)} THEN ${OVERFLOW_NUMERIC} ELSE CAST(${roundOrTruncate(x.sql, n, f)} AS ${type}) END`;
  return `list_transform([${x.sql}], v -> CASE WHEN ${overflows('v')} THEN ${OVERFLOW_NUMERIC} ELSE CAST(${roundOrTruncate('v', n, f)} AS ${type}) END)[1]`;
}

/**
 * ROUND of an integer: int for tinyint, smallint and int, bigint for bigint (the ROUND page's
 * return types), computed in DECIMAL(38,0) and checked against the result type's range, where
 * DuckDB's round of an INTEGER wraps around. Of an integer whose type is unknown, bigint's range.
 */
function roundInteger(x: SqlFragment, n: string, f: string | undefined, noLambdas: boolean): SqlFragment {
  const duck = (x.duckType ?? '').toUpperCase();
  const asInt = ['UTINYINT', 'TINYINT', 'SMALLINT', 'INTEGER'].includes(duck);
  const [type, name, min, max] = asInt
    ? ['INTEGER', 'int', '-2147483648', '2147483647']
    : ['BIGINT', 'bigint', '-9223372036854775808', '9223372036854775807'];
  const rounded = roundOrTruncate(`CAST(${x.sql} AS DECIMAL(38,0))`, n, f);
  const error = `error('T-SQL Msg 8115: Arithmetic overflow error converting expression to data type ${name}.')`;
  const check = (r: string): string => `CASE WHEN ${r} < ${min} OR ${r} > ${max} THEN ${error} ELSE CAST(${r} AS ${type}) END`;
  const sql = noLambdas ? check(rounded) : `list_transform([${rounded}], r -> ${check('r')})[1]`;
  return { sql, family: 'integer', duckType: asInt || duck === 'BIGINT' ? type : undefined };
}

/** 10^k as a HUGEINT for a k known only when the statement runs (0 <= k <= 38). */
function powerAt(k: string): string {
  return `CAST('1' || repeat('0', CAST(${k} AS INTEGER)) AS HUGEINT)`;
}

/**
 * The rounding (truncation when `f` is not 0) of an unscaled value `u` (HUGEINT, scale `s`) at `n`
 * places, as an unscaled HUGEINT at the same scale, for an `n` known only when the statement runs
 * (a currency's decimals in a column), where DuckDB's round and trunc of a DECIMAL need a constant.
 * d = s - n digits are dropped: none when n >= s, all when d > 38 (|u| < 10^38 rounds to 0).
 */
function roundUnscaled(u: string, s: number, n: string, f: string | undefined): string {
  const truncates = f === undefined ? 'false' : `((${f}) <> 0)`;
  return `list_transform([[${u}, CAST(${s} - (${n}) AS BIGINT)]], q -> CASE
      WHEN q[1] IS NULL OR q[2] IS NULL THEN NULL
      WHEN q[2] <= 0 THEN q[1]
      WHEN q[2] > 38 THEN CAST(0 AS HUGEINT)
      ELSE sign(q[1]) * ((abs(q[1]) + CASE WHEN ${truncates} THEN 0 ELSE ${powerAt('q[2]')} // 2 END) // ${powerAt('q[2]')}) * ${powerAt('q[2]')} END)[1]`;
}

/** The unscaled digits of an exact value at scale `s`, as HUGEINT: its text without the point. */
function unscaledOf(x: string, s: number): string {
  return `CAST(replace(CAST(CAST(${x} AS DECIMAL(38,${s})) AS VARCHAR), '.', '') AS HUGEINT)`;
}

/**
 * ROUND(x, n [, f]) with `n` not a constant (a column, an expression): exact on the unscaled
 * digits (roundUnscaled), then checked against the result type as with a constant n.
 */
function roundAtRuntime(x: SqlFragment, n: string, f: string | undefined): SqlFragment | undefined {
  if (x.family === 'integer') {
    const duck = (x.duckType ?? '').toUpperCase();
    const asInt = ['UTINYINT', 'TINYINT', 'SMALLINT', 'INTEGER'].includes(duck);
    const [type, name, min, max] = asInt ? ['INTEGER', 'int', '-2147483648', '2147483647'] : ['BIGINT', 'bigint', '-9223372036854775808', '9223372036854775807'];
    const error = `error('T-SQL Msg 8115: Arithmetic overflow error converting expression to data type ${name}.')`;
    const sql = `list_transform([${roundUnscaled(`CAST(${x.sql} AS HUGEINT)`, 0, n, f)}], r -> CASE WHEN r < ${min} OR r > ${max} THEN ${error} ELSE CAST(r AS ${type}) END)[1]`;
    return { sql, family: 'integer', duckType: asInt || duck === 'BIGINT' ? type : undefined };
  }
  const ps = x.family === 'exact' && x.duckType !== undefined && /^DECIMAL/i.test(x.duckType) ? precisionScale(x) : undefined;
  if (ps === undefined) return undefined;
  const [p, s] = ps;
  const money = isMoney(x.tsqlType);
  // money's range is its unscaled digits' bigint range; a decimal(p, s) holds |unscaled| < 10^p.
  const overflows = money ? 'r < -9223372036854775808 OR r > 9223372036854775807' : `abs(r) >= CAST('1${'0'.repeat(p)}' AS HUGEINT)`;
  const error = `error('T-SQL Msg 8115: Arithmetic overflow error converting expression to data type ${money ? 'money' : 'numeric'}.')`;
  const sql = `list_transform([${roundUnscaled(unscaledOf(x.sql, s), s, n, f)}], r -> CASE WHEN ${overflows} THEN ${error} ELSE ${decimalOfUnscaled('r', p, s)} END)[1]`;
  return { sql, family: 'exact', duckType: x.duckType, ...keepMoney(x) };
}

/**
 * ROUND(x, n [, f]) of an exact, integer or money value (family not approx): the result in SQL
 * Server's type and value, 8115 where it does not fit. `f` is the function argument's SQL when
 * given (truncation when not 0); `constantDigits` says whether n is a literal or a variable, which
 * DuckDB's round takes (it rejects a column or another expression there).
 */
export function translateExactRound(x: SqlFragment, n: string, f: string | undefined, noLambdas: boolean, constantDigits = true): SqlFragment {
  if (!constantDigits && !noLambdas) {
    const atRuntime = roundAtRuntime(x, n, f);
    if (atRuntime !== undefined) return atRuntime;
  }
  if (x.family === 'integer') return roundInteger(x, n, f, noLambdas);
  const keep = x.family === 'exact' && x.duckType !== undefined && /^DECIMAL/i.test(x.duckType) ? x.duckType : undefined;
  const ps = keep === undefined || isMoney(x.tsqlType) ? undefined : precisionScale(x);
  if (ps !== undefined) return { sql: roundDecimal(x, n, f, ps[0], ps[1], noLambdas), family: 'exact', duckType: keep };
  // money (DECIMAL(19,4) here, whose 15 integral digits hold more than money's range) and values
  // of unknown type: DuckDB's round, in the argument's type when known.
  const sql = roundOrTruncate(x.sql, n, f);
  return { sql: keep === undefined ? sql : `CAST(${sql} AS ${keep})`, family: x.family, duckType: keep, ...keepMoney(x) };
}
