import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatColumnType } from '../../../src/engine';
import { analyzeWorkspace, loadWorkspaceConfig } from '../../../src/sections';

// A stay exploded into nights by a CROSS APPLY over a numbers table: the applied query reads its
// left side's columns (r.[Arrival Date]), so its [Stay Date] is DATEADD of a date, a date. It was
// `text?`, and `sections record --from-data` then refused every later section reading the #temp
// ("#OTB.[Stay Date] is text? in the table's CREATE TABLE, not date?").

const TABLES = `CREATE TABLE pms.Reservation ([Reservation ID] int NOT NULL, [Property ID] int NOT NULL,
  [Arrival Date] date NOT NULL, [Departure Date] datetime NOT NULL, [Rate Amount] money NULL);
GO
CREATE TABLE dbo.Numbers (n int NOT NULL);
GO
`;

const PROCEDURE = `CREATE PROCEDURE pms.[usp_Nights] @From date
AS
BEGIN
    SET NOCOUNT ON;
    SELECT r.[Property ID], rn.[Stay Date], rn.[Night No], COUNT(*) AS [Rooms]
    INTO   #OTB
    FROM   pms.Reservation r
    CROSS APPLY (SELECT DATEADD(day, n.n, r.[Arrival Date]) AS [Stay Date], n.n + 1 AS [Night No]
                 FROM dbo.Numbers n
                 WHERE n.n < DATEDIFF(day, r.[Arrival Date], r.[Departure Date])) rn
    WHERE  rn.[Stay Date] >= @From
    GROUP BY r.[Property ID], rn.[Stay Date], rn.[Night No];

    SELECT o.[Property ID], x.[Rate]
    INTO   #Rates
    FROM   #OTB o
    OUTER APPLY (SELECT TOP (1) [Rate Amount] AS [Rate] FROM pms.Reservation WHERE [Property ID] = o.[Property ID]) x;
END
GO
`;

describe('the types of columns an APPLY\'s query computes from its left side', () => {
  let root = '';
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'ws-apply-types-'));
    mkdirSync(join(root, 'procedures', 'tables'), { recursive: true });
    writeFileSync(join(root, 'procedures', 'tables', 'tables.sql'), TABLES);
    writeFileSync(join(root, 'procedures', 'proc.sql'), PROCEDURE);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const types = (table: string): Record<string, string> => {
    const tables = analyzeWorkspace(loadWorkspaceConfig(root)).catalog.tables;
    return Object.fromEntries(tables.get(table)?.columns.map((c) => [c.name, `${formatColumnType(c.type)}${c.guessed ? ' (guessed)' : ''}`]) ?? []);
  };

  it('types DATEADD of the left side\'s date column in a CROSS APPLY as a date', () => {
    expect(types('#otb')).toEqual({ 'Property ID': 'int?', 'Stay Date': 'date?', 'Night No': 'int?', Rooms: 'int?' });
  });

  it('types an OUTER APPLY\'s column of its own table, filtered by the left side, by that table', () => {
    expect(types('#rates')).toEqual({ 'Property ID': 'int?', Rate: 'decimal(19,4)?' });
  });
});
