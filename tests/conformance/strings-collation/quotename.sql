-- rule: QUOTENAME brackets a name and doubles a closing bracket
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/quotename-transact-sql
-- expect: [[{"v": "[abc[]]def]"}]]
-- test
SELECT QUOTENAME('abc[]def') AS v;
