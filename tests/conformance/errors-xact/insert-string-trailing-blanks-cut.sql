-- rule: only trailing blanks past a varchar(n) column's length are cut without an error; a variable silently keeps its first n characters
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/set-ansi-padding-transact-sql
-- expect: [[{"Code": "abc", "n": 3, "v": "xyz"}]]
CREATE TABLE dbo.Codes (Code varchar(3) NOT NULL);
GO
-- test
DECLARE @v varchar(3) = 'xyzzy';
INSERT INTO dbo.Codes (Code) VALUES ('abc   ');
SELECT Code, LEN(Code) AS n, @v AS v FROM dbo.Codes;
