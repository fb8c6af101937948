import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

// A CTE may read an earlier CTE of the same WITH, and UPDATE/DELETE through the last one changes
// the base table under the chain (learn.microsoft.com/sql/t-sql/queries/with-common-table-expression-transact-sql:
// "A CTE can reference itself and previously defined CTEs in the same WITH clause"; the
// updatable-view rules of CREATE VIEW apply: one base table, no DISTINCT or GROUP BY, and SET
// names a column that is a base column).
const TABLES = `
CREATE TABLE dbo.Invoice (InvoiceId int NOT NULL, InvoiceDate datetime NOT NULL, Amount money NOT NULL, Status varchar(10) NULL)
GO
`;
const DATA = { 'dbo.Invoice': 'InvoiceId,InvoiceDate,Amount,Status\n3,2021-03-31 10:00:00,150.00,paid\n3,2021-03-31 09:00:00,150.00,paid\n15,2021-03-01,50.00,\n16,2021-03-02,5.00,void\n' };

describe('DML through a CTE over another CTE', () => {
  it('deletes the base rows the last CTE picks', async () => {
    const r = await runBody(`
      WITH base AS (SELECT InvoiceId, InvoiceDate FROM dbo.Invoice WHERE Status = 'paid'),
           dupes AS (SELECT InvoiceId, ROW_NUMBER() OVER (PARTITION BY InvoiceId ORDER BY InvoiceDate DESC) AS rn FROM base)
      DELETE FROM dupes WHERE rn > 1;
      SELECT @@ROWCOUNT AS n;
      SELECT InvoiceId, CONVERT(varchar(19), InvoiceDate, 120) AS d FROM dbo.Invoice ORDER BY InvoiceId;`, { tables: TABLES, csv: DATA });
    expect(resultRows(r, 0)).toEqual([{ n: 1 }]);
    expect(resultRows(r, 1)).toEqual([{ InvoiceId: 3, d: '2021-03-31 10:00:00' }, { InvoiceId: 15, d: '2021-03-01 00:00:00' }, { InvoiceId: 16, d: '2021-03-02 00:00:00' }]);
  });

  it('updates a base column under the names each CTE gives it', async () => {
    const r = await runBody(`
      WITH open_rows (Id, S) AS (SELECT InvoiceId, Status FROM dbo.Invoice WHERE Status IS NULL),
           o AS (SELECT Id, S AS St FROM open_rows AS x)
      UPDATE o SET St = 'open';
      SELECT InvoiceId, Status FROM dbo.Invoice WHERE InvoiceId >= 15 ORDER BY InvoiceId;`, { tables: TABLES, csv: DATA });
    expect(resultRows(r)).toEqual([{ InvoiceId: 15, Status: 'open' }, { InvoiceId: 16, Status: 'void' }]);
  });

  it.each([
    ['a link that groups', `WITH g AS (SELECT InvoiceId, COUNT(*) AS n FROM dbo.Invoice GROUP BY InvoiceId), d AS (SELECT InvoiceId FROM g) DELETE FROM d;`, /CTE g, which does not read exactly one table/],
    ['OUTPUT through the chain', `WITH b AS (SELECT InvoiceId FROM dbo.Invoice), d AS (SELECT InvoiceId FROM b) DELETE FROM d OUTPUT deleted.InvoiceId;`, /OUTPUT of a DELETE through the CTE d, which reads another CTE/],
  ])('refuses %s, naming it', async (_what, body, message) => {
    const run = runBody(body, { tables: TABLES, csv: DATA });
    await expect(run).rejects.toThrow(LegacyError);
    await expect(runBody(body, { tables: TABLES, csv: DATA })).rejects.toThrow(message);
  });
});
