-- rule: arithmetic and concatenation with a NULL variable give NULL (CONCAT_NULL_YIELDS_NULL ON); a comparison with NULL is unknown, so neither IF branch nor its NOT is true
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/set-concat-null-yields-null-transact-sql
-- expect: [[{"n": null, "s": null, "branch": "neither"}]]
-- test
DECLARE @x int, @n int, @w varchar(10), @s varchar(20), @branch varchar(10) = 'neither';
SET @n = @x + 1;
SET @s = 'abc' + @w;
IF @x = 1 SET @branch = 'then';
IF NOT (@x = 1) SET @branch = 'not';
SELECT @n AS n, @s AS s, @branch AS branch;
