import type { FunctionCall } from '../../tsql';
import type { SqlFragment, SqlTranslator } from './expressions';
import { branchesIntegerType, precisionScale } from './decimal-arithmetic';
import { isMoney } from './tsql-types';
import { keepPrecisionDoubt } from './power-function';

// GREATEST and LEAST (SQL Server 2022). The documentation fixes the result type only in part: the
// type of highest precedence, that type itself when every argument has it, and for numbers "the
// scale of the highest-precedence argument, or the largest scale" when several have it; the
// precision of a decimal result over decimals of different precision is not stated. NULL
// arguments are ignored (NULL only when all are NULL), as DuckDB's greatest/least do. So the
// emulator takes the cases whose type is certain and refuses the others, naming the types.

/** How a refusal names an argument's type. */
function typeName(x: SqlFragment): string {
  if (isMoney(x.tsqlType)) return x.tsqlType?.name ?? 'money';
  const ps = precisionScale(x);
  if (x.family === 'exact' && ps !== undefined) return `decimal(${ps[0]},${ps[1]})`;
  return x.tsqlType?.name ?? x.duckType?.toLowerCase() ?? x.family;
}

/** Whether an argument is the NULL literal (ignored, and typeless as in CASE); a variable holding NULL keeps its type. */
function isNullConstant(x: SqlFragment): boolean {
  return x.constant !== undefined && x.constant.value === null && x.duckType === undefined && x.tsqlType === undefined;
}

/**
 * `GREATEST(a, b, …)` / `LEAST(…)` in the one result type SQL Server's rules make certain:
 * integers of any integer types (the widest, as CASE types them), money beside money and integer
 * constants, floats beside floats, and decimals of one precision and scale beside integer
 * constants that fit it (an integer constant converts to the decimal's type). Anything else
 * (decimals of different precision or scale, money beside decimal, text, dates) is refused with
 * the types named, since a guessed type would change what later arithmetic on the result gives.
 */
export function translateGreatestLeast(t: SqlTranslator, call: FunctionCall, name: 'GREATEST' | 'LEAST', args: readonly SqlFragment[]): SqlFragment {
  const fn = name.toLowerCase();
  const refuse = (why: string): never => {
    throw t.state.unsupported(call, `${name} over ${args.map(typeName).join(', ')} (${why})`);
  };
  if (args.length === 0) refuse('SQL Server requires at least one argument');
  const typed = args.filter((x) => !isNullConstant(x));
  if (typed.length === 0) return { sql: `${fn}(${args.map((x) => x.sql).join(', ')})`, family: 'unknown', constant: { value: null } };
  // every argument's text stays (a variable holding NULL is a bound parameter the statement must keep)
  const sql = (duck: string): string => `${fn}(${args.map((x) => `CAST(${x.sql} AS ${duck})`).join(', ')})`;
  if (typed.every((x) => x.family === 'integer')) {
    const duck = branchesIntegerType(typed);
    if (duck === undefined) refuse('the integer type of an argument is not known');
    return { sql: sql(duck as string), family: 'integer', duckType: duck };
  }
  if (typed.every((x) => x.family === 'approx')) {
    // float and real: the result is float unless every argument is real
    const real = typed.every((x) => /^(FLOAT|FLOAT4|REAL)$/i.test(x.duckType ?? ''));
    const duck = real ? 'FLOAT' : 'DOUBLE';
    return { sql: sql(duck), family: 'approx', duckType: duck, ...(real ? { tsqlType: typed[0]?.tsqlType } : {}) };
  }
  const money = typed.filter((x) => isMoney(x.tsqlType));
  const constants = typed.filter((x) => x.family === 'integer' && x.constantDigits !== undefined);
  if (money.length > 0) {
    if (money.length + constants.length !== typed.length) refuse('money beside another type: which type the result takes is not certain');
    const smallOnly = money.every((x) => x.tsqlType?.name === 'smallmoney') && constants.length === 0;
    return { sql: sql('DECIMAL(19,4)'), family: 'exact', duckType: 'DECIMAL(19,4)', tsqlType: smallOnly ? money[0]?.tsqlType : money.find((x) => x.tsqlType?.name === 'money')?.tsqlType };
  }
  const decimals = typed.filter((x) => x.family === 'exact');
  if (decimals.length + constants.length !== typed.length) refuse('only numbers of one type are emulated');
  const kinds = new Set(decimals.map((x) => { const ps = precisionScale(x); return ps === undefined ? '?' : `${ps[0]},${ps[1]}`; }));
  if (kinds.has('?')) refuse('the precision and scale of an argument are not known');
  if (kinds.size !== 1) refuse('decimals of different precision or scale: SQL Server does not document the precision of the result');
  const [p, s] = precisionScale(decimals[0] as SqlFragment) as [number, number];
  // An integer constant with more digits than the decimal's integral part would overflow converting.
  if (constants.some((x) => (x.constantDigits ?? 0) > p - s)) refuse(`an integer constant with more digits than decimal(${p},${s}) holds before its point`);
  const duck = `DECIMAL(${p},${s})`;
  // A decimal POWER beside a decimal of its type: under the other reading of POWER's type
  // (decimal(38,s), power-function.ts) they are decimals of different precision, refused above.
  const doubts = new Set(decimals.map((x) => x.precisionDoubt));
  if (doubts.size > 1) refuse('POWER of a decimal value beside another decimal: SQL Server\'s documentation types POWER of decimal(p,s) as decimal(p,s) on one page and decimal(38,s) on another, under which these are decimals of different precision; CAST the POWER to the decimal type meant');
  return { sql: sql(duck), family: 'exact', duckType: duck, ...keepPrecisionDoubt(decimals[0] as SqlFragment) };
}
