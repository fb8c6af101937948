import { LegacyError } from '../../../../src/core';
import { EngineSession } from '../../../../src/engine';
import { emulateProcedure } from '../../../../src/legacy/emulator/emulate-procedure';
import { emulateSection } from '../../../../src/legacy/emulator/section/emulate-section';
import { parseScript } from '../../../../src/tsql';

// A nightly close that calls its audit writer, whose script was left out of the folder: the
// emulator named the missing procedure and those it had loaded by their lower-case lookup keys
// ("the procedure dbo.usp write audit is not in the loaded procedures", "loaded: fin.usp close
// day"), names no script and no person wrote.
const TABLES = `CREATE TABLE [Fin].[Day Total] ([Day] date NOT NULL, [Amount] decimal(12,2) NOT NULL);
GO
`;
const PROC = `CREATE PROCEDURE [Fin].[usp Close Day] @Day date
AS
BEGIN
  SET NOCOUNT ON;
  INSERT INTO [Fin].[Day Total] ([Day], [Amount]) VALUES (@Day, 0);
  EXEC [dbo].[usp Write Audit] @Step = 'close';
END
GO
`;
const scripts = [parseScript(TABLES, { file: 'tables.sql' }), parseScript(PROC, { file: 'close-day.sql' })];

async function refusal(run: (session: EngineSession) => Promise<unknown>): Promise<LegacyError> {
  const session = await EngineSession.open({ threads: 1 });
  try {
    const err = await run(session).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    return err as LegacyError;
  } finally {
    session.close();
  }
}

describe('procedure names in the emulator\'s refusals', () => {
  it('names a procedure an EXEC calls and no script creates as the EXEC writes it', async () => {
    const err = await refusal((session) => emulateProcedure({ session, scripts, procedure: 'Fin.usp Close Day', params: { '@Day': '2026-03-02' }, inputs: [], clock: '2026-03-02T23:00:00', allowDynamicSql: false }));
    expect(err.code).toBe('LEGACY_UNKNOWN_PROCEDURE');
    expect(err.message).toBe('the procedure dbo.[usp Write Audit] is not in the loaded procedures');
    expect(err.location?.span?.start.line).toBe(6);
  });

  it('names the procedure asked for as asked, and those loaded as their CREATEs write them', async () => {
    const err = await refusal((session) => emulateProcedure({ session, scripts, procedure: '[Fin].[usp Close Week]', params: {}, inputs: [], allowDynamicSql: false }));
    expect(err.message).toBe('the procedure Fin.[usp Close Week] is not in the loaded procedures');
    expect(err.hint).toMatch(/^loaded: Fin\.\[usp Close Day\]; /);
    const section = await refusal((session) => emulateSection({ session, scripts, procedure: 'fin.usp close week', lines: [{ start: 5, end: 5 }], params: {}, tables: [], outputs: [] }));
    expect(section.message).toBe('the procedure fin.[usp close week] is not in the loaded procedures');
    expect(section.hint).toBe('loaded: Fin.[usp Close Day]');
  });

  // Before: only 'pass the folder that holds its CREATE PROCEDURE script', for a procedure SQL
  // Server itself provides (OPENXML's document handle), which no folder holds.
  it('says a missing sp_ procedure may be a system procedure the emulator does not run', async () => {
    const feed = parseScript(`CREATE PROCEDURE dbo.[usp Load Feed] @Doc nvarchar(max)
AS
BEGIN
  DECLARE @h int
  EXEC sp_xml_preparedocument @h OUTPUT, @Doc
END
GO
`, { file: 'load-feed.sql' });
    const err = await refusal((session) => emulateProcedure({ session, scripts: [feed], procedure: 'dbo.usp Load Feed', params: { '@Doc': '<Feed />' }, inputs: [], allowDynamicSql: false }));
    expect(err.code).toBe('LEGACY_UNKNOWN_PROCEDURE');
    expect(err.message).toContain("(if it is SQL Server's system procedure of that name, the emulator does not run it)");
    expect(err.hint).toMatch(/^a system procedure: capture from SQL Server/);
    expect(err.location?.span?.start.line).toBe(5);
  });
});
