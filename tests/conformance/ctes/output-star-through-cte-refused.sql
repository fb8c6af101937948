-- rule: OUTPUT inserted.* of DML through a CTE gives the CTE's columns, which the emulator (reading the base table's rows) does not reproduce: refused
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/output-clause-transact-sql
-- expect-refused: OUTPUT inserted.* or deleted.* of DML through a CTE
CREATE TABLE dbo.Q (Id int NOT NULL PRIMARY KEY, Status char(1) NOT NULL, Note varchar(10) NULL);
GO
-- test
WITH c AS (SELECT Id, Status FROM dbo.Q WHERE Status = 'N')
UPDATE c SET Status = 'P'
OUTPUT inserted.*;
