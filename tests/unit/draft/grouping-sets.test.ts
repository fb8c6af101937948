import { draftAgainstEmulator, type ParityCase } from './emulator-parity';
import { draftOf } from './draft-harness';

// ROLLUP, CUBE, GROUPING SETS and WITH ROLLUP|CUBE with GROUPING() and GROUPING_ID(): each draft
// runs against the emulator's result for the same rows. A stored NULL key (Region) and a rolled-up
// one differ only by GROUPING(); a text key shows NULL in the rows that roll it up (not the
// super-group's min spelling); char(n) keys keep their padding.
const DDL = `CREATE TABLE dbo.Sale (SaleId int NOT NULL, Region varchar(20) NULL, Shop char(6) NULL, Amount decimal(10,2) NOT NULL);
CREATE TABLE dbo.Totals (Region varchar(20) NULL, Shop char(6) NULL, Total decimal(38,2) NULL, N int NULL, G int NULL, GId int NULL);`;
const proc = (body: string): string => `CREATE PROCEDURE dbo.usp_T AS\nBEGIN\n${body}\nEND`;
const SALE = { name: 'dbo.Sale', columns: ['SaleId:int', 'Region:text?', 'Shop:text?', 'Amount:decimal(10,2)'] };
const OUT = { name: 'dbo.Totals', columns: ['Region:text?', 'Shop:text?', 'Total:decimal(38,2)?', 'N:int?', 'G:int?', 'GId:int?'] };
const SALES_CSV = 'SaleId,Region,Shop,Amount\n1,North,A1,10.00\n2,North,A1,5.25\n3,North,B2,7.50\n4,,B2,3.00\n5,South,A1,150.00\n';

const groupingCase = (groupBy: string, csv = SALES_CSV, having = ''): ParityCase => ({
  ddl: DDL,
  procedure: proc(`INSERT INTO dbo.Totals (Region, Shop, Total, N, G, GId)
SELECT s.Region, s.Shop, SUM(s.Amount), COUNT(*), GROUPING(s.Region), GROUPING_ID(s.Region, s.Shop)
FROM dbo.Sale s
${groupBy}${having};`),
  inputs: [{ ...SALE, csv }],
  output: OUT,
});

describe('grouping sets drafted against the emulator', () => {
  it.each<[string, string, number]>([
    ['ROLLUP', 'GROUP BY ROLLUP(s.Region, s.Shop)', 8],
    ['CUBE', 'GROUP BY CUBE(s.Region, s.Shop)', 10],
    ['GROUPING SETS with a composite set and the grand total', 'GROUP BY GROUPING SETS ((s.Region, s.Shop), (s.Region), ())', 8],
    ['WITH ROLLUP', 'GROUP BY s.Region, s.Shop WITH ROLLUP', 8],
    ['WITH CUBE', 'GROUP BY s.Region, s.Shop WITH CUBE', 10],
    ['a plain key beside ROLLUP', 'GROUP BY s.Region, ROLLUP(s.Shop)', 7],
    ['duplicate grouping sets (kept, as UNION ALL keeps them)', 'GROUP BY GROUPING SETS ((s.Region, s.Shop), (s.Region, s.Shop), ())', 9],
  ])('%s', async (_what, groupBy, rows) => {
    const r = await draftAgainstEmulator(groupingCase(groupBy));
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
    expect(r.emulator).toHaveLength(rows);
  });

  it('a stored NULL key and a rolled-up one: told apart by GROUPING(), the text key NULL where rolled up', async () => {
    const r = await draftAgainstEmulator(groupingCase('GROUP BY ROLLUP(s.Region, s.Shop)'));
    expect(r.draft).toEqual(expect.arrayContaining(['NULL|B2    |3.00|1|0|0', 'NULL|NULL|3.00|1|0|1', 'NULL|NULL|175.75|5|1|3', 'North|NULL|22.75|3|0|1']));
  });

  it('HAVING GROUPING(…) = 1 keeps the super-aggregate rows only', async () => {
    const r = await draftAgainstEmulator(groupingCase('GROUP BY CUBE(s.Region, s.Shop)', SALES_CSV, '\nHAVING GROUPING(s.Shop) = 1'));
    expect(r.draft).toEqual(r.emulator);
    expect(r.emulator).toHaveLength(4);
  });

  it('no rows: the grand total, which SQL Server may not return, stops both at the GROUP BY', async () => {
    const r = await draftAgainstEmulator(groupingCase('GROUP BY ROLLUP(s.Region, s.Shop)', 'SaleId,Region,Shop,Amount\n'), { keepRefusal: true });
    expect(r.emulatorRefusal).toContain('the grand total of ROLLUP, CUBE or GROUPING SETS over no rows');
    expect(r.draftError).toContain('proc.sql:6:1: GROUP BY: the grand total of ROLLUP, CUBE or GROUPING SETS over no rows');
  });

  it('no rows, a grouping set without the grand total: no rows in both', async () => {
    const r = await draftAgainstEmulator(groupingCase('GROUP BY GROUPING SETS ((s.Region, s.Shop), (s.Region))', 'SaleId,Region,Shop,Amount\n'));
    expect(r.draft).toEqual(r.emulator);
    expect(r.draft).toEqual([]);
  });

  it.each<[string, string, RegExp]>([
    ['GROUPING of a column not grouped', 'SELECT s.Region, SUM(s.Amount), GROUPING(s.Shop) FROM dbo.Sale s GROUP BY ROLLUP(s.Region)', /GROUPING\(\).*not an expression of the GROUP BY/],
    ['GROUPING without GROUP BY', 'SELECT NULL, SUM(s.Amount), GROUPING(s.Shop) FROM dbo.Sale s', /GROUPING\(\).*outside a query with GROUP BY/],
    ['GROUP BY ALL', 'SELECT s.Region, SUM(s.Amount), 0 FROM dbo.Sale s GROUP BY ALL s.Region', /GROUP BY ALL/],
  ])('refuses %s at its file:line:col', (_what, select, reason) => {
    const body = draftOf(proc(`INSERT INTO dbo.Totals (Region, Total, N)\n${select};`), { ddl: DDL, inputs: [SALE], output: { name: 'dbo.Totals', columns: ['Region:text?', 'Total:decimal(38,2)?', 'N:int?'] } });
    expect(body.sql).toBeUndefined();
    expect(body.refusals.map((x) => `${x.file}:${x.line}:${x.col} ${x.construct}: ${x.reason}`).join('\n')).toMatch(new RegExp(`proc\\.sql:4:\\d+ ${reason.source}`));
  });
});
