import type * as tsql from '../tsql';
import { parseSqlServerColumnType } from '../engine';
import type { SqlType } from './sql-expression-type';

// The result types SQL Server documents for the built-in scalar functions a legacy query reads
// as values (learn.microsoft.com/sql/t-sql/functions/<name>-transact-sql): a spec column of
// ISNUMERIC(x) or CHARINDEX('-', Code) is an int, not text a person must retype after
// `sections record --from-data`. Where the result depends on something not known here (a
// decimal's ABS, LEN of a value of unknown type, which could be a (max) type) the answer is
// unknown, as everywhere in sql-expression-type.ts.

type TypeOf = (e: tsql.Expression) => SqlType | undefined;

const INTEGERS = ['tinyint', 'smallint', 'int'];

function named(name: string, precision?: number): SqlType | undefined {
  const column = parseSqlServerColumnType(precision === undefined ? `${name}?` : `${name}(${precision},0)?`);
  if (column === undefined) return undefined;
  return precision === undefined ? { name, column } : { name, precision, scale: 0, column };
}

/** The type of a call of the built-in `fn` (upper case), undefined for one not typed here. */
export function builtInType(fn: string, args: readonly tsql.Expression[], typeOf: TypeOf): SqlType | undefined {
  switch (fn) {
    // 1 or 0 as an int (isnumeric-transact-sql, isdate-transact-sql); UNICODE and ASCII a code
    // point, CHECKSUM a hash: int whatever the arguments
    case 'ISNUMERIC': case 'ISDATE': case 'UNICODE': case 'ASCII':
      return args.length === 1 ? named('int') : undefined;
    case 'CHECKSUM': return args.length > 0 ? named('int') : undefined;
    case 'NEWID': return args.length === 0 ? named('uniqueidentifier') : undefined;
    // float whatever the number given (square-transact-sql, sqrt-, log-, log10-, exp-)
    case 'SQUARE': case 'SQRT': case 'EXP': case 'LOG10': return args.length === 1 ? named('float') : undefined;
    case 'LOG': return args.length === 1 || args.length === 2 ? named('float') : undefined;
    // bigint of a varchar(max), nvarchar(max) or varbinary(max), else int (len-transact-sql,
    // datalength-transact-sql); CHARINDEX by the string searched (charindex-transact-sql)
    case 'LEN': case 'DATALENGTH': return args.length === 1 && args[0] !== undefined ? byLength(args[0], typeOf) : undefined;
    case 'CHARINDEX': return (args.length === 2 || args.length === 3) && args[1] !== undefined ? byLength(args[1], typeOf) : undefined;
    case 'CEILING': case 'FLOOR': case 'SIGN': case 'ABS':
      return args.length === 1 && args[0] !== undefined ? ofNumber(fn, typeOf(args[0])) : undefined;
    default: return undefined;
  }
}

/** int, or bigint where the value is a (max) type; a string constant is never one. */
function byLength(e: tsql.Expression, typeOf: TypeOf): SqlType | undefined {
  if (e.kind === 'Literal' && (e.literalType === 'string' || e.literalType === 'nstring')) return named('int');
  const t = typeOf(e);
  if (t === undefined) return undefined;
  return named(t.max === true ? 'bigint' : 'int');
}

/** CEILING, FLOOR, SIGN and ABS of a number (ceiling-transact-sql, floor-, sign-, abs-): the
 * small integers give int, bigint bigint, money and smallmoney money, float and real float; a
 * decimal(p, s) gives decimal(p, 0) for CEILING and FLOOR, while of SIGN and ABS the pages say
 * "decimal" or disagree across versions (decimal(p, s) or decimal(38, s)): unknown. */
function ofNumber(fn: string, t: SqlType | undefined): SqlType | undefined {
  if (t === undefined) return undefined;
  if (INTEGERS.includes(t.name)) return named('int');
  if (t.name === 'bigint') return named('bigint');
  if (t.name === 'money' || t.name === 'smallmoney') return named('money');
  if (t.name === 'float' || t.name === 'real') return named('float');
  if (t.name === 'decimal' && (fn === 'CEILING' || fn === 'FLOOR') && t.precision !== undefined) return named('decimal', t.precision);
  return undefined;
}
