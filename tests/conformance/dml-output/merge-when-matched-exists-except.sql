-- rule: WHEN MATCHED AND EXISTS (SELECT s.a, s.b EXCEPT SELECT t.a, t.b) updates the rows that differ as EXCEPT compares them: NULL equal to NULL, text by the collation (case and trailing blanks ignored)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/set-operators-except-and-intersect-transact-sql
-- expect: [[{"rc": 1}], [{"Id": 1, "Name": "abc", "City": null}, {"Id": 2, "Name": "X", "City": null}, {"Id": 3, "Name": "Q", "City": null}, {"Id": 4, "Name": "same", "City": "same"}]]
-- input: dbo.T
--| Id,Name,City
--| 1,abc,
--| 2,X,y
--| 3,Q,
--| 4,same,same
-- input: dbo.S
--| Id,Name,City
--| 1,ABC ,
--| 2,X,
--| 3,Q,
--| 4,same,SAME
CREATE TABLE dbo.T (Id int NOT NULL PRIMARY KEY, Name varchar(10) NOT NULL, City varchar(10) NULL);
CREATE TABLE dbo.S (Id int NOT NULL, Name varchar(10) NOT NULL, City varchar(10) NULL);
GO
-- test
MERGE dbo.T AS t
USING dbo.S AS s ON t.Id = s.Id
WHEN MATCHED AND EXISTS (SELECT s.Name, s.City EXCEPT SELECT t.Name, t.City) THEN
  UPDATE SET t.Name = s.Name, t.City = s.City;
SELECT @@ROWCOUNT AS rc;
SELECT Id, Name, City FROM dbo.T ORDER BY Id;
