-- rule: in an SSDT project the SQLCMD variable $(DatabaseName) holds the name of the database being deployed, so [$(DatabaseName)].dbo.T is this database's dbo.T
-- source: https://learn.microsoft.com/en-us/previous-versions/visualstudio/visual-studio-2010/bb386162(v=vs.100)
-- expect: [[{"CurrencyCode": "EUR", "Rate": "1.000000"}]]
-- input: dbo.Currency
--| CurrencyCode,Rate
--| EUR,1.0
CREATE TABLE dbo.Currency (CurrencyCode char(3) NOT NULL, Rate decimal(18,6) NOT NULL)
GO
-- test
SELECT c.CurrencyCode, c.Rate FROM [$(DatabaseName)].[dbo].[Currency] AS c;
