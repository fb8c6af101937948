-- rule: a value past money's range stored into a money column fails with 8115, whose text names money ("converting numeric to data type money"; money as the source: "converting money to data type numeric"); the emulator holds money as decimal(19,4) and cannot tell which, so ERROR_MESSAGE() of it is refused, never "numeric to data type numeric"
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/money-and-smallmoney-transact-sql
-- expect-refused: ERROR_MESSAGE() of error 8115
-- test
DECLARE @Valuation TABLE ([FIFO Value] money NOT NULL);
DECLARE @Total decimal(38,9) = 922337000000000000.0;
BEGIN TRY
    INSERT INTO @Valuation ([FIFO Value]) SELECT @Total;
END TRY
BEGIN CATCH
    SELECT ERROR_MESSAGE() AS [Message];
END CATCH
