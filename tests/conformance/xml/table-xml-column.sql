-- rule: nodes() and value() apply to an xml column row by row: CROSS APPLY shreds each row's document (a NULL document gives no rows), value() of the column reads each row's own
-- source: https://learn.microsoft.com/en-us/sql/t-sql/xml/nodes-method-xml-data-type
-- expect: [[{"Id": 1, "OrderId": 10, "Amount": "1.50"}, {"Id": 1, "OrderId": 11, "Amount": "2.00"}, {"Id": 2, "OrderId": 20, "Amount": null}], [{"Id": 1, "Batch": "A", "HasRush": 1}, {"Id": 2, "Batch": "B", "HasRush": 0}, {"Id": 3, "Batch": null, "HasRush": null}]]
-- input: dbo.Inbox
--| Id,Payload
--| 1,"<Orders Batch=""A""><Order Id=""10"" Rush=""1""><Amount>1.5</Amount></Order><Order Id=""11""><Amount>2</Amount></Order></Orders>"
--| 2,"<Orders Batch=""B""><Order Id=""20"" /></Orders>"
--| 3,
CREATE TABLE dbo.Inbox (Id int, Payload xml)
GO
-- test
SELECT i.Id, t.o.value('@Id', 'int') AS OrderId, t.o.value('(Amount)[1]', 'decimal(9,2)') AS Amount
FROM dbo.Inbox AS i CROSS APPLY i.Payload.nodes('/Orders/Order') AS t(o)
ORDER BY i.Id, OrderId;
SELECT Id, Payload.value('(/Orders/@Batch)[1]', 'varchar(5)') AS Batch, Payload.exist('/Orders/Order[1]/@Rush') AS HasRush
FROM dbo.Inbox ORDER BY Id;
