-- rule: a key is checked against the rows there when the statement runs: deleting a row and inserting its key again in one transaction succeeds, as does an UPDATE that shifts every key by one
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/errors-events/mssqlserver-2627-database-engine-error
-- expect: [[{"Id": 2, "Amount": 9}, {"Id": 3, "Amount": 2}]]
CREATE TABLE dbo.Totals (Id int NOT NULL PRIMARY KEY, Amount int NOT NULL);
GO
-- test
INSERT INTO dbo.Totals (Id, Amount) VALUES (1, 1), (2, 2);
BEGIN TRANSACTION;
DELETE FROM dbo.Totals WHERE Id = 1;
INSERT INTO dbo.Totals (Id, Amount) VALUES (1, 9);
COMMIT;
UPDATE dbo.Totals SET Id = Id + 1;
SELECT Id, Amount FROM dbo.Totals ORDER BY Id;
