import type { SqlFragment } from './expressions';
import { decimalOfUnscaled } from './unscaled-decimal';
import { isMoney, makeType, type TsqlType } from './tsql-types';

/*
 * money and smallmoney arithmetic. By data type precedence (decimal > money > smallmoney > int),
 * money with money, smallmoney, an integer or bit gives money (smallmoney with smallmoney or an
 * integer gives smallmoney): ten-thousandths in an 8-byte (4-byte) integer, never the decimal
 * the emulator holds money in. So `@Total / 3` keeps four decimals where decimal division keeps
 * six or more, and `@Price * @Rate` four where decimal keeps eight. Sums and differences, and
 * products with an integer, are exact. Past the type's range: error 8115. Money with decimal
 * gives decimal, with float float: those stay with the decimal and float rules.
 *
 * A money product or quotient with more than four decimals: SQL Server's documentation does not
 * say how it is cut to four, so only what published SQL Server outputs show (third-party pages,
 * consistent with each other) is reproduced, and the rest is refused where it is met:
 * - a positive quotient is truncated: 1.00 / 18.4172 is 0.0542 (exact 0.054297…, wkalmar.github.io/
 *   post/money-precision-issues); 100 / 339 * 10000 over money variables is 2949.0000
 *   (www.chrisloves.net/blog/Avoid+the+Money+datatype+in+SQL+for+calculations); 1 / 3 * 3 is
 *   0.9999 (adamhutson.com/2009/11/20/money-vs-decimal-data-types-in-sql-server). An integer
 *   operand is converted to money first (precedence), so money / int is the same division.
 * - a positive product of two money values whose fifth and later decimals are more than half a
 *   ten-thousandth is rounded up: 18.4172 * 1.1562 is 21.2940 (exact 21.29396664,
 *   wkalmar.github.io/post/money-precision-issues), which rules truncation out but leaves rounding
 *   to the nearest and rounding up both possible; they agree only above the halfway point.
 * - refused: a negative inexact quotient or product (no source shows one: toward zero or down?),
 *   a product whose fifth and later decimals are half a ten-thousandth or less (nearest, down or
 *   up?), and any
 *   inexact smallmoney product or quotient (no source shows smallmoney's).
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
  return isMoney(a.tsqlType) && !isSmallMoney(a.tsqlType) ? MONEY : isMoney(b.tsqlType) && !isSmallMoney(b.tsqlType) ? MONEY : SMALLMONEY;
}

/** smallmoney: its type is held as money of precision 10 (tsql-types.ts), money's is 19. */
function isSmallMoney(t: TsqlType | undefined): boolean {
  return t?.name === 'smallmoney' || (t?.name === 'money' && t.precision === 10);
}

/**
 * The ten-thousandths of each money result this module built (range-checked), by fragment: an
 * operand that is one is read from them, not converted back from its decimal. Each operator
 * reads its operands several times (the SQL has no way to name a value once: no lambda in a
 * computed column or CHECK constraint), so converting back would multiply a nested expression's
 * size (`((@Max - @Min) / 2 + @Min) / 24`) many times over at each level.
 */
const UNITS = new WeakMap<SqlFragment, string>();

/** A value in ten-thousandths as an exact HUGEINT (money's own representation). */
function scaled(x: SqlFragment): string {
  const units = UNITS.get(x);
  if (units !== undefined) return units;
  return isMoney(x.tsqlType) ? `CAST(${x.sql} * 10000 AS HUGEINT)` : `(CAST(${x.sql} AS HUGEINT) * 10000)`;
}

/**
 * `left op right` when SQL Server's result is money or smallmoney (see above), as SQL computing
 * it in ten-thousandths; undefined when it is not a money result (the caller's rules apply).
 */
export function moneyArithmetic(op: string, left: SqlFragment, right: SqlFragment, at = ''): SqlFragment | undefined {
  const type = moneyResult(left, right);
  if (type === undefined) return undefined;
  const name: keyof typeof LIMIT = isSmallMoney(type) ? 'smallmoney' : 'money';
  const a = scaled(left);
  const b = scaled(right);
  // The value is met while the statement runs, which is located at its start: `at` names the operator in it.
  const where = at === '' ? '' : `; the ${op} at ${at.replace(/'/g, "''")}`;
  const refuse = (what: string, why: string): string => `error('the emulator does not support ${what} of ${name} values ${why} (how SQL Server rounds it to ${name} is not documented${where})')`;
  // A NULL dividend is a NULL quotient, never a division by zero (SELECT NULL / 0 is NULL in SQL Server).
  const zero = (d: string, body: string): string => `(CASE WHEN ${d} = 0 AND ${a} IS NOT NULL THEN error('Divide by zero error encountered.') WHEN ${d} = 0 THEN NULL ELSE ${body} END)`;
  const small = name === 'smallmoney';
  let units: string;
  switch (op) {
    case '+': units = `(${a} + ${b})`; break;
    case '-': units = `(${a} - ${b})`; break;
    case '*': {
      // Both in ten-thousandths: the product is in hundred-millionths. A positive one more than
      // halfway to the next ten-thousandth is rounded up (see above); the rest of the inexact ones are refused.
      const p = `(${a} * ${b})`;
      units = small
        ? `(CASE WHEN ${p} % 10000 <> 0 THEN ${refuse('a product', 'with more than four decimals')} ELSE ${p} // 10000 END)`
        : `(CASE WHEN ${p} % 10000 <> 0 AND ${p} < 0 THEN ${refuse('a negative product', 'with more than four decimals')}
            WHEN ${p} % 10000 BETWEEN 1 AND 5000 THEN ${refuse('a product', 'whose fifth and later decimals are half a ten-thousandth or less (rounded to the nearest, down, or up?)')}
            ELSE ${p} // 10000 + (CASE WHEN ${p} % 10000 > 5000 THEN 1 ELSE 0 END) END)`;
      break;
    }
    case '/': {
      // A positive quotient is truncated (see above; DuckDB's // truncates toward zero); a
      // negative one with more than four decimals is refused.
      const n = `(${a} * 10000)`;
      const inexact = small
        ? `${n} % ${b} <> 0`
        : `${n} % ${b} <> 0 AND (${n} > 0) <> (${b} > 0)`;
      units = zero(b, `(CASE WHEN ${inexact} THEN ${refuse(small ? 'a quotient' : 'a negative quotient', 'with more than four decimals')} ELSE ${n} // ${b} END)`);
      break;
    }
    default:
      return { sql: `error('the emulator does not support the operator ${op} on ${name} values')`, family: 'exact', duckType: 'DECIMAL(19,4)', tsqlType: type };
  }
  const checked = inRange(units, name);
  const result: SqlFragment = { sql: decimalOfUnits(checked), family: 'exact', duckType: 'DECIMAL(19,4)', tsqlType: type };
  UNITS.set(result, checked);
  return result;
}

/**
 * SUM of money or smallmoney: money (SQL Server's SUM gives money for both), so a decimal it
 * meets later converts it as decimal(19,4), not as the decimal(38,4) a SUM of decimal(19,4)
 * would be: `SUM(Cost) / SUM(Qty)` then keeps scale 19, not 6. Past money's range: 8115.
 */
export function moneySum(x: SqlFragment, distinct: string, over: string): SqlFragment {
  const units = `CAST(sum(${distinct}${x.sql})${over} * 10000 AS HUGEINT)`;
  return { sql: moneyOfUnits(units, 'money'), family: 'exact', duckType: 'DECIMAL(19,4)', tsqlType: MONEY };
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
  return decimalOfUnits(inRange(units, name));
}

/** The units, failing with 8115 past the type's range (NULL stays NULL; the units read twice, not more). */
function inRange(units: string, name: keyof typeof LIMIT): string {
  const limit = LIMIT[name];
  return `(CASE WHEN NOT (${units} BETWEEN -${limit} - 1 AND ${limit}) THEN error('T-SQL Msg 8115: Arithmetic overflow error converting expression to data type ${name}.') ELSE ${units} END)`;
}

function decimalOfUnits(units: string): string {
  return decimalOfUnscaled(units, 19, 4);
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
  return { tsqlType: money.some((v) => !isSmallMoney(v.tsqlType)) ? MONEY : SMALLMONEY, duckType: 'DECIMAL(19,4)' };
}

/** `x`'s money type, for functions that return their argument's type (ABS, MIN, MAX, NULLIF, unary minus). */
export function keepMoney(x: SqlFragment): { readonly tsqlType?: TsqlType } {
  return isMoney(x.tsqlType) ? { tsqlType: x.tsqlType } : {};
}
