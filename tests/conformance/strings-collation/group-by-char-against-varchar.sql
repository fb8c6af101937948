-- rule: a char(n) value (padded with blanks to n) and the same text in a varchar column are equal, so they group together when gathered into one column
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/set-ansi-padding-transact-sql
-- expect: [[{"n": 2, "total": 30, "widest": 8}]]
-- test
DECLARE @c TABLE (Code char(8), Amount int);
DECLARE @v TABLE (Code varchar(8), Amount int);
DECLARE @all TABLE (Code varchar(8), Amount int);
INSERT INTO @c VALUES ('AB', 10);
INSERT INTO @v VALUES ('AB', 20);
INSERT INTO @all SELECT Code, Amount FROM @c;
INSERT INTO @all SELECT Code, Amount FROM @v;
SELECT COUNT(*) AS n, SUM(Amount) AS total, MAX(DATALENGTH(Code)) AS widest FROM @all GROUP BY Code;
