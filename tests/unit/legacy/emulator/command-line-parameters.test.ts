import { LegacyError } from '../../../../src/core';
import { EngineSession } from '../../../../src/engine';
import { emulateProcedure } from '../../../../src/legacy/emulator/emulate-procedure';
import { parseScript } from '../../../../src/tsql';

// A billing run captured with `--param @PeriodStart=2024-02-30` (a typo: February has 29 days in
// 2024): the capture kept "ended with error 241" as the procedure's expected outcome, with exit 0,
// as if the legacy code had failed. A value the command line gives that does not convert to the
// parameter's type is a mistake of the call: refused, naming the parameter, its type and the value.
const scripts = [parseScript(`CREATE TABLE rpt.[Run Log] ([Period Start] date NOT NULL, [Run ID] int NOT NULL)
GO
CREATE PROCEDURE rpt.[usp_Log Run] @BillRunID int, @PeriodStart date
AS
BEGIN
  SET NOCOUNT ON;
  BEGIN TRY
    INSERT INTO rpt.[Run Log] ([Period Start], [Run ID]) VALUES (@PeriodStart, @BillRunID);
  END TRY
  BEGIN CATCH
    DECLARE @m nvarchar(2048) = ERROR_MESSAGE();
    RAISERROR(@m, 16, 1);
  END CATCH
END
GO
`, { file: 'run-log.sql' })];

async function run(params: Record<string, string>): Promise<unknown> {
  const session = await EngineSession.open({ threads: 1 });
  try {
    return await emulateProcedure({ session, scripts, procedure: 'rpt.usp_Log Run', params, inputs: [], clock: '2024-03-01T06:00:00', allowDynamicSql: false }).then(() => undefined, (e: unknown) => e);
  } finally {
    session.close();
  }
}

describe('--param values that do not convert to the parameter\'s type', () => {
  it.each([
    [{ '@BillRunID': '202402', '@PeriodStart': '2024-02-30' }, "the value '2024-02-30' given for @PeriodStart does not convert to its type date: Conversion failed when converting date and/or time from character string."],
    [{ '@BillRunID': '2024-02', '@PeriodStart': '2024-02-29' }, "the value '2024-02' given for @BillRunID does not convert to its type int: Conversion failed when converting the varchar value '2024-02' to data type int."],
  ])('%j is refused as a usage error, not kept as the procedure\'s outcome', async (params, message) => {
    const err = await run(params);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).code).toBe('LEGACY_PARAM');
    expect((err as LegacyError).message).toBe(message);
  });

  it('a leap day converts', async () => {
    expect(await run({ '@BillRunID': '202402', '@PeriodStart': '2024-02-29' })).toBeUndefined();
  });
});
