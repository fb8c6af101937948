-- rule: SET @variable = column = expression gives the variable the value as the column holds it (converted to the column's type first: 7.5 into an int column is 7), then converted to the variable's type
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/update-transact-sql
-- expect: [[{"asInt": "7", "asDec": "7.00", "viaDecimal": "2.3", "compound": "12.50"}]]
-- input: dbo.Account
--| Id,Units,Balance,Rate
--| 1,0,10.25,2.25
CREATE TABLE dbo.Account (Id int NOT NULL PRIMARY KEY, Units int NOT NULL, Balance money NOT NULL, Rate decimal(5,1) NULL)
GO
-- test
DECLARE @asInt varchar(10), @asDec decimal(9,2), @viaDecimal varchar(10), @compound decimal(9,2);
UPDATE dbo.Account SET @asInt = Units = 7.5 WHERE Id = 1;
UPDATE dbo.Account SET @asDec = Units = 7.5 WHERE Id = 1;
UPDATE dbo.Account SET @viaDecimal = Rate = 2.25 WHERE Id = 1;
UPDATE dbo.Account SET @compound = Balance += 2.25 WHERE Id = 1;
SELECT @asInt AS asInt, @asDec AS asDec, @viaDecimal AS viaDecimal, @compound AS compound;
