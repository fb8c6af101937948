import type { FunctionCall } from '../../tsql';
import type { SqlFragment, SqlTranslator } from './expressions';
import { keepMoney } from './money-arithmetic';
import { keepPrecisionDoubt } from './power-function';
import type { SqlScope } from './sql-scope';
import { makeType } from './tsql-types';

/*
 * PERCENTILE_DISC and PERCENTILE_CONT (P) WITHIN GROUP (ORDER BY x [DESC]) OVER ([PARTITION BY …])
 * (learn.microsoft.com/sql/t-sql/functions/percentile-disc-transact-sql, …/percentile-cont-transact-sql):
 * NULLs are left out; P is a constant from 0 to 1; x is of a numeric type.
 *
 * PERCENTILE_DISC is the value of the row with the smallest CUME_DIST that is at least P: of the
 * N values in order, the k-th with k = max(1, ceil(P × N)), of x's type. DuckDB's quantile_disc
 * picks that value (tests/conformance: the k it takes is ceil(P × N) exactly, a decimal P read as
 * its digits, so 0.57 of 100 values is the 57th, not the 58th a double product would give). In
 * descending order the k-th value is the k-th of -x, negated.
 *
 * PERCENTILE_CONT interpolates between the values at rows FRN and CRN around RN = 1 + P × (N - 1),
 * a float. How SQL Server rounds that interpolation in binary is not documented, so only the
 * median is computed: RN is then a whole or half number, the result the middle value or the mean
 * of the two middle values a and b, which the formula (CRN - RN) × a + (RN - FRN) × b and the
 * forms a + (b - a) / 2 and b + (a - b) / 2 give alike for almost all values; where they differ in
 * the last bit the query stops, naming the call. Any other P is refused.
 */

export function translatePercentile(t: SqlTranslator, call: FunctionCall, scope: SqlScope, name: 'PERCENTILE_DISC' | 'PERCENTILE_CONT', over: string): SqlFragment {
  const p = call.args[0];
  const item = call.withinGroup[0];
  if (call.over === undefined || call.over.orderBy.length > 0 || call.over.frame !== undefined) throw t.state.unsupported(call, `${name} without OVER ([PARTITION BY …]) (SQL Server requires it, and no ORDER BY or frame in it)`);
  if (call.args.length !== 1 || p === undefined || p.kind !== 'Literal' || (p.literalType !== 'decimal' && p.literalType !== 'integer') || !/^(0(\.\d+)?|1(\.0*)?|\.\d+)$/.test(p.value)) {
    throw t.state.unsupported(call, `${name} of a percentile that is not a number from 0.0 to 1.0 written as a constant`);
  }
  if (call.withinGroup.length !== 1 || item === undefined) throw t.state.unsupported(call, `${name} without one WITHIN GROUP (ORDER BY …) expression`);
  const x = t.expr(item.expression, scope);
  if (x.family !== 'integer' && x.family !== 'exact' && x.family !== 'approx') throw t.state.unsupported(item.expression, `${name} of a value that is not a number whose type the emulator knows`);
  const desc = item.direction === 'DESC';
  const value = desc ? `(-(${x.sql}))` : x.sql;
  const percent = p.value.startsWith('.') ? `0${p.value}` : p.value;
  if (name === 'PERCENTILE_DISC') {
    const picked = `quantile_disc(${value}, ${percent}) ${over}`;
    return { sql: desc ? `(-(${picked}))` : picked, family: x.family, duckType: x.duckType, tsqlType: x.tsqlType, ...keepMoney(x), ...keepPrecisionDoubt(x) };
  }
  if (Number(percent) !== 0.5) throw t.state.unsupported(call, `PERCENTILE_CONT(${p.value}): an interpolation SQL Server rounds in a way it does not document (only the median, 0.5, is computed)`);
  // The two middle values: the median position of x and that of -x (the same row for an odd N).
  const a = `CAST(quantile_disc(${x.sql}, 0.5) ${over} AS DOUBLE)`;
  const b = `CAST(-(quantile_disc(-(${x.sql}), 0.5) ${over}) AS DOUBLE)`;
  const mean = `(0.5 * ${a} + 0.5 * ${b})`;
  const place = t.state.place(call.span).replace(/'/g, "''");
  const stop = `error('${place}: the emulator does not support PERCENTILE_CONT between two values whose mean its forms of interpolation round differently (SQL Server does not document its rounding)')`;
  const sql = `(CASE WHEN ${a} IS NULL THEN NULL WHEN ${mean} = ${a} + 0.5 * (${b} - ${a}) AND ${mean} = ${b} + 0.5 * (${a} - ${b}) THEN ${mean} ELSE ${stop} END)`;
  return { sql, family: 'approx', duckType: 'DOUBLE', tsqlType: makeType('float', []) };
}
