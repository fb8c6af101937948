-- rule: WHEN NOT MATCHED BY SOURCE AND <condition> THEN UPDATE changes only the unmatched rows for which the condition is TRUE: a row where it is UNKNOWN (a NULL compared) is neither updated nor output
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/merge-transact-sql
-- expect: [[{"Rows": 1}], [{"Act": "UPDATE", "Contract No": "C-200", "Was": "Live", "Now": "Lapsed"}], [{"Contract No": "C-100", "Status": "Live"}, {"Contract No": "C-200", "Status": "Lapsed"}, {"Contract No": "C-300", "Status": "Live"}, {"Contract No": "C-400", "Status": "Live"}]]
-- input: dbo.Supply Contract
--| Contract No,Status,End Date
--| C-100,Live,2027-03-31
--| C-200,Live,2026-10-31
--| C-300,Live,
--| C-400,Live,2027-01-31
CREATE TABLE dbo.[Supply Contract] ([Contract No] varchar(10) NOT NULL PRIMARY KEY, [Status] varchar(10) NOT NULL, [End Date] date NULL);
GO
-- test
DECLARE @AsOf date = '20261207';
DECLARE @Log TABLE (Act nvarchar(10), [Contract No] varchar(10), Was varchar(10), Now varchar(10));
MERGE dbo.[Supply Contract] AS sc
USING (SELECT 'C-100' AS [Contract No] UNION ALL SELECT 'C-400') AS feed ON sc.[Contract No] = feed.[Contract No]
WHEN NOT MATCHED BY SOURCE AND sc.[End Date] < @AsOf THEN
  UPDATE SET sc.[Status] = 'Lapsed'
OUTPUT $action, inserted.[Contract No], deleted.[Status], inserted.[Status] INTO @Log;
SELECT @@ROWCOUNT AS [Rows];
SELECT Act, [Contract No], Was, Now FROM @Log ORDER BY [Contract No];
SELECT [Contract No], [Status] FROM dbo.[Supply Contract] ORDER BY [Contract No];
