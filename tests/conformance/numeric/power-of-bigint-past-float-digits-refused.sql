-- rule: SQL Server computes POWER in float; past 2^53 a power of a base other than two may lose digits, and which it keeps is not documented: refused
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/power-transact-sql
-- expect-refused: POWER of a bigint past 2^53
-- test
DECLARE @Base bigint = 3;
SELECT POWER(@Base, 39) AS [Packet Space];
