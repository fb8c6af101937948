-- rule: DISTINCT under a case-insensitive collation treats A and a (and trailing blanks) as one value
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/collations
-- expect: [[{"n": 2}]]
-- test
DECLARE @t TABLE (s varchar(10));
INSERT INTO @t VALUES ('a'), ('A'), ('a  '), ('b'), (NULL);
SELECT COUNT(DISTINCT s) AS n FROM @t;
