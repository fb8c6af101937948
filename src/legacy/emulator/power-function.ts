import type { FunctionCall, Node } from '../../tsql';
import type { ColumnType } from './sql-scope';
import type { EmulatorState } from './state';
import type { SqlFragment, SqlTranslator } from './expressions';
import { branchesDecimalType, branchesPastPrecision38, decimalResult, exactDivision, precisionScale } from './decimal-arithmetic';
import { isMoney } from './tsql-types';

/*
 * POWER, and what the emulator cannot tell about its result.
 *
 * POWER returns its first argument's type: an integer's power truncated (POWER(2, 0.5) is 1), a
 * decimal's rounded to its scale (POWER(2.0, 0.5) is 1.4, POWER(2.0, -100.0) is 0.0), a float's
 * as computed. Two things about a decimal's power are not certain, and are refused where they
 * would change a number:
 * - its precision. The SQL Server 2012 page gives the argument's own type ("if a decimal(2,0) is
 *   submitted … the result returned is decimal(2,0)"), the current page decimal(38, s). A power
 *   assigned or stored has the same value either way, but the scale of a product, quotient, sum
 *   or difference with it follows from the precision of its operands: `@Amount / POWER(1 + @r,
 *   @k)` over decimal(10,2) and decimal(5,4) keeps 8 decimals under one reading and 26 under the
 *   other. Such a result carries the other reading's type (`precisionDoubt`) and an operator whose
 *   scale differs between the readings is refused (arithmeticWithDoubt). Whatever hands a value
 *   on in its own type hands the doubt on with it: ABS, ROUND, CEILING, FLOOR, SIGN, ISNULL,
 *   NULLIF, MIN/MAX, LAG and the like, unary minus, CASE/IIF/COALESCE/CHOOSE (typed by each
 *   reading), a query's columns (derived tables, CTEs, views, UNION, VALUES, PIVOT, scalar
 *   subqueries). What would differ otherwise is refused: SELECT … INTO (the new column's type),
 *   DATALENGTH, GREATEST beside another decimal, UNPIVOT, a recursive CTE's column, a value past
 *   the narrower type where only it overflows (ROUND, ISNULL's replacement, LAG's default).
 *   A variable or column of declared type ends the doubt: its type is certain.
 * - digits past what a float holds. SQL Server computes the power in float; a published result
 *   (a decimal(38,30) power shown as 1.000400000000000800000000000000) has the float's 17
 *   significant digits and zeros after them, where DuckDB's conversion writes more digits. A
 *   result with more than 15 significant digits at its scale is refused when met.
 * A result needing more integer digits than the argument's precision holds is refused too
 * (whether SQL Server then fails or holds it in decimal(38, s) depends on the same doubt).
 */

/** The magnitude an integer type's POWER must stay below (its range, the negative end conservatively). */
const INTEGER_LIMITS: Readonly<Record<string, string>> = { UTINYINT: '256', TINYINT: '128', SMALLINT: '32768', INTEGER: '2147483648', BIGINT: '9.2e18' };

/** Significant digits a float's power reproduces exactly at a decimal scale (of its 15-17). */
const FLOAT_DIGITS = 15;

const refusal = (what: string): string => `error('the emulator does not support POWER ${what.replace(/'/g, "''")}')`;

export function translatePower(t: SqlTranslator, call: FunctionCall, x: SqlFragment, y: SqlFragment): SqlFragment {
  const p = `power(CAST(${x.sql} AS DOUBLE), CAST(${y.sql} AS DOUBLE))`;
  if (x.family === 'approx') return { sql: p, family: 'approx', duckType: 'DOUBLE' };
  const beyondType = refusal('past the range of its first argument\'s type');
  if (x.family === 'integer') {
    const type = x.duckType ?? 'INTEGER';
    const range = INTEGER_LIMITS[type.toUpperCase()];
    if (range === undefined) throw t.state.unsupported(call, `POWER of a ${type} value`);
    // Past 2^53 a float holds only some integers: SQL Server's float power of 3 to the 39th and
    // DuckDB's may keep different last digits (which, the pages do not say), so such a bigint power
    // is refused where met; a power of two (POWER(CAST(2 AS bigint), 40), the mask idiom) is exact
    // in any float.
    const inexact = type.toUpperCase() !== 'BIGINT' ? '' : ` WHEN abs(trunc(${p})) >= 9007199254740992 AND NOT ((abs(CAST(${x.sql} AS HUGEINT)) & (abs(CAST(${x.sql} AS HUGEINT)) - 1)) = 0 AND ${y.sql} = trunc(${y.sql})) THEN ${refusal('of a bigint past 2^53 whose base is no power of two (SQL Server computes it in float; which digits it keeps past the float\'s 53 bits is not documented)')}`;
    return { sql: `(CASE WHEN abs(trunc(${p})) >= ${range} THEN ${beyondType}${inexact} ELSE CAST(trunc(${p}) AS ${type}) END)`, family: 'integer', duckType: type, tsqlType: x.tsqlType };
  }
  const ps = precisionScale(x);
  if (x.family !== 'exact' || ps === undefined) throw t.state.unsupported(call, `POWER of a ${x.tsqlType?.name ?? x.family} value whose type the emulator cannot tell`);
  const [precision, scale] = ps;
  const type = `DECIMAL(${precision},${scale})`;
  const rounded = `round(${p}, ${scale})`;
  const past = `abs(${rounded}) >= 1e${precision - scale} THEN ${beyondType}`;
  const digits = `abs(${rounded}) >= 1e${FLOAT_DIGITS - scale} THEN ${refusal(`of a decimal(${precision},${scale}) value whose result has more than ${FLOAT_DIGITS} significant digits (SQL Server computes it in float; which digits it keeps past the float's is not documented)`)}`;
  const sql = `(CASE WHEN ${past} WHEN ${digits} ELSE CAST(${rounded} AS ${type}) END)`;
  // money's power is money under both readings of the documentation: no doubt about its type.
  if (isMoney(x.tsqlType)) return { sql, family: 'exact', duckType: type, tsqlType: x.tsqlType };
  return { sql, family: 'exact', duckType: type, tsqlType: x.tsqlType, precisionDoubt: precision === 38 ? undefined : `DECIMAL(38,${scale})` };
}

/** The fragment as the other reading of its type sees it (that reading has no doubt left). */
function otherReading(f: SqlFragment): SqlFragment {
  if (f.precisionDoubt === undefined) return f;
  const { precisionDoubt, ...rest } = f;
  return { ...rest, duckType: precisionDoubt, tsqlType: undefined };
}

/** The fragment as the first reading (the argument's own type) sees it. */
function firstReading(f: SqlFragment): SqlFragment {
  if (f.precisionDoubt === undefined) return f;
  const { precisionDoubt: _other, ...rest } = f;
  return rest;
}

/**
 * The other reading's type of a value whose type SQL Server leaves undocumented there (CASE over
 * decimal(38,4) and decimal(38,10) passes precision 38; GREATEST over decimals of two
 * precisions): no precision or scale can be read from it, so arithmetic with it is refused.
 */
const UNDOCUMENTED = 'UNDOCUMENTED';

/** Why a construct is refused that would give another result under the other reading of POWER's type. */
export function doubtRefusal(what: string): string {
  return `${what} of POWER of a decimal value (SQL Server's documentation gives POWER of decimal(p,s) the type decimal(p,s) on one page and decimal(38,s) on another, and this result depends on which; CAST the POWER to the decimal type meant)`;
}

/** The result type of `a op b` as the emulator types it, for + - * / (undefined when unknown). */
function resultType(op: string, a: SqlFragment, b: SqlFragment): string | undefined {
  if (op === '/') {
    const q = exactDivision(a, b);
    return typeof q === 'object' ? q.duckType : undefined;
  }
  return op === '+' || op === '-' || op === '*' ? decimalResult(op, a, b) : undefined;
}

/**
 * For an arithmetic operator with an operand whose precision is in doubt (a decimal's POWER):
 * undefined when the readings agree on the result (or it is a float), the other reading's result
 * type when they agree on its scale only (the doubt goes on with the result), or why the result
 * cannot be computed (its scale, so its digits, depend on the reading).
 */
export function arithmeticWithDoubt(op: string, left: SqlFragment, right: SqlFragment): { doubt?: string } | string {
  if (left.precisionDoubt === undefined && right.precisionDoubt === undefined) return {};
  if (left.family === 'approx' || right.family === 'approx') return {};
  const why = `${op} with POWER of a decimal value (SQL Server's documentation gives POWER of decimal(p,s) the type decimal(p,s) on one page and decimal(38,s) on another, and the scale of this result depends on which; CAST the POWER to the decimal type meant)`;
  const usual = resultType(op, left, right);
  const other = resultType(op, otherReading(left), otherReading(right));
  if (usual === undefined || other === undefined) return why;
  if (usual === other) return {};
  const scaleOf = (type: string): string | undefined => /,\s*(\d+)\)$/.exec(type)?.[1];
  return scaleOf(usual) === scaleOf(other) ? { doubt: other } : why;
}

/**
 * The doubt about a value's precision, kept by what returns its argument's type (ABS, ISNULL,
 * ROUND, NULLIF, MIN/MAX, LAG, unary minus, a query's column).
 */
export function keepPrecisionDoubt(x: { readonly precisionDoubt?: string }): { precisionDoubt?: string } {
  return x.precisionDoubt === undefined ? {} : { precisionDoubt: x.precisionDoubt };
}

/**
 * The doubt about the type of a function of a doubted value whose result type follows from the
 * argument's precision and scale (CEILING's decimal(p,0), SIGN's decimal(p,s)): that type under
 * the other reading, when it differs.
 */
export function derivedDoubt(x: SqlFragment, typeOf: (precision: number, scale: number) => string): { precisionDoubt?: string } {
  if (x.precisionDoubt === undefined) return {};
  const ps = precisionScale(otherReading(x));
  return { precisionDoubt: ps === undefined ? UNDOCUMENTED : typeOf(ps[0], ps[1]) };
}

/**
 * CASE, IIF, COALESCE, CHOOSE, a VALUES or UNION column over branches one of which has a doubted
 * precision: the branches as the first reading types them (the result's duckType comes from
 * them), and the union type under the other reading (the rule of the precision-and-scale page),
 * or a type no arithmetic can read where that union is not certain.
 */
export function branchesDoubt(xs: readonly SqlFragment[]): { branches: readonly SqlFragment[]; doubt: { precisionDoubt?: string } } {
  if (!xs.some((x) => x.precisionDoubt !== undefined)) return { branches: xs, doubt: {} };
  const branches = xs.map(firstReading);
  const first = branchesDecimalType(branches);
  const other = branchesDecimalType(xs.map(otherReading));
  return { branches, doubt: other !== undefined && other === first ? {} : { precisionDoubt: other ?? UNDOCUMENTED } };
}

/**
 * Why a CASE, IIF, COALESCE, CHOOSE, VALUES or UNION column is refused whose union type passes
 * precision 38 under the other reading of a doubted POWER's type only (decimal(38,s) beside a
 * wider scale than s): what SQL Server's result is there is not documented, and its scale, so the
 * other branches' digits, may be cut. Undefined where no branch is doubted, or the union fits.
 * (Past 38 under the first reading is branchesPastPrecision38's refusal, whatever the doubt.)
 */
export function pastPrecision38UnderOtherReading(what: string, xs: readonly SqlFragment[]): string | undefined {
  if (!xs.some((x) => x.precisionDoubt !== undefined)) return undefined;
  return branchesPastPrecision38(what, xs.map(otherReading)) === undefined ? undefined : doubtRefusal(`${what} over decimal branches whose union type passes precision 38 under one reading`);
}

/**
 * A value of a doubted precision converted to the type it has under the first reading where the
 * other is wider (ISNULL's replacement, ROUND's result): computed at the other reading's type,
 * then refused when it is past the first's range, where one reading has SQL Server's 8115 and
 * the other a value.
 */
export function withinFirstReading(x: SqlFragment, value: string, what: string): string {
  const ps = precisionScale(firstReading(x));
  if (x.precisionDoubt === undefined || ps === undefined) return value;
  const why = doubtRefusal(`${what} past decimal(${ps[0]},${ps[1]})`).replace(/'/g, "''");
  // (the value written twice, not named in a lambda: a table's computed column admits none)
  return `(CASE WHEN abs(${value}) >= CAST('1${'0'.repeat(ps[0] - ps[1])}' AS DECIMAL(38,0)) THEN error('the emulator does not support ${why}') ELSE CAST(${value} AS DECIMAL(${ps[0]},${ps[1]})) END)`;
}

/** The value held in the other reading's type, for a result computed at the wider type (withinFirstReading). */
export function asOtherReading(x: SqlFragment): SqlFragment {
  const other = otherReading(x);
  return x.precisionDoubt === undefined || precisionScale(other) === undefined ? other : { ...other, sql: `CAST(${x.sql} AS ${x.precisionDoubt})` };
}

/**
 * SELECT … INTO a column of a decimal POWER: the new table's column is decimal(p,s) under one
 * reading and decimal(38,s) under the other, so the scale of later arithmetic with it (and whether
 * a later, larger value fits it) depends on the reading. Refused at the INTO.
 */
export function refuseDoubtedColumns(state: EmulatorState, into: Pick<Node, 'span'>, columns: readonly ColumnType[]): void {
  const doubted = columns.find((c) => c.precisionDoubt !== undefined);
  if (doubted !== undefined) throw state.unsupported(into, doubtRefusal(`SELECT … INTO the column ${doubted.name}`));
}
