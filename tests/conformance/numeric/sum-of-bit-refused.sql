-- rule: bit supports COUNT but not SUM, AVG, MIN or MAX (error 8117 when the batch compiles): refused where written
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/bit-transact-sql
-- expect-refused: SUM of a bit value
CREATE TABLE dbo.Line (Id int, Flag bit)
GO
-- test
SELECT SUM(Flag) AS s FROM dbo.Line;
