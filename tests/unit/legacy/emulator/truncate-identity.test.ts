import { resultRows, runBody } from './emulator-helpers';

const tables = 'CREATE TABLE dbo.Stage (Id int IDENTITY(1,1) PRIMARY KEY, Sku varchar(10) NOT NULL);\nGO\nCREATE TABLE dbo.Seeded (Id int IDENTITY(100,5) NOT NULL, Sku varchar(10) NOT NULL);';
const csv = { 'dbo.Stage': 'Id,Sku\n1,A\n2,B\n', 'dbo.Seeded': 'Id,Sku\n100,A\n105,B\n' };

// TRUNCATE TABLE (Transact-SQL): "If the table contains an identity column, the counter for that
// column is reset to the seed value defined for the column. If no seed was defined, the default
// value 1 is used." IDENT_CURRENT (Transact-SQL): when the table has been truncated,
// IDENT_CURRENT returns the seed value. SCOPE_IDENTITY() is the value the INSERT drew.
describe('TRUNCATE TABLE and identity', () => {
  it('the next insert gets the seed, SCOPE_IDENTITY() and IDENT_CURRENT() follow', async () => {
    const r = await runBody(`TRUNCATE TABLE dbo.Stage;
SELECT IDENT_CURRENT('dbo.Stage') AS after_truncate;
INSERT dbo.Stage (Sku) VALUES ('Z');
INSERT dbo.Stage (Sku) VALUES ('Y');
SELECT SCOPE_IDENTITY() AS scope_id, IDENT_CURRENT('dbo.Stage') AS cur;
SELECT Id, Sku FROM dbo.Stage ORDER BY Id;`, { tables, csv });
    expect(resultRows(r, 0).map((x) => String(x.after_truncate))).toEqual(['1']);
    expect(resultRows(r, 1).map((x) => [String(x.scope_id), String(x.cur)])).toEqual([['2', '2']]);
    expect(resultRows(r, 2)).toEqual([{ Id: 1, Sku: 'Z' }, { Id: 2, Sku: 'Y' }]);
  });

  it('a seed and an increment of their own: back to the seed, stepping by the increment', async () => {
    const r = await runBody(`TRUNCATE TABLE dbo.Seeded;
INSERT dbo.Seeded (Sku) VALUES ('Z'), ('Y');
SELECT Id FROM dbo.Seeded ORDER BY Id;`, { tables, csv });
    expect(resultRows(r, 0)).toEqual([{ Id: 100 }, { Id: 105 }]);
  });

  it('inside a committed transaction: the reset holds, as outside one', async () => {
    const r = await runBody(`BEGIN TRAN;
TRUNCATE TABLE dbo.Stage;
INSERT dbo.Stage (Sku) VALUES ('Z');
COMMIT;
INSERT dbo.Stage (Sku) VALUES ('Y');
SELECT Id, Sku FROM dbo.Stage ORDER BY Id;`, { tables, csv });
    expect(resultRows(r, 0)).toEqual([{ Id: 1, Sku: 'Z' }, { Id: 2, Sku: 'Y' }]);
  });

  it('rolled back: the next identity of the table is refused (what ROLLBACK restores of the counter is not documented)', async () => {
    await expect(runBody(`BEGIN TRAN;
TRUNCATE TABLE dbo.Stage;
ROLLBACK;
INSERT dbo.Stage (Sku) VALUES ('Y');`, { tables, csv })).rejects.toThrow(/the identity of .*Stage after the rollback of a transaction that moved it at usp_test.sql:\d+:1/);
  });
});

describe('TRUNCATE TABLE of a #temp table with identity', () => {
  it('restarts at the seed, twice over', async () => {
    const r = await runBody(`CREATE TABLE #t (Id int IDENTITY(10,1), V int);
INSERT #t (V) VALUES (1), (2);
TRUNCATE TABLE #t;
INSERT #t (V) VALUES (3);
TRUNCATE TABLE #t;
INSERT #t (V) VALUES (4), (5);
SELECT Id, V FROM #t ORDER BY Id;`);
    expect(resultRows(r, 0)).toEqual([{ Id: 10, V: 4 }, { Id: 11, V: 5 }]);
  });
});
