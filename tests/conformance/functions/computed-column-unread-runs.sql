-- rule: a computed column that is not PERSISTED is not stored and is computed only where a query reads it: queries over the table's other columns run even when its expression is one the emulator cannot compute
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/tables/specify-computed-columns-in-a-table
-- expect: [[{"Region Code": "EU-N", "Region Name": "Nordics"}, {"Region Code": "EU-S", "Region Name": "Southern Europe (new)"}, {"Region Code": "EU-W", "Region Name": "Western Europe"}], [{"regions": 3}]]
-- input: dbo.RegionNode
--| Node,Region Code,Region Name
--| /,EU,Europe
--| /1/,EU-N,Nordics
--| /2/,EU-S,Southern Europe
CREATE TABLE dbo.RegionNode (
    [Node]        hierarchyid  NOT NULL,
    [Region Code] varchar(10)  NOT NULL PRIMARY KEY,
    [Region Name] varchar(40)  NOT NULL,
    [Node Level]  AS [Node].GetLevel()
);
GO
CREATE TABLE dbo.RegionReport ([Region Code] varchar(10) NOT NULL PRIMARY KEY, [Region Name] varchar(40) NOT NULL);
GO
-- test
INSERT INTO dbo.RegionReport ([Region Code], [Region Name])
SELECT n.[Region Code], n.[Region Name] FROM dbo.RegionNode n WHERE n.[Region Code] <> 'EU';
INSERT INTO dbo.RegionReport ([Region Code], [Region Name]) VALUES ('EU-W', 'Western Europe');
UPDATE r SET [Region Name] = r.[Region Name] + ' (new)'
FROM dbo.RegionReport r JOIN dbo.RegionNode n ON n.[Region Code] = r.[Region Code]
WHERE n.[Region Name] = 'Southern Europe';
SELECT [Region Code], [Region Name] FROM dbo.RegionReport ORDER BY [Region Code];
SELECT COUNT(*) AS regions FROM dbo.RegionNode;
