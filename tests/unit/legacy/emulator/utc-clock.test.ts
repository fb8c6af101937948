import { LegacyError } from '../../../../src/core';
import { EngineSession } from '../../../../src/engine';
import { emulateProcedure, type EmulationResult } from '../../../../src/legacy/emulator/emulate-procedure';
import { parseScript } from '../../../../src/tsql';
import { resultRows } from './emulator-helpers';

// `--clock` is the server's local time: GETDATE() "derived from the operating system of the
// computer on which the instance of SQL Server is running", GETUTCDATE() "the current UTC time
// … derived from the current local time and the time zone setting in the operating system"
// (https://learn.microsoft.com/en-us/sql/t-sql/functions/getutcdate-transact-sql). On a server
// in Amsterdam the two differ by one or two hours, so the UTC functions need the server's
// offset, written after the clock; without it they were the local time, silently.
async function run(body: string, clock: string): Promise<EmulationResult> {
  const scripts = [parseScript(`CREATE PROCEDURE dbo.usp_clock AS\nBEGIN\n${body}\nEND\n`, { file: 'usp_clock.sql' })];
  const session = await EngineSession.open({ threads: 1 });
  try {
    return await emulateProcedure({ scripts, procedure: 'dbo.usp_clock', session, inputs: [], clock });
  } finally {
    session.close();
  }
}

const BODY = `SELECT CONVERT(varchar(23), GETDATE(), 121) AS local, CONVERT(varchar(23), GETUTCDATE(), 121) AS utc,
  CONVERT(varchar(27), SYSUTCDATETIME(), 121) AS utc7;`;

describe('the UTC clock functions of the emulator', () => {
  it('take the server offset after --clock: GETUTCDATE() and SYSUTCDATETIME() are the clock less the offset', async () => {
    expect(resultRows(await run(BODY, '2026-04-01T01:30:00.5+02:00'))).toEqual([
      { local: '2026-04-01 01:30:00.500', utc: '2026-03-31 23:30:00.500', utc7: '2026-03-31 23:30:00.5000000' },
    ]);
    expect(resultRows(await run(BODY, '2026-04-01T21:00:00-05:00'))[0]?.utc).toBe('2026-04-02 02:00:00.000');
  });

  it('give SYSDATETIMEOFFSET() on a server at UTC (Z), its parts at +00:00', async () => {
    const r = await run("SELECT CONVERT(varchar(10), CAST(SYSDATETIMEOFFSET() AS date), 120) AS d, DATEPART(hour, SYSDATETIMEOFFSET()) AS h;", '2026-04-01T02:00:00Z');
    expect(resultRows(r)).toEqual([{ d: '2026-04-01', h: 2 }]);
  });

  it('stamps a system-versioned row with the transaction\'s UTC time (the clock less the offset)', async () => {
    // "the period columns … record the begin time of the transaction … in UTC" (Temporal tables page)
    const tables = `CREATE TABLE dbo.Tariff (Code char(5) NOT NULL PRIMARY KEY, Rate decimal(9,4) NOT NULL,
      ValidFrom datetime2 GENERATED ALWAYS AS ROW START NOT NULL, ValidTo datetime2 GENERATED ALWAYS AS ROW END NOT NULL,
      PERIOD FOR SYSTEM_TIME (ValidFrom, ValidTo)) WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = dbo.TariffHistory));
    GO
    CREATE TABLE dbo.TariffHistory (Code char(5) NOT NULL, Rate decimal(9,4) NOT NULL, ValidFrom datetime2 NOT NULL, ValidTo datetime2 NOT NULL);
    GO`;
    const scripts = [parseScript(tables, { file: 'tables.sql' }), parseScript(`CREATE PROCEDURE dbo.usp_clock AS\nBEGIN\nINSERT dbo.Tariff (Code, Rate) VALUES ('AMS01', 0.4125);\nSELECT CONVERT(varchar(27), ValidFrom, 121) AS f FROM dbo.Tariff;\nEND\n`, { file: 'usp_clock.sql' })];
    const session = await EngineSession.open({ threads: 1 });
    try {
      const r = await emulateProcedure({ scripts, procedure: 'dbo.usp_clock', session, inputs: [], clock: '2026-04-01T01:30:00+02:00' });
      expect(resultRows(r)).toEqual([{ f: '2026-03-31 23:30:00.0000000' }]);
    } finally {
      session.close();
    }
  });

  it.each([
    ['SELECT GETUTCDATE() AS v;', '2026-04-01T02:00:00', /GETUTCDATE\(\) without the server's UTC offset/],
    ['SELECT SYSUTCDATETIME() AS v;', '2026-04-01T02:00:00', /SYSUTCDATETIME\(\) without the server's UTC offset/],
    ['SELECT SYSDATETIMEOFFSET() AS v;', '2026-04-01T02:00:00', /SYSDATETIMEOFFSET\(\) without the server's UTC offset/],
  ])('refuses %s with --clock %s, located', async (body, clock, message) => {
    const err = await run(body, clock).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(message);
    expect((err as LegacyError).format()).toMatch(/^usp_clock\.sql:3:8: /);
  });
});
