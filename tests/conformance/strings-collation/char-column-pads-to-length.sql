-- rule: a char(n) column stores its value padded with blanks to n characters (INSERT and UPDATE alike), a varchar column keeps what it is given, blanks included, and a char(n) variable is padded too
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/char-and-varchar-transact-sql
-- expect: [[{"Code": "AB      ", "d": 8, "v": "AB      ", "dv": 8, "u": "X  ", "x": "a    ", "dx": 5}]]
-- test
DECLARE @c TABLE (Code char(8), U char(3));
DECLARE @v TABLE (Code varchar(8));
DECLARE @x char(5) = 'a';
INSERT INTO @c VALUES ('AB', 'Y');
UPDATE @c SET U = 'X';
INSERT INTO @v SELECT Code FROM @c;
SELECT c.Code, DATALENGTH(c.Code) AS d, v.Code AS v, DATALENGTH(v.Code) AS dv, c.U AS u, @x AS x, DATALENGTH(@x) AS dx FROM @c c CROSS JOIN @v v;
