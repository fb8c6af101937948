-- rule: DATEDIFF past int fails with 535 (milliseconds over more than 24 days); DATEDIFF_BIG counts on
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/datediff-transact-sql
-- expect: [[{"n": 535}], [{"big": 2419200000}]]
-- test
DECLARE @a datetime = '2016-02-01', @b datetime = '2016-02-29';
BEGIN TRY SELECT DATEDIFF(millisecond, @a, @b) AS v; END TRY
BEGIN CATCH SELECT ERROR_NUMBER() AS n; END CATCH
SELECT DATEDIFF_BIG(millisecond, @a, @b) AS big;
