import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

// A plant historian keeps sensor readings in datetime2(7); the shift report copies them into a
// datetime column. The T-SQL reference documents datetime's 1/300 s rounding for milliseconds
// only (.995-.998 are .997, .999 the next second): for a value with digits past the milliseconds
// it does not say whether SQL Server rounds straight to 1/300 s or to whole milliseconds first.
// The emulator rounded to whole microseconds, then to 1/300 s, and answered where the drafts
// refuse: .0015 gave .000 (rounded to milliseconds first it is .003). Now it answers only where
// every way gives the same value, and refuses, naming the value, where they do not.
const tables = `CREATE TABLE [Plant].[Sensor Reading] ([Reading Id] int NOT NULL PRIMARY KEY, [Read At] datetime2(7) NOT NULL, [Read At 6] datetime2(6) NULL);
GO
CREATE TABLE [Plant].[Shift Reading] ([Reading Id] int NOT NULL, [Logged At] datetime NULL);`;
const reading = (rows: readonly (readonly [number, string, string])[]): Record<string, string> => ({
  'Plant.Sensor Reading': `Reading Id,Read At,Read At 6\n${rows.map((r) => r.join(',')).join('\n')}\n`,
});
const copy = (column: string): string => `SET NOCOUNT ON;
INSERT INTO [Plant].[Shift Reading] ([Reading Id], [Logged At]) SELECT r.[Reading Id], r.[${column}] FROM [Plant].[Sensor Reading] r;
SELECT [Reading Id], CONVERT(varchar(23), [Logged At], 121) AS logged FROM [Plant].[Shift Reading] ORDER BY [Reading Id];`;

async function refusal(body: string, csv: Record<string, string>): Promise<LegacyError> {
  const err = await runBody(body, { tables, csv }).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(LegacyError);
  return err as LegacyError;
}

describe('a datetime2 value with digits past the milliseconds converted to datetime', () => {
  it('is rounded where every way to round it agrees: past .9995 the next second, at midnight the next day and year', async () => {
    const r = await runBody(copy('Read At'), { tables, csv: reading([
      [1, '2024-01-01 10:00:00.9995000', ''], [2, '2024-12-31 23:59:59.9999900', ''], [3, '2024-01-01 10:00:00.1254000', ''], [4, '2024-01-01 10:00:00.9970000', ''],
    ]) });
    expect(resultRows(r).map((x) => x.logged)).toEqual(['2024-01-01 10:00:01.000', '2025-01-01 00:00:00.000', '2024-01-01 10:00:00.127', '2024-01-01 10:00:00.997']);
  });

  it.each([
    ['2024-01-01 10:00:00.0016667', 'cut to milliseconds first it is .000, straight .003'],
    ['2024-01-01 10:00:00.0015000', 'straight .000, rounded to milliseconds first .003'],
    ['2024-01-01 10:00:00.0045000', 'straight .003, rounded to milliseconds first .007'],
    ['2024-12-31 23:59:59.9985000', 'straight 23:59:59.997, rounded to milliseconds first the next year'],
  ])('refuses %s (%s), naming the value and the statement', async (value) => {
    const err = await refusal(copy('Read At'), reading([[1, value, '']]));
    expect(err.message).toContain(`the emulator does not support converting ${value} to datetime`);
    expect(err.location?.file).toBe('usp_test.sql');
    expect(err.location?.span?.start.line).toBe(5);
  });

  it('refuses a datetime2(6) value the same way (as the drafts do), and a CAST as well as a store', async () => {
    const err = await refusal(copy('Read At 6'), reading([[1, '2024-01-01 10:00:00', '2024-03-01 08:00:00.001600']]));
    expect(err.message).toContain('the emulator does not support converting 2024-03-01 08:00:00.001600 to datetime');
    const cast = await refusal(`SELECT CONVERT(varchar(23), CAST(r.[Read At] AS datetime), 121) AS v FROM [Plant].[Sensor Reading] r;`, reading([[1, '2024-01-01 10:00:00.0015000', '']]));
    expect(cast.message).toContain('converting 2024-01-01 10:00:00.0015000 to datetime');
  });
});
