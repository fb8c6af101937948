-- rule: a PERSISTED computed column is computed when a row is written, so an expression that fails on a row fails the INSERT (here 8134, divide by zero), even when no query reads the column
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/tables/specify-computed-columns-in-a-table
-- expect-error: 8134
CREATE TABLE dbo.[Rate Card] (Units int NOT NULL, Amount money NOT NULL);
GO
ALTER TABLE dbo.[Rate Card] ADD [Unit Price] AS (Amount / Units) PERSISTED;
GO
-- test
INSERT INTO dbo.[Rate Card] (Units, Amount) VALUES (0, 10);
SELECT COUNT(*) AS n FROM dbo.[Rate Card];
