import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// Found probing a retail warehouse's nightly load: the customer dimension's SCD type 2 step is
// the classic `INSERT INTO dim SELECT … FROM (MERGE dim … OUTPUT $action, src.…) AS m WHERE
// m.[$action] = 'UPDATE'`, which capture refused outright; and a dimension holding only its
// unknown member (-1) crashed capture with an internal error. Both now give SQL Server's rows.
const TABLES = `CREATE TABLE stg.Customer (CustomerCode varchar(20) NOT NULL, City nvarchar(50) NULL, ModifiedDate datetime NOT NULL)
GO
CREATE TABLE dw.DimCustomer (CustomerKey int IDENTITY(1,1) NOT NULL PRIMARY KEY, CustomerCode varchar(20) NOT NULL, City nvarchar(50) NULL,
  StartDate date NOT NULL, EndDate date NULL, IsCurrent bit NOT NULL DEFAULT (1))
GO
`;
const PROCEDURE = `CREATE PROCEDURE etl.usp_LoadDimCustomer @LoadDate date
AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO dw.DimCustomer (CustomerCode, City, StartDate, EndDate, IsCurrent)
    SELECT m.CustomerCode, m.City, @LoadDate, NULL, 1
    FROM (
        MERGE dw.DimCustomer AS tgt
        USING (SELECT CustomerCode, City FROM stg.Customer) AS src
           ON tgt.CustomerCode = src.CustomerCode AND tgt.IsCurrent = 1
        WHEN MATCHED AND ISNULL(tgt.City, N'') <> ISNULL(src.City, N'') THEN
            UPDATE SET tgt.IsCurrent = 0, tgt.EndDate = DATEADD(DAY, -1, @LoadDate)
        WHEN NOT MATCHED BY TARGET THEN
            INSERT (CustomerCode, City, StartDate, EndDate, IsCurrent) VALUES (src.CustomerCode, src.City, @LoadDate, NULL, 1)
        OUTPUT $action, src.CustomerCode, src.City
    ) AS m
    WHERE m.[$action] = 'UPDATE'
    ORDER BY m.CustomerCode;
END
GO
`;

describe('warehouse probe: capture of an SCD type 2 load through composable DML', () => {
  it('expires the changed rows, inserts their new versions after the unknown member, and keeps the rest', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'warehouse-probe-'));
    try {
      mkdirSync(join(ws, 'procedures'), { recursive: true });
      mkdirSync(join(ws, 'data'));
      writeFileSync(join(ws, 'procedures/tables.sql'), TABLES);
      writeFileSync(join(ws, 'procedures/etl.usp_LoadDimCustomer.sql'), PROCEDURE);
      // C1 unchanged but for case (the collation says equal); C2 moved city; C3's city became NULL; C4 is new.
      writeFileSync(join(ws, 'data/stg.Customer.csv'), 'CustomerCode,City,ModifiedDate\nC1,leeds,2026-12-04 10:00:00\nC2,York,2026-12-04 11:00:00\nC3,,2026-12-04 12:00:00\nC4,Derby,2026-12-04 13:00:00\n');
      writeFileSync(join(ws, 'data/dw.DimCustomer.csv'), 'CustomerKey,CustomerCode,City,StartDate,EndDate,IsCurrent\n-1,UNKNOWN,Unknown,1900-01-01,,1\n');
      const first = await runMigrate(['capture', 'etl.usp_LoadDimCustomer', '--procedures', join(ws, 'procedures'), '--data', join(ws, 'data'), '--out', join(ws, 'first'), '--param', '@LoadDate=2026-11-01', '--no-order-check']);
      expect(first.err).toBe('');
      expect(first.code).toBe(0);
      // A dimension holding only its unknown member numbers its first row with the seed, 1.
      // (which source row gets which key is SQL Server's plan's choice: only the keys are compared)
      expect(readFileSync(join(ws, 'first/dw.DimCustomer.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0])).toEqual(['-1', '1', '2', '3', '4']);

      writeFileSync(join(ws, 'data/dw.DimCustomer.csv'), 'CustomerKey,CustomerCode,City,StartDate,EndDate,IsCurrent\n-1,UNKNOWN,Unknown,1900-01-01,,1\n1,C1,Leeds,2020-01-01,,1\n2,C2,Hull,2020-01-01,,1\n3,C3,Bath,2020-01-01,,1\n');
      const r = await runMigrate(['capture', 'etl.usp_LoadDimCustomer', '--procedures', join(ws, 'procedures'), '--data', join(ws, 'data'), '--out', join(ws, 'baseline'), '--param', '@LoadDate=2026-12-05']);
      expect(r.code).toBe(0);
      expect(readFileSync(join(ws, 'baseline/dw.DimCustomer.csv'), 'utf8').trim().split('\n')).toEqual([
        'CustomerKey,CustomerCode,City,StartDate,EndDate,IsCurrent',
        '-1,UNKNOWN,Unknown,1900-01-01,,1',
        '1,C1,Leeds,2020-01-01,,1',
        '2,C2,Hull,2020-01-01,2026-12-04,0',
        '3,C3,Bath,2020-01-01,2026-12-04,0',
        '4,C4,Derby,2026-12-05,,1',
        '5,C2,York,2026-12-05,,1',
        '6,C3,,2026-12-05,,1',
      ]);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});
