-- rule: UPDATE through a CTE of TOP (n) … ORDER BY changes those rows of the base table, and its OUTPUT inserted.<column> gives their new values
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/output-clause-transact-sql
-- expect: [[{"Id": 1, "Status": "P"}, {"Id": 3, "Status": "P"}], [{"Id": 1, "Status": "P"}, {"Id": 2, "Status": "D"}, {"Id": 3, "Status": "P"}, {"Id": 4, "Status": "N"}]]
-- input: dbo.Q
--| Id,Status
--| 4,N
--| 1,N
--| 2,D
--| 3,N
CREATE TABLE dbo.Q (Id int NOT NULL PRIMARY KEY, Status char(1) NOT NULL);
GO
-- test
DECLARE @batch TABLE (Id int, Status char(1));
WITH c AS (SELECT TOP (2) Id, Status FROM dbo.Q WHERE Status = 'N' ORDER BY Id)
UPDATE c SET Status = 'P'
OUTPUT inserted.Id, inserted.Status INTO @batch;
SELECT Id, Status FROM @batch ORDER BY Id;
SELECT Id, Status FROM dbo.Q ORDER BY Id;
