-- rule: LIKE with a pattern from the data matches accented Latin letters as themselves under an accent-sensitive collation, case ignored: N'Müller' LIKE N'mü%' is true, N'Muller' LIKE N'mü%' is false
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/like-transact-sql
-- expect: [[{"PersonId": 1}]]
-- input: dbo.Person
--| PersonId,LastName
--| 1,Müller
--| 2,Muller
CREATE TABLE dbo.Person (PersonId int NOT NULL PRIMARY KEY, LastName nvarchar(40) NOT NULL);
GO
-- test
DECLARE @Prefix nvarchar(10);
SELECT @Prefix = N'mü' FROM dbo.Person WHERE PersonId = 1;
SELECT PersonId FROM dbo.Person WHERE LastName LIKE (SELECT @Prefix + N'%') ORDER BY PersonId;
