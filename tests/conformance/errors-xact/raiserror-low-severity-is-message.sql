-- rule: RAISERROR with severity 10 or lower is an informational message
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/raiserror-transact-sql
-- expect: [[{"v": 1}]]
-- expect-print: ["just info"]
-- test
RAISERROR('just info', 10, 1);
SELECT 1 AS v;
