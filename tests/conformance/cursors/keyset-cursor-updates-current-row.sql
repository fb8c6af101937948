-- rule: a KEYSET cursor fixes its rows and their order at OPEN; a loop that updates only the row it is on fetches the same rows as a STATIC cursor would
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/declare-cursor-transact-sql
-- expect: [[{"Id": 1, "Rank": 10}, {"Id": 2, "Rank": 20}, {"Id": 3, "Rank": 30}]]
-- input: dbo.Task
--| Id,Prio,Rank
--| 1,5,
--| 2,7,
--| 3,9,
CREATE TABLE dbo.Task (Id int NOT NULL PRIMARY KEY, Prio int NOT NULL, Rank int NULL)
GO
-- test
DECLARE @id int, @n int = 0;
DECLARE c CURSOR LOCAL KEYSET FOR SELECT Id FROM dbo.Task ORDER BY Prio;
OPEN c;
FETCH NEXT FROM c INTO @id;
WHILE @@FETCH_STATUS = 0
BEGIN
    SET @n = @n + 10;
    UPDATE dbo.Task SET Rank = @n WHERE Id = @id;
    FETCH NEXT FROM c INTO @id;
END
CLOSE c;
DEALLOCATE c;
SELECT Id, Rank FROM dbo.Task ORDER BY Id;
