-- rule: float arithmetic past float's range (about 1.79E+308) stops with an arithmetic overflow error in SQL Server, never yields an infinity; the emulator refuses it where it is met, even inside TRY
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/float-and-real-transact-sql
-- expect-refused: float arithmetic whose result is past float's range
-- test
DECLARE @Rate float = 1e300, @Scale float = 1e10, @Line varchar(60);
BEGIN TRY
    SET @Line = 'FX;' + CAST(@Rate * @Scale AS varchar(30));
END TRY
BEGIN CATCH
    SET @Line = 'FX;error';
END CATCH
SELECT @Line AS [Line Text];
