import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';

// A subscription report's usual shape: a #temp table filled from a CTE (a month grid with the
// previous month's amount beside each month), then a movement table and totals computed from it. The
// catalog cannot type the #temp columns a CTE computes and says `text?`; the next section's
// Given of that #temp table must carry what the legacy run holds there (decimals, dates), or
// `Amount - [Prev Amount]` runs on text and the recording stops.
const SQL = `CREATE TABLE dbo.Billing ([Account Id] int NOT NULL, [Bill Month] date NOT NULL, Amount decimal(12,2) NOT NULL)
GO
CREATE TABLE dbo.Movement ([Account Id] int NOT NULL, [Bill Month] date NOT NULL, Delta decimal(12,2) NOT NULL)
GO
CREATE TABLE dbo.AccountTotal ([Account Id] int NOT NULL, Total decimal(14,2) NOT NULL)
GO
CREATE PROCEDURE dbo.usp_BillMovements
AS
BEGIN
    SET NOCOUNT ON
    ;WITH g AS (
        SELECT b.[Account Id], b.[Bill Month], ISNULL(b.Amount, 0) AS Amount
        FROM dbo.Billing b
    )
    SELECT [Account Id], [Bill Month], Amount,
           LAG(Amount, 1, 0) OVER (PARTITION BY [Account Id] ORDER BY [Bill Month]) AS [Prev Amount]
    INTO #g
    FROM g

    INSERT dbo.Movement ([Account Id], [Bill Month], Delta)
    SELECT [Account Id], [Bill Month], Amount - [Prev Amount]
    FROM #g
    WHERE Amount <> [Prev Amount]

    INSERT dbo.AccountTotal ([Account Id], Total)
    SELECT [Account Id], SUM(Amount)
    FROM #g
    GROUP BY [Account Id]
END
GO
`;

describe('migrate sections record --from-data after a SELECT … INTO #temp of a CTE', () => {
  let ws: string;
  const feature = (slug = '02-movement'): string => join(ws, 'sections', 'dbo.usp_BillMovements', `${slug}.feature`);
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'record-guessed-types-'));
    await scriptWorkspace(ws, { 'bill-movements.sql': SQL });
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'data', 'dbo.Billing.csv'), 'Account Id,Bill Month,Amount\n7,2017-01-01,10.00\n7,2017-02-01,12.50\n');
    expect((await runMigrate(['sections', 'propose', 'dbo.usp_BillMovements', '--root', ws])).code).toBe(0);
    for (const slug of ['01-g', '02-movement']) writeFileSync(feature(slug), readFileSync(feature(slug), 'utf8').replace(/^@proc:(.*)$/m, '@proc:$1 @entity:[Account%20Id]'));
  }, 60_000);
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('gives the #temp table the legacy run\'s types, not the catalog\'s text guess', async () => {
    const run = await runMigrate(['sections', 'record', 'dbo.usp_BillMovements/02-movement', '--root', ws, '--from-data', join(ws, 'data')]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const text = readFileSync(feature(), 'utf8');
    expect(text).toContain('| [Account Id]:int? | [Bill Month]:date? | Amount:decimal(12,2)? | [Prev Amount]:decimal(12,2)? |');
    expect(text).toMatch(/\| 7 +\| 2017-02-01 +\| 2\.50 +\|/);
  });

  it('records the #temp table\'s own section with the legacy run\'s types, and the draft declares them', async () => {
    const run = await runMigrate(['sections', 'record', 'dbo.usp_BillMovements/01-g', '--root', ws, '--from-data', join(ws, 'data')]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const text = readFileSync(feature('01-g'), 'utf8');
    expect(text).toContain('| [Account Id]:int? | [Bill Month]:date? | Amount:decimal(12,2)? | [Prev Amount]:decimal(12,2)? |\n      | 7 ');
    expect((await runMigrate(['scaffold', 'dbo.usp_BillMovements/01-g', '--draft', '--root', ws])).code).toBe(0);
    const draft = readFileSync(join(ws, 'src', 'transforms', 'dbo.usp_BillMovements', '01-g.ts'), 'utf8');
    expect(draft).toContain("export const output = table({ 'Account Id': 'int?', 'Bill Month': 'date?', Amount: 'decimal(12,2)?', 'Prev Amount': 'decimal(12,2)?' });");
  });
});
