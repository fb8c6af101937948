-- rule: text converted to xml inside a query is stored in SQL Server's form (white space between elements dropped), which a query over any row cannot be shown to reproduce: refused unless the text is already in that form
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/cast-and-convert-transact-sql
-- expect-refused: text converted to xml inside a query
-- input: dbo.Inbox
--| Id,Body
--| 1,"<Ev code=""PU"">  <At>2015-03-02</At></Ev>"
CREATE TABLE dbo.Inbox (Id int, Body nvarchar(200))
CREATE TABLE dbo.Stored (Id int, Doc xml)
GO
-- test
INSERT INTO dbo.Stored (Id, Doc) SELECT Id, CAST(Body AS xml) FROM dbo.Inbox;
SELECT Id, CAST(Doc AS nvarchar(200)) AS Doc FROM dbo.Stored;
