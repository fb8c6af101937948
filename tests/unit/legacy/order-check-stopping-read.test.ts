import { captureWithOrderCheck } from './order-check-run';

// A points table whose row numbers leave a three-way tie open: capture's second run stops at that
// ROW_NUMBER (three or more tied rows differ in what the query reads). The cause blamed every read
// the run had noted as possibly tied, among them an NTILE whose ORDER BY ends with the team's name:
// only the ROW_NUMBER stopped it. Now the run is made again following that ROW_NUMBER's values,
// and only the column they reach is listed (every column was, when the run stopped).
const TABLES = `CREATE TABLE dbo.[Fixture Side] ([Fixture No] int NOT NULL, [Club] varchar(20) NOT NULL, [Pts] int NOT NULL)
GO
CREATE TABLE dbo.[Club Table] ([Club] varchar(20) NOT NULL PRIMARY KEY, [Points] int NOT NULL, [Row Pos] int NULL, [Band] int NULL)
GO
`;
const PROC = `CREATE PROCEDURE dbo.[usp Club Table] AS
BEGIN
  SET NOCOUNT ON;
  INSERT INTO dbo.[Club Table] ([Club], [Points]) SELECT [Club], SUM([Pts]) FROM dbo.[Fixture Side] GROUP BY [Club];
  UPDATE c SET [Row Pos] = x.rn, [Band] = x.band
  FROM dbo.[Club Table] c
  JOIN (SELECT [Club], ROW_NUMBER() OVER (ORDER BY [Points] DESC) AS rn,
               NTILE(2) OVER (ORDER BY [Points] DESC, [Club]) AS band FROM dbo.[Club Table]) x ON x.[Club] = c.[Club];
END
GO
`;
const SIDES = 'Fixture No,Club,Pts\n1,Kestrels,1\n1,Otters,1\n2,Herons,1\n2,Wrens,3\n';

describe('order check: the other order stops at a refusal', () => {
  it('a window\'s three-way tie: runs again following that ROW_NUMBER\'s values, and lists only the column they reach, blaming it and not the NTILE', async () => {
    const { check } = await captureWithOrderCheck({ 'tables.sql': TABLES, 'club_table.sql': PROC }, 'dbo.[usp Club Table]', { 'dbo.[Fixture Side]': SIDES });
    expect(check.columns).toEqual(['dbo.Club Table.Row Pos']);
    const seeded = check.causes.filter((c) => /three or more of them tied and differing/.test(c));
    expect(seeded).toEqual([expect.stringMatching(/^rows with equal ORDER BY values of ROW_NUMBER\(\) OVER at [^,]*club_table\.sql:7:\d+, three or more/)]);
    expect(check.causes.join('\n')).not.toMatch(/NTILE/);
  });
});
