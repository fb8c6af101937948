-- rule: + of two varchar(n) values without a MAX operand is at most varchar(8000), nvarchar at most 4,000 characters: a longer result is cut silently; with a MAX operand it is whole
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/string-concatenation-transact-sql
-- expect: [[{"v": 8000, "n": 4000, "m": 10000}]]
-- test
DECLARE @a varchar(5000) = REPLICATE('a', 5000), @b varchar(5000) = REPLICATE('b', 5000);
DECLARE @na nvarchar(3000) = REPLICATE(N'x', 3000), @nb nvarchar(3000) = REPLICATE(N'y', 3000);
DECLARE @big varchar(max), @nbig nvarchar(max), @m varchar(max);
SET @big = @a + @b;
SET @nbig = @na + @nb;
SET @m = CAST(@a AS varchar(max)) + @b;
SELECT LEN(@big) AS v, LEN(@nbig) AS n, LEN(@m) AS m;
