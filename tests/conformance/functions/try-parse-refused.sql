-- rule: TRY_PARSE reads text by .NET culture rules, which are not emulated: refused where written
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/try-parse-transact-sql
-- expect-refused: TRY_PARSE (it reads text by .NET
-- test
DECLARE @t varchar(20) = '1,250.00';
SELECT TRY_PARSE(@t AS money USING 'en-US') AS v;
