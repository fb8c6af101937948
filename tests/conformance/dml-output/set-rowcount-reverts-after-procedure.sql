-- rule: SET ROWCOUNT run inside a stored procedure reverts when control returns from it (as every SET option does): the caller's UPDATE after the call changes every row
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/set-statements-transact-sql
-- expect: [[{"updated": 3}]]
CREATE TABLE dbo.Flag (Id int NOT NULL PRIMARY KEY, Seen bit NOT NULL)
GO
CREATE PROCEDURE dbo.usp_Limit AS BEGIN SET ROWCOUNT 1; END
GO
-- test
INSERT INTO dbo.Flag VALUES (1, 0), (2, 0), (3, 0);
EXEC dbo.usp_Limit;
UPDATE dbo.Flag SET Seen = 1 WHERE Seen = 0;
SELECT @@ROWCOUNT AS updated;
