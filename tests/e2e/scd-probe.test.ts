import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// Found probing a warehouse load (SCD type 2): a staging dedupe reads and deletes the one table it
// changes, and `record --from-data` said no column could name an entity though CustomerCode is
// right there; a product dimension keyed from a SEQUENCE was recorded with the keys the scripts'
// START WITH gives, which no Given states, so a transform could not know where to number from.
const TABLES = `CREATE TABLE stg.Cust (CustCode varchar(10) NOT NULL, CustName nvarchar(40) NULL, LoadedAt datetime2(0) NOT NULL)
GO
CREATE SEQUENCE dbo.seq_ItemSK AS int START WITH 500 INCREMENT BY 5
GO
CREATE TABLE stg.Item (ItemCode varchar(10) NOT NULL, ItemName nvarchar(40) NULL)
GO
CREATE TABLE dbo.DimItem (ItemSK int NOT NULL, ItemCode varchar(10) NOT NULL, ItemName nvarchar(40) NULL)
GO
`;
const DEDUPE = `CREATE PROCEDURE stg.usp_Dedupe
AS
BEGIN
    ;WITH d AS (SELECT CustCode, ROW_NUMBER() OVER (PARTITION BY CustCode ORDER BY LoadedAt DESC) AS rn FROM stg.Cust)
    DELETE FROM d WHERE rn > 1;
END
GO
`;
const ITEMS = `CREATE PROCEDURE dbo.usp_LoadItems
AS
BEGIN
    INSERT INTO dbo.DimItem (ItemSK, ItemCode, ItemName)
    SELECT NEXT VALUE FOR dbo.seq_ItemSK OVER (ORDER BY i.ItemCode), i.ItemCode, i.ItemName
    FROM stg.Item i
    WHERE NOT EXISTS (SELECT 1 FROM dbo.DimItem d WHERE d.ItemCode = i.ItemCode);
END
GO
`;

describe('sections record --from-data on a warehouse load', () => {
  const ws = mkdtempSync(join(tmpdir(), 'scd-probe-'));
  beforeAll(() => {
    mkdirSync(join(ws, 'procedures/tables'), { recursive: true });
    mkdirSync(join(ws, 'sections/stg.usp_Dedupe'), { recursive: true });
    mkdirSync(join(ws, 'sections/dbo.usp_LoadItems'), { recursive: true });
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'procedures/tables/dw.sql'), TABLES);
    writeFileSync(join(ws, 'procedures/stg.usp_Dedupe.sql'), DEDUPE);
    writeFileSync(join(ws, 'procedures/dbo.usp_LoadItems.sql'), ITEMS);
    writeFileSync(join(ws, 'sections/stg.usp_Dedupe/01-cust.feature'), `@proc:stg.usp_Dedupe @lines:4-5 @output:stg.Cust
Feature: 01 dedupe

  Scenario: TODO as propose writes it
    Given table stg.Cust:
      | CustCode:text | CustName:text? | LoadedAt:timestamp |
    When the section runs
    Then table stg.Cust:
      | CustCode:text | CustName:text? | LoadedAt:timestamp |
`);
    writeFileSync(join(ws, 'sections/dbo.usp_LoadItems/01-dim-item.feature'), '@proc:dbo.usp_LoadItems @lines:4-7 @output:dbo.DimItem @entity:ItemCode\nFeature: 01 items\n');
    writeFileSync(join(ws, 'data/stg.Cust.csv'), 'CustCode,CustName,LoadedAt\nC1,Ann,2026-11-30 21:00:00\nC1,Ann B,2026-11-30 23:00:00\n');
    writeFileSync(join(ws, 'data/stg.Item.csv'), 'ItemCode,ItemName\nP1,Bolt\nP2,Nut\n');
    writeFileSync(join(ws, 'data/dbo.DimItem.csv'), 'ItemSK,ItemCode,ItemName\n500,P1,Bolt\n');
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('names the column of the table a section both reads and changes as the entity to tag', async () => {
    const run = await runMigrate(['sections', 'record', 'stg.usp_Dedupe/01-cust', '--root', ws, '--from-data', join(ws, 'data')]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/has no @entity tag/);
    expect(run.err).toMatch(/one of @entity:CustCode/);
  });

  it('says that a sequence the section draws was numbered from its START WITH', async () => {
    const run = await runMigrate(['sections', 'record', 'dbo.usp_LoadItems/01-dim-item', '--root', ws, '--from-data', join(ws, 'data'), '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({ sequences: ['dbo.seq_ItemSK'] });
    const text = readFileSync(join(ws, 'sections/dbo.usp_LoadItems/01-dim-item.feature'), 'utf8');
    // P2's key is the sequence's START WITH in its own scenario (P1's 500 is not in its data)
    expect(text).toMatch(/\| 500 +\| P2 /);
    const plain = await runMigrate(['sections', 'record', 'dbo.usp_LoadItems/01-dim-item', '--root', ws, '--from-data', join(ws, 'data')]);
    expect(plain.err).toMatch(/the sequence dbo\.seq_ItemSK was numbered in each scenario from where the scripts leave it \(START WITH/);
  });
});
