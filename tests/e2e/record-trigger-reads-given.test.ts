import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';

// Posting pick requests moves the bin stock through trg_Pick_Bin, which takes a pick off only up
// to the bin's limit (dbo.BinLimit): the procedure never names dbo.Bin or dbo.BinLimit. A scenario
// without the limit table used to run the trigger over an empty one (the bin left unchanged, a
// Then SQL Server never gives); record now refuses it, and --from-data gives the limit rows.
const SQL = `CREATE TABLE dbo.Bin (BinNo int NOT NULL PRIMARY KEY, OnHand int NOT NULL)
GO
CREATE TABLE dbo.BinLimit (BinNo int NOT NULL PRIMARY KEY, MaxQty int NOT NULL)
GO
CREATE TABLE dbo.Pick (BinNo int NOT NULL, Qty int NOT NULL)
GO
CREATE TABLE dbo.[Pick Request] ([Bin No] int NOT NULL, Qty int NOT NULL)
GO
CREATE TRIGGER dbo.trg_Pick_Bin ON dbo.Pick AFTER INSERT AS
  UPDATE b SET OnHand = b.OnHand - x.Qty
  FROM dbo.Bin b JOIN (SELECT i.BinNo, SUM(i.Qty) AS Qty FROM inserted i JOIN dbo.BinLimit l ON l.BinNo = i.BinNo AND i.Qty <= l.MaxQty GROUP BY i.BinNo) x ON x.BinNo = b.BinNo
GO
CREATE PROCEDURE dbo.usp_PostPicks
AS
BEGIN
  SET NOCOUNT ON
  INSERT INTO dbo.Pick (BinNo, Qty) SELECT r.[Bin No], r.Qty FROM dbo.[Pick Request] r
END
GO
`;
const FEATURE = `@proc:dbo.usp_PostPicks @lines:16-17 @output:dbo.Pick @output:dbo.Bin @entity:BinNo
Feature: 01 picks
  Posting a pick request takes it off its bin, up to the bin's limit (trg_Pick_Bin).
`;
const HAND_WRITTEN = `${FEATURE}
  Scenario: a pick of bin 1
    Given table dbo.[Pick Request]:
      | Bin No:int | Qty:int |
      | 1          | 5       |
    And table dbo.Bin:
      | BinNo:int | OnHand:int |
      | 1         | 20         |
    When the section runs
    Then table dbo.Pick:
      | BinNo:int | Qty:int |
    And table dbo.Bin:
      | BinNo:int | OnHand:int |
`;

describe('sections record of a section whose statement fires a trigger that reads another table', () => {
  let ws: string;
  const feature = (): string => join(ws, 'sections/dbo.usp_PostPicks/01-picks.feature');
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'record-trigger-reads-given-'));
    await scriptWorkspace(ws, { 'picks.sql': SQL });
    mkdirSync(join(ws, 'sections/dbo.usp_PostPicks'), { recursive: true });
    mkdirSync(join(ws, 'data'));
    // bin 2's limit is under its pick: the trigger leaves that bin alone
    const data: Readonly<Record<string, string>> = {
      'dbo.Bin': 'BinNo,OnHand\n1,20\n2,30\n', 'dbo.BinLimit': 'BinNo,MaxQty\n1,10\n2,3\n', 'dbo.Pick': 'BinNo,Qty\n', 'dbo.Pick Request': 'Bin No,Qty\n1,5\n2,5\n',
    };
    for (const [table, rows] of Object.entries(data)) writeFileSync(join(ws, 'data', `${table}.csv`), rows);
  }, 60_000);
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('refuses a scenario that does not give the table the trigger reads, at the firing INSERT', async () => {
    writeFileSync(feature(), HAND_WRITTEN);
    const r = await runMigrate(['sections', 'record', 'dbo.usp_PostPicks/01-picks', '--root', ws]);
    expect(r.code).toBe(2);
    expect(r.out + r.err).toMatch(/picks\.sql:17:3: the section reads dbo\.BinLimit through the trigger dbo\.trg_Pick_Bin its statement fires \(read at \S*picks\.sql:11:\d+\), but the scenario gives no rows for it/);
    expect(readFileSync(feature(), 'utf8')).toBe(HAND_WRITTEN);
  }, 60_000);

  it('gives the tables the trigger reads from the data, so the recorded Then is what SQL Server writes', async () => {
    writeFileSync(feature(), FEATURE);
    const r = await runMigrate(['sections', 'record', 'dbo.usp_PostPicks/01-picks', '--root', ws, '--from-data', join(ws, 'data')]);
    expect(r.code).toBe(0);
    const text = readFileSync(feature(), 'utf8');
    const scenario = (bin: string): string => text.split('Scenario: ').find((s) => s.startsWith(`BinNo ${bin} `)) ?? '';
    expect(scenario('1')).toContain('And table dbo.BinLimit:\n      | BinNo:int | MaxQty:int |\n      | 1         | 10         |\n');
    expect(scenario('1')).toContain('| 1         | 15         |');
    expect(scenario('2')).toContain('| 2         | 3          |');
    expect(scenario('2')).toContain('| 2         | 30         |');
    expect((await runMigrate(['sections', 'check', 'dbo.usp_PostPicks', '--root', ws])).code).toBe(0);
  }, 120_000);
});
