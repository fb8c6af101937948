-- rule: a MERGE's OUTPUT gives one row per changed row whatever clause changed it: WHEN MATCHED … UPDATE and WHEN NOT MATCHED BY SOURCE AND <condition> THEN UPDATE as 'UPDATE' (old and new values), WHEN NOT MATCHED BY SOURCE THEN DELETE as 'DELETE' (inserted.* NULL), WHEN NOT MATCHED BY TARGET as 'INSERT' (deleted.* NULL); a matched row whose clause condition is false is not changed nor output
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/merge-transact-sql
-- expect: [[{"Rows": 4}], [{"Action": "DELETE", "Old ID": 4, "New ID": null, "Old Meter": "M-004", "New Meter": null, "Old Status": "Closed", "New Status": null, "Closed On": null}, {"Action": "INSERT", "Old ID": null, "New ID": 5, "Old Meter": null, "New Meter": "M-005", "Old Status": null, "New Status": "Active", "Closed On": null}, {"Action": "UPDATE", "Old ID": 2, "New ID": 2, "Old Meter": "M-002", "New Meter": "M-222", "Old Status": "Active", "New Status": "Active", "Closed On": null}, {"Action": "UPDATE", "Old ID": 3, "New ID": 3, "Old Meter": "M-003", "New Meter": "M-003", "Old Status": "Active", "New Status": "Closed", "Closed On": "2026-12-07"}], [{"SP ID": 1, "Meter No": "M-001", "Status": "Active", "Closed On": null}, {"SP ID": 2, "Meter No": "M-222", "Status": "Active", "Closed On": null}, {"SP ID": 3, "Meter No": "M-003", "Status": "Closed", "Closed On": "2026-12-07"}, {"SP ID": 5, "Meter No": "M-005", "Status": "Active", "Closed On": null}]]
-- input: dbo.Service Point
--| SP ID,Meter No,Status,Closed On
--| 1,M-001,Active,
--| 2,M-002,Active,
--| 3,M-003,Active,
--| 4,M-004,Closed,2026-01-31
CREATE TABLE dbo.[Service Point] ([SP ID] int NOT NULL PRIMARY KEY, [Meter No] varchar(12) NOT NULL, [Status] varchar(10) NOT NULL, [Closed On] date NULL);
GO
-- test
DECLARE @CloseDate date = '20261207';
DECLARE @Changes TABLE ([Action] nvarchar(10), [Old ID] int, [New ID] int, [Old Meter] varchar(12), [New Meter] varchar(12), [Old Status] varchar(10), [New Status] varchar(10), [Closed On] date);
CREATE TABLE #SP ([SP ID] int NOT NULL, [Meter No] varchar(12) NOT NULL);
INSERT INTO #SP VALUES (1, 'M-001'), (2, 'M-222'), (5, 'M-005');
MERGE dbo.[Service Point] AS t
USING #SP AS s ON t.[SP ID] = s.[SP ID]
WHEN MATCHED AND t.[Meter No] <> s.[Meter No] THEN
  UPDATE SET [Meter No] = s.[Meter No]
WHEN NOT MATCHED BY TARGET THEN
  INSERT ([SP ID], [Meter No], [Status]) VALUES (s.[SP ID], s.[Meter No], 'Active')
WHEN NOT MATCHED BY SOURCE AND t.[Status] = 'Active' THEN
  UPDATE SET [Status] = 'Closed', [Closed On] = @CloseDate
WHEN NOT MATCHED BY SOURCE THEN
  DELETE
OUTPUT $action, deleted.[SP ID], inserted.[SP ID], deleted.[Meter No], inserted.[Meter No], deleted.[Status], inserted.[Status], inserted.[Closed On] INTO @Changes;
SELECT @@ROWCOUNT AS [Rows];
SELECT [Action], [Old ID], [New ID], [Old Meter], [New Meter], [Old Status], [New Status], [Closed On] FROM @Changes ORDER BY [Action], COALESCE([New ID], [Old ID]);
SELECT [SP ID], [Meter No], [Status], [Closed On] FROM dbo.[Service Point] ORDER BY [SP ID];
