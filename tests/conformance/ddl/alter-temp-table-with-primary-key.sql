-- rule: ALTER TABLE … ADD of a nullable column keeps the table's PRIMARY KEY: existing rows get NULL in it, and a repeated key still fails with 2627 afterwards
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/alter-table-transact-sql
-- expect: [[{"Id": 1, "Qty": 10, "Note": null}, {"Id": 2, "Qty": 20, "Note": "two"}], [{"err": 2627}]]
-- test
CREATE TABLE #lines (Id int NOT NULL PRIMARY KEY, Qty int NOT NULL);
INSERT #lines (Id, Qty) VALUES (1, 10);
ALTER TABLE #lines ADD Note nvarchar(20) NULL;
INSERT #lines (Id, Qty, Note) VALUES (2, 20, N'two');
SELECT Id, Qty, Note FROM #lines ORDER BY Id;
BEGIN TRY
    INSERT #lines (Id, Qty) VALUES (2, 30);
END TRY
BEGIN CATCH
    SELECT ERROR_NUMBER() AS err;
END CATCH;
