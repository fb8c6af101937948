import { parseScript, type CreateProcedure } from '../../../src/tsql';
import { catchAccountText, earlyExits } from '../../../src/sections';

// What `migrate run` says a CATCH block does when a guard raises inside TRY: only what the code
// shows for certain, and "may" / "cannot tell" for the rest.
function caughtText(body: string): string | undefined {
  const text = `CREATE PROCEDURE dbo.usp_Close @Period char(6), @Force bit = 0 AS\nBEGIN\n${body}\nEND\n`;
  const script = parseScript(text, { file: 'p.sql' });
  const exits = earlyExits(script.batches[0]?.statements[0] as CreateProcedure, script);
  const caught = exits.find((e) => e.caught !== undefined)?.caught;
  return caught === undefined ? undefined : catchAccountText(caught);
}

describe('the account of a CATCH block an early exit raises into', () => {
  it('says a ROLLBACK under another condition may run, and a CATCH without THROW may go on', () => {
    expect(caughtText(`    BEGIN TRY
        BEGIN TRAN;
        DELETE FROM dbo.[Period Total] WHERE [Period] = @Period;
        IF @Period < '202001' THROW 50030, 'period closed', 1;
        COMMIT;
    END TRY
    BEGIN CATCH
        IF @Force = 0 ROLLBACK;
        INSERT INTO dbo.[Close Log] ([Step]) VALUES ('CLOSE-ERR');
    END CATCH`)).toBe('the CATCH block at line 9, which may roll back an open transaction (its ROLLBACK at line 10; migrate run cannot tell from the code whether it runs there, nor what it undoes); '
      + 'it writes dbo.[Close Log] (line 11), and it does not certainly end the procedure, which may go on after END CATCH');
  });

  it('says a write before the ROLLBACK is not kept, and the transaction a COMMIT ended is none', () => {
    expect(caughtText(`    BEGIN TRAN;
    UPDATE dbo.[Period] SET [Closing] = 1 WHERE [Period] = @Period;
    COMMIT;
    BEGIN TRY
        BEGIN TRAN;
        IF @Force = 1 RAISERROR('forced close of %s', 16, 1, @Period);
        COMMIT;
    END TRY
    BEGIN CATCH
        INSERT INTO dbo.[Close Log] ([Step]) VALUES ('CLOSE-ERR');
        ROLLBACK TRAN;
        THROW;
    END CATCH`)).toBe('the CATCH block at line 11, whose ROLLBACK (line 13) undoes everything written since the BEGIN TRANSACTION at line 7; '
      + 'it writes dbo.[Close Log] (line 12), before its ROLLBACK, so not kept, and its THROW (line 14) ends the procedure with the error');
  });

  it('gives no account for a RETURN inside TRY (a CATCH never sees it) or an informational RAISERROR', () => {
    expect(caughtText(`    BEGIN TRY
        IF @Period IS NULL RETURN 1;
        IF @Force = 1 BEGIN RAISERROR('forced', 10, 1); RETURN 2; END
    END TRY
    BEGIN CATCH
        THROW;
    END CATCH`)).toBeUndefined();
  });
});
