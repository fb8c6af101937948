-- rule: a SET that takes an int variable past 2147483647 is arithmetic overflow error 8115, also in a loop; outside TRY it ends only that SET (ANSI_WARNINGS ON) and the loop goes on
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/int-bigint-smallint-and-tinyint-transact-sql
-- expect-error: 8115
-- test
DECLARE @i int = 2147483640, @n int = 0;
WHILE @n < 10
BEGIN
    SET @n = @n + 1;
    SET @i = @i + 1;
END
