-- rule: money holds values up to 922,337,203,685,477.5807: a quantity times a unit price, a sum and a difference past a hundred billion are money like any other (a wholesale year's revenue in yen)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/money-and-smallmoney-transact-sql
-- expect: [[{"Line Value": "123456789100.0000", "Year Revenue": "246913578200.1234", "Net": "-922337203685477.5808", "Top": "922337203685477.5807"}]]
-- input: dbo.Sales Line
--| Sales Line ID,Qty,Unit Price
--| 1,1000000,123456.7891
--| 2,1000000,123456.7891
--| 3,1,0.1234
CREATE TABLE dbo.[Sales Line] ([Sales Line ID] int NOT NULL PRIMARY KEY, [Qty] int NOT NULL, [Unit Price] money NOT NULL);
GO
-- test
DECLARE @Low money = -922337203685477.5807, @High money = 922337203685477.5806;
SELECT (SELECT [Qty] * [Unit Price] FROM dbo.[Sales Line] WHERE [Sales Line ID] = 1) AS [Line Value],
       (SELECT SUM([Qty] * [Unit Price]) FROM dbo.[Sales Line]) AS [Year Revenue],
       @Low - $0.0001 AS [Net],
       @High + $0.0001 AS [Top];
