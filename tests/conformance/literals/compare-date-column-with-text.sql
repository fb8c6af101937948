-- rule: a comparison converts the text to the column's date type
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/data-type-precedence-transact-sql
-- expect: [[{"n": 2}]]
-- test
DECLARE @t TABLE (d datetime2);
INSERT INTO @t VALUES ('2020-01-01 10:11:12.1234567'), ('20200102'), ('2019-12-31');
SELECT COUNT(*) AS n FROM @t WHERE d > '20200101';
