import { LegacyError } from '../../../../src/core';
import { EngineSession } from '../../../../src/engine';
import { emulateSection, type EmulateSectionOptions, type SectionRunResult } from '../../../../src/legacy/emulator/section/emulate-section';
import { sectionVariablesSetBetween } from '../../../../src/legacy';
import { parseScript } from '../../../../src/tsql';

// A month-end close: the posting section (lines 8, 14-17) computes its cut-off, then a statement of
// the run-log section between its lines (12) picks the open run, and the posting reads @RunId
// in a WHERE inside a TRY whose CATCH logs and swallows. Run alone with the DECLARE's NULL, the
// WHERE matches nothing and the section would record "no rows" as the legacy result.
const PROC = `CREATE PROCEDURE [Fin].[usp Close Month] @AsOf date
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @RunId int, @CutOff date;
    DECLARE @Note varchar(40) = 'close';

    SET @CutOff = EOMONTH(@AsOf);

    BEGIN TRY
        SET @Note = 'open run';
        SELECT @RunId = MAX(r.[Run Id]) FROM [Fin].[Close Run] r WHERE r.[Status] = 'OPEN';

        INSERT INTO [Fin].[Month Posting] ([Account No], [Amount], [Run Id])
        SELECT j.[Account No], SUM(j.[Amount]), @RunId
        FROM [Fin].[Journal Line] j
        WHERE j.[Run Id] = @RunId AND j.[Posted On] <= @CutOff GROUP BY j.[Account No];
    END TRY
    BEGIN CATCH
        INSERT INTO [Fin].[Close Error] ([Message]) VALUES (ERROR_MESSAGE());
    END CATCH
END
GO`;
const TABLES = `CREATE TABLE [Fin].[Close Run] ([Run Id] int NOT NULL PRIMARY KEY, [Status] varchar(10) NOT NULL);
GO
CREATE TABLE [Fin].[Journal Line] ([Run Id] int NOT NULL, [Account No] varchar(10) NOT NULL, [Posted On] date NOT NULL, [Amount] decimal(12,2) NOT NULL);
GO
CREATE TABLE [Fin].[Month Posting] ([Account No] varchar(10) NOT NULL, [Amount] decimal(14,2) NOT NULL, [Run Id] int NULL);
GO
CREATE TABLE [Fin].[Close Error] ([Message] nvarchar(400) NULL);`;
const scripts = [parseScript(TABLES, { file: 'close-tables.sql' }), parseScript(PROC, { file: 'close-month.sql' })];
const POSTING = [{ start: 8, end: 8 }, { start: 14, end: 17 }];

async function run(lines: EmulateSectionOptions['lines'], params: EmulateSectionOptions['params']): Promise<SectionRunResult> {
  const session = await EngineSession.open({ threads: 1 });
  try {
    return await emulateSection({
      session, scripts, procedure: 'Fin.usp Close Month', lines, params, outputs: ['Fin.Month Posting'],
      tables: [
        { name: 'Fin.Journal Line', columns: [{ name: 'Run Id', type: 'int' }, { name: 'Account No', type: 'text' }, { name: 'Posted On', type: 'date' }, { name: 'Amount', type: 'decimal(12,2)' }], rows: [['7', '4000', '2024-01-20', '12.50'], ['7', '4000', '2024-01-31', '2.50'], ['6', '4000', '2024-01-05', '99.00']] },
        { name: 'Fin.Month Posting', columns: [{ name: 'Account No', type: 'text' }, { name: 'Amount', type: 'decimal(14,2)' }, { name: 'Run Id', type: 'int?' }], rows: [] },
      ],
    });
  } finally {
    session.close();
  }
}

describe('a variable another section sets between the section\'s own lines', () => {
  it('refuses at the section\'s read, naming the statement that sets it, when the scenario does not give it (never the DECLARE\'s NULL)', async () => {
    const err = await run(POSTING, { '@AsOf': '2024-01-15' }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).code).toBe('LEGACY_SECTION_INPUT');
    expect((err as LegacyError).message).toBe('the section reads @RunId, which close-month.sql:12:16, outside the section and between its statements, sets first: run alone, the section would read @RunId as it stood before line 12');
    expect((err as LegacyError).location?.span?.start).toMatchObject({ line: 15, column: 49 });
    expect((err as LegacyError).hint).toMatch(/add `Given parameter @RunId:<type> = <value>` to the scenario with the value @RunId holds after line 12/);
  });

  it('runs with the value the scenario gives for it', async () => {
    const r = await run(POSTING, { '@AsOf': '2024-01-15', '@RunId': '7' });
    expect(r.outputs.get('Fin.Month Posting')?.rows).toEqual([['4000', '15.00', '7']]);
  });

  it('refuses a section that uses the variable before that statement too: no one value stands for both', async () => {
    // the posting's first line also sets @RunId: its value at the section's start is not the one line 12 leaves
    const lines = [{ start: 8, end: 8 }, { start: 14, end: 17 }];
    const proc = PROC.replace("SET @CutOff = EOMONTH(@AsOf);", "SET @CutOff = EOMONTH(@AsOf); SET @RunId = 0;");
    const session = await EngineSession.open({ threads: 1 });
    try {
      const err = await emulateSection({ session, scripts: [scripts[0] as (typeof scripts)[number], parseScript(proc, { file: 'close-month.sql' })], procedure: 'Fin.usp Close Month', lines, params: { '@AsOf': '2024-01-15', '@RunId': '7' }, outputs: ['Fin.Month Posting'], tables: [] })
        .then(() => undefined, (e: unknown) => e);
      expect((err as LegacyError).message).toBe('close-month.sql:12:16, outside the section and between its statements, sets @RunId after the section uses it (line 8) and before it reads it here: run alone, no one value of @RunId can stand for both');
    } finally {
      session.close();
    }
  });

  it('names only a variable the section reads after the statement between its lines sets it', () => {
    // line 11 sets @Note between lines 8 and 12-17, which never read it
    expect(sectionVariablesSetBetween(scripts, 'Fin.usp Close Month', [{ start: 8, end: 8 }, { start: 12, end: 17 }])).toEqual([]);
    expect(sectionVariablesSetBetween(scripts, '[Fin].[usp Close Month]', POSTING)).toMatchObject([
      { name: '@RunId', file: 'close-month.sql', setLine: 12, setColumn: 16, readLine: 15, readColumn: 49 },
    ]);
    expect(sectionVariablesSetBetween(scripts, '[Fin].[usp Close Month]', POSTING)[0]?.usedBeforeLine).toBeUndefined();
  });

  it('refuses a section whose reads follow two such statements: the second leaves another value than the first', async () => {
    // line 18, outside, steps the run id again before the section's UPDATE (line 19) reads it; the
    // INSERT (line 15) read the value line 12 left: a given @RunId ran both with one value
    const proc = PROC.replace('GROUP BY j.[Account No];\n', 'GROUP BY j.[Account No];\n        SET @RunId = @RunId + 1;\n        UPDATE [Fin].[Month Posting] SET [Run Id] = @RunId WHERE [Run Id] IS NULL;\n');
    const stepped = [scripts[0] as (typeof scripts)[number], parseScript(proc, { file: 'close-month.sql' })];
    const lines = [...POSTING, { start: 19, end: 19 }];
    expect(sectionVariablesSetBetween(stepped, 'Fin.usp Close Month', lines)).toMatchObject([{ name: '@RunId', setLine: 18, readLine: 19, usedBeforeLine: 15 }]);
    const session = await EngineSession.open({ threads: 1 });
    try {
      const err = await emulateSection({ session, scripts: stepped, procedure: 'Fin.usp Close Month', lines, params: { '@AsOf': '2024-01-15', '@RunId': '7' }, outputs: ['Fin.Month Posting'], tables: [] })
        .then(() => undefined, (e: unknown) => e);
      expect((err as LegacyError).message).toBe('close-month.sql:18:13, outside the section and between its statements, sets @RunId after the section uses it (line 15) and before it reads it here: run alone, no one value of @RunId can stand for both');
    } finally {
      session.close();
    }
  });
});
