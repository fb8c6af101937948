import { resultRows, runBody } from './emulator-helpers';

// Computed columns: learn.microsoft.com/sql/relational-databases/tables/specify-computed-columns-in-a-table;
// alias types: learn.microsoft.com/sql/t-sql/statements/create-type-transact-sql.
const TABLES = `
CREATE TYPE dbo.ShortName FROM varchar(5) NOT NULL
GO
CREATE TYPE [dbo].[Amount] FROM decimal(9, 2)
GO
CREATE TABLE dbo.Line (
  Id int NOT NULL PRIMARY KEY,
  Code dbo.ShortName,
  Qty int NULL,
  Price dbo.Amount NULL,
  Total AS (Qty * Price) PERSISTED,
  Label AS Code + '-' + CAST(Id AS varchar(10)),
  IsBig AS CASE WHEN Qty > 10 THEN 1 ELSE 0 END
)
GO
`;
const DATA = { 'dbo.Line': 'Id,Code,Qty,Price,Total\n1,ab,3,2.50,999\n2,cd,20,1.25,\n3,ef,,4.00,\n' };

describe('computed columns and alias types', () => {
  it('computes columns from the row, skipping their values in the input CSV', async () => {
    const r = await runBody('SELECT Id, CAST(Total AS varchar(20)) AS Total, Label, IsBig FROM dbo.Line ORDER BY Id', { tables: TABLES, csv: DATA });
    expect(resultRows(r)).toEqual([
      { Id: 1, Total: '7.50', Label: 'ab-1', IsBig: 0 },
      { Id: 2, Total: '25.00', Label: 'cd-2', IsBig: 1 },
      { Id: 3, Total: null, Label: 'ef-3', IsBig: 0 },
    ]);
  });

  it('recomputes after INSERT without a column list and after UPDATE', async () => {
    const r = await runBody(`
      INSERT INTO dbo.Line VALUES (4, 'gh', 11, 1.00);
      UPDATE dbo.Line SET Qty = 1 WHERE Id = 2;
      SELECT Id, IsBig, CAST(Total AS varchar(20)) AS Total FROM dbo.Line WHERE Id IN (2, 4) ORDER BY Id;`, { tables: TABLES, csv: DATA });
    expect(resultRows(r)).toEqual([{ Id: 2, IsBig: 0, Total: '1.25' }, { Id: 4, IsBig: 1, Total: '11.00' }]);
  });

  it.each([
    ['a variable of an alias type takes its base type (varchar(5) cuts)', "DECLARE @n dbo.ShortName = 'abcdefgh'; SELECT @n AS v", 'abcde'],
    ['decimal(9,2) rounds', 'DECLARE @a [dbo].[Amount] = 1.005; SELECT CAST(@a AS varchar(20)) AS v', '1.01'],
  ])('%s', async (_name, body, expected) => {
    const r = await runBody(body, { tables: TABLES });
    expect(resultRows(r)[0]?.v).toEqual(expected);
  });

  it('converts a parameter of an alias type', async () => {
    const r = await runBody('SELECT @p AS v', { tables: TABLES, paramDecl: '@p dbo.ShortName', params: { p: 'toolongvalue' } });
    expect(resultRows(r)[0]?.v).toBe('toolo');
  });
});
