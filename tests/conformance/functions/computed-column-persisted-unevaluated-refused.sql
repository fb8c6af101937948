-- rule: a PERSISTED computed column is computed and stored at every write: one whose expression the emulator cannot compute (a hierarchyid method) is refused at the table, even where no query reads it
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/tables/specify-computed-columns-in-a-table
-- expect-refused: the method GetLevel()
CREATE TABLE dbo.RegionNode (
    [Node]        hierarchyid  NOT NULL,
    [Region Code] varchar(10)  NOT NULL PRIMARY KEY,
    [Node Level]  AS [Node].GetLevel() PERSISTED
);
GO
-- test
INSERT INTO dbo.RegionNode ([Node], [Region Code]) SELECT [Node], 'EU-X' FROM dbo.RegionNode WHERE [Region Code] = 'EU';
SELECT [Region Code] FROM dbo.RegionNode;
