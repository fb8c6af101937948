-- rule: which WHEN clause of a MERGE takes a row is decided once, against the rows as the MERGE finds them; the emulator finds the rows an OUTPUT beside WHEN NOT MATCHED BY SOURCE THEN UPDATE needs by evaluating the conditions again, so a condition drawing a value per row (RAND(), NEWID()) is refused, at the call
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/merge-transact-sql
-- expect-refused: an OUTPUT clause on a MERGE with WHEN NOT MATCHED BY SOURCE THEN UPDATE whose source, ON or WHEN condition draws a new value per row
-- input: dbo.Survey Panel
--| Member ID,In Sample
--| 1,1
--| 2,1
--| 3,0
CREATE TABLE dbo.[Survey Panel] ([Member ID] int NOT NULL PRIMARY KEY, [In Sample] bit NOT NULL);
GO
-- test
DECLARE @log TABLE (Act nvarchar(10), [Member ID] int);
MERGE dbo.[Survey Panel] AS p
USING (SELECT 1 AS [Member ID]) AS s ON p.[Member ID] = s.[Member ID]
WHEN MATCHED AND RAND() < 0.5 THEN UPDATE SET [In Sample] = 1
WHEN NOT MATCHED BY SOURCE THEN UPDATE SET [In Sample] = 0
OUTPUT $action, inserted.[Member ID] INTO @log;
SELECT Act, [Member ID] FROM @log;
