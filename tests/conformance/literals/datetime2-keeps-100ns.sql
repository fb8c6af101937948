-- rule: datetime2(7) keeps seven fractional digits (100 ns)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/datetime2-transact-sql
-- expect: [[{"v": "2007-05-02 19:58:47.1234567", "s": "2007-05-02 19:58:47.1234567"}]]
-- test
DECLARE @v datetime2(7) = '2007-05-02T19:58:47.1234567';
SELECT @v AS v, CAST(@v AS varchar(30)) AS s;
