-- rule: SELECT * reads every column of the table, a computed one too: it is refused when the emulator cannot compute that column's expression
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/tables/specify-computed-columns-in-a-table
-- expect-refused: reading the computed column Node Level of dbo.RegionNode
-- input: dbo.RegionNode
--| Node,Region Code
--| /1/,EU-N
CREATE TABLE dbo.RegionNode (
    [Node]        hierarchyid  NOT NULL,
    [Region Code] varchar(10)  NOT NULL PRIMARY KEY,
    [Node Level]  AS [Node].GetLevel()
);
GO
-- test
SELECT * INTO #regions FROM dbo.RegionNode;
