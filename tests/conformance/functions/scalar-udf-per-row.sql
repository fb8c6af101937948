-- rule: a scalar user-defined function is evaluated for each row, its argument converted to the parameter type and its result to the RETURNS type
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/create-function-transact-sql
-- expect: [[{"Id": 1, "Band": "low", "Half": 1}, {"Id": 2, "Band": "high", "Half": 7}, {"Id": 3, "Band": null, "Half": null}]]
-- input: dbo.Sale
--| Id,Amount
--| 1,3.90
--| 2,15.50
--| 3,
CREATE TABLE dbo.Sale (Id int NOT NULL PRIMARY KEY, Amount decimal(9,2) NULL);
GO
CREATE FUNCTION dbo.Band (@amount decimal(9,2)) RETURNS varchar(4)
AS
BEGIN
    IF @amount IS NULL RETURN NULL;
    IF @amount >= 10 RETURN 'high';
    RETURN 'low';
END
GO
CREATE FUNCTION dbo.HalfOf (@n int) RETURNS int AS BEGIN RETURN @n / 2 END
GO
-- test
SELECT Id, dbo.Band(Amount) AS Band, dbo.HalfOf(Amount) AS Half FROM dbo.Sale ORDER BY Id;
