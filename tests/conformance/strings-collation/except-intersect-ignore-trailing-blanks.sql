-- rule: EXCEPT and INTERSECT compare rows as the collation compares them: text differing only in trailing blanks or case is the same value, NULL matches NULL, and each result row is distinct
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/set-operators-except-and-intersect-transact-sql
-- expect: [[{"n": 0}], [{"n": 1}], [{"n": 1}], [{"n": 3}], [{"new_codes": 1, "kept": 2}]]
-- test
SELECT COUNT(*) AS n FROM (SELECT 'a ' AS x EXCEPT SELECT 'A') d;
SELECT COUNT(*) AS n FROM (SELECT 'a ' AS x INTERSECT SELECT 'A') d;
SELECT COUNT(*) AS n FROM (SELECT x FROM (VALUES ('a'), ('A '), ('a  ')) v(x) EXCEPT SELECT 'b') d;
SELECT COUNT(*) AS n FROM (SELECT x, y FROM (VALUES ('a', 1), ('A ', 1), ('a', 2), (NULL, 3)) v(x, y) INTERSECT SELECT x, y FROM (VALUES ('a', 1), ('b', 2), ('a ', 2), (NULL, 3)) w(x, y)) d;
-- the load-only-new-rows idiom, with a char(6) dimension (its codes padded) against varchar staging
DECLARE @dim TABLE (Code char(6));
DECLARE @stage TABLE (Code varchar(6));
INSERT INTO @dim VALUES ('N1'), ('s2');
INSERT INTO @stage VALUES ('N1'), ('S2 '), ('n3');
INSERT INTO @dim SELECT Code FROM @stage EXCEPT SELECT Code FROM @dim ORDER BY Code;
SELECT SUM(CASE WHEN Code = 'n3' THEN 1 ELSE 0 END) AS new_codes, SUM(CASE WHEN Code <> 'n3' THEN 1 ELSE 0 END) AS kept FROM @dim;
