import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LegacyError } from '../../../src/core';
import { listBaselines } from '../../../src/cli/commands/run';
import { runCapture, type CaptureOptions } from '../../../src/legacy/capture';

// A month-end posting rolls back and logs to [Close Log] in its CATCH block, then THROWs again.
// Capture refused the whole run (LEGACY_TSQL_ERROR), so the log row the CATCH wrote, which SQL
// Server keeps (written after the ROLLBACK, outside any transaction), was in no baseline. Now the
// baseline is the tables as the procedure left them and the manifest keeps the error it ended with.
const TABLES = `CREATE TABLE dbo.[Bank Line] ([Line ID] int NOT NULL PRIMARY KEY, [Amount] decimal(19,4) NOT NULL, [Match Status] varchar(10) NULL)
GO
CREATE TABLE dbo.[Close Log] ([Log ID] int IDENTITY(1,1) PRIMARY KEY, [Step] varchar(20) NOT NULL, [Message] nvarchar(400) NULL, [Rows] int NULL)
GO
`;
const PROC = `CREATE PROCEDURE dbo.usp_MatchBank @MinAmount decimal(19,4), @OpenTran bit = 0
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @matched int, @msg nvarchar(400);
    INSERT INTO dbo.[Close Log] ([Step], [Message], [Rows]) VALUES ('BANKREC-START', NULL, NULL);
    BEGIN TRY
        BEGIN TRAN;
        UPDATE dbo.[Bank Line] SET [Match Status] = 'MATCHED' WHERE [Amount] >= @MinAmount;
        SET @matched = @@ROWCOUNT;
        IF @matched = 0
            THROW 50001, N'Bank rec: nothing matched', 1;
        INSERT INTO dbo.[Close Log] ([Step], [Message], [Rows]) VALUES ('BANKREC', N'matched', @matched);
        COMMIT TRAN;
    END TRY
    BEGIN CATCH
        IF @@TRANCOUNT > 0 AND @OpenTran = 0 ROLLBACK TRAN;
        SET @msg = ERROR_MESSAGE();
        INSERT INTO dbo.[Close Log] ([Step], [Message], [Rows]) VALUES ('BANKREC-ERR', @msg, ERROR_NUMBER());
        THROW;
    END CATCH
END
GO
CREATE PROCEDURE dbo.usp_ScaleFees @Factor int
AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO dbo.[Close Log] ([Step], [Message], [Rows]) VALUES ('FEES-START', NULL, NULL);
    BEGIN TRY
        BEGIN TRANSACTION;
        UPDATE dbo.[Bank Line] SET [Match Status] = CAST(CAST(CAST([Amount] AS decimal(12,2)) * @Factor AS decimal(5,2)) AS varchar(10));
        COMMIT TRANSACTION;
    END TRY
    BEGIN CATCH
        IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;
        THROW;
    END CATCH
END
GO
`;

describe('capture of a procedure that ends with an error', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'capture-raised-'));
    for (const d of ['data', 'tables', 'procs']) mkdirSync(join(root, d));
    writeFileSync(join(root, 'tables', 't.sql'), TABLES);
    writeFileSync(join(root, 'procs', 'p.sql'), PROC);
    writeFileSync(join(root, 'data', 'dbo.Bank Line.csv'), 'Line ID,Amount,Match Status\n1,10.0000,\n2,25.5000,\n');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const capture = (params: Record<string, string>, out: string, procedure = 'dbo.usp_MatchBank'): ReturnType<typeof runCapture> => runCapture({
    procedure, dataDir: join(root, 'data'), tablesDir: join(root, 'tables'), proceduresDir: join(root, 'procs'),
    params, engine: 'emulator', outDir: join(root, out), format: 'csv', env: {},
  } satisfies CaptureOptions);

  it('keeps the tables as the procedure left them (the CATCH block\'s log row, the rolled-back update undone) and the error', async () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const manifest = await capture({ '@MinAmount': '100' }, 'failed');
      expect(manifest.raised).toEqual({ number: 50001, severity: 16, state: 1, procedure: 'usp_MatchBank', line: 12, message: 'Bank rec: nothing matched' });
      expect(manifest.returnValue).toBeNull();
      expect(readFileSync(join(root, 'failed', 'dbo.Close Log.csv'), 'utf8')).toBe('Log ID,Step,Message,Rows\n1,BANKREC-START,,\n2,BANKREC-ERR,Bank rec: nothing matched,50001\n');
      expect(readFileSync(join(root, 'failed', 'dbo.Bank Line.csv'), 'utf8')).toBe('Line ID,Amount,Match Status\n1,10.0000,\n2,25.5000,\n');
      expect(JSON.parse(readFileSync(join(root, 'failed', 'manifest.json'), 'utf8')).raised.number).toBe(50001);
      // `migrate run --baselines` says so when it runs the procedure again
      expect(listBaselines(root).find((b) => b.proc === 'failed')?.raised).toBe('Msg 50001, Level 16, State 1, Procedure usp_MatchBank, Line 12: Bank rec: nothing matched');
      expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toContain('dbo.usp_MatchBank ended with error 50001 (Msg 50001, Level 16, State 1, Procedure usp_MatchBank, Line 12: Bank rec: nothing matched)');
    } finally {
      stderr.mockRestore();
    }
  });

  it('records no error when the procedure returns', async () => {
    const manifest = await capture({ '@MinAmount': '20' }, 'ok');
    expect(manifest.raised).toBeUndefined();
    expect(readFileSync(join(root, 'ok', 'dbo.Bank Line.csv'), 'utf8')).toBe('Line ID,Amount,Match Status\n1,10.0000,\n2,25.5000,MATCHED\n');
  });

  it('still refuses when the error leaves a transaction open, whose fate is the caller\'s', async () => {
    const err = await capture({ '@MinAmount': '100', '@OpenTran': '1' }, 'open').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toContain('Bank rec: nothing matched');
  });

  // 10.00 * 1000 into decimal(5,2): Msg 8115, which CATCH rolls back and THROWs again. Capture
  // stopped on it: SQL Server gives 8115 a state by where it is raised, which the emulator cannot
  // tell, so the error is kept without one rather than not at all.
  it('keeps an arithmetic overflow (8115) the CATCH block throws again, without its state', async () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const manifest = await capture({ '@Factor': '1000' }, 'overflow', 'dbo.usp_ScaleFees');
      expect(manifest.raised).toEqual({ number: 8115, severity: 16, procedure: 'usp_ScaleFees', line: 8, message: 'Arithmetic overflow error converting numeric to data type numeric.' });
      expect(readFileSync(join(root, 'overflow', 'dbo.Close Log.csv'), 'utf8')).toBe('Log ID,Step,Message,Rows\n1,FEES-START,,\n');
      expect(readFileSync(join(root, 'overflow', 'dbo.Bank Line.csv'), 'utf8')).toBe('Line ID,Amount,Match Status\n1,10.0000,\n2,25.5000,\n');
      expect(listBaselines(root).find((b) => b.proc === 'overflow')?.raised).toBe('Msg 8115, Level 16, Procedure usp_ScaleFees, Line 8: Arithmetic overflow error converting numeric to data type numeric.');
      expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toContain('its State is left out');
    } finally {
      stderr.mockRestore();
    }
  });
});
