-- rule: ISNULL returns the type of its first argument, so a text replacement becomes a datetime2 value
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/isnull-transact-sql
-- expect: [[{"n": 2, "v": "9999-12-31 00:00:00.0000000"}]]
-- test
DECLARE @t TABLE (ValidTo datetime2 NULL);
INSERT INTO @t VALUES (NULL), ('2020-01-01'), ('2030-01-01');
DECLARE @d datetime2 = '2025-06-01';
SELECT (SELECT COUNT(*) FROM @t WHERE ISNULL(ValidTo, '9999-12-31') > @d) AS n,
  (SELECT MAX(ISNULL(ValidTo, '9999-12-31')) FROM @t) AS v;
