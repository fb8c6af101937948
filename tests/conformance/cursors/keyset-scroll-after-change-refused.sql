-- rule: a KEYSET cursor shows the current values of its rows at each FETCH; once the loop changed a table the query reads, the emulator (which holds the rows OPEN read) refuses a scrolling FETCH
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/declare-cursor-transact-sql
-- expect-refused: after the loop changed a table its query reads
-- input: dbo.Task
--| Id,Prio
--| 1,5
--| 2,7
CREATE TABLE dbo.Task (Id int NOT NULL PRIMARY KEY, Prio int NOT NULL)
GO
-- test
DECLARE @id int;
DECLARE c CURSOR LOCAL KEYSET FOR SELECT Id FROM dbo.Task ORDER BY Prio;
OPEN c;
FETCH LAST FROM c INTO @id;
UPDATE dbo.Task SET Prio = 1 WHERE Id = 1;
FETCH FIRST FROM c INTO @id;
