-- rule: STR rounds a float; how SQL Server rounds a value exactly halfway, or one stored just below halfway that prints as halfway (2.675 is stored as 2.67499999999999982), is not documented: refused where the value is met
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/str-transact-sql
-- expect-refused: STR of a float just below halfway
-- test
SELECT STR(2.675, 5, 2) AS a;
