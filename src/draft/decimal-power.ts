import type { FunctionCall } from '../tsql';
import { translated, type Refusal, type Translated } from './draft-model';
import { locatedStop, refuseAt, type DraftScope } from './draft-scope';
import { stringLiteral } from './sql-text';
import { decimal, decimalResult, isNumeric, precisionScale, type SqlType } from './sql-types';

/*
 * POWER of a decimal, the annuity's `@P * @r / (1 - POWER(1 + @r, -@n))`, as the emulator
 * computes it (legacy/emulator/power-function.ts): in float, rounded to the argument's scale,
 * stopped past the argument's precision or past the 15 significant digits a float keeps. Its
 * type is documented two ways: decimal(p,s), the argument's, on one page and decimal(38,s) on
 * another. The result carries the other reading (`powerDoubt`) into arithmetic, which computes
 * the result type under both: the same type ends the doubt, the same scale carries it on, another
 * scale is refused. Anything else reading a doubted value (ROUND, a column of a query, a
 * comparison) refuses it (translateExpression), unless a CAST names the type meant.
 */

/** Significant digits a float's power reproduces exactly at a decimal scale (the emulator's FLOAT_DIGITS). */
const FLOAT_DIGITS = 15;

export function decimalPower(call: FunctionCall, base: Translated, exponent: Translated | undefined, scope: DraftScope): Translated | Refusal {
  const ps = precisionScale(base.type);
  if (ps === undefined || base.type.family !== 'decimal' || base.type.money !== undefined || exponent === undefined || !isNumeric(exponent.type) || call.args.length !== 2) {
    return refuseAt(scope.ctx, call.span, 'POWER()', 'only POWER of an integer or a decimal (not money) to a numeric exponent is translated (write it by hand)');
  }
  const [p, s] = ps;
  const rounded = `round(power(CAST(${base.sql} AS DOUBLE), CAST(${exponent.sql} AS DOUBLE)), ${s})`;
  const past = stringLiteral(locatedStop(scope.ctx, call.span, `POWER past the range of decimal(${p},${s}): SQL Server fails with an arithmetic overflow`));
  const digits = stringLiteral(locatedStop(scope.ctx, call.span, `POWER of a decimal(${p},${s}) value whose result has more than ${FLOAT_DIGITS} significant digits (SQL Server computes it in float; which digits it keeps past the float's is not documented)`));
  const sql = `(CASE WHEN abs(${rounded}) >= 1e${p - s} THEN error(${past}) WHEN abs(${rounded}) >= 1e${FLOAT_DIGITS - s} THEN error(${digits}) ELSE CAST(${rounded} AS DECIMAL(${p},${s})) END)`;
  return { ...translated(sql, decimal(p, s)), ...(p === 38 ? {} : { powerDoubt: decimal(38, s) }) };
}

/**
 * The type of decimal `a op b` under the other reading of a doubted POWER among its operands:
 * undefined when neither is doubted, the result's other type when only its precision differs
 * (the doubt goes on), or 'refuse' when the scale differs (so the digits kept).
 */
export function doubtAfter(op: string, l: Translated, r: Translated, a: readonly [number, number], b: readonly [number, number], result: readonly [number, number]): SqlType | 'refuse' | undefined {
  if (l.powerDoubt === undefined && r.powerDoubt === undefined) return undefined;
  const other = (t: Translated, usual: readonly [number, number]): readonly [number, number] => (t.powerDoubt === undefined ? usual : precisionScale(t.powerDoubt) ?? usual);
  const [p, s] = decimalResult(op, other(l, a), other(r, b));
  if (s !== result[1]) return 'refuse';
  return p === result[0] ? undefined : decimal(p, s);
}

/** Why a doubted POWER is refused where it is read. */
export const POWER_DOUBT = 'SQL Server\'s documentation gives POWER of decimal(p,s) the type decimal(p,s) on one page and decimal(38,s) on another, and this result depends on which; CAST the POWER to the decimal type meant';
