import { draftAgainstEmulator } from './emulator-parity';

// A price list with overlapping rows, resolved by `CROSS APPLY (SELECT TOP 1 … ORDER BY Priority,
// ValidFrom DESC)`. Two rows tying on the ORDER BY with the same price (a list loaded twice) give
// the same result whichever SQL Server takes: the draft keeps one (not both: TOP 1 is one row);
// tied rows with different prices still stop it.
const DDL = `CREATE TABLE dbo.Product (ProductId int NOT NULL PRIMARY KEY);
CREATE TABLE dbo.PriceList (PriceListId int NOT NULL PRIMARY KEY, ProductId int NOT NULL, NetPrice money NOT NULL, Priority tinyint NOT NULL, ValidFrom date NOT NULL);
CREATE TABLE dbo.BasePrice (ProductId int NOT NULL, NetPrice money NOT NULL);`;
const PROC = `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.BasePrice (ProductId, NetPrice)
  SELECT p.ProductId, bp.NetPrice
  FROM dbo.Product p
  CROSS APPLY (SELECT TOP 1 pl.NetPrice FROM dbo.PriceList pl WHERE pl.ProductId = p.ProductId ORDER BY pl.Priority, pl.ValidFrom DESC) bp;
END`;
const PRODUCT = { name: 'dbo.Product', columns: ['ProductId:int'], rows: [[1], [2]], csv: 'ProductId\n1\n2\n' };
const OUT = { name: 'dbo.BasePrice', columns: ['ProductId:int', 'NetPrice:decimal(19,4)'] };
const prices = (second: string) => {
  const rows = [[10, 1, 2.49, 2, '2026-01-01'], [11, 1, 2.29, 1, '2026-11-10'], [20, 2, 3.325, 1, '2026-01-01'], [21, 2, Number(second), 1, '2026-01-01']];
  return {
    name: 'dbo.PriceList', columns: ['PriceListId:int', 'ProductId:int', 'NetPrice:decimal(19,4)', 'Priority:int', 'ValidFrom:date'], rows,
    csv: `PriceListId,ProductId,NetPrice,Priority,ValidFrom\n${rows.map((r) => r.join(',')).join('\n')}\n`,
  };
};

describe('TOP 1 … ORDER BY whose first place ties', () => {
  it('keeps one of tied rows that return the same values, as the emulator does', async () => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: PROC, inputs: [PRODUCT, prices('3.325')], output: OUT });
    expect(r.emulator).toEqual(['1|2.2900', '2|3.3250']);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });

  it('stops on tied rows with different values', async () => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: PROC, inputs: [PRODUCT, prices('3.5')], output: OUT });
    expect(r.draftError).toMatch(/TOP … ORDER BY: rows tie on the ORDER BY across the last row kept/);
  });
});
