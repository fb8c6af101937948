-- rule: hierarchyid orders depth-first by its binary form, which the emulator does not reproduce: ordering by it is refused
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/hierarchical-data-sql-server
-- expect-refused: comparing, ordering or computing with geography, geometry, hierarchyid or sql_variant values
CREATE TABLE dbo.Org (Id int NOT NULL, Node hierarchyid NULL);
GO
-- test
SELECT Id FROM dbo.Org ORDER BY Node;
