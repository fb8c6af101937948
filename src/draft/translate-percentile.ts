import type { Expression, FunctionCall } from '../tsql';
import { isRefusal, translated, type Refusal, type Translated } from './draft-model';
import { locatedStop, refuseAt, type DraftScope } from './draft-scope';
import { stringLiteral } from './sql-text';
import { FLOAT } from './sql-types';

type Translate = (e: Expression, scope: DraftScope) => Translated | Refusal;

/*
 * PERCENTILE_DISC(P) and PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY x [DESC]) OVER ([PARTITION BY …]),
 * as the emulator computes them (src/legacy/emulator/percentiles.ts): DISC the k-th of the N
 * non-NULL values in order, k = max(1, ceil(P × N)), which DuckDB's quantile_disc picks (of -x,
 * negated, for DESC); CONT the median, a float, the mean of the two middle values for an even N,
 * stopping the query where the forms of that interpolation round differently. PERCENTILE_CONT at
 * another P is refused: SQL Server does not document how it rounds the interpolation.
 */
export function translatePercentile(call: FunctionCall, name: 'percentile_disc' | 'percentile_cont', over: string, scope: DraftScope, tx: Translate): Translated | Refusal {
  const refuse = (why: string): Refusal => refuseAt(scope.ctx, call.span, `${name.toUpperCase()}() OVER`, why);
  const p = call.args[0];
  const item = call.withinGroup[0];
  if (call.over?.orderBy.length !== 0 || call.over.frame !== undefined) return refuse('SQL Server allows only PARTITION BY in its OVER');
  if (call.args.length !== 1 || p === undefined || p.kind !== 'Literal' || (p.literalType !== 'decimal' && p.literalType !== 'integer') || !/^(0(\.\d+)?|1(\.0*)?|\.\d+)$/.test(p.value)) return refuse('only a constant percentile from 0.0 to 1.0 is translated');
  if (call.withinGroup.length !== 1 || item === undefined) return refuse('needs one WITHIN GROUP (ORDER BY …) expression');
  const x = tx(item.expression, scope);
  if (isRefusal(x)) return x;
  if (x.type.family !== 'int' && x.type.family !== 'decimal' && x.type.family !== 'float') return refuse('only numbers are ordered by a percentile');
  const desc = item.direction === 'DESC';
  const percent = p.value.startsWith('.') ? `0${p.value}` : p.value;
  if (name === 'percentile_disc') {
    const picked = `quantile_disc(${desc ? `(-(${x.sql}))` : x.sql}, ${percent}) ${over}`;
    return translated(desc ? `(-(${picked}))` : picked, x.type);
  }
  if (Number(percent) !== 0.5) return refuse(`PERCENTILE_CONT(${p.value}) interpolates in float in a way SQL Server does not document (only the median, 0.5, is translated)`);
  const a = `CAST(quantile_disc(${x.sql}, 0.5) ${over} AS DOUBLE)`;
  const b = `CAST(-(quantile_disc(-(${x.sql}), 0.5) ${over}) AS DOUBLE)`;
  const mean = `(0.5 * ${a} + 0.5 * ${b})`;
  const stop = stringLiteral(locatedStop(scope.ctx, call.span, 'PERCENTILE_CONT between two values whose mean the forms of its interpolation round differently (SQL Server does not document its rounding)'));
  return translated(`(CASE WHEN ${a} IS NULL THEN NULL WHEN ${mean} = ${a} + 0.5 * (${b} - ${a}) AND ${mean} = ${b} + 0.5 * (${a} - ${b}) THEN ${mean} ELSE error(${stop}) END)`, FLOAT);
}
