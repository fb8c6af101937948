-- rule: ALTER TABLE inside a procedure: ADD of a NOT NULL column with a DEFAULT fills the existing rows with it, a nullable column with a DEFAULT leaves them NULL unless WITH VALUES (later inserts take the default), DROP COLUMN removes a column; SELECT * then lists the columns in their new order
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/alter-table-transact-sql
-- expect: [[{"Id": 1, "Score": 10, "Flag": "Y", "Region": null, "Tier": 3}, {"Id": 2, "Score": null, "Flag": "Y", "Region": null, "Tier": 3}, {"Id": 3, "Score": null, "Flag": "Y", "Region": "EU", "Tier": 3}]]
-- input: dbo.T
--| Id,Name
--| 1,a
--| 2,b
CREATE TABLE dbo.T (Id int, Name varchar(10))
GO
-- test
SELECT Id, Name INTO #w FROM dbo.T;
ALTER TABLE #w ADD Score int NULL, Flag char(1) NOT NULL DEFAULT 'Y';
ALTER TABLE #w ADD Region varchar(5) NULL DEFAULT 'EU';
ALTER TABLE #w ADD Tier int NULL CONSTRAINT DF_Tier DEFAULT 3 WITH VALUES;
CREATE NONCLUSTERED INDEX IX_w ON #w (Id);
UPDATE #w SET Score = 10 WHERE Id = 1;
INSERT #w (Id, Name) VALUES (3, 'c');
ALTER TABLE #w DROP COLUMN Name;
SELECT * FROM #w ORDER BY Id;
