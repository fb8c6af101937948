-- rule: CONCAT_WS skips NULL arguments and converts numbers to text
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/concat-ws-transact-sql
-- expect: [[{"v": "1 Microsoft Way,Redmond,WA,98052"}]]
-- test
SELECT CONCAT_WS(',', '1 Microsoft Way', NULL, NULL, 'Redmond', 'WA', 98052) AS v;
