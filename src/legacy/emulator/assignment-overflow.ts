import { TsqlRuntimeError } from './state';
import { isMoney, type TsqlType } from './tsql-types';

/*
 * Msg 8115 of an assignment into a decimal variable too narrow for the value (`SELECT @Check =
 * [Net Amount] * 100` into a decimal(9,2)). SQL Server's text names the value's and the target's
 * types ("converting numeric to data type numeric", CAST and CONVERT, "Truncating and rounding
 * results"); the engine error alone cannot tell a value or target of scale 4 from money
 * (engine-errors.ts), so ERROR_MESSAGE() would be refused. The assignment knows both declared
 * types: when no conversion of the statement involves money and the values themselves compute
 * without error (so the failing cast is the assignment's, not one inside the expression, whose
 * operands could be money), the text is certain.
 */

/** One variable an assignment converts into: the value's T-SQL type (and DuckDB type) and the variable's. */
export interface AssignedConversion {
  readonly from: TsqlType | undefined;
  readonly fromDuckType: string | undefined;
  readonly to: TsqlType;
}

/**
 * Whether the value is a decimal and no money: its T-SQL type says so, or, where the emulator
 * keeps none (a product of decimals), its DuckDB decimal is none of the two money and smallmoney
 * are held in.
 */
function plainDecimal(c: AssignedConversion): boolean {
  if (c.from !== undefined) return c.from.name === 'decimal';
  const duck = /^DECIMAL\((\d+),\s*(\d+)\)$/i.exec(c.fromDuckType ?? '');
  return duck !== null && !(duck[2] === '4' && (duck[1] === '19' || duck[1] === '10'));
}

const NUMERIC_TO_NUMERIC = 'Arithmetic overflow error converting numeric to data type numeric.';

/**
 * `err` with its message made certain when it is the 8115 of `conversions` (see above);
 * `valuesCompute` runs `valuesSql`, the assigned values without the conversions (true when they
 * compute). Values that draw from a sequence are not run again (a second draw would move it on),
 * and their error keeps its unknown text. Anything else is returned as it came.
 */
export async function assignmentOverflow(err: unknown, conversions: readonly AssignedConversion[], valuesSql: string, valuesCompute: (sql: string) => Promise<unknown>): Promise<unknown> {
  if (!(err instanceof TsqlRuntimeError) || err.error.number !== 8115 || err.error.message !== NUMERIC_TO_NUMERIC || err.error.messageUnknown === undefined) return err;
  const intoDecimal = conversions.filter((c) => c.to.name === 'decimal' || isMoney(c.to));
  const plainDecimals = intoDecimal.every((c) => c.to.name === 'decimal' && plainDecimal(c));
  if (intoDecimal.length === 0 || !plainDecimals || /\bnextval\(/i.test(valuesSql) || !(await completes(() => valuesCompute(valuesSql)))) return err;
  const { messageUnknown: _unknown, ...known } = err.error;
  return new TsqlRuntimeError(known, {
    ...(err.location === undefined ? {} : { location: err.location }),
    cause: err.cause,
    raiserror: err.raiserror,
    ...(err.inputHint === undefined ? {} : { hint: err.inputHint }),
  });
}

/** Whether `run` completes (an error of the legacy code or the engine counts as not). */
async function completes(run: () => Promise<unknown>): Promise<boolean> {
  try {
    await run();
    return true;
  } catch {
    return false;
  }
}
