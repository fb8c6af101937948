-- rule: an index over a computed column stores its value, so SQL Server computes it at every write even when it is not PERSISTED: one the emulator cannot compute is refused at the table
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/indexes/indexes-on-computed-columns
-- expect-refused: the method GetLevel()
CREATE TABLE dbo.RegionNode (
    [Node]        hierarchyid  NOT NULL,
    [Region Code] varchar(10)  NOT NULL PRIMARY KEY,
    [Node Level]  AS [Node].GetLevel()
);
GO
CREATE NONCLUSTERED INDEX [IX_RegionNode_Level] ON dbo.RegionNode ([Node Level]) INCLUDE ([Region Code]);
GO
-- test
SELECT [Region Code] FROM dbo.RegionNode;
