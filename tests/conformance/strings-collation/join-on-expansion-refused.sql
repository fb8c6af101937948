-- rule: equality of Unicode text follows the collation, which equates an expanding letter with its spelled-out form (œ with oe, ß with ss); the emulator refuses to compare such text rather than answer by code points
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/collations/collation-and-unicode-support
-- expect-refused: comparing or grouping text holding characters SQL Server's collation may equate with other spellings
-- input: dbo.Word
--| Id,W
--| 1,cœur
--| 2,coeur
CREATE TABLE dbo.Word (Id int NOT NULL, W nvarchar(20) NULL)
GO
-- test
SELECT a.Id, b.Id AS Id2 FROM dbo.Word a JOIN dbo.Word b ON a.W = b.W AND a.Id < b.Id;
