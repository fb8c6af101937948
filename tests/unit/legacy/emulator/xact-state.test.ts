import { EngineSession } from '../../../../src/engine';
import { emulateSection } from '../../../../src/legacy/emulator/section/emulate-section';
import { parseScript } from '../../../../src/tsql';
import { resultRows, runBody } from './emulator-helpers';

const tables = 'CREATE TABLE dbo.T (Id int NOT NULL PRIMARY KEY, V varchar(5) NOT NULL);\nGO\nCREATE TABLE dbo.Audit (Seq int IDENTITY(1,1) PRIMARY KEY, Info varchar(200) NULL);';
const csv = { 'dbo.T': 'Id,V\n1,a\n', 'dbo.Audit': 'Seq,Info\n' };

/** The TRY/CATCH transaction idiom, the error raised by `fail` after an insert of key 2. */
function idiom(xactAbort: 'ON' | 'OFF', fail: string): string {
  return `SET XACT_ABORT ${xactAbort};
BEGIN TRY
  BEGIN TRAN;
  INSERT dbo.T VALUES (2, 'b');
  ${fail}
  COMMIT;
END TRY
BEGIN CATCH
  DECLARE @xs int = XACT_STATE();
  IF XACT_STATE() = 1 COMMIT ELSE IF XACT_STATE() = -1 ROLLBACK;
  INSERT dbo.Audit (Info) VALUES (CONCAT('xact_state=', @xs, ' trancount=', @@TRANCOUNT));
END CATCH
SELECT Info FROM dbo.Audit;
SELECT Id FROM dbo.T ORDER BY Id;`;
}

// XACT_STATE (Transact-SQL): -1 when the session has an active transaction that is uncommittable
// (only a full ROLLBACK is allowed; COMMIT raises 3930), 1 when it can commit, 0 without one.
// SET XACT_ABORT (Transact-SQL): ON makes a run-time error terminate the transaction; "THROW
// honors SET XACT_ABORT. RAISERROR does not."; with OFF the foreign key example keeps the other
// rows of the transaction (the error ends only its statement).
describe('XACT_STATE() in CATCH', () => {
  it('is -1 after a duplicate key under SET XACT_ABORT ON, so the idiom rolls back', async () => {
    const r = await runBody(idiom('ON', "INSERT dbo.T VALUES (1, 'dup');"), { tables, csv });
    expect(resultRows(r, 0)).toEqual([{ Info: 'xact_state=-1 trancount=0' }]);
    expect(resultRows(r, 1)).toEqual([{ Id: 1 }]);
  });

  it('is -1 after THROW under SET XACT_ABORT ON', async () => {
    const r = await runBody(idiom('ON', "THROW 50001, 'stop', 1;"), { tables, csv });
    expect(resultRows(r, 0)).toEqual([{ Info: 'xact_state=-1 trancount=0' }]);
    expect(resultRows(r, 1)).toEqual([{ Id: 1 }]);
  });

  it('is 1 after RAISERROR under SET XACT_ABORT ON, and COMMIT keeps the work', async () => {
    const r = await runBody(idiom('ON', "RAISERROR('stop', 16, 1);"), { tables, csv });
    expect(resultRows(r, 0)).toEqual([{ Info: 'xact_state=1 trancount=0' }]);
    expect(resultRows(r, 1)).toEqual([{ Id: 1 }, { Id: 2 }]);
  });

  it('is 1 after a duplicate key without XACT_ABORT, and COMMIT keeps the work before it (undo-transaction.ts)', async () => {
    const r = await runBody(idiom('OFF', "INSERT dbo.T VALUES (1, 'dup');"), { tables, csv });
    expect(resultRows(r, 0)).toEqual([{ Info: 'xact_state=1 trancount=0' }]);
    expect(resultRows(r, 1)).toEqual([{ Id: 1 }, { Id: 2 }]);
  });

  it('after a conversion error without XACT_ABORT is refused (committable or not is not documented)', async () => {
    await expect(runBody(idiom('OFF', "DECLARE @i int = CAST('x' AS int);"), { tables, csv }))
      .rejects.toThrow(/XACT_STATE\(\) after error 245 inside a transaction without SET XACT_ABORT ON/);
  });

  it('COMMIT of a doomed transaction raises 3930', async () => {
    const r = await runBody(`SET XACT_ABORT ON;
BEGIN TRY
  BEGIN TRAN;
  INSERT dbo.T VALUES (1, 'dup');
END TRY
BEGIN CATCH
  BEGIN TRY COMMIT; END TRY BEGIN CATCH SELECT ERROR_NUMBER() AS n, XACT_STATE() AS xs; ROLLBACK; END CATCH
END CATCH`, { tables, csv });
    expect(resultRows(r, 0)).toEqual([{ n: 3930, xs: -1 }]);
  });

  it('SET XACT_ABORT ON inside a called procedure ends with it', async () => {
    const r = await runBody(`EXEC dbo.usp_set;
BEGIN TRY
  BEGIN TRAN;
  INSERT dbo.T VALUES (1, 'dup');
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS n;
  ROLLBACK;
END CATCH
BEGIN TRY BEGIN TRAN; THROW 50001, 'x', 1; END TRY BEGIN CATCH SELECT XACT_STATE() AS xs; ROLLBACK; END CATCH`, {
      tables, csv, extraProcs: 'CREATE PROCEDURE dbo.usp_set AS SET XACT_ABORT ON;\nGO\n',
    });
    expect(resultRows(r, 1)).toEqual([{ xs: 1 }]);
  });
});

/** A procedure whose SET XACT_ABORT comes before the section (lines 7-13) that runs the idiom. */
const SECTIONED = (set: string): string => `CREATE PROCEDURE dbo.usp_sec @Flag int = 0
AS
BEGIN
    ${set}
    DECLARE @xs int;
    SET @xs = 0;
    BEGIN TRY
        BEGIN TRAN;
        INSERT dbo.T VALUES (1, 'dup');
    END TRY
    BEGIN CATCH
        SET @xs = XACT_STATE(); IF @xs <> 0 ROLLBACK;
    END CATCH
END
GO`;

async function runSection(set: string): Promise<unknown> {
  const session = await EngineSession.open({ threads: 1 });
  try {
    const r = await emulateSection({
      session, scripts: [parseScript('CREATE TABLE dbo.T (Id int NOT NULL PRIMARY KEY, V varchar(5) NOT NULL);', { file: 't.sql' }), parseScript(SECTIONED(set), { file: 'p.sql' })],
      procedure: 'dbo.usp_sec', lines: [{ start: 7, end: 13 }], params: {}, outputs: [], clock: '2026-01-15T10:20:30',
      tables: [{ name: 'dbo.T', columns: [{ name: 'Id', type: 'int' }, { name: 'V', type: 'text' }], rows: [['1', 'a']] }],
    });
    return r.variables.get('@xs');
  } finally {
    session.close();
  }
}

describe('XACT_STATE() after an error in a called procedure', () => {
  it('is -1 after THROW in a procedure that set XACT_ABORT ON, caught by its caller', async () => {
    const r = await runBody(`BEGIN TRY
  BEGIN TRAN;
  EXEC dbo.usp_fail;
END TRY
BEGIN CATCH
  SELECT XACT_STATE() AS xs;
  ROLLBACK;
END CATCH`, { tables, csv, extraProcs: "CREATE PROCEDURE dbo.usp_fail AS\nBEGIN\n  SET XACT_ABORT ON;\n  THROW 50001, 'stop', 1;\nEND\nGO\n" });
    expect(resultRows(r, 0)).toEqual([{ xs: -1 }]);
  });
});

describe('XACT_STATE() in a section', () => {
  it('follows a SET XACT_ABORT ON before the section, which the section does not run', async () => {
    expect(await runSection('SET XACT_ABORT ON;')).toBe('-1');
    expect(await runSection('SET NOCOUNT ON;')).toBe('1');
  });

  it('is refused after a SET XACT_ABORT inside an IF before the section', async () => {
    await expect(runSection('IF @Flag = 1 SET XACT_ABORT ON;')).rejects.toThrow(/XACT_STATE\(\) after error 2627 inside a transaction, with SET XACT_ABORT set inside an IF or a loop before the section/);
  });
});
