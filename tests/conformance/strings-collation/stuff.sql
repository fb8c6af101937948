-- rule: STUFF deletes length characters at start and inserts the string
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/stuff-transact-sql
-- expect: [[{"v": "aijklmnef"}]]
-- test
SELECT STUFF('abcdef', 2, 3, 'ijklmn') AS v;
