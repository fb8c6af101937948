import type { LegacyError } from '../../../../src/core';
import { EngineSession } from '../../../../src/engine';
import { emulateProcedure, type EmulationResult } from '../../../../src/legacy/emulator/emulate-procedure';
import { loginLanguage } from '../../../../src/legacy/emulator/login-language';
import { parseScript } from '../../../../src/tsql';
import { resultRows } from './emulator-helpers';

// A reporting procedure of a UK ledger: a helper function takes the period end as datetime and
// is called with dd/mm/yyyy text; the report also shows the week's first day, the weekday's name,
// and a FORMAT without a culture. The login's language decides all of them but the name.
const SCRIPT = `CREATE FUNCTION dbo.fn_PeriodDay (@asOf datetime)
RETURNS int
AS
BEGIN
    RETURN DATEPART(dayofyear, @asOf);
END
GO
CREATE PROCEDURE dbo.usp_PeriodHeader
AS
BEGIN
    SET NOCOUNT ON;
    SELECT dbo.fn_PeriodDay('03/04/2024') AS [Period Day], @@DATEFIRST AS [Week Starts],
        DATENAME(weekday, CAST('20240304' AS datetime)) AS [Day Name], FORMAT(CAST('20240304 15:30' AS datetime), 'hh:mm tt') AS [Short Date];
END
GO
`;

const NO_FORMAT = ", FORMAT(CAST('20240304 15:30' AS datetime), 'hh:mm tt') AS [Short Date]";

async function run(script: string, language?: 'us_english' | 'british'): Promise<EmulationResult> {
  const session = await EngineSession.open({ threads: 1 });
  try {
    return await emulateProcedure({ scripts: [parseScript(script, { file: 'usp_PeriodHeader.sql' })], procedure: 'dbo.usp_PeriodHeader', session, ...(language === undefined ? {} : { language: loginLanguage(language) }) });
  } finally {
    session.close();
  }
}

describe('the legacy login\'s language in the emulator', () => {
  it('british: a user function\'s datetime argument reads day first, DATEFIRST 1, FORMAT\'s culture en-GB', async () => {
    const r = await run(SCRIPT.replace(NO_FORMAT, ''), 'british');
    // 3 April 2024: day 31 + 29 + 31 + 3 of the leap year
    expect(resultRows(r)).toEqual([{ 'Period Day': 94, 'Week Starts': 1, 'Day Name': 'Monday' }]);
    expect(r.languageAssumed).toBeUndefined();
    // FORMAT without a culture takes en-GB, whose AM/PM text the emulator refuses (located)
    const refused = await run(SCRIPT, 'british').then(() => undefined, (err: unknown) => err as LegacyError);
    expect(refused?.message).toMatch(/the emulator does not support FORMAT with 'hh:mm tt': 'tt' in en-GB/);
    expect(refused?.location?.span?.start.line).toBe(13);
  });

  it('us_english stated: month first, DATEFIRST 7, FORMAT in en-US, nothing assumed', async () => {
    const r = await run(SCRIPT, 'us_english');
    // 4 March 2024: day 31 + 29 + 4
    expect(resultRows(r)).toEqual([{ 'Period Day': 64, 'Week Starts': 7, 'Day Name': 'Monday', 'Short Date': '03:30 PM' }]);
    expect(r.languageAssumed).toBeUndefined();
  });

  it('SET DATEFORMAT dmy reaches a user function\'s argument (it converts under its caller\'s session)', async () => {
    const r = await run(SCRIPT.replace('SET NOCOUNT ON;', 'SET NOCOUNT ON; SET DATEFORMAT dmy; SET DATEFIRST 1;').replace(NO_FORMAT, ''));
    expect(resultRows(r)).toEqual([{ 'Period Day': 94, 'Week Starts': 1, 'Day Name': 'Monday' }]);
    // DATENAME's name is the login's language's: still assumed
    expect(r.languageAssumed).toEqual({ language: 'us_english', construct: 'DATENAME(weekday, …)', at: 'usp_PeriodHeader.sql:13:9' });
  });

  it('not stated: the first construct that depends on it, the function\'s argument text', async () => {
    const r = await run(SCRIPT);
    expect(r.languageAssumed).toEqual({ language: 'us_english', construct: '\'03/04/2024\' converted to datetime', at: 'usp_PeriodHeader.sql:12:5' });
  });

  it('a callee\'s SET DATEFIRST stops counting when it returns: the caller\'s @@DATEFIRST is the login\'s again', async () => {
    const r = await run(`CREATE PROCEDURE dbo.usp_Inner AS BEGIN SET DATEFIRST 1; END
GO
CREATE PROCEDURE dbo.usp_PeriodHeader
AS
BEGIN
    EXEC dbo.usp_Inner;
    SELECT @@DATEFIRST AS [Week Starts];
END
GO
`);
    expect(resultRows(r)).toEqual([{ 'Week Starts': 7 }]);
    expect(r.languageAssumed).toEqual({ language: 'us_english', construct: '@@DATEFIRST', at: 'usp_PeriodHeader.sql:7:12' });
  });
});
