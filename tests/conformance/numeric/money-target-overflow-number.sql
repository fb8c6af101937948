-- rule: a value past money's range stored into a money column fails with error 8115 (arithmetic overflow), which CATCH reads with ERROR_NUMBER() and ERROR_SEVERITY() 16
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/money-and-smallmoney-transact-sql
-- expect: [[{"Number": 8115, "Severity": 16}]]
-- test
DECLARE @Valuation TABLE ([FIFO Value] money NOT NULL);
DECLARE @Total decimal(38,9) = 922337000000000000.0;
BEGIN TRY
    INSERT INTO @Valuation ([FIFO Value]) SELECT @Total;
END TRY
BEGIN CATCH
    SELECT ERROR_NUMBER() AS [Number], ERROR_SEVERITY() AS [Severity];
END CATCH
