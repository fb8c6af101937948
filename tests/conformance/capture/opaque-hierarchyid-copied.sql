-- rule: hierarchyid and geography values stored or copied keep their value (here their text form)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/hierarchyid-data-type-method-reference
-- expect: [[{"Id": 1, "Node": "/1/"}, {"Id": 2, "Node": "/1/3/"}]]
-- input: dbo.Org
--| Id,Node,Loc
--| 1,/1/,POINT (1 2)
--| 2,/1/3/,
CREATE TABLE dbo.Org (Id int NOT NULL, Node hierarchyid NULL, Loc geography NULL);
GO
CREATE TABLE dbo.OrgCopy (Id int NOT NULL, Node hierarchyid NULL, Loc geography NULL);
GO
-- test
INSERT INTO dbo.OrgCopy SELECT Id, Node, Loc FROM dbo.Org;
SELECT Id, CAST(Node AS varchar(20)) AS Node FROM dbo.OrgCopy ORDER BY Id;
