import { LegacyError, MigrateError } from '../../core';
import { sequenceExhausted } from './sequences';

/** A DuckDB failure that SQL Server would also raise: its error number and SQL Server's message. */
export interface TsqlFailure {
  readonly number: number;
  readonly message: string;
  /** Why SQL Server's message text cannot be reproduced (it names the database…), when it cannot. */
  readonly messageUnknown?: string;
}

/**
 * The state SQL Server gives the runtime errors the emulator classifies, where it is always the
 * same (Msg 515, Level 16, State 2; Msg 547, Level 16, State 0…). Others (8152, 8115, 8114, 2628…)
 * carry a state that varies with the code path that raised them: their ERROR_STATE() is refused.
 */
export const ENGINE_ERROR_STATES: ReadonlyMap<number, number> = new Map([[515, 2], [547, 0], [2627, 1], [2601, 1], [8134, 1], [245, 1], [241, 1], [242, 3]]);

const SQL_TYPE_OF: Readonly<Record<string, string>> = {
  INT8: 'tinyint', UINT8: 'tinyint', INT16: 'smallint', INT32: 'int', INT64: 'bigint',
  TINYINT: 'tinyint', UTINYINT: 'tinyint', SMALLINT: 'smallint', INTEGER: 'int', BIGINT: 'bigint',
};

/**
 * Classifies a DuckDB error raised while running SQL the emulator generated. Only failures that
 * are SQL Server runtime errors of the legacy code itself come back as a TsqlFailure (they
 * become catchable T-SQL errors): division by zero, a string that is not a number or a date, an
 * arithmetic overflow, a NULL into a NOT NULL column, SUBSTRING's negative length. Anything else
 * (a syntax error in generated SQL, a missing function, a binder error) is undefined: an internal
 * failure of the emulator, which must never reach the legacy code's CATCH block.
 */
export function classifyEngineError(raw: string): TsqlFailure | undefined {
  const text = raw.replace(/^(?:DuckDB:\s*)?(?:Error:\s*)*/, '');
  // SQL Server errors raised on purpose by generated SQL (json-functions.ts, sequences.ts).
  const raised = /T-SQL Msg (\d+): ([^\n]*)/.exec(text);
  if (raised !== null) {
    // 2628 names the table with its database ('Sales.dbo.T'), which a capture does not know.
    return { number: Number(raised[1]), message: raised[2] ?? '', ...(raised[1] === '2628' ? { messageUnknown: 'names the database' } : {}) };
  }
  const sequence = sequenceExhausted(text);
  if (sequence !== undefined) return sequence;
  if (/Divide by zero error encountered\./.test(text)) return { number: 8134, message: 'Divide by zero error encountered.' };
  if (/Invalid length parameter passed to the substring function\./.test(text)) {
    return { number: 537, message: 'Invalid length parameter passed to the LEFT or SUBSTRING function.' };
  }
  // DuckDB's UUID is an INT128 inside; no value column of the emulator is HUGEINT.
  if (/^Conversion Error: Could not convert string '(?:[^']|'')*' to (INT128|UUID)\b/.test(text)) {
    return { number: 8169, message: 'Conversion failed when converting from a character string to uniqueidentifier.' };
  }
  const toInt = /^Conversion Error: Could not convert string '((?:[^']|'')*)' to (U?INT\d+|TINYINT|UTINYINT|SMALLINT|INTEGER|BIGINT)\b/.exec(text);
  if (toInt !== null) {
    return { number: 245, message: `Conversion failed when converting the varchar value '${toInt[1] ?? ''}' to data type ${SQL_TYPE_OF[toInt[2] ?? ''] ?? 'int'}.` };
  }
  if (/^Conversion Error: Could not convert string '(?:[^']|'')*' to (DECIMAL|DOUBLE|FLOAT)/.test(text)) {
    return { number: 8114, message: `Error converting data type varchar to ${/DECIMAL/.test(text) ? 'numeric' : 'float'}.` };
  }
  if (/Conversion failed when converting date and\/or time from character string\./.test(text)) {
    return { number: 241, message: 'Conversion failed when converting date and/or time from character string.' };
  }
  const range = /The conversion of a varchar data type to a (\w+) data type resulted in an out-of-range value\./.exec(text);
  if (range !== null) return { number: 242, message: range[0] };
  if (/^Conversion Error: (invalid (date|timestamp|time)|date field value out of range|timestamp field value out of range|time field value out of range)/i.test(text)) {
    return { number: 241, message: 'Conversion failed when converting date and/or time from character string.' };
  }
  // A number cast into a decimal too narrow for it (CAST, CONVERT, an INSERT into a decimal
  // column): SQL Server's 8115 names the source type. DuckDB prints a float's value with a
  // point ('10000000000.000000'), an integer's without, and a decimal's in another message; an
  // integer's own type (int, bigint, tinyint) it does not tell.
  // Text holding a number too large for the decimal (DuckDB quotes it with "…"; text that is no
  // number is told apart before DuckDB sees it and fails with 8114 above): 8115 naming varchar
  // or nvarchar, which the engine error does not tell.
  if (/^Conversion Error: Could not convert string "[-+]?(\d+\.?\d*|\.\d+)" to DECIMAL\(/.test(text)) {
    return { number: 8115, message: 'Arithmetic overflow error converting varchar to data type numeric.', messageUnknown: 'names the text\'s type, varchar or nvarchar, which DuckDB does not tell' };
  }
  const toDecimal = /^Conversion Error: (?:Could not cast value (\S+) to DECIMAL\((\d+,\d+)\)|Casting value "[-+]?\d*(?:\.(\d*))?" to type DECIMAL\((\d+,\d+)\) failed: value is out of range)/.exec(text);
  if (toDecimal !== null) {
    const value = toDecimal[1];
    const from = value === undefined ? 'numeric' : /^-?\d+$/.test(value) ? 'int' : 'float';
    // money and smallmoney are DECIMAL(19,4) and DECIMAL(10,4) here, and SQL Server names them
    // ('converting numeric to data type money', 'converting money to data type numeric'): a
    // value of scale 4 or a target of those two may be either, which the engine error does not tell.
    const target = toDecimal[2] ?? toDecimal[4] ?? '';
    const moneyTarget = target === '19,4' || target === '10,4';
    const moneySource = value === undefined && toDecimal[3]?.length === 4;
    const unknown = from === 'int' ? 'names the integer type of the value, which DuckDB does not tell'
      : moneyTarget || moneySource ? 'names money for a money value or target, which DuckDB does not tell from decimal(19,4)' : undefined;
    return { number: 8115, message: `Arithmetic overflow error converting ${from} to data type numeric.`, ...(unknown !== undefined ? { messageUnknown: unknown } : {}) };
  }
  // A cast out of an integer's or float's range names both types and the value. An integer
  // narrower than bigint into tinyint or smallint is error 220 with the value; a float into an
  // integer type 232 (its value printed as C's %f does, which is not reproduced here).
  const cast = /^Conversion Error: Type (U?INT\d+|FLOAT|DOUBLE) with value (\S+) can't be cast because the value is out of range for the destination type (U?INT\d+)/.exec(text);
  if (cast !== null) {
    const [, from = '', value = '', to = ''] = cast;
    const target = SQL_TYPE_OF[to] ?? 'int';
    if (/^U?INT(8|16|32)$/.test(from) && (target === 'tinyint' || target === 'smallint')) {
      return { number: 220, message: `Arithmetic overflow error for data type ${target}, value = ${value}.` };
    }
    if (from === 'FLOAT' || from === 'DOUBLE') {
      return { number: 232, message: `Arithmetic overflow error for type ${target}, value = ${value}.`, messageUnknown: 'prints the float value as SQL Server formats it' };
    }
    return { number: 8115, message: `Arithmetic overflow error converting expression to data type ${target}.` };
  }
  // The type is looked for after the word (`Overflow in multiplication of UINT8 (20 * 20)!`): an
  // optional group behind a lazy `.*?` would match empty and name every overflow 'int'.
  const overflow = /^(Out of Range Error|Conversion Error): .*(out of range|[Oo]verflow)(?:.*?\b(U?INT\d+|INTEGER|BIGINT|SMALLINT|U?TINYINT|DECIMAL)\b)?/.exec(text);
  if (overflow !== null) {
    const type = SQL_TYPE_OF[overflow[3] ?? ''] ?? (/DECIMAL/.test(text) ? 'numeric' : 'int');
    return { number: 8115, message: `Arithmetic overflow error converting expression to data type ${type}.` };
  }
  if (/More than one row returned by a subquery/i.test(text)) {
    return { number: 512, message: 'Subquery returned more than 1 value. This is not permitted when the subquery follows =, !=, <, <= , >, >= or when the subquery is used as an expression.' };
  }
  // Table and column names may hold spaces (`Rule Result.Batch Id`): the column is what follows the last dot.
  const notNull = /^Constraint Error: NOT NULL constraint failed: (.+)\.([^.\r\n]+)/.exec(text);
  if (notNull !== null) {
    return { number: 515, message: `Cannot insert the value NULL into column '${notNull[2] ?? ''}', table '${notNull[1] ?? ''}'; column does not allow nulls. INSERT fails.`, messageUnknown: 'names the database' };
  }
  return undefined;
}

/**
 * An internal failure of the emulator (generated SQL DuckDB rejected, a bug in the interpreter):
 * a LegacyError that TRY/CATCH never sees, which stops the capture (exit 2) before anything is
 * written, located at the statement that was running.
 */
export function internalError(cause: unknown, location: LegacyError['location']): LegacyError {
  if (cause instanceof LegacyError && cause.code === 'LEGACY_INTERNAL') return cause;
  const detail = cause instanceof MigrateError ? cause.message.replace(/^DuckDB:\s*/, '') : cause instanceof Error ? cause.message : String(cause);
  const column = unboundColumn(detail);
  // A column no table has any more (an upgrade script's sp_rename or DROP COLUMN after the
  // procedure was created) fails on SQL Server too, when the procedure compiles: say so first,
  // since the emulator cannot tell that from a column its own SQL named wrongly.
  const renamed = column === undefined ? '' : `if no table this statement reads has a column ${column} (a later script's sp_rename or ALTER TABLE … DROP COLUMN removed it), SQL Server fails the procedure too (Msg 207, Invalid column name '${column}'): correct the procedure or its scripts; otherwise `;
  return new LegacyError('LEGACY_INTERNAL', `internal error of the emulator (not an error of the legacy code): ${detail.split('\n')[0] ?? ''}`, {
    location,
    cause,
    hint: `nothing was written; ${renamed}please report this statement to the tsql-migrate maintainers, and capture from SQL Server (--engine mssql) meanwhile`,
  });
}

/** The column a DuckDB binder error says it could not bind, when it says one. */
function unboundColumn(detail: string): string | undefined {
  const m = /Binder Error: (?:Referenced column "([^"]+)" not found|Column "([^"]+)" referenced that exists in the SELECT clause - but this column cannot be referenced before it is defined|Table "[^"]+" does not have a column named "([^"]+)")/.exec(detail);
  return m === null ? undefined : (m[1] ?? m[2] ?? m[3]);
}
