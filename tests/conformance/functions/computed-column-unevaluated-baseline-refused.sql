-- rule: a procedure's writes to a table with a non-PERSISTED computed column run (the column is computed only where read; a trigger, OUTPUT and a savepoint that do not read it run too), but the table's baseline shows every column: refused when the emulator cannot compute that column's expression
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/tables/specify-computed-columns-in-a-table
-- expect-refused: the baseline of dbo.RegionNode
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
CREATE TABLE dbo.RegionLog ([Region Code] varchar(10) NOT NULL);
GO
CREATE TRIGGER dbo.trg_RegionNode_Log ON dbo.RegionNode AFTER INSERT AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO dbo.RegionLog ([Region Code]) SELECT [Region Code] FROM inserted;
END
GO
-- test
DECLARE @changed TABLE ([New Code] varchar(10), [Old Code] varchar(10));
DECLARE @merged TABLE ([Action] nvarchar(10), [New Code] varchar(10));
INSERT INTO dbo.RegionNode ([Node], [Region Code]) SELECT [Node], 'EU-W' FROM dbo.RegionNode WHERE [Region Code] = 'EU';
UPDATE dbo.RegionNode SET [Region Code] = 'EU-X' OUTPUT inserted.[Region Code], deleted.[Region Code] INTO @changed WHERE [Region Code] = 'EU-W';
MERGE dbo.RegionNode AS t USING (SELECT 'EU-N' AS c) AS s ON t.[Region Code] = s.c
  WHEN MATCHED THEN UPDATE SET [Region Code] = 'EU-NN' OUTPUT $action, inserted.[Region Code] INTO @merged;
BEGIN TRAN;
SAVE TRAN before_purge;
DELETE FROM dbo.RegionNode;
ROLLBACK TRAN before_purge;
COMMIT;
SELECT [Region Code] FROM dbo.RegionNode ORDER BY [Region Code];
