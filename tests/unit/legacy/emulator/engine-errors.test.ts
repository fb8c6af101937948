import { LegacyError } from '../../../../src/core';
import { classifyEngineError } from '../../../../src/legacy/emulator/engine-errors';
import { TsqlRuntimeError } from '../../../../src/legacy';
import { runBody } from './emulator-helpers';

describe('classifyEngineError', () => {
  it.each([
    ['Invalid Input Error: Divide by zero error encountered.', 8134],
    ['Error: Conversion Error: Could not convert string \'abc\' to INT32', 245],
    ['Conversion Error: Could not convert string \'x\' to DECIMAL(10,2)', 8114],
    ['Conversion Error: Could not convert string \'nope\' to INT128', 8169],
    ['Conversion Error: invalid timestamp field format: "2020-13-45"', 241],
    ['Out of Range Error: Overflow in addition of INT32 (2147483647 + 1)!', 8115],
    ['Constraint Error: NOT NULL constraint failed: Item.Name', 515],
    ['Invalid Input Error: Invalid length parameter passed to the substring function.', 537],
  ])('%s is T-SQL error %i', (raw, number) => {
    expect(classifyEngineError(raw)?.number).toBe(number);
  });

  it.each([
    ['Parser Error: syntax error at or near "LIMIT"'],
    ['Binder Error: No function matches the given name and argument types \'+(BLOB, INTEGER)\'.'],
    ['Conversion Error: Unimplemented type for cast (TIME -> TIMESTAMP)'],
    ['Catalog Error: Table with name x does not exist!'],
  ])('%s is an internal failure, never a T-SQL error', (raw) => {
    expect(classifyEngineError(raw)).toBeUndefined();
  });
});

describe('internal failures of the emulator', () => {
  // varbinary + int is a path the emulator has not implemented: DuckDB rejects the SQL it
  // generates. The legacy CATCH block must not see that failure as its own error.
  const body = `
    DECLARE @b varbinary(10) = 0x0102;
    BEGIN TRY
      SELECT @b + 1 AS v;
    END TRY
    BEGIN CATCH
      SELECT 'caught' AS v;
    END CATCH`;

  it('stop the run with LEGACY_INTERNAL at the statement, bypassing BEGIN CATCH', async () => {
    const err = await runBody(body).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect(err).not.toBeInstanceOf(TsqlRuntimeError);
    const e = err as LegacyError;
    expect(e.code).toBe('LEGACY_INTERNAL');
    expect(e.message).toMatch(/^internal error of the emulator/);
    expect(e.format()).toMatch(/^usp_test\.sql:7:7: internal error/);
  });

  it('keep genuine T-SQL runtime errors catchable', async () => {
    const r = await runBody(`BEGIN TRY SELECT CAST('abc' AS int) AS v; END TRY BEGIN CATCH SELECT ERROR_NUMBER() AS n, ERROR_MESSAGE() AS m; END CATCH`);
    expect(r.resultSets[0]?.rows).toEqual([{ n: 245, m: "Conversion failed when converting the varchar value 'abc' to data type int." }]);
  });
});
