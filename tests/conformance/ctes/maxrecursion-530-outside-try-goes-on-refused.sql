-- rule: whether the batch goes on after error 530 outside TRY is not documented (the query hints page: the query ends and its effects are rolled back): what runs after it is refused, located at the failed statement
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/hints-transact-sql-query
-- expect-refused: going on after error 530
CREATE TABLE dbo.Series (k int NOT NULL);
GO
-- test
WITH s (k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM s WHERE k < 50)
INSERT INTO dbo.Series (k) SELECT k FROM s OPTION (MAXRECURSION 10);
SELECT @@ERROR AS e;
