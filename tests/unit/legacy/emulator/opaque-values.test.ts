import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

const TABLES = `
CREATE TABLE dbo.Site (Id int NOT NULL PRIMARY KEY, Node hierarchyid NULL, Loc geography NULL, Extra sql_variant NULL, Doc xml NULL)
GO
CREATE TABLE dbo.SiteCopy (Id int NOT NULL, Node hierarchyid NULL, Loc geography NULL)
GO
`;
const DATA = { 'dbo.Site': 'Id,Node,Loc,Extra,Doc\n1,/1/,POINT (10 20),x,<a/>\n2,/1/2/,,,\n' };

describe('geography, geometry, hierarchyid and sql_variant columns', () => {
  it('are stored and copied as the text they were loaded with', async () => {
    const r = await runBody(`
      INSERT INTO dbo.SiteCopy (Id, Node, Loc) SELECT Id, Node, ISNULL(Loc, Loc) FROM dbo.Site;
      SELECT Id, Node, Loc FROM dbo.SiteCopy ORDER BY Id;`, { tables: TABLES, csv: DATA });
    expect(resultRows(r)).toEqual([{ Id: 1, Node: '/1/', Loc: 'POINT (10 20)' }, { Id: 2, Node: '/1/2/', Loc: null }]);
  });

  it.each([
    ['ordering', 'SELECT Id FROM dbo.Site ORDER BY Node'],
    ['comparing', "SELECT Id FROM dbo.Site WHERE Node > '/1/'"],
    ['a method call', 'SELECT Node.GetLevel() AS l FROM dbo.Site'],
  ])('refuse %s, with the location', async (_name, body) => {
    const err = await runBody(body, { tables: TABLES, csv: DATA }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).format()).toMatch(/^usp_test\.sql:4:\d+: the emulator does not support/);
  });
});

describe('a CLR type method of a column named with its alias', () => {
  // `s.Loc.STDistance(…)` parses as a call of a three-part name; it is no user function
  it.each([
    ['STDistance of geography', 'SELECT a.Id, a.Loc.STDistance(b.Loc) AS m FROM dbo.Site a JOIN dbo.Site b ON a.Id < b.Id', /the method STDistance\(\) of the column a\.Loc \(geography\) \(geography, geometry, hierarchyid and CLR type methods are not emulated\)/],
    ['GetLevel of hierarchyid', 'SELECT s.Node.GetLevel() AS l FROM dbo.Site s', /the method GetLevel\(\) of the column s\.Node \(hierarchyid\)/],
  ])('refuses %s as a method, at its location', async (_name, body, message) => {
    const err = await runBody(body, { tables: TABLES, csv: DATA }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).format()).toMatch(/^usp_test\.sql:4:\d+: the emulator does not support/);
    expect((err as LegacyError).message).toMatch(message);
  });
});


describe('a spatial value where SQL Server would need its value, not its text', () => {
  // a utility's field-asset mart: meter locations (geography) and a service polygon (geometry)
  const ASSETS = `
CREATE TABLE dbo.[Field Meter] ([Meter Id] int NOT NULL PRIMARY KEY, [Location] geography NULL, [Pad] geometry NULL)
GO
CREATE TABLE dbo.[Meter Export] ([Meter Id] int NOT NULL, [Location] geography NULL, [Location Text] nvarchar(200) NULL)
GO
`;
  const METERS = { 'dbo.Field Meter': 'Meter Id,Location,Pad\n5001,POINT (-122.348 47.621),POINT (1 1)\n5002,,\n5003,POINT (-122.348 47.621),\n' };

  it.each([
    ['a property of a column', 'SELECT m.[Location].Lat AS lat FROM dbo.[Field Meter] m', /:4:8: the emulator does not support the property Lat of the column m\.\[Location\] \(geography\)/],
    ['a method of a variable', 'DECLARE @Area geometry; SELECT @Area = [Pad] FROM dbo.[Field Meter] WHERE [Meter Id] = 5001; SELECT [Meter Id] FROM dbo.[Field Meter] WHERE @Area.STContains([Pad]) = 1', /:4:\d+: the emulator does not support the method STContains\(\) of the variable @Area \(geometry\)/],
    ['SELECT DISTINCT', 'SELECT DISTINCT [Location] FROM dbo.[Field Meter]', /:4:17: the emulator does not support SELECT DISTINCT of a geography/],
    ['GROUP BY', 'SELECT [Location], COUNT(*) AS n FROM dbo.[Field Meter] GROUP BY [Location]', /:4:\d+: the emulator does not support GROUP BY of a geography/],
    ['UNION', 'SELECT [Location] FROM dbo.[Field Meter] UNION SELECT [Location] FROM dbo.[Field Meter]', /:4:\d+: the emulator does not support UNION of a geography/],
    ['PARTITION BY', 'SELECT ROW_NUMBER() OVER (PARTITION BY [Location] ORDER BY [Meter Id]) AS rn FROM dbo.[Field Meter]', /:4:\d+: the emulator does not support PARTITION BY of a geography/],
    ['MAX', 'SELECT MAX([Location]) AS m FROM dbo.[Field Meter]', /:4:8: the emulator does not support MAX of a geography/],
    ['COUNT(DISTINCT …)', 'SELECT COUNT(DISTINCT [Location]) AS n FROM dbo.[Field Meter]', /:4:8: the emulator does not support COUNT\(DISTINCT …\) of a geography/],
    ['NULLIF', 'SELECT NULLIF([Location], [Location]) AS l FROM dbo.[Field Meter]', /:4:8: the emulator does not support NULLIF of a geography/],
    ['CAST to varbinary', 'SELECT CAST([Location] AS varbinary(max)) AS b FROM dbo.[Field Meter]', /:4:8: the emulator does not support converting geography to varbinary/],
    ['CONVERT to text', 'SELECT CONVERT(nvarchar(200), [Location]) AS t FROM dbo.[Field Meter]', /:4:8: the emulator does not support converting geography to nvarchar/],
    ['text into a geography variable', "DECLARE @Here geography = 'POINT(-122.3 47.6)'; SELECT @Here AS h", /:4:\d+: the emulator does not support converting text to geography/],
    ['ISNULL with text', "SELECT ISNULL([Location], 'POINT (0 0)') AS l FROM dbo.[Field Meter]", /:4:8: the emulator does not support ISNULL of geography and text/],
    ['COALESCE of geography and geometry', 'SELECT COALESCE([Location], [Pad]) AS l FROM dbo.[Field Meter]', /:4:8: the emulator does not support COALESCE of geography and geometry values/],
    ['geography into a text column', 'INSERT INTO dbo.[Meter Export] ([Meter Id], [Location Text]) SELECT [Meter Id], [Location] FROM dbo.[Field Meter]', /:4:1: the emulator does not support converting geography to nvarchar .*into column 'Location Text'/],
    ['a static method', "INSERT INTO dbo.[Meter Export] ([Meter Id], [Location]) VALUES (5009, geography::Point(47.61, -122.33, 4326))", /:4:\d+: the emulator does not support the static method geography::Point\(\)/],
    ['IIF of geography and geometry', 'SELECT IIF([Meter Id] = 5001, [Location], [Pad]) AS l FROM dbo.[Field Meter]', /:4:8: the emulator does not support IIF of geography and geometry values/],
    ['a CASE over geography into a text column', 'INSERT INTO dbo.[Meter Export] ([Meter Id], [Location Text]) SELECT [Meter Id], CASE WHEN [Meter Id] > 5001 THEN [Location] END FROM dbo.[Field Meter]', /:4:1: the emulator does not support converting a geography, geometry, hierarchyid or sql_variant value to nvarchar/],
    ['geometry into a geography column', 'INSERT INTO dbo.[Meter Export] ([Meter Id], [Location]) SELECT [Meter Id], [Pad] FROM dbo.[Field Meter]', /:4:1: the emulator does not support converting geometry to geography .*into column 'Location'/],
  ])('refuses %s, at its location', async (_name, body, message) => {
    const err = await runBody(body, { tables: ASSETS, csv: METERS }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).format().split('\n')[0]).toMatch(message);
  });

  it('still copies it, with ISNULL and COALESCE of NULL, and counts it', async () => {
    const r = await runBody(`
      INSERT INTO dbo.[Meter Export] ([Meter Id], [Location]) SELECT [Meter Id], COALESCE([Location], NULL) FROM dbo.[Field Meter] WHERE [Location] IS NOT NULL;
      SELECT e.[Meter Id], ISNULL(e.[Location], NULL) AS [Location], (SELECT COUNT([Location]) FROM dbo.[Field Meter]) AS n FROM dbo.[Meter Export] e ORDER BY e.[Meter Id];`, { tables: ASSETS, csv: METERS });
    expect(resultRows(r)).toEqual([{ 'Meter Id': 5001, Location: 'POINT (-122.348 47.621)', n: 2 }, { 'Meter Id': 5003, Location: 'POINT (-122.348 47.621)', n: 2 }]);
  });
});
