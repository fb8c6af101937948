import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

const TABLES = `
CREATE TABLE dbo.Item (Id int NOT NULL PRIMARY KEY, Name varchar(20) NULL, Qty int NULL)
GO
CREATE TABLE dbo.Code (Id int NOT NULL PRIMARY KEY, Code varchar(10) NULL)
GO
CREATE FUNCTION dbo.Numbers (@n int) RETURNS @t TABLE (k int NOT NULL, sq int)
AS
BEGIN
  DECLARE @i int = 1;
  WHILE @i <= @n BEGIN INSERT INTO @t (k, sq) VALUES (@i, @i * @i); SET @i += 1; END
  RETURN;
END
GO
CREATE FUNCTION dbo.Echo (@s varchar(10)) RETURNS @t TABLE (s varchar(10), bytes int)
AS
BEGIN
  INSERT INTO @t VALUES (@s, DATALENGTH(@s));
  RETURN;
END
GO
CREATE FUNCTION dbo.Inverse (@n int) RETURNS @t TABLE (v decimal(10, 4))
AS
BEGIN
  INSERT INTO @t VALUES (1.0 / @n);
  RETURN;
END
GO
CREATE FUNCTION dbo.Lucky (@n int) RETURNS @t TABLE (v float)
AS
BEGIN
  INSERT INTO @t VALUES (RAND() * @n);
  RETURN;
END
GO
`;
const DATA = {
  'dbo.Item': 'Id,Name,Qty\n1,apple,3\n2,pear,\n3,plum,2\n4,fig,0\n5,kiwi,2\n',
  'dbo.Code': 'Id,Code\n1,Std\n2,std \n3,STD\n4,Std\n5,\n',
};

describe('multi-statement table-valued functions under APPLY with arguments from the row', () => {
  it.each([
    ['CROSS APPLY: rows of each left row, none for a NULL or empty result',
      'SELECT i.Id, n.k, n.sq FROM dbo.Item i CROSS APPLY dbo.Numbers(i.Qty) n ORDER BY i.Id, n.k',
      [{ Id: 1, k: 1, sq: 1 }, { Id: 1, k: 2, sq: 4 }, { Id: 1, k: 3, sq: 9 }, { Id: 3, k: 1, sq: 1 }, { Id: 3, k: 2, sq: 4 }, { Id: 5, k: 1, sq: 1 }, { Id: 5, k: 2, sq: 4 }]],
    ['OUTER APPLY: NULLs for a NULL argument and an empty result',
      'SELECT i.Id, n.k FROM dbo.Item i OUTER APPLY dbo.Numbers(i.Qty) n WHERE i.Id IN (2, 3, 4) ORDER BY i.Id, n.k',
      [{ Id: 2, k: null }, { Id: 3, k: 1 }, { Id: 3, k: 2 }, { Id: 4, k: null }]],
    ['an argument computed from two joined tables',
      'SELECT i.Id, COUNT(n.k) AS c FROM dbo.Item i JOIN dbo.Code c ON c.Id = i.Id OUTER APPLY dbo.Numbers(i.Qty + LEN(c.Code)) n GROUP BY i.Id ORDER BY i.Id',
      [{ Id: 1, c: 6 }, { Id: 2, c: 0 }, { Id: 3, c: 5 }, { Id: 4, c: 3 }, { Id: 5, c: 0 }]],
    ['text equal under the collation but spelled differently: one call per spelling',
      'SELECT c.Id, e.s, e.bytes FROM dbo.Code c CROSS APPLY dbo.Echo(c.Code) e ORDER BY c.Id',
      [{ Id: 1, s: 'Std', bytes: 3 }, { Id: 2, s: 'std ', bytes: 4 }, { Id: 3, s: 'STD', bytes: 3 }, { Id: 4, s: 'Std', bytes: 3 }, { Id: 5, s: null, bytes: null }]],
    ['no left row',
      'CREATE TABLE #e (n int); SELECT e.n, x.k FROM #e e OUTER APPLY dbo.Numbers(e.n) x',
      []],
    ['in a CTE the statement reads',
      'WITH q AS (SELECT i.Id, n.sq FROM dbo.Item i CROSS APPLY dbo.Numbers(i.Qty) n WHERE n.k = i.Qty) SELECT Id, sq FROM q ORDER BY Id',
      [{ Id: 1, sq: 9 }, { Id: 3, sq: 4 }, { Id: 5, sq: 4 }]],
  ])('%s', async (_name, body, expected) => {
    const r = await runBody(body, { tables: TABLES, csv: DATA });
    expect(resultRows(r)).toEqual(expected);
  });

  it('reads the rows as they were before an UPDATE that changes the arguments', async () => {
    const body = 'UPDATE i SET Qty = n.sq FROM dbo.Item i CROSS APPLY dbo.Numbers(i.Qty) n WHERE n.k = i.Qty; SELECT Id, Qty FROM dbo.Item ORDER BY Id';
    const r = await runBody(body, { tables: TABLES, csv: DATA });
    expect(resultRows(r)).toEqual([{ Id: 1, Qty: 9 }, { Id: 2, Qty: null }, { Id: 3, Qty: 4 }, { Id: 4, Qty: 0 }, { Id: 5, Qty: 4 }]);
  });

  it('types a SELECT … INTO from the function when no row calls it', async () => {
    const body = 'CREATE TABLE #e (n int); SELECT x.k, x.sq INTO #x FROM #e e CROSS APPLY dbo.Numbers(e.n) x; INSERT INTO #x VALUES (7, 49); SELECT k, sq FROM #x';
    const r = await runBody(body, { tables: TABLES, csv: DATA });
    expect(resultRows(r)).toEqual([{ k: 7, sq: 49 }]);
  });

  it('fails the statement with the error the body raises for one row, which CATCH sees', async () => {
    const body = 'BEGIN TRY SELECT i.Id, v.v FROM dbo.Item i CROSS APPLY dbo.Inverse(i.Qty) v; END TRY BEGIN CATCH SELECT ERROR_NUMBER() AS e; END CATCH';
    const r = await runBody(body, { tables: TABLES, csv: DATA });
    expect(resultRows(r)).toEqual([{ e: 8134 }]);
  });

  it('refuses, located, an error raised for a row a WHERE may remove before SQL Server calls the function', async () => {
    const err = await runBody('SELECT i.Id, v.v FROM dbo.Item i CROSS APPLY dbo.Inverse(i.Qty) v WHERE i.Qty <> 0', { tables: TABLES, csv: DATA }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).code).toBe('LEGACY_UNSUPPORTED');
    expect((err as LegacyError).message).toMatch(/error 8134 .*dbo\.Inverse.*WHERE, TOP or join/);
    expect((err as LegacyError).location?.span?.start.line).toBe(4);
  });

  it('refuses a body that calls RAND() (SQL Server refuses it in a function: 443)', async () => {
    const err = await runBody('SELECT i.Id, l.v FROM dbo.Item i CROSS APPLY dbo.Lucky(i.Qty) l', { tables: TABLES, csv: DATA }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/dbo\.Lucky .*RAND\(\).*443/);
  });

  it('runs the body once per distinct argument tuple: thousands of rows, few tuples', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `${i + 1},n${i},${i % 4}`).join('\n');
    const started = Date.now();
    const r = await runBody('SELECT COUNT(*) AS c, SUM(n.sq) AS s FROM dbo.Item i CROSS APPLY dbo.Numbers(i.Qty) n', { tables: TABLES, csv: { ...DATA, 'dbo.Item': `Id,Name,Qty\n${rows}\n` } });
    // per left row: Qty 1 -> 1 row (1), 2 -> 2 rows (1+4), 3 -> 3 rows (1+4+9); 1250 left rows each
    expect(resultRows(r)).toEqual([{ c: 1250 * (1 + 2 + 3), s: 1250 * (1 + 5 + 14) }]);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('still runs with many distinct tuples', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `${i + 1},n${i},${i % 150}`).join('\n');
    const r = await runBody('SELECT COUNT(*) AS c FROM dbo.Item i CROSS APPLY dbo.Numbers(i.Qty % 3) n', { tables: TABLES, csv: { ...DATA, 'dbo.Item': `Id,Name,Qty\n${rows}\n` } });
    expect(resultRows(r)).toEqual([{ c: 300 }]);
    const many = await runBody('SELECT COUNT(*) AS c, MAX(n.k) AS m FROM dbo.Item i CROSS APPLY dbo.Numbers(i.Qty) n', { tables: TABLES, csv: { ...DATA, 'dbo.Item': `Id,Name,Qty\n${rows}\n` } });
    expect(resultRows(many)).toEqual([{ c: 2 * (149 * 150) / 2, m: 149 }]);
  }, 120_000);
});
