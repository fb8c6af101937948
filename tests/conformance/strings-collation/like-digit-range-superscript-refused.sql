-- rule: a LIKE range covers the characters the collation sorts between its ends: under Latin1_General_CI_AS [0-9] also holds ², ³, ¹, ¼, ½ and ¾, which code points put elsewhere, so the emulator refuses such text against a digit range
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/like-transact-sql
-- expect-refused: LIKE with a [ ] range over text holding characters beyond printable ASCII
-- input: dbo.Flat
--| Id,Label
--| 1,Apt ²
CREATE TABLE dbo.Flat (Id int NOT NULL, Label nvarchar(40) NULL)
GO
-- test
SELECT COUNT(*) AS with_digit FROM dbo.Flat WHERE Label LIKE '%[0-9]%';
