-- rule: WITH XMLNAMESPACES may precede INSERT, UPDATE and DELETE as it precedes SELECT; the emulator refuses the statement, located at the declaration
-- source: https://learn.microsoft.com/en-us/sql/t-sql/xml/with-xmlnamespaces
-- expect-refused: WITH XMLNAMESPACES
CREATE TABLE dbo.[Shipment Event] ([Shipment No] varchar(20))
GO
-- test
DECLARE @Feed xml = N'<Feed><Ev Ship="S7"></Ev></Feed>';
WITH XMLNAMESPACES ('urn:carrier-feed' AS c)
INSERT INTO dbo.[Shipment Event] ([Shipment No])
SELECT f.e.value('@Ship', 'varchar(10)') FROM @Feed.nodes('/Feed/Ev') AS f(e);
