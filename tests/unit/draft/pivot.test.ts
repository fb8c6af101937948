import { draftAgainstEmulator, type ParityCase } from './emulator-parity';
import { draftOf } from './draft-harness';

// PIVOT (implicit grouping by every other column of its source, IN values matched as the
// collation compares text) and UNPIVOT (NULL values dropped), each draft run against the
// emulator's result for the same rows.
const DDL = `CREATE TABLE dbo.Sale (SaleId int NOT NULL, Region varchar(20) NULL, Quarter varchar(2) NOT NULL, Yr int NOT NULL, Amount decimal(10,2) NULL);
CREATE TABLE dbo.Budget (Region varchar(20) NOT NULL, Q1 decimal(10,2) NULL, Q2 decimal(10,2) NULL, Q3 decimal(10,2) NULL, Note varchar(10) NULL);
CREATE TABLE dbo.ByQuarter (Region varchar(20) NULL, Yr int NULL, Q1 decimal(38,2) NULL, Q2 decimal(38,2) NULL, N3 int NULL);
CREATE TABLE dbo.BudgetLine (Region varchar(20) NOT NULL, Quarter varchar(10) NOT NULL, Amount decimal(10,2) NOT NULL);`;
const proc = (body: string): string => `CREATE PROCEDURE dbo.usp_T AS\nBEGIN\n${body}\nEND`;
const SALE = { name: 'dbo.Sale', columns: ['SaleId:int', 'Region:text?', 'Quarter:text', 'Yr:int', 'Amount:decimal(10,2)?'] };
const BUDGET = { name: 'dbo.Budget', columns: ['Region:text', 'Q1:decimal(10,2)?', 'Q2:decimal(10,2)?', 'Q3:decimal(10,2)?', 'Note:text?'] };
const BY_QUARTER = { name: 'dbo.ByQuarter', columns: ['Region:text?', 'Yr:int?', 'Q1:decimal(38,2)?', 'Q2:decimal(38,2)?', 'N3:int?'] };
const BUDGET_LINE = { name: 'dbo.BudgetLine', columns: ['Region:text', 'Quarter:text', 'Amount:decimal(10,2)'] };
const SALES_CSV = 'SaleId,Region,Quarter,Yr,Amount\n1,North,Q1,2020,10.00\n2,North,q1,2020,5.25\n3,North,Q2,2020,7.50\n4,,Q1,2020,3.00\n5,South,Q3,2021,\n6,South,Q3,2021,1.00\n7,North,Q1,2021,2.00\n';

const pivotCase = (csv: string): ParityCase => ({
  ddl: DDL,
  procedure: proc(`INSERT INTO dbo.ByQuarter (Region, Yr, Q1, Q2, N3)
SELECT p.Region, p.Yr, p.[Q1], p.[q2], CAST(p.[Q3] AS int)
FROM (SELECT s.Region, s.Yr, s.Quarter, s.Amount FROM dbo.Sale s) src
PIVOT (SUM(Amount) FOR Quarter IN ([Q1], [q2], [Q3])) p;`),
  inputs: [{ ...SALE, csv }, { ...BUDGET, csv: 'Region,Q1,Q2,Q3,Note\n' }],
  output: BY_QUARTER,
});

describe('PIVOT and UNPIVOT drafted against the emulator', () => {
  it('PIVOT: grouped by the other columns, IN values matched case-insensitively, NULL where no row', async () => {
    const r = await draftAgainstEmulator(pivotCase(SALES_CSV));
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
    expect(r.emulator).toEqual(['NULL|2020|3.00|NULL|NULL', 'North|2020|15.25|7.50|NULL', 'North|2021|2.00|NULL|NULL', 'South|2021|NULL|NULL|1']);
  });

  it('PIVOT with COUNT counts the non-NULL values per listed value', async () => {
    const c = pivotCase(SALES_CSV);
    const r = await draftAgainstEmulator({ ...c, procedure: c.procedure.replace('SUM(Amount)', 'COUNT(Amount)').replace('p.[Q1], p.[q2]', 'CAST(p.[Q1] AS decimal(38,2)), CAST(p.[q2] AS decimal(38,2))') });
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
    expect(r.emulator).toContain('South|2021|0.00|0.00|1');
  });

  it('PIVOT over a group spelled two ways stops at the pivoted source\'s file:line:col', async () => {
    const r = await draftAgainstEmulator(pivotCase('SaleId,Region,Quarter,Yr,Amount\n1,North,Q1,2020,10.00\n2,NORTH,Q2,2020,5.25\n'));
    expect(r.draft).toBeUndefined();
    expect(r.draftError).toMatch(/proc\.sql:5:6: PIVOT groups its other columns: text values equal under the collation but spelled differently/);
  });

  it('UNPIVOT: one row per listed column, NULL values dropped, the column name as the IN list writes it', async () => {
    const r = await draftAgainstEmulator({
      ddl: DDL,
      procedure: proc(`INSERT INTO dbo.BudgetLine (Region, Quarter, Amount)
SELECT u.Region, u.Quarter, u.Amount
FROM (SELECT b.Region, b.Q1, b.Q2, b.Q3 FROM dbo.Budget b) x
UNPIVOT (Amount FOR Quarter IN ([Q1], q2, [Q3])) u;`),
      inputs: [{ ...SALE, csv: 'SaleId,Region,Quarter,Yr,Amount\n' }, { ...BUDGET, csv: 'Region,Q1,Q2,Q3,Note\nNorth,1.00,,3.50,x\nSouth,,,,\nEast,0.00,2.00,,\n' }],
      output: BUDGET_LINE,
    });
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
    expect(r.emulator).toEqual(['East|Q1|0.00', 'East|q2|2.00', 'North|Q1|1.00', 'North|Q3|3.50']);
  });

  it.each<[string, string, RegExp]>([
    ['UNPIVOT of columns of different types', 'SELECT u.Region, u.Quarter, u.Amount FROM dbo.Budget b UNPIVOT (Amount FOR Quarter IN (Q1, Note)) u', /proc\.sql:4:\d+ UNPIVOT … IN \(Note\): the listed columns differ in type/],
    ['PIVOT over a value not of the FOR column\'s type', 'SELECT p.Region, p.[x], 0 FROM (SELECT s.Region, s.Yr, s.Amount FROM dbo.Sale s) src PIVOT (SUM(Amount) FOR Yr IN ([x])) p', /proc\.sql:4:\d+ PIVOT … IN \(\[x\]\): the value is not one of the FOR column's type/],
  ])('refuses %s at its file:line:col', (_what, select, reason) => {
    const body = draftOf(proc(`INSERT INTO dbo.BudgetLine (Region, Quarter, Amount)\n${select};`), { ddl: DDL, inputs: [SALE, BUDGET], output: BUDGET_LINE });
    expect(body.sql).toBeUndefined();
    expect(body.refusals.map((x) => `${x.file}:${x.line}:${x.col} ${x.construct}: ${x.reason}`).join('\n')).toMatch(reason);
  });
});
