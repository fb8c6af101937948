import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

// Text whose first difference is punctuation orders differently under SQL Server's default
// collations: Windows collations (word sort) pass over hyphens and apostrophes ('ONeil' before
// 'O''Neil', 'ABB' before 'AB-C'); SQL collations sort varchar by code page ('AB-C' first); all
// sort '_' before digits, code points after. The emulator ordered by code points: a silently
// different row order, first row, MIN or running number. Such pairs are refused where they meet.
const tables = `CREATE TABLE dbo.Customer (
  CustomerId  int         NOT NULL PRIMARY KEY,
  Region      varchar(10) NOT NULL,
  LastName    varchar(40) NOT NULL,
  AccountCode varchar(12) NOT NULL
);`;
const csv = (rows: string[]): Record<string, string> => ({ 'dbo.Customer': `CustomerId,Region,LastName,AccountCode\n${rows.join('\n')}\n` });
const punctuated = csv(["1,North,O'Neil,AB-C", '2,North,ONeil,ABB', '3,South,Brown,A_1', '4,South,Smith-Jones,A10']);
const ordinary = csv(['1,North,Smith-Jones,A.B', "2,North,O'Neil,AC", '3,South,Brown,ac', '4,South,brown,B-1']);

async function refusal(body: string, data = punctuated): Promise<LegacyError> {
  const err = await runBody(body, { tables, csv: data }).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(LegacyError);
  return err as LegacyError;
}

describe('text ordered where SQL Server collations disagree', () => {
  it('refuses an ORDER BY that puts two such values side by side, at the ORDER BY, naming them', async () => {
    const err = await refusal(`
    SELECT CustomerId, LastName
    FROM dbo.Customer
    ORDER BY LastName;`);
    expect(err.message).toMatch(/ordering text whose first difference is punctuation.*met by ORDER BY at usp_test\.sql:7:14: 'O''Neil' and 'ONeil'/);
  });

  it('orders ordinary data with punctuation as every default collation does', async () => {
    const r = await runBody(`
    SELECT CustomerId FROM dbo.Customer ORDER BY AccountCode, CustomerId;
    SELECT CustomerId FROM dbo.Customer ORDER BY LastName DESC, CustomerId;`, { tables, csv: ordinary });
    // 'A.B' before 'AC' (a symbol sorts before letters everywhere); 'ac' ties with 'AC'.
    expect(resultRows(r, 0).map((x) => x.CustomerId)).toEqual([1, 2, 3, 4]);
    expect(resultRows(r, 1).map((x) => x.CustomerId)).toEqual([1, 2, 3, 4]);
    // The same ORDER BY stops once the data holds a pair it cannot order.
    expect((await refusal('SELECT CustomerId FROM dbo.Customer ORDER BY AccountCode, CustomerId;')).message).toMatch(/'A10' and 'A_1'|'AB-C' and 'ABB'/);
  });

  it('orders values that share their punctuation before they differ', async () => {
    const names = csv(["1,North,O'Neil,X1", "2,North,O'Brien,X2", '3,North,Ng-Smith,X3', '4,North,Ng-Lee,X4', "5,North,O'Neill,X5"]);
    const r = await runBody(`SELECT CustomerId FROM dbo.Customer ORDER BY LastName;`, { tables, csv: names });
    expect(resultRows(r).map((x) => x.CustomerId)).toEqual([4, 3, 2, 1, 5]);
    const more = csv(["1,North,O'Neil,X1", '2,North,ONeil,X2']);
    expect((await refusal('SELECT CustomerId FROM dbo.Customer ORDER BY LastName;', more)).message).toMatch(/'O''Neil' and 'ONeil'/);
  });

  it('refuses a symbol against a digit, which code points order the other way', async () => {
    const err = await refusal(`SELECT CustomerId FROM dbo.Customer WHERE Region = 'South' ORDER BY AccountCode;`);
    expect(err.message).toMatch(/'A_1' and 'A10'|'A10' and 'A_1'/);
  });

  it('refuses < and BETWEEN only for the values that meet', async () => {
    const err = await refusal(`SELECT CustomerId FROM dbo.Customer WHERE AccountCode < 'ABB';`);
    expect(err.message).toMatch(/met by the comparison < at usp_test\.sql:4:43: 'AB-C' and 'ABB'/);
    const r = await runBody(`SELECT CustomerId FROM dbo.Customer WHERE LastName BETWEEN 'B' AND 'P' ORDER BY CustomerId;`, { tables, csv: punctuated });
    expect(resultRows(r).map((x) => x.CustomerId)).toEqual([1, 2, 3]);
  });

  it('refuses MIN and MAX whose extreme is in doubt, and gives the certain ones', async () => {
    const err = await refusal(`SELECT MIN(AccountCode) AS FirstCode FROM dbo.Customer WHERE Region = 'North';`);
    expect(err.message).toMatch(/met by MIN\(\)/);
    const r = await runBody(`SELECT MIN(AccountCode) AS FirstCode, MAX(LastName) AS LastName FROM dbo.Customer;`, { tables, csv: ordinary });
    expect(resultRows(r)).toEqual([{ FirstCode: 'A.B', LastName: 'Smith-Jones' }]);
  });

  it('checks a window ORDER BY within its partition only', async () => {
    const r = await runBody(`
    SELECT CustomerId, ROW_NUMBER() OVER (PARTITION BY LastName ORDER BY AccountCode) AS Seq
    FROM dbo.Customer ORDER BY CustomerId;`, { tables, csv: punctuated });
    expect(resultRows(r).map((x) => x.Seq)).toEqual([1, 1, 1, 1]);
    const err = await refusal(`SELECT CustomerId, ROW_NUMBER() OVER (PARTITION BY Region ORDER BY AccountCode) AS Seq FROM dbo.Customer;`);
    expect(err.message).toMatch(/met by the ORDER BY of OVER \(…\) at usp_test\.sql:4:68/);
  });

  it('refuses a cursor and STRING_AGG … WITHIN GROUP over such values', async () => {
    const cursor = await refusal(`
    DECLARE @name varchar(40);
    DECLARE name_cursor CURSOR LOCAL FAST_FORWARD FOR
      SELECT LastName FROM dbo.Customer WHERE Region = 'North' ORDER BY LastName;
    OPEN name_cursor;
    FETCH NEXT FROM name_cursor INTO @name;
    CLOSE name_cursor;
    DEALLOCATE name_cursor;
    SELECT @name AS FirstName;`);
    expect(cursor.message).toMatch(/'O''Neil' and 'ONeil'/);
    const agg = await refusal(`SELECT STRING_AGG(AccountCode, ',') WITHIN GROUP (ORDER BY AccountCode) AS Codes FROM dbo.Customer;`);
    expect(agg.message).toMatch(/met by WITHIN GROUP/);
  });

  it('refuses > ALL (subquery) where the value meets one of the subquery in doubt', async () => {
    const err = await refusal(`SELECT CustomerId FROM dbo.Customer WHERE AccountCode > ALL (SELECT AccountCode FROM dbo.Customer WHERE CustomerId = 2);`);
    expect(err.message).toMatch(/'AB-C' and 'ABB'/);
  });

  it('keeps a CHECK constraint comparing text, refusing only values it cannot order', async () => {
    const checked = `CREATE TABLE dbo.PlanCode (Code varchar(20) NOT NULL CHECK (Code > ''), Tier AS (CASE WHEN Code >= 'MA' THEN 2 ELSE 1 END));`;
    const r = await runBody(`
    INSERT INTO dbo.PlanCode (Code) VALUES ('PRO-M-2016'), ('ENT-A');
    BEGIN TRY INSERT INTO dbo.PlanCode (Code) VALUES (''); END TRY BEGIN CATCH SELECT ERROR_NUMBER() AS Err; END CATCH
    SELECT Code, Tier FROM dbo.PlanCode ORDER BY Code;`, { tables: checked });
    expect(resultRows(r, 0)).toEqual([{ Err: 547 }]);
    expect(resultRows(r, 1)).toEqual([{ Code: 'ENT-A', Tier: 1 }, { Code: 'PRO-M-2016', Tier: 2 }]);
    const err = await runBody(`INSERT INTO dbo.PlanCode (Code) VALUES ('M-1');`, { tables: checked }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/ordering text holding punctuation in a CHECK constraint or computed column.*'M-1' and 'MA'/);
  });
  it('stores the rows of an INSERT … SELECT or SELECT … INTO ordered by such text, whose order SQL Server keeps nowhere', async () => {
    const archive = `${tables}
CREATE TABLE dbo.CustomerArchive (CustomerId int NOT NULL, LastName varchar(40) NOT NULL);
CREATE TABLE dbo.CustomerNumbered (Seq int IDENTITY(1,1) NOT NULL, CustomerId int NOT NULL);`;
    const r = await runBody(`
    INSERT INTO dbo.CustomerArchive (CustomerId, LastName) SELECT CustomerId, LastName FROM dbo.Customer ORDER BY LastName, AccountCode;
    SELECT CustomerId, LastName INTO #byName FROM dbo.Customer ORDER BY LastName;
    SELECT (SELECT COUNT(*) FROM dbo.CustomerArchive) AS Archived, (SELECT COUNT(*) FROM #byName) AS Copied;`, { tables: archive, csv: punctuated });
    expect(resultRows(r)).toEqual([{ Archived: 4, Copied: 4 }]);
    // The same ORDER BY numbering identity values, or picking rows for a TOP, is still refused.
    const numbered = await runBody('INSERT INTO dbo.CustomerNumbered (CustomerId) SELECT CustomerId FROM dbo.Customer ORDER BY LastName;', { tables: archive, csv: punctuated }).catch((e: unknown) => e);
    expect((numbered as Error).message).toMatch(/met by ORDER BY at usp_test\.sql:4:\d+: ('O''Neil' and 'ONeil'|'ONeil' and 'O''Neil')/);
    const top = await runBody('INSERT INTO dbo.CustomerArchive (CustomerId, LastName) SELECT TOP (1) CustomerId, LastName FROM dbo.Customer ORDER BY LastName DESC;', { tables: archive, csv: punctuated }).catch((e: unknown) => e);
    expect((top as Error).message).toMatch(/met by ORDER BY/);
  });
});
