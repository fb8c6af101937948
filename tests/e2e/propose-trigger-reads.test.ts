import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// Posting a pick fires trg_Pick_Bin, which reads the bin stock and the bin limits (and a
// [Bin Audit] table no script declares). No statement of the section names them, yet record and
// capture run the trigger and refuse a scenario that does not give them: propose writes their
// Givens, and check fails a scenario that leaves one out, as record would.
const TABLES = `CREATE TABLE dbo.Bin (BinNo int NOT NULL PRIMARY KEY, OnHand int NOT NULL, Spare AS (OnHand - 1))
GO
CREATE TABLE dbo.[Bin Limit] ([Bin No] int NOT NULL PRIMARY KEY, [Max Qty] decimal(9,2) NOT NULL)
GO
CREATE TABLE dbo.Pick (BinNo int NOT NULL, Qty int NOT NULL)
GO
CREATE TRIGGER dbo.trg_Pick_Bin ON dbo.Pick AFTER INSERT AS
  UPDATE b SET OnHand = b.OnHand - x.Qty
  FROM dbo.Bin b JOIN (SELECT i.BinNo, SUM(i.Qty) AS Qty FROM inserted i JOIN dbo.[Bin Limit] l ON l.[Bin No] = i.BinNo AND i.Qty <= l.[Max Qty] GROUP BY i.BinNo) x ON x.BinNo = b.BinNo
  WHERE NOT EXISTS (SELECT 1 FROM dbo.[Bin Audit] a WHERE a.BinNo = b.BinNo)
GO
`;
const PROCEDURE = `CREATE PROCEDURE dbo.usp_PostPicks
AS
BEGIN
  SET NOCOUNT ON
  INSERT INTO dbo.Pick (BinNo, Qty) VALUES (1, 5)
END
GO
`;

describe('sections of a statement whose trigger reads tables the section never names', () => {
  const ws = mkdtempSync(join(tmpdir(), 'propose-trigger-reads-'));
  const cwd = process.cwd();
  beforeAll(() => {
    mkdirSync(join(ws, 'procedures'));
    writeFileSync(join(ws, 'procedures/tables.sql'), TABLES);
    writeFileSync(join(ws, 'procedures/dbo.usp_PostPicks.sql'), PROCEDURE);
    writeFileSync(join(ws, 'migrate.config.yaml'), 'paths:\n  procedures: procedures\n');
    process.chdir(ws);
  });
  afterAll(() => {
    process.chdir(cwd);
    rmSync(ws, { recursive: true, force: true });
  });

  it('proposes their Givens (the whole declared table, a computed column by its inputs) and asks for an undeclared one', async () => {
    expect((await runMigrate(['sections', 'propose', 'dbo.usp_PostPicks'])).code).toBe(0);
    const text = readFileSync(join(ws, 'sections/dbo.usp_PostPicks/01-pick.feature'), 'utf8');
    expect(text).toContain('    Given table dbo.Bin:\n      | BinNo:int | OnHand:int |\n');
    expect(text).toContain('    Given table dbo.[Bin Limit]:\n      | [Bin No]:int | [Max Qty]:decimal(9,2) |\n');
    expect(text).toContain('    # dbo.[Bin Audit] is read by the trigger dbo.trg_Pick_Bin, and no script declares it: add its CREATE TABLE to the scripts, then `Given table dbo.[Bin Audit]:` with its typed header here\n');
    const check = await runMigrate(['sections', 'check', 'dbo.usp_PostPicks', '--json']);
    const problems = (JSON.parse(check.out) as { problems: { code: string; message: string }[] }).problems;
    expect(problems.map((p) => p.message)).toEqual(['the section reads dbo.[Bin Audit] through the trigger dbo.trg_Pick_Bin its statements fire, but no scenario gives it']);
  });

  it('passes once every table the trigger reads is given, and fails a scenario that leaves one out', async () => {
    // the user declares the audit table, as the comment asks, and gives it
    writeFileSync(join(ws, 'procedures/tables.sql'), `${TABLES}CREATE TABLE dbo.[Bin Audit] (BinNo int NOT NULL)\nGO\n`);
    const file = join(ws, 'sections/dbo.usp_PostPicks/01-pick.feature');
    const text = readFileSync(file, 'utf8').replace(/ {4}# dbo\.\[Bin Audit\].*\n/, '    Given table dbo.[Bin Audit]:\n      | BinNo:int |\n');
    writeFileSync(file, text);
    const ok = await runMigrate(['sections', 'check', 'dbo.usp_PostPicks', '--json']);
    expect((JSON.parse(ok.out) as { problems: unknown[] }).problems).toEqual([]);
    writeFileSync(file, text.replace('    Given table dbo.[Bin Limit]:\n      | [Bin No]:int | [Max Qty]:decimal(9,2) |\n', ''));
    const r = await runMigrate(['sections', 'check', 'dbo.usp_PostPicks', '--json']);
    expect(r.code).toBe(1);
    const problems = (JSON.parse(r.out) as { problems: { code: string; message: string; hint: string }[] }).problems;
    expect(problems).toEqual([expect.objectContaining({
      code: 'SECTIONS_READ_NOT_GIVEN',
      message: 'the section reads dbo.[Bin Limit] through the trigger dbo.trg_Pick_Bin its statements fire, but no scenario gives it',
    })]);
    expect(problems[0]?.hint).toContain('add `Given table dbo.[Bin Limit]:`');
  });
});
