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

/** SQL Server's result type of decimal + - *, so a later division knows its scale. */
export function decimalResult(op: '+' | '-' | '*', a: SqlFragment, b: SqlFragment): string | undefined {
  if (a.family !== 'exact' && b.family !== 'exact') return undefined;
  const x = precisionScale(a);
  const y = precisionScale(b);
  if (x === undefined || y === undefined) return undefined;
  const [p1, s1] = x;
  const [p2, s2] = y;
  let p: number;
  let sc: number;
  if (op === '*') { p = p1 + p2 + 1; sc = s1 + s2; } else { sc = Math.max(s1, s2); p = Math.max(p1 - s1, p2 - s2) + sc + 1; }
  if (p > 38) { sc = Math.max(Math.min(sc, 6), sc - (p - 38)); p = 38; }
  return `DECIMAL(${p},${sc})`;
}

/**
 * Decimal division as SQL Server does it (DuckDB would divide in floating point): the result
 * scale is max(6, s1 + p2 + 1), reduced (not below 6) when the precision passes 38, and the
 * quotient is truncated at that scale. Computed exactly in HUGEINT.
 */
export function exactDivision(a: SqlFragment, b: SqlFragment): SqlFragment | undefined {
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
  const shift = sc - s1 + s2;
  if (shift < 0 || shift > 30) return undefined;
  const pow = (n: number): string => `CAST('1${'0'.repeat(n)}' AS HUGEINT)`;
  const num = `(CAST(${a.sql} * ${pow(s1)} AS HUGEINT) * ${pow(shift)})`;
  const den = `CAST(${b.sql} * ${pow(s2)} AS HUGEINT)`;
  const q = `(CASE WHEN ${den} = 0 THEN error('Divide by zero error encountered.') ELSE ${num} // ${den} END)`;
  return { sql: `CAST(CAST(${q} AS VARCHAR) || 'e-${sc}' AS DECIMAL(38,${sc}))`, family: 'exact', duckType: `DECIMAL(38,${sc})` };
}
