-- rule: datetime holds 1/300 s; widened to datetime2(7) a value ending in .003/.007 ms is .0033333/.0066667 at compatibility level 130+ and .0030000/.0070000 below, so the result depends on a database setting the capture does not know
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/datetime-transact-sql
-- expect-refused: converting to datetime2(7) of a datetime whose milliseconds end in 3 or 7 without the database's compatibility level
-- input: dbo.RawRead
--| Id,ReadAt
--| 1,2026-03-31 00:29:59.997
CREATE TABLE dbo.RawRead (Id int NOT NULL, ReadAt datetime NOT NULL);
GO
-- test
SELECT Id, CAST(ReadAt AS datetime2(7)) AS ReadAt2 FROM dbo.RawRead;
