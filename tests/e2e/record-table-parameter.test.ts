import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// A section reading a table-valued parameter (`@Shipments dbo.ShipmentIdList READONLY`): its
// rows come from the caller, not from any table of the data folder nor from an earlier section,
// so `record --from-data` says that, where the procedure reads it, and how to record it instead.
const SQL = `CREATE TYPE dbo.ShipmentIdList AS TABLE ([Shipment ID] int NOT NULL PRIMARY KEY)
GO
CREATE TABLE dbo.Shipment ([Shipment ID] int NOT NULL PRIMARY KEY, [Weight Kg] decimal(10,3) NOT NULL)
GO
CREATE TABLE dbo.[Heavy Shipment] ([Shipment ID] int NOT NULL PRIMARY KEY, [Weight Kg] decimal(10,3) NOT NULL)
GO
CREATE PROCEDURE dbo.[usp_Mark Heavy] @Shipments dbo.ShipmentIdList READONLY
AS
BEGIN
    DELETE FROM dbo.[Heavy Shipment];
    INSERT dbo.[Heavy Shipment] ([Shipment ID], [Weight Kg])
    SELECT s.[Shipment ID], s.[Weight Kg] FROM @Shipments p JOIN dbo.Shipment s ON s.[Shipment ID] = p.[Shipment ID]
    WHERE s.[Weight Kg] > 10;
    SELECT COUNT(*) AS [Heavy Count] FROM dbo.[Heavy Shipment];
END
GO
`;

describe('sections record --from-data of a section reading a table-valued parameter', () => {
  let ws: string;
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'record-tvp-'));
    mkdirSync(join(ws, 'procedures'));
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'procedures', 'heavy.sql'), SQL);
    writeFileSync(join(ws, 'data', 'dbo.Shipment.csv'), 'Shipment ID,Weight Kg\n1,12.500\n2,3.250\n');
    writeFileSync(join(ws, 'data', 'dbo.Heavy Shipment.csv'), 'Shipment ID,Weight Kg\n');
    expect((await runMigrate(['sections', 'propose', 'dbo.usp_Mark Heavy', '--root', ws])).code).toBe(0);
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('names the parameter as the caller\'s rows, at its use, with the way to record it', async () => {
    const r = await runMigrate(['sections', 'record', 'dbo.usp_Mark_Heavy/01-heavy-shipment', '--from-data', join(ws, 'data'), '--root', ws]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/heavy\.sql:12:48: the section reads the table-valued parameter @Shipments, whose rows the procedure's caller passes/);
    expect(r.err).toMatch(/hint: record this section from scenarios whose Given states them \(`Given table @Shipments:`/);
    expect(r.err).not.toMatch(/an earlier section of the procedure builds/);
  });

  it('says a later section does not read it itself: the statements run first for its start do', async () => {
    const r = await runMigrate(['sections', 'record', 'dbo.usp_Mark_Heavy/02-result-heavy-shipment', '--from-data', join(ws, 'data'), '--root', ws]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/heavy\.sql:12:48: the statements before the section \(run first: they leave what it starts from\) read the table-valued parameter @Shipments/);
    expect(r.err).not.toMatch(/Given table @Shipments:/);
  });
});
