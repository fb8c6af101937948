-- rule: a comparison with ANY, SOME or ALL over a subquery compares text as the collation does, like = and IN: case and trailing blanks ignored (a char(n) value padded with blanks equals the varchar without them)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/some-any-transact-sql
-- expect: [[{"n": 1}], [{"n": 1}], [{"n": 0}], [{"n": 1}], [{"n": 1}]]
-- test
DECLARE @t TABLE (x varchar(5));
DECLARE @u TABLE (y char(5));
INSERT INTO @t VALUES ('a '), ('b');
INSERT INTO @u VALUES ('A');
SELECT COUNT(*) AS n FROM @t WHERE x = ANY (SELECT y FROM @u);
SELECT COUNT(*) AS n FROM @t WHERE x = SOME (SELECT y FROM @u);
SELECT COUNT(*) AS n FROM @t WHERE x = 'a' AND x <> ALL (SELECT y FROM @u);
SELECT COUNT(*) AS n FROM @t WHERE x > ALL (SELECT y FROM @u);
SELECT COUNT(*) AS n FROM @t WHERE x IN (SELECT y FROM @u);
