-- rule: comparing string variables uses the default collation SQL_Latin1_General_CP1_CI_AS: case-insensitive, trailing blanks ignored, accent-sensitive
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/collations
-- expect: [[{"caseless": 1, "blanks": 1, "leading": 0, "accent": 0}]]
-- test
DECLARE @c char(1) = 'e', @w varchar(10) = 'ABC  ', @caseless int = 0, @blanks int = 0, @leading int = 0, @accent int = 0;
IF @c = 'E' SET @caseless = 1;
IF @w = 'abc' SET @blanks = 1;
IF @w = '  abc' SET @leading = 1;
IF @c = N'é' SET @accent = 1;
SELECT @caseless AS caseless, @blanks AS blanks, @leading AS leading, @accent AS accent;
