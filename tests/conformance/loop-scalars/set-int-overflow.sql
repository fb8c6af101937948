-- rule: a SET that takes an int variable past 2147483647 is arithmetic overflow error 8115, also in a loop
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/int-bigint-smallint-and-tinyint-transact-sql
-- expect-error: 8115
-- test
DECLARE @i int = 2147483640;
WHILE 1 = 1
    SET @i = @i + 1;
