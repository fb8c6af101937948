import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';

// A commissions run: the eligibility UDF reads the customers through the synonym dbo.Customer
// (of Crm.[Customer Master]), and the section reads them only through that UDF. record
// --from-data wrote `And table Crm.[Customer Master]:` (the emulator followed the synonym to its
// target), which `sections check` rejected: the statements read dbo.Customer. And check named only
// the last scenario's Given of the five that had it.
const SQL = `CREATE TABLE Crm.[Customer Master] (CustomerId int NOT NULL PRIMARY KEY, OnHoldUntil date NULL)
GO
CREATE SYNONYM dbo.Customer FOR Crm.[Customer Master]
GO
CREATE TABLE dbo.SalesLine ([Line Id] int NOT NULL PRIMARY KEY, RepId int NOT NULL, CustomerId int NOT NULL, [Sale Date] date NOT NULL, Amount decimal(12,2) NOT NULL)
GO
CREATE TABLE dbo.Payout (RepId int NOT NULL, Gross decimal(14,2) NOT NULL)
GO
CREATE FUNCTION dbo.fn_IsEligible (@CustomerId int, @SaleDate date)
RETURNS bit
AS
BEGIN
    IF EXISTS (SELECT 1 FROM dbo.Customer c WHERE c.CustomerId = @CustomerId AND c.OnHoldUntil >= @SaleDate)
        RETURN 0
    RETURN 1
END
GO
CREATE PROCEDURE dbo.usp_Pay
AS
BEGIN
    SET NOCOUNT ON
    INSERT INTO dbo.Payout (RepId, Gross)
    SELECT s.RepId, SUM(s.Amount)
    FROM dbo.SalesLine s
    WHERE dbo.fn_IsEligible(s.CustomerId, s.[Sale Date]) = 1
    GROUP BY s.RepId
END
GO
`;

describe('migrate sections record --from-data of a section that reads a synonym only through a function', () => {
  let ws: string;
  let feature: string;
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'record-synonym-callee-'));
    await scriptWorkspace(ws, { 'pay.sql': SQL });
    const data = join(ws, 'data');
    mkdirSync(data);
    // an export of the database: the target's file, none for the synonym
    writeFileSync(join(data, 'Crm.Customer Master.csv'), 'CustomerId,OnHoldUntil\n100,\n101,2026-11-15\n');
    writeFileSync(join(data, 'dbo.SalesLine.csv'), 'Line Id,RepId,CustomerId,Sale Date,Amount\n1,1,100,2026-11-02,10.00\n2,1,101,2026-11-03,20.00\n3,2,100,2026-11-04,30.00\n4,2,101,2026-11-20,40.00\n');
    writeFileSync(join(data, 'dbo.Payout.csv'), 'RepId,Gross\n');
    expect((await runMigrate(['sections', 'propose', 'dbo.usp_Pay', '--root', ws])).code).toBe(0);
    feature = join(ws, 'sections', 'dbo.usp_Pay', '01-payout.feature');
    expect(readFileSync(feature, 'utf8')).toContain('Given table dbo.Customer:');
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('gives the synonym by the name the function reads it by, with the target\'s rows, and check accepts it', async () => {
    const r = await runMigrate(['sections', 'record', 'dbo.usp_Pay/01-payout', '--root', ws, '--from-data', join(ws, 'data')]);
    expect(r.code).toBe(0);
    const text = readFileSync(feature, 'utf8');
    expect(text).not.toContain('Crm.[Customer Master]');
    const rep2 = text.slice(text.indexOf('Scenario: RepId 2'));
    // customer 101 is on hold until 2026-11-15: line 4 (the 20th) counts, line 2 would not
    expect(rep2.slice(0, rep2.indexOf('When'))).toMatch(/And table dbo\.Customer:\n.*\n\s+\| 100 +\| NULL +\|\n\s+\| 101 +\| 2026-11-15 +\|/);
    expect(rep2).toMatch(/Then table dbo\.Payout:\n.*\n\s+\| 2 +\| 70\.00 +\|/);
    const check = await runMigrate(['sections', 'check', 'dbo.usp_Pay', '--root', ws, '--json']);
    const out = JSON.parse(check.out) as { problems: { code: string }[] };
    expect(out.problems.filter((p) => p.code !== 'SPEC_TODO')).toEqual([]);
  });

  it('scaffolds one input for the synonym, named as the function names it', async () => {
    expect((await runMigrate(['scaffold', 'dbo.usp_Pay/01-payout', '--root', ws, '--draft'])).code).toBe(0);
    const transform = readFileSync(join(ws, 'src', 'transforms', 'dbo.usp_Pay', '01-payout.ts'), 'utf8');
    const inputs = transform.slice(transform.indexOf('export const inputs'), transform.indexOf('};'));
    expect(inputs).toContain("'dbo.Customer': table(");
    expect(inputs).not.toContain('Customer Master');
  });

  it('names every scenario\'s Given of a table the statements do not read, not only the last one', async () => {
    const text = readFileSync(feature, 'utf8').replace(/table dbo\.Customer:/g, 'table Crm.[Customer Master]:');
    writeFileSync(feature, text);
    const lines = text.split('\n').flatMap((l, i) => (l.includes('table Crm.[Customer Master]:') ? [i + 1] : []));
    expect(lines.length).toBeGreaterThan(2);
    const check = await runMigrate(['sections', 'check', 'dbo.usp_Pay', '--root', ws, '--json']);
    expect(check.code).toBe(1);
    const out = JSON.parse(check.out) as { problems: { code: string; line: number; message: string }[] };
    const notRead = out.problems.filter((p) => p.code === 'SECTIONS_GIVEN_NOT_READ');
    expect(notRead.map((p) => p.line)).toEqual(lines);
    expect(notRead[0]?.message).toContain('Given table Crm.[Customer Master]: the statements of lines');
  });
});
