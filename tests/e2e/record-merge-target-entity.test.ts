import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';

// A loan servicing job MERGEs each loan's payments into its balance row. The payments name the
// loan [Loan Ref]; only the MERGE target, dbo.[Loan Balance], has LoanId, the key its ON compares.
// Without an @entity tag, `record --from-data` offers that key (it looked only in tables the
// section reads besides the ones it changes, and said no column of the output was in the data);
// with it, the loans are picked from the target's rows, one scenario each.
const SQL = `CREATE TABLE dbo.[Loan Payment] ([Payment Id] int NOT NULL PRIMARY KEY, [Loan Ref] int NOT NULL, [Paid On] date NOT NULL, Amount decimal(12,2) NOT NULL)
GO
CREATE TABLE dbo.[Loan Balance] (LoanId int NOT NULL PRIMARY KEY, [Paid To Date] decimal(14,2) NOT NULL, [Last Paid] date NULL, [Status] varchar(10) NOT NULL)
GO
CREATE PROCEDURE dbo.[usp_Refresh Loan Balance]
    @AsOf date
AS
BEGIN
    SET NOCOUNT ON;
    MERGE dbo.[Loan Balance] AS tgt
    USING (SELECT p.[Loan Ref], SUM(p.Amount) AS Paid, MAX(p.[Paid On]) AS LastPaid
           FROM dbo.[Loan Payment] p WHERE p.[Paid On] <= @AsOf GROUP BY p.[Loan Ref]) AS src
       ON tgt.LoanId = src.[Loan Ref]
    WHEN MATCHED THEN UPDATE SET [Paid To Date] = tgt.[Paid To Date] + src.Paid, [Last Paid] = src.LastPaid, [Status] = 'ACTIVE'
    WHEN NOT MATCHED BY TARGET THEN INSERT (LoanId, [Paid To Date], [Last Paid], [Status]) VALUES (src.[Loan Ref], src.Paid, src.LastPaid, 'NEW')
    WHEN NOT MATCHED BY SOURCE THEN UPDATE SET [Status] = 'DORMANT';
END
GO
`;

describe('migrate sections record --from-data: an entity only the MERGE target holds', () => {
  let ws: string;
  const SECTION = 'dbo.usp_Refresh_Loan_Balance/01-loan-balance';
  const feature = (): string => join(ws, 'sections', 'dbo.usp_Refresh_Loan_Balance', '01-loan-balance.feature');
  const record = (): ReturnType<typeof runMigrate> => runMigrate(['sections', 'record', SECTION, '--root', ws, '--from-data', join(ws, 'data'), '--param', '@AsOf=2026-03-31']);
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'record-merge-target-'));
    await scriptWorkspace(ws, { 'dbo.usp_Refresh Loan Balance.sql': SQL });
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'data', 'dbo.Loan Payment.csv'), 'Payment Id,Loan Ref,Paid On,Amount\n1,100,2026-01-05,250.00\n2,100,2026-02-05,250.00\n');
    writeFileSync(join(ws, 'data', 'dbo.Loan Balance.csv'), 'LoanId,Paid To Date,Last Paid,Status\n100,1000.00,2025-12-05,ACTIVE\n400,50.00,2025-06-01,ACTIVE\n');
    expect((await runMigrate(['sections', 'propose', 'dbo.usp_Refresh Loan Balance', '--root', ws])).code).toBe(0);
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('offers the MERGE target key as the entity', async () => {
    const r = await record();
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/one of @entity:LoanId$/m);
  });

  it('records the loans of the target rows once tagged, and check accepts them', async () => {
    writeFileSync(feature(), readFileSync(feature(), 'utf8').replace(/^(@proc:.*)$/m, '$1 @entity:LoanId'));
    const r = await record();
    expect(r.code).toBe(0);
    const text = readFileSync(feature(), 'utf8');
    expect(text).toMatch(/Scenario: LoanId 100 from the data/);
    expect(text).toMatch(/Scenario: LoanId 400 from the data/);
    expect(text).toMatch(/\| 400 +\| 50\.00 +\| 2025-06-01 +\| DORMANT +\|/);
    expect((await runMigrate(['sections', 'check', 'dbo.usp_Refresh Loan Balance', '--root', ws])).code).toBe(0);
  });
});
