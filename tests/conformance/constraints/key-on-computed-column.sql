-- rule: a PRIMARY KEY over a persisted computed column is a key like any other: two rows computing one value fail with 2627
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/errors-events/mssqlserver-2627-database-engine-error
-- expect-error: 2627
CREATE TABLE dbo.Pair (X int NOT NULL, Y int NOT NULL, Z AS (X * 10 + Y) PERSISTED NOT NULL, CONSTRAINT PK_Pair PRIMARY KEY (Z));
GO
-- test
INSERT INTO dbo.Pair (X, Y) VALUES (1, 2);
INSERT INTO dbo.Pair (X, Y) VALUES (0, 12);
