-- rule: an inline unique index of a table variable (INDEX ix UNIQUE (…), SQL Server 2016 and later) fails a repeated key with error 2601, comparing text by the collation
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/create-table-transact-sql
-- expect: [[{"n": 2601, "rows": 2}]]
-- test
DECLARE @Seen TABLE (
  [Part Code] varchar(10) NOT NULL,
  Bin int NULL,
  INDEX [IX_Seen Code] UNIQUE NONCLUSTERED ([Part Code] ASC, Bin DESC)
);
INSERT INTO @Seen ([Part Code], Bin) VALUES ('a-1', 1), ('a-1', 2);
DECLARE @n int = 0;
BEGIN TRY
  INSERT INTO @Seen ([Part Code], Bin) VALUES ('A-1 ', 1);
END TRY
BEGIN CATCH
  SET @n = ERROR_NUMBER();
END CATCH;
SELECT @n AS n, (SELECT COUNT(*) FROM @Seen) AS [rows];
