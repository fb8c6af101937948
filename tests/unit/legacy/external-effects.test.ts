import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LegacyError } from '../../../src/core';
import { runCapture } from '../../../src/legacy/capture';

// A registry's report-card run mails every student from a cursor (msdb.dbo.sp_send_dbmail) and
// logs each mail. Neither engine may send that mail during a capture: the emulator refuses the
// call (without pointing at SQL Server), and `--engine mssql` refuses the procedure before it
// connects, since the capture's rollback does not undo what Database Mail sends.
const TABLES = 'CREATE TABLE dbo.Student (StudentId int NOT NULL PRIMARY KEY, Email varchar(100) NULL)\nGO\nCREATE TABLE dbo.MailLog (StudentId int NOT NULL, Recipient varchar(100) NOT NULL)\nGO\n';
const SEND = `CREATE PROCEDURE dbo.usp_MailOne @Id int, @To varchar(100)
AS
BEGIN
    EXEC msdb.dbo.sp_send_dbmail @profile_name = 'Registry', @recipients = @To, @subject = 'Report card';
    INSERT INTO dbo.MailLog (StudentId, Recipient) VALUES (@Id, @To);
END
GO
CREATE PROCEDURE dbo.usp_SendCards
AS
BEGIN
    DECLARE @Id int, @To varchar(100);
    DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT StudentId, Email FROM dbo.Student WHERE Email IS NOT NULL ORDER BY StudentId;
    OPEN c;
    FETCH NEXT FROM c INTO @Id, @To;
    WHILE @@FETCH_STATUS = 0
    BEGIN
        EXEC dbo.usp_MailOne @Id, @To;
        FETCH NEXT FROM c INTO @Id, @To;
    END
    CLOSE c; DEALLOCATE c;
END
GO
`;

function workspace(): { root: string; options: Parameters<typeof runCapture>[0] } {
  const root = mkdtempSync(join(tmpdir(), 'capture-mail-'));
  for (const d of ['tables', 'procs', 'data']) mkdirSync(join(root, d));
  writeFileSync(join(root, 'tables', 't.sql'), TABLES);
  writeFileSync(join(root, 'procs', 'send.sql'), SEND);
  writeFileSync(join(root, 'data', 'dbo.Student.csv'), 'StudentId,Email\n1,a@school.org\n2,\n');
  return {
    root,
    options: {
      procedure: 'dbo.usp_SendCards', dataDir: join(root, 'data'), tablesDir: join(root, 'tables'), proceduresDir: join(root, 'procs'),
      params: {}, engine: 'emulator', outDir: join(root, 'out'), format: 'csv',
    },
  };
}

async function refusal(run: Promise<unknown>): Promise<LegacyError> {
  try {
    await run;
  } catch (err) {
    if (err instanceof LegacyError) return err;
    throw err;
  }
  throw new Error('the capture ran');
}

describe('capture of a procedure that sends mail', () => {
  it('is refused by the emulator at the sp_send_dbmail call, without a hint to run it on SQL Server', async () => {
    const { options } = workspace();
    const err = await refusal(runCapture(options));
    expect(err.message).toContain('msdb.dbo.sp_send_dbmail, which sends mail');
    expect(err.location?.file).toMatch(/send\.sql$/);
    expect(err.location?.span?.start.line).toBe(4);
    expect(err.hint).not.toMatch(/MIGRATE_MSSQL_URL/);
  });

  it('is refused on SQL Server before connecting, naming the call a called procedure makes, unless allowed', async () => {
    const { options } = workspace();
    // port 1 on the loopback: were the check to come after connecting, this would fail as MSSQL_CONNECT instead
    const mssql = { ...options, engine: 'mssql' as const, env: { MIGRATE_MSSQL_URL: 'mssql://registry@127.0.0.1:1/School' } };
    const err = await refusal(runCapture(mssql));
    expect(err.code).toBe('CAPTURE_EXTERNAL_EFFECTS');
    expect(err.message).toContain('dbo.usp_SendCards reaches EXEC msdb.dbo.sp_send_dbmail, which sends mail');
    expect(err.location?.span?.start.line).toBe(4);
    expect(err.hint).toContain('--allow-external-effects');
    const allowed = await refusal(runCapture({ ...mssql, allowExternalEffects: true }));
    expect(allowed.code).toBe('MSSQL_CONNECT');
  });
});
