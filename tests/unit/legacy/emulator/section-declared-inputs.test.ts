import { LegacyError } from '../../../../src/core';
import { EngineSession } from '../../../../src/engine';
import { emulateSection, type EmulateSectionOptions, type SectionRunResult } from '../../../../src/legacy/emulator/section/emulate-section';
import { parseScript } from '../../../../src/tsql';

// One DECLARE at the top names the load-log id and a value the dimension section uses; the
// load-log section (lines 6-7) sets the id; the dimension section (lines 4, 8) stores it.
const PROC = `CREATE PROCEDURE dbo.usp_dim
AS
BEGIN
    DECLARE @LogId int, @Open int = 1;
    SET NOCOUNT ON;
    INSERT INTO dbo.RunLog (Name) VALUES ('dim');
    SELECT @LogId = SCOPE_IDENTITY();
    INSERT INTO dbo.Dim (Id, IsOpen, LogId) SELECT Id, @Open, @LogId FROM dbo.Src;
END
GO`;
const TABLES = `CREATE TABLE dbo.RunLog (LogId int IDENTITY(1,1) PRIMARY KEY, Name varchar(20) NOT NULL);
GO
CREATE TABLE dbo.Src (Id int NOT NULL);
GO
CREATE TABLE dbo.Dim (Id int NOT NULL, IsOpen int NOT NULL, LogId int NULL);`;
const scripts = [parseScript(TABLES, { file: 'tables.sql' }), parseScript(PROC, { file: 'usp_dim.sql' })];

async function run(params: EmulateSectionOptions['params']): Promise<SectionRunResult> {
  const session = await EngineSession.open({ threads: 1 });
  try {
    return await emulateSection({
      session, scripts, procedure: 'dbo.usp_dim', lines: [{ start: 4, end: 4 }, { start: 8, end: 8 }], params, outputs: ['dbo.Dim'],
      tables: [
        { name: 'dbo.Src', columns: [{ name: 'Id', type: 'int' }], rows: [['1'], ['2']] },
        { name: 'dbo.Dim', columns: [{ name: 'Id', type: 'int' }, { name: 'IsOpen', type: 'int' }, { name: 'LogId', type: 'int?' }], rows: [] },
      ],
    });
  } finally {
    session.close();
  }
}

describe('a section whose DECLARE names a variable another section sets before the section uses it', () => {
  it('runs with the value the scenario gives (the section\'s DECLARE leaves it alone), the other variables as declared', async () => {
    const r = await run({ '@LogId': '41' });
    expect(r.outputs.get('dbo.Dim')?.rows).toEqual([['1', '1', '41'], ['2', '1', '41']]);
  });

  it('refuses, at the statement that sets it, when the scenario does not give it (never NULL)', async () => {
    const err = await run({}).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/the section declares @LogId, but line 7, outside the section, sets it before the section uses it/);
    expect((err as LegacyError).location?.span?.start.line).toBe(7);
  });
});

// A billing run declares its period from @Month, then the days between: run alone, the statements
// declaring the period (what `migrate run` computes a later section's @PeriodStart from) cannot
// compute @Days's DECLARE value, which reads them, ahead of them.
const PERIOD = `CREATE PROCEDURE dbo.[usp_Bill Period] @Month date
AS
BEGIN
    DECLARE @From date = DATEFROMPARTS(YEAR(@Month), MONTH(@Month), 1);
    DECLARE @To date = EOMONTH(@Month);
    DECLARE @Days int = DATEDIFF(DAY, @From, @To) + 1;
    INSERT INTO dbo.Src (Id) VALUES (@Days);
END
GO`;

describe('a DECLARE outside the section whose value reads a variable the section declares', () => {
  async function runPeriod(lines: EmulateSectionOptions['lines'], params: EmulateSectionOptions['params']): Promise<SectionRunResult> {
    const session = await EngineSession.open({ threads: 1 });
    try {
      return await emulateSection({ session, scripts: [parseScript(TABLES, { file: 'tables.sql' }), parseScript(PERIOD, { file: 'period.sql' })], procedure: 'dbo.usp_Bill Period', lines, params, outputs: ['dbo.Src'], tables: [] });
    } finally {
      session.close();
    }
  }

  it('leaves that variable unset: the section computes its own variables', async () => {
    const r = await runPeriod([{ start: 4, end: 4 }], { '@Month': '2016-02-17' });
    expect(r.variables.get('@from')).toBe('2016-02-01');
  });

  it('refuses a section reading it without a value, naming the DECLARE', async () => {
    const err = await runPeriod([{ start: 4, end: 4 }, { start: 7, end: 7 }], { '@Month': '2016-02-17' }).then(() => undefined, (e: unknown) => e);
    expect((err as LegacyError).message).toMatch(/reads @Days before it sets it, and the scenario does not give its value \(its DECLARE at line 6, outside the section, reads @From, which the section declares\)/);
    const given = await runPeriod([{ start: 4, end: 4 }, { start: 7, end: 7 }], { '@Month': '2016-02-17', '@Days': '29' });
    expect(given.outputs.get('dbo.Src')?.rows).toEqual([['29']]);
  });
});
