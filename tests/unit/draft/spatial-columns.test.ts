import { EngineSession } from '../../../src/engine';
import { draftOf, runDraft, type HarnessTable } from './draft-harness';

// A geography or geometry column reaches a spec as its text (WKT, 'POINT (-122.348 47.621)'):
// a draft may copy it and test it for NULL, nothing that needs the spatial value (a method, a
// property, grouping by it, its text as SQL Server's ToString() would write it).
const DDL = `CREATE TABLE dbo.[Field Meter] ([Meter Id] int NOT NULL, [Location] geography NULL);
CREATE TABLE dbo.[Meter Report] ([Meter Id] int NOT NULL, [Location] geography NULL, [Note] nvarchar(200) NULL);`;
const METER: HarnessTable = { name: 'dbo.[Field Meter]', columns: ['Meter Id:int', 'Location:text?'], rows: [[5001, 'POINT (-122.348 47.621)'], [5002, null]] };
const OUT: HarnessTable = { name: 'dbo.[Meter Report]', columns: ['Meter Id:int', 'Location:text?', 'Note:text?'] };
const procedureOf = (select: string): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  DECLARE @Here geography;
  INSERT INTO dbo.[Meter Report] ([Meter Id], [Location], [Note]) ${select};
END`;

let session: EngineSession;
beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
afterAll(() => session.close());

describe('drafts over geography columns', () => {
  it.each([
    ['SELECT m.[Meter Id], m.[Location], CAST(m.[Location].STDistance(m.[Location]) AS nvarchar(200)) FROM dbo.[Field Meter] m', 'm.[Location].STDistance()', /a method of the column's geography, geometry or hierarchyid value/],
    ['SELECT [Meter Id], [Location], CAST(@Here.STDistance([Location]) AS nvarchar(200)) FROM dbo.[Field Meter]', '@Here.STDistance()', /a method of an xml, geography, geometry or hierarchyid value/],
  ])('refuse a method, naming it: %s', (select, construct, reason) => {
    const body = draftOf(procedureOf(select), { ddl: DDL, inputs: [METER, OUT], output: OUT });
    expect(body.sql).toBeUndefined();
    expect(body.refusals[0]).toMatchObject({ line: 4, construct });
    expect(body.refusals[0]?.reason).toMatch(reason);
  });

  it.each([
    ['DISTINCT', 'SELECT DISTINCT [Meter Id], [Location], NULL FROM dbo.[Field Meter]'],
    ['a conversion to text', 'SELECT [Meter Id], [Location], CAST([Location] AS nvarchar(200)) FROM dbo.[Field Meter]'],
    ['LEN', 'SELECT [Meter Id], [Location], LEN([Location]) FROM dbo.[Field Meter]'],
    ['a comparison', "SELECT [Meter Id], [Location], NULL FROM dbo.[Field Meter] WHERE [Location] = 'POINT (0 0)'"],
    ['GROUP BY', 'SELECT MIN([Meter Id]), [Location], NULL FROM dbo.[Field Meter] GROUP BY [Location]'],
    ['UNION', 'SELECT [Meter Id], [Location], NULL FROM dbo.[Field Meter] UNION SELECT [Meter Id], [Location], NULL FROM dbo.[Field Meter]'],
  ])('refuse %s of it', (_name, select) => {
    const body = draftOf(procedureOf(select), { ddl: DDL, inputs: [METER, OUT], output: OUT });
    expect(body.sql).toBeUndefined();
    expect(body.refusals[0]?.line).toBe(4);
  });

  it('copy it and test it for NULL', async () => {
    const body = draftOf(procedureOf("SELECT [Meter Id], [Location], CASE WHEN [Location] IS NULL THEN N'no fix' END FROM dbo.[Field Meter]"), { ddl: DDL, inputs: [METER, OUT], output: OUT });
    expect(await runDraft(session, body, [METER, OUT])).toEqual(['5001|POINT (-122.348 47.621)|NULL', '5002|NULL|no fix']);
  });
});
