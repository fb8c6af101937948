-- rule: a computed column that is not PERSISTED is computed where a query reads it: a read of one whose expression the emulator cannot compute (a hierarchyid method) is refused at the reading statement, the writes before it having run
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/tables/specify-computed-columns-in-a-table
-- expect-refused: reading the computed column Node Level of dbo.RegionNode
-- input: dbo.RegionNode
--| Node,Region Code
--| /,EU
--| /1/,EU-N
CREATE TABLE dbo.RegionNode (
    [Node]        hierarchyid  NOT NULL,
    [Region Code] varchar(10)  NOT NULL PRIMARY KEY,
    [Node Level]  AS [Node].GetLevel()
);
GO
-- test
DELETE FROM dbo.RegionNode WHERE [Region Code] = 'EU';
SELECT [Region Code] FROM dbo.RegionNode;
SELECT [Region Code], [Node Level] FROM dbo.RegionNode ORDER BY [Region Code];
