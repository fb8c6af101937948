-- rule: a MERGE's OUTPUT gives the old and new values of each row WHEN NOT MATCHED BY SOURCE THEN UPDATE changed; the emulator reads those rows back by the target's PRIMARY KEY, so on a table without one it refuses the OUTPUT, at that clause
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/output-clause-transact-sql
-- expect-refused: an OUTPUT clause on a MERGE with WHEN NOT MATCHED BY SOURCE THEN UPDATE that writes a table without a PRIMARY KEY
-- input: dbo.Meter Read Staging
--| Meter No,Read Value,Is Current
--| M-001,120,1
--| M-002,80,1
CREATE TABLE dbo.[Meter Read Staging] ([Meter No] varchar(12) NOT NULL, [Read Value] int NULL, [Is Current] bit NOT NULL);
GO
-- test
DECLARE @log TABLE (Act nvarchar(10), [Meter No] varchar(12));
MERGE dbo.[Meter Read Staging] AS t
USING (SELECT 'M-001' AS [Meter No]) AS s ON t.[Meter No] = s.[Meter No]
WHEN NOT MATCHED BY SOURCE THEN UPDATE SET [Is Current] = 0
OUTPUT $action, inserted.[Meter No] INTO @log;
SELECT Act, [Meter No] FROM @log;
