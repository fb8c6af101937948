-- rule: SAVE TRANSACTION @savepoint_variable names the savepoint by the variable's value; a ROLLBACK to it undoes only the work after it; rows of a #temp table are rolled back too, a table variable's are not (table variables are outside transactions)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/save-transaction-transact-sql
-- expect: [[{"t": 1, "v": 2, "tc": 1}]]
CREATE TABLE dbo.T (Id int NOT NULL PRIMARY KEY);
GO
-- test
DECLARE @sp varchar(32) = 'PerRow', @name varchar(32) = 'PerRow';
DECLARE @v TABLE (Id int);
CREATE TABLE #t (Id int);
BEGIN TRAN;
INSERT INTO #t VALUES (1);
INSERT INTO @v VALUES (1);
SAVE TRAN @sp;
INSERT INTO #t VALUES (2);
INSERT INTO @v VALUES (2);
ROLLBACK TRAN @name;
SELECT (SELECT COUNT(*) FROM #t) AS t, (SELECT COUNT(*) FROM @v) AS v, @@TRANCOUNT AS tc;
COMMIT TRAN;
