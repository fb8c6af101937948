import type { SqlFragment } from './expressions';
import type { TypeFamily } from './tsql-types';

/*
 * The T-SQL type families of translated operands (expressions.ts): which are text, numbers or whole
 * numbers, and which one an expression over several takes (data type precedence).
 */

export function isStringy(f: TypeFamily): boolean {
  return f === 'string' || f === 'unknown';
}

export function isNumeric(f: TypeFamily): boolean {
  return f === 'integer' || f === 'exact' || f === 'approx' || f === 'bit';
}

export function isIntegral(f: TypeFamily): boolean {
  return f === 'integer' || f === 'bit';
}

/** SQL Server's type precedence for arithmetic: float > decimal > int. */
export function arithmeticFamily(a: SqlFragment, b: SqlFragment): TypeFamily {
  const fams = [a.family, b.family];
  if (fams.includes('approx')) return 'approx';
  if (fams.includes('exact')) return 'exact';
  if (fams.includes('datetime')) return 'datetime';
  if (fams.every((f) => f === 'integer' || f === 'bit')) return 'integer';
  return 'unknown';
}

/** The family of a CASE/IIF result: the highest-precedence branch type. */
export function dominantFamily(list: readonly SqlFragment[]): TypeFamily {
  const order: TypeFamily[] = ['opaque', 'datetime', 'date', 'approx', 'exact', 'integer', 'bit', 'string']; // CLR types and sql_variant lead data type precedence
  for (const f of order) if (list.some((x) => x.family === f)) return f;
  return 'unknown';
}
