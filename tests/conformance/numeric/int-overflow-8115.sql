-- rule: int arithmetic beyond 2147483647 is arithmetic overflow error 8115
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/int-bigint-smallint-and-tinyint-transact-sql
-- expect-error: 8115
-- test
DECLARE @i int = 2147483647;
SELECT @i + 1 AS v;
