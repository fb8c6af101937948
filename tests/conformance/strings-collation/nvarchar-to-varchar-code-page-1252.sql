-- rule: nvarchar text whose characters code page 1252 holds (Latin-1 letters, and the 27 characters of 0x80-0x9F such as the euro sign, Œ and curly quotes) converts to varchar unchanged under the default Latin1 collations
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/collations/collation-and-unicode-support
-- expect: [[{"a": "Zoë Œuvre €5", "b": "‘ok’", "c": "É"}]]
-- test
DECLARE @n nvarchar(20) = N'Zoë Œuvre €5';
DECLARE @v varchar(20);
SET @v = @n;
SELECT @v AS a, CAST(N'‘ok’' AS varchar(10)) AS b, CONVERT(varchar(1), LEFT(N'Éric', 1)) AS c;
