import { draftAgainstEmulator } from './emulator-parity';

// A table value constructor as a row source: the tally idiom's `(VALUES (1), (1), …) v(n)` and
// the unpivot idiom's `CROSS APPLY (VALUES (b.Q1, 'Q1'), …)`, each draft run against the
// emulator's result for the same rows.
const DDL = `CREATE TABLE dbo.Budget (Region varchar(20) NOT NULL, Q1 decimal(10,2) NULL, Q2 decimal(10,2) NULL);
CREATE TABLE dbo.BudgetLine (Region varchar(20) NOT NULL, Quarter varchar(10) NOT NULL, Amount decimal(12,2) NULL);
CREATE TABLE dbo.Tally (N int NOT NULL, Label varchar(10) NOT NULL);`;
const proc = (body: string): string => `CREATE PROCEDURE dbo.usp_T AS\nBEGIN\n${body}\nEND`;
const BUDGET = { name: 'dbo.Budget', columns: ['Region:text', 'Q1:decimal(10,2)?', 'Q2:decimal(10,2)?'] };
const BUDGET_LINE = { name: 'dbo.BudgetLine', columns: ['Region:text', 'Quarter:text', 'Amount:decimal(12,2)?'] };
const TALLY = { name: 'dbo.Tally', columns: ['N:int', 'Label:text'] };

describe('VALUES tables drafted against the emulator', () => {
  it('FROM (VALUES …) AS v(n), cross joined: the tally idiom, columns typed across the rows', async () => {
    const r = await draftAgainstEmulator({
      ddl: DDL,
      procedure: proc(`INSERT INTO dbo.Tally (N, Label)
SELECT a.n * 10 + b.n, b.label
FROM (VALUES (0), (1), (2)) AS a(n)
CROSS JOIN (VALUES (1, 'one'), (2, 'two-two')) AS b(n, label);`),
      inputs: [{ ...BUDGET, csv: 'Region,Q1,Q2\n' }],
      output: TALLY,
    });
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
    expect(r.emulator).toEqual(['11|one', '12|two-two', '1|one', '21|one', '22|two-two', '2|two-two']);
  });

  it('CROSS APPLY (VALUES (b.Q1, \'Q1\'), …): one row per listed value, NULLs kept (UNPIVOT drops them)', async () => {
    const r = await draftAgainstEmulator({
      ddl: DDL,
      procedure: proc(`INSERT INTO dbo.BudgetLine (Region, Quarter, Amount)
SELECT b.Region, u.Quarter, u.Amount
FROM dbo.Budget b
CROSS APPLY (VALUES ('Q1', b.Q1), ('Q2', b.Q2)) AS u(Quarter, Amount);`),
      inputs: [{ ...BUDGET, csv: 'Region,Q1,Q2\nNorth,1.50,\nSouth,2.00,3.25\n' }],
      output: BUDGET_LINE,
    });
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
    expect(r.emulator).toEqual(['North|Q1|1.50', 'North|Q2|NULL', 'South|Q1|2.00', 'South|Q2|3.25']);
  });
});
