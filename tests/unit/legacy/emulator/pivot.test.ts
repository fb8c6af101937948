import { resultRows, runBody } from './emulator-helpers';

// PIVOT and UNPIVOT: learn.microsoft.com/sql/t-sql/queries/from-using-pivot-and-unpivot
const TABLES = `
CREATE TABLE dbo.Sale (Shop varchar(5) NOT NULL, Yr int NOT NULL, Amount int NULL)
GO
CREATE TABLE dbo.Wide (Id int NOT NULL, Q1 int NULL, Q2 int NULL)
GO
`;
const DATA = {
  'dbo.Sale': 'Shop,Yr,Amount\na,2020,10\na,2020,5\na,2021,7\nb,2021,3\nb,2022,\n',
  'dbo.Wide': 'Id,Q1,Q2\n1,4,\n2,6,8\n',
};

describe('PIVOT and UNPIVOT', () => {
  it('pivots with the aggregate per listed value, grouped by the other columns', async () => {
    const r = await runBody('SELECT Shop, [2020], [2021], [2022] FROM dbo.Sale PIVOT (SUM(Amount) FOR Yr IN ([2020], [2021], [2022])) AS p ORDER BY Shop', { tables: TABLES, csv: DATA });
    expect(resultRows(r)).toEqual([{ Shop: 'a', 2020: 15, 2021: 7, 2022: null }, { Shop: 'b', 2020: null, 2021: 3, 2022: null }]);
  });

  it('counts non-NULL values with COUNT', async () => {
    const r = await runBody('SELECT [2021], [2022] FROM (SELECT Yr, Amount FROM dbo.Sale) AS s PIVOT (COUNT(Amount) FOR Yr IN ([2021], [2022])) AS p', { tables: TABLES, csv: DATA });
    expect(resultRows(r)).toEqual([{ 2021: 2, 2022: 0 }]);
  });

  it('unpivots, skipping NULL values', async () => {
    const r = await runBody('SELECT Id, Quarter, Val FROM dbo.Wide UNPIVOT (Val FOR Quarter IN (Q1, Q2)) AS u ORDER BY Id, Quarter', { tables: TABLES, csv: DATA });
    expect(resultRows(r)).toEqual([{ Id: 1, Quarter: 'Q1', Val: 4 }, { Id: 2, Quarter: 'Q1', Val: 6 }, { Id: 2, Quarter: 'Q2', Val: 8 }]);
  });
});
