import type { SqlFragment } from './expressions';
import { isMoney, makeType, type TsqlType } from './tsql-types';

/*
 * money and smallmoney arithmetic. By data type precedence (decimal > money > smallmoney > int),
 * money with money, smallmoney, an integer or bit gives money (smallmoney with smallmoney or an
 * integer gives smallmoney): ten-thousandths in an 8-byte (4-byte) integer, never the decimal
 * the emulator holds money in. So `@Total / 3` keeps four decimals where decimal division keeps
 * six or more, and `@Price * @Rate` four where decimal keeps eight. Sums and differences, and
 * products with an integer, are exact; a product of two money values or a quotient is exact
 * only when it has at most four decimals: SQL Server's documentation does not say how it rounds
 * one that has more (reports disagree: truncated, rounded), so such a value is refused where it
 * is met. Past the type's range: error 8115. Money with decimal gives decimal, with float float:
 * those stay with the decimal and float rules.
 */

const MONEY = makeType('money', []);
const SMALLMONEY = makeType('smallmoney', []);
/** The range of each type in ten-thousandths (its integer's range). */
const LIMIT = { money: '9223372036854775807', smallmoney: '2147483647' } as const;

/** The money type `x op y` gives, or undefined when SQL Server's result is no money type. */
function moneyResult(a: SqlFragment, b: SqlFragment): TsqlType | undefined {
  const am = isMoney(a.tsqlType);
  const bm = isMoney(b.tsqlType);
  if (!am && !bm) return undefined;
  const other = am ? b : a;
  if (!isMoney(other.tsqlType) && other.family !== 'integer' && other.family !== 'bit') return undefined;
  return a.tsqlType?.name === 'money' || b.tsqlType?.name === 'money' ? MONEY : SMALLMONEY;
}

/** A value in ten-thousandths as an exact HUGEINT (money's own representation). */
function scaled(x: SqlFragment): string {
  return isMoney(x.tsqlType) ? `CAST(${x.sql} * 10000 AS HUGEINT)` : `(CAST(${x.sql} AS HUGEINT) * 10000)`;
}

/**
 * `left op right` when SQL Server's result is money or smallmoney (see above), as SQL computing
 * it in ten-thousandths; undefined when it is not a money result (the caller's rules apply).
 */
export function moneyArithmetic(op: string, left: SqlFragment, right: SqlFragment, at = ''): SqlFragment | undefined {
  const type = moneyResult(left, right);
  if (type === undefined) return undefined;
  const name = type.name as keyof typeof LIMIT;
  const a = scaled(left);
  const b = scaled(right);
  // The value is met while the statement runs, which is located at its start: `at` names the operator in it.
  const where = at === '' ? '' : `; the ${op} at ${at.replace(/'/g, "''")}`;
  const refuse = (what: string): string => `error('the emulator does not support ${what} of ${name} values with more than four decimals (how SQL Server rounds it to ${name} is not documented${where})')`;
  const zero = (d: string, body: string): string => `(CASE WHEN ${d} = 0 THEN error('Divide by zero error encountered.') ELSE ${body} END)`;
  let units: string;
  switch (op) {
    case '+': units = `(${a} + ${b})`; break;
    case '-': units = `(${a} - ${b})`; break;
    case '*': {
      // Both in ten-thousandths: the product is in hundred-millionths.
      const p = `(${a} * ${b})`;
      units = `(CASE WHEN ${p} % 10000 <> 0 THEN ${refuse('a product')} ELSE ${p} // 10000 END)`;
      break;
    }
    case '/': {
      const n = `(${a} * 10000)`;
      units = zero(b, `(CASE WHEN ${n} % ${b} <> 0 THEN ${refuse('a quotient')} ELSE ${n} // ${b} END)`);
      break;
    }
    default:
      return { sql: `error('the emulator does not support the operator ${op} on ${name} values')`, family: 'exact', duckType: 'DECIMAL(19,4)', tsqlType: type };
  }
  return { sql: moneyOfUnits(units, name), family: 'exact', duckType: 'DECIMAL(19,4)', tsqlType: type };
}

/**
 * AVG of a money column: money, exact when the mean has at most four decimals (else refused, as a
 * quotient). `at` names the AVG in the statement (the refusal is met while the statement runs, which
 * is located at its start).
 */
export function moneyAverage(x: SqlFragment, distinct: string, over: string, at = ''): SqlFragment {
  const name = (x.tsqlType?.name ?? 'money') as keyof typeof LIMIT;
  const sum = `CAST(sum(${distinct}${x.sql})${over} * 10000 AS HUGEINT)`;
  const count = `count(${distinct}${x.sql})${over}`;
  const where = at === '' ? '' : `; the AVG at ${at.replace(/'/g, "''")}`;
  const units = `(CASE WHEN ${sum} % ${count} <> 0 THEN error('the emulator does not support AVG of ${name} values whose mean has more than four decimals (how SQL Server rounds it to ${name} is not documented${where})') ELSE ${sum} // ${count} END)`;
  return { sql: moneyOfUnits(units, name), family: 'exact', duckType: 'DECIMAL(19,4)', tsqlType: x.tsqlType ?? MONEY };
}

/** Ten-thousandths back to a DECIMAL(19,4), failing with 8115 past the type's range. */
function moneyOfUnits(units: string, name: keyof typeof LIMIT): string {
  const limit = LIMIT[name];
  // (No lambda to name the units once: a computed column or CHECK constraint may hold this, where DuckDB takes none.)
  return `(CASE WHEN ${units} IS NULL THEN NULL WHEN ${units} > ${limit} OR ${units} < -${limit} - 1
    THEN error('T-SQL Msg 8115: Arithmetic overflow error converting expression to data type ${name}.')
    ELSE CAST(CAST(${units} AS VARCHAR) || 'e-4' AS DECIMAL(19,4)) END)`;
}

/**
 * The money type of a CASE, IIF or COALESCE whose values are money (or smallmoney) beside
 * integers and NULLs: SQL Server gives the branches' type of highest precedence, so the result
 * stays money and what it feeds keeps money's arithmetic. Empty when another type is among them
 * (a decimal or float branch wins over money).
 */
export function moneyOfBranches(values: readonly SqlFragment[]): { readonly tsqlType?: TsqlType; readonly duckType?: string } {
  const money = values.filter((v) => isMoney(v.tsqlType));
  if (money.length === 0) return {};
  const others = values.filter((v) => !isMoney(v.tsqlType));
  if (!others.every((v) => v.family === 'integer' || v.family === 'bit' || (v.constant !== undefined && v.constant.value === null))) return {};
  return { tsqlType: money.some((v) => v.tsqlType?.name === 'money') ? MONEY : SMALLMONEY, duckType: 'DECIMAL(19,4)' };
}

/** `x`'s money type, for functions that return their argument's type (ABS, MIN, MAX, NULLIF, unary minus). */
export function keepMoney(x: SqlFragment): { readonly tsqlType?: TsqlType } {
  return isMoney(x.tsqlType) ? { tsqlType: x.tsqlType } : {};
}
