import type { FunctionCall } from '../tsql';
import { translated, type Refusal, type Translated } from './draft-model';
import { locatedStop, refuseAt, type DraftScope } from './draft-scope';
import { stringLiteral } from './sql-text';
import { duckTypeOf } from './sql-types';

/*
 * POWER of an integer to an integer exponent: SQL Server returns the first argument's type (the
 * power truncated: POWER(2, -1) is 0) and fails past that type's range. It computes in float, so
 * a bigint power past 2^53 is exact only for a base that is a power of two (the bit-mask idiom
 * POWER(CAST(2 AS bigint), @Bit)); any other stops the query where met, as the emulator refuses
 * it. Decimal and float powers, and fractional exponents, stay refused (written by hand).
 */

/** The magnitude a power must stay below, per type (the negative end conservatively, as the emulator). */
const LIMITS: Readonly<Record<string, string>> = { tinyint: '256', smallint: '32768', int: '2147483648', bigint: '9223372036854775807' };

export function integerPower(call: FunctionCall, base: Translated | undefined, exponent: Translated | undefined, scope: DraftScope): Translated | Refusal {
  if (base?.type.family !== 'int' || exponent?.type.family !== 'int' || call.args.length !== 2) {
    return refuseAt(scope.ctx, call.span, 'POWER()', 'only POWER of an integer to an integer exponent is translated (a decimal or float power, or a fractional exponent: write it by hand)');
  }
  const duck = duckTypeOf(base.type) ?? 'INTEGER';
  const p = `trunc(power(CAST(${base.sql} AS DOUBLE), CAST(${exponent.sql} AS DOUBLE)))`;
  // a tinyint's power below zero fails as its range does (tinyint holds no negative number)
  const past = base.type.name === 'tinyint' ? `(${p} < 0 OR ${p} >= 256)` : `abs(${p}) >= ${LIMITS[base.type.name]}`;
  const overflow = stringLiteral(locatedStop(scope.ctx, call.span, `POWER past the range of ${base.type.name}: SQL Server fails with an arithmetic overflow`));
  const huge = `CAST(${base.sql} AS HUGEINT)`;
  const inexact = base.type.name !== 'bigint' ? '' : ` WHEN abs(${p}) >= 9007199254740992 AND (abs(${huge}) & (abs(${huge}) - 1)) <> 0 THEN error(${stringLiteral(locatedStop(scope.ctx, call.span, 'POWER of a bigint past 2^53 whose base is no power of two (SQL Server computes it in float; which digits it keeps is not documented)'))})`;
  return translated(`(CASE WHEN ${past} THEN error(${overflow})${inexact} ELSE CAST(${p} AS ${duck}) END)`, base.type);
}
