-- rule: NULL into a NOT NULL column is Msg 515, Level 16, State 2, caught by TRY/CATCH, also when the table's and the column's names hold spaces
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/error-state-transact-sql
-- expect: [[{"n": 515, "sev": 16, "s": 2, "rows": 0}]]
CREATE TABLE DQ.[Rule Result] ([Batch Id] int NOT NULL, [Rule Id] int NOT NULL, [Rows Failed] int NOT NULL)
GO
-- test
DECLARE @BatchId int;
BEGIN TRY
  INSERT INTO DQ.[Rule Result] ([Batch Id], [Rule Id], [Rows Failed]) VALUES (@BatchId, 7, 0);
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS n, ERROR_SEVERITY() AS sev, ERROR_STATE() AS s, (SELECT COUNT(*) FROM DQ.[Rule Result]) AS rows;
END CATCH
