-- rule: a duplicate key raises error 2627 (a PRIMARY KEY or UNIQUE constraint) or 2601 (a unique index) at severity 14, which ERROR_SEVERITY() returns in CATCH
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/errors-events/mssqlserver-2627-database-engine-error
-- expect: [[{"n": 2627, "s": 14}]]
-- test
DECLARE @t TABLE (Id int PRIMARY KEY);
INSERT INTO @t VALUES (1);
BEGIN TRY
    INSERT INTO @t VALUES (1);
END TRY
BEGIN CATCH
    SELECT ERROR_NUMBER() AS n, ERROR_SEVERITY() AS s;
END CATCH
