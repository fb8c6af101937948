-- rule: a MERGE's OUTPUT gives a row for each row WHEN NOT MATCHED BY SOURCE THEN UPDATE changed, also one whose values do not change: $action 'UPDATE', inserted.* its new values, deleted.* its old ones
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/output-clause-transact-sql
-- expect: [[{"Rows": 2}], [{"Action": "UPDATE", "New ID": 20, "New Name": "Bolt & Co", "New Active": 0, "New Seen": "2026-11-01", "Old ID": 20, "Old Name": "Bolt & Co", "Old Active": 1, "Old Seen": "2026-11-01"}, {"Action": "UPDATE", "New ID": 40, "New Name": "Dover Inc", "New Active": 0, "New Seen": "2026-06-01", "Old ID": 40, "Old Name": "Dover Inc", "Old Active": 0, "Old Seen": "2026-06-01"}], [{"Customer ID": 10, "Is Active": 1}, {"Customer ID": 20, "Is Active": 0}, {"Customer ID": 30, "Is Active": 1}, {"Customer ID": 40, "Is Active": 0}]]
-- input: dbo.Customer Master
--| Customer ID,Customer Name,Is Active,Last Seen
--| 10,Acme Ltd,1,2026-11-01
--| 20,Bolt & Co,1,2026-11-01
--| 30,Crane plc,1,2026-11-01
--| 40,Dover Inc,0,2026-06-01
CREATE TABLE dbo.[Customer Master] ([Customer ID] int NOT NULL PRIMARY KEY, [Customer Name] varchar(40) NOT NULL, [Is Active] bit NOT NULL, [Last Seen] date NULL);
GO
CREATE TABLE dbo.[Customer Audit] ([Action] nvarchar(10) NOT NULL, [New ID] int NULL, [New Name] varchar(40) NULL, [New Active] bit NULL, [New Seen] date NULL, [Old ID] int NULL, [Old Name] varchar(40) NULL, [Old Active] bit NULL, [Old Seen] date NULL);
GO
-- test
CREATE TABLE #Feed ([Customer ID] int NOT NULL);
INSERT INTO #Feed ([Customer ID]) VALUES (10), (30);
MERGE dbo.[Customer Master] AS tgt
USING #Feed AS src ON tgt.[Customer ID] = src.[Customer ID]
WHEN NOT MATCHED BY SOURCE THEN UPDATE SET [Is Active] = 0
OUTPUT $action, inserted.*, deleted.* INTO dbo.[Customer Audit];
SELECT @@ROWCOUNT AS [Rows];
SELECT [Action], [New ID], [New Name], [New Active], [New Seen], [Old ID], [Old Name], [Old Active], [Old Seen] FROM dbo.[Customer Audit] ORDER BY [New ID];
SELECT [Customer ID], [Is Active] FROM dbo.[Customer Master] ORDER BY [Customer ID];
