import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

// UNPIVOT wants its listed columns of one type, length, precision and scale: SQL Server stops
// with error 8167 where DuckDB's UNION would widen decimal(18,2) and decimal(18,3) and go on
// giving rows. The name column is nvarchar(128).
const TABLES = `
CREATE TABLE dbo.[Budget Month] ([Cost Center] varchar(10) NOT NULL, Jan decimal(18,2) NULL, Feb decimal(18,3) NULL, Mar decimal(18,2) NULL)
GO
CREATE TABLE dbo.[Cost Label] ([Cost Center] varchar(10) NOT NULL, Short varchar(25) NULL, Long varchar(50) NULL)
GO
`;
const DATA = {
  'dbo.Budget Month': 'Cost Center,Jan,Feb,Mar\nFIN,10.00,1.005,\nOPS,,2.000,3.50\n',
  'dbo.Cost Label': 'Cost Center,Short,Long\nFIN,Fin,Finance and Accounting\n',
};

describe('UNPIVOT column types', () => {
  it('refuses decimal columns of different scales at the column, naming error 8167', async () => {
    const err = await runBody('SELECT u.[Cost Center], u.Mth, u.Amount FROM dbo.[Budget Month] UNPIVOT (Amount FOR Mth IN (Jan, Feb, Mar)) u;', { tables: TABLES, csv: DATA }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).code).toBe('LEGACY_UNSUPPORTED');
    expect((err as LegacyError).message).toMatch(/UNPIVOT of Feb \(decimal\(18,3\)\) beside Jan \(decimal\(18,2\)\).*error 8167/);
    expect((err as LegacyError).location?.span?.start).toMatchObject({ line: 4, column: 98 });
  });

  it('refuses varchar columns of different lengths, also through a derived table', async () => {
    await expect(runBody('SELECT u.Label FROM (SELECT [Cost Center], Short, Long FROM dbo.[Cost Label]) s UNPIVOT (Label FOR Kind IN (Short, Long)) u;', { tables: TABLES, csv: DATA }))
      .rejects.toThrow(/UNPIVOT of Long \(varchar\(50\)\) beside Short \(varchar\(25\)\)/);
  });

  it('unpivots columns of one type, the name column nvarchar(128)', async () => {
    const r = await runBody('SELECT u.[Cost Center], u.Mth, DATALENGTH(u.Mth) AS Bytes, u.Amount FROM dbo.[Budget Month] UNPIVOT (Amount FOR Mth IN (Jan, Mar)) u ORDER BY u.[Cost Center], u.Mth;', { tables: TABLES, csv: DATA });
    expect(resultRows(r)).toEqual([
      { 'Cost Center': 'FIN', Mth: 'Jan', Bytes: 6, Amount: 10 },
      { 'Cost Center': 'OPS', Mth: 'Mar', Bytes: 6, Amount: 3.5 },
    ]);
  });
});
