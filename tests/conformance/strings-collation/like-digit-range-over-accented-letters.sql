-- rule: a LIKE range covers the characters the collation sorts between its ends; every default collation sorts letters, accented or of another script, after all digits, so [0-9] never holds ß, é or Ο, and PATINDEX finds the first digit of such text as it would in ASCII
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/like-transact-sql
-- expect: [[{"Id": 1, "pos": 13, "has_digit": 1}, {"Id": 2, "pos": 12, "has_digit": 1}, {"Id": 3, "pos": 0, "has_digit": 0}]]
-- input: dbo.Addr
--| Id,Street
--| 1,Hauptstraße 12
--| 2,Οδός Ερμού 5
--| 3,Rue de l'Église
CREATE TABLE dbo.Addr (Id int NOT NULL, Street nvarchar(40) NULL)
GO
-- test
SELECT Id, PATINDEX('%[0-9]%', Street) AS pos, CASE WHEN Street LIKE '%[0-9]%' THEN 1 ELSE 0 END AS has_digit FROM dbo.Addr ORDER BY Id;
