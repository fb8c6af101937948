-- rule: WITH XMLNAMESPACES (DEFAULT 'uri') puts the unprefixed names of the statement's XQuery in that namespace, so they no longer select a document's unqualified elements: refused, never read as if undeclared
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/xml/add-namespaces-to-queries-with-with-xmlnamespaces
-- expect-refused: WITH XMLNAMESPACES
-- test
DECLARE @Feed xml = N'<Feed><Ev Ship="S7"></Ev></Feed>';
WITH XMLNAMESPACES (DEFAULT 'urn:carrier-feed')
SELECT f.e.value('@Ship', 'varchar(10)') AS [Shipment No] FROM @Feed.nodes('/Feed/Ev') AS f(e);
