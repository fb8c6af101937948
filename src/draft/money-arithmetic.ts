import type { Expression } from '../tsql';
import { translated, type Refusal, type Translated } from './draft-model';
import { locatedStop, refuseAt, type DraftScope } from './draft-scope';
import { decimalFromUnscaled, stringLiteral } from './sql-text';
import type { SqlType } from './sql-types';

/*
 * money (smallmoney) with money or an integer: money, four decimals in an 8-byte (4-byte)
 * integer, as the emulator computes it (src/legacy/emulator/money-arithmetic.ts, whose comment
 * gives the sources). Sums, differences and products with an integer are exact; a positive
 * quotient is truncated to four decimals (1.00 / 18.4172 is 0.0542), a positive product of two
 * money values more than halfway to the next ten-thousandth rounded up (18.4172 * 1.1562 is 21.2940). What no
 * source shows stops the query where the data meets it, naming the operator, as the emulator
 * refuses it there: a negative product or quotient with more than four decimals, a product
 * half a ten-thousandth or less past one, any smallmoney product or quotient with more.
 * Past the type's range: SQL Server's error 8115.
 */

/** The money type SQL Server gives `a op b` (decimal > money > smallmoney > int), or undefined for no money result. */
export function moneyResult(a: SqlType, b: SqlType): 'money' | 'smallmoney' | undefined {
  const am = a.family === 'decimal' ? a.money : undefined;
  const bm = b.family === 'decimal' ? b.money : undefined;
  if (am === undefined && bm === undefined) return undefined;
  // money with a plain decimal is decimal
  if ((am !== undefined && b.family === 'decimal' && bm === undefined) || (bm !== undefined && a.family === 'decimal' && am === undefined)) return undefined;
  if (a.family === 'float' || b.family === 'float') return undefined;
  return am === 'money' || bm === 'money' ? 'money' : 'smallmoney';
}

/** `l op r` whose SQL Server type is `money` (see above): exact in ten-thousandths (HUGEINT). */
export function moneyArithmetic(op: string, l: string, lt: SqlType, r: string, rt: SqlType, money: 'money' | 'smallmoney', scope: DraftScope, at: Expression): Translated | Refusal {
  if (op === '%') return refuseAt(scope.ctx, at.span, `${money} %`, `SQL Server's remainder of ${money} values is not documented; CAST one side to decimal`);
  if (!['+', '-', '*', '/'].includes(op)) return refuseAt(scope.ctx, at.span, `${money} ${op}`, `the operator ${op} on ${money} values is not translated`);
  // An integer operand converts to money first (precedence): its value in ten-thousandths.
  const units = (sql: string, t: SqlType): string => (t.family === 'int' ? `(CAST(${sql} AS HUGEINT) * 10000)` : `CAST(CAST(${sql} AS DECIMAL(38,4)) * 10000 AS HUGEINT)`);
  const a = units(l, lt);
  const b = units(r, rt);
  const small = money === 'smallmoney';
  const stop = (what: string): string => `error(${stringLiteral(locatedStop(scope.ctx, at.span, `${what}: SQL Server's rounding of it to ${money} is not documented`))})`;
  let u: string;
  switch (op) {
    case '+': u = `(${a} + ${b})`; break;
    case '-': u = `(${a} - ${b})`; break;
    case '*': {
      // hundred-millionths; DuckDB's // truncates toward zero and % keeps the dividend's sign
      const p = `(${a} * ${b})`;
      u = small
        ? `(CASE WHEN ${p} % 10000 <> 0 THEN ${stop(`a product of ${money} values with more than four decimals`)} ELSE ${p} // 10000 END)`
        : `(CASE WHEN ${p} % 10000 <> 0 AND ${p} < 0 THEN ${stop(`a negative product of ${money} values with more than four decimals`)}
            WHEN ${p} % 10000 BETWEEN 1 AND 5000 THEN ${stop(`a product of ${money} values whose fifth and later decimals are half a ten-thousandth or less (rounded to the nearest, down, or up?)`)}
            ELSE ${p} // 10000 + (CASE WHEN ${p} % 10000 > 5000 THEN 1 ELSE 0 END) END)`;
      break;
    }
    default: {
      const n = `(${a} * 10000)`;
      const inexact = small ? `${n} % ${b} <> 0` : `${n} % ${b} <> 0 AND (${n} > 0) <> (${b} > 0)`;
      const what = small ? `a quotient of ${money} values with more than four decimals` : `a negative quotient of ${money} values with more than four decimals`;
      u = `(CASE WHEN ${b} = 0 AND ${a} IS NOT NULL THEN error('Divide by zero error encountered.') WHEN ${b} = 0 THEN NULL WHEN ${inexact} THEN ${stop(what)} ELSE ${n} // ${b} END)`;
    }
  }
  const max = small ? '2147483647' : '9223372036854775807';
  const type: SqlType = small ? { family: 'decimal', precision: 10, scale: 4, money } : { family: 'decimal', precision: 19, scale: 4, money };
  const overflow = `error('Arithmetic overflow error converting expression to data type ${money}.')`;
  return translated(`CAST(CASE WHEN ${u} > ${max} OR ${u} < -${max} - 1 THEN ${overflow} ELSE ${decimalFromUnscaled(u, 4)} END AS DECIMAL(${type.precision},4))`, type);
}
