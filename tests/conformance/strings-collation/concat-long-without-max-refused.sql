-- rule: CONCAT of arguments none of which is varchar(max) or nvarchar(max) cuts a long result (its page: "truncates to 8,000"): past 4,000 characters the emulator refuses, never giving it whole
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/concat-transact-sql
-- expect-refused: CONCAT results longer than 4,000 characters
-- test
DECLARE @a varchar(5000) = REPLICATE('a', 5000), @b varchar(5000) = REPLICATE('b', 5000);
SELECT LEN(CONCAT(@a, @b)) AS n;
