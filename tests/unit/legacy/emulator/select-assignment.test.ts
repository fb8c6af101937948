import { resultRows, runBody } from './emulator-helpers';

// SELECT @local_variable: learn.microsoft.com/sql/t-sql/language-elements/select-local-variable-transact-sql
// ("If the SELECT statement returns more than one value, the variable is assigned the last value
// that is returned"; which row is last follows the plan unless ORDER BY decides it). Aggregate
// concatenation through a variable: the order is the rows' order, which only ORDER BY fixes.
const TABLES = `
CREATE TABLE dbo.Region (RegionId int NOT NULL PRIMARY KEY, RegionName nvarchar(40) NOT NULL, SortKey int NULL, Amount decimal(9,2) NOT NULL, Ratio float NOT NULL)
GO
CREATE TABLE dbo.Summary (Label nvarchar(20) NOT NULL, Value nvarchar(400) NULL)
GO
`;
// Stored out of key order: SQL Server would likely scan the clustered key (1, 2, 3), the emulator the file's order.
const DATA = { 'dbo.Region': 'RegionId,RegionName,SortKey,Amount,Ratio\n3,North,1,10.25,0.1\n1,South,2,-4.50,0.2\n2,east,1,7.00,0.3\n' };

async function run(body: string): Promise<Awaited<ReturnType<typeof runBody>>> {
  return runBody(`${body}\nSELECT Label, Value FROM dbo.Summary ORDER BY Label;`, { tables: TABLES, csv: DATA });
}

describe('SELECT @v = … over several rows', () => {
  it('lists a list accumulated without ORDER BY as not reproducible, with the cause and where', async () => {
    const r = await run(`DECLARE @list nvarchar(400) = N'';
      SELECT @list = @list + RegionName + N';' FROM dbo.Region;
      INSERT INTO dbo.Summary VALUES (N'list', @list);`);
    expect(r.nonReproducible).toEqual(['dbo.Summary.Label', 'dbo.Summary.Value', 'result-set-1.Label', 'result-set-1.Value']);
    expect(r.nonReproducibleCauses).toEqual([expect.stringMatching(/^the variable @list accumulated over 3 rows by a SELECT without ORDER BY at usp_test\.sql:5:7 /)]);
  });

  it('follows an ORDER BY without ties, reproducibly', async () => {
    const r = await run(`DECLARE @list nvarchar(400) = N'';
      SELECT @list = @list + RegionName + N';' FROM dbo.Region ORDER BY RegionName DESC;
      INSERT INTO dbo.Summary VALUES (N'list', @list);`);
    expect(resultRows(r)).toEqual([{ Label: 'list', Value: 'South;North;east;' }]);
    expect(r.nonReproducible).toEqual([]);
  });

  it('treats equal ORDER BY values as ties, text compared case-insensitively', async () => {
    const tiedInts = await run(`DECLARE @list nvarchar(400) = N'';
      SELECT @list = @list + RegionName FROM dbo.Region ORDER BY SortKey;
      INSERT INTO dbo.Summary VALUES (N'list', @list);`);
    expect(tiedInts.nonReproducibleCauses).toEqual([expect.stringMatching(/accumulated over 3 rows by a SELECT whose ORDER BY ties/)]);
    const tiedText = await run(`DECLARE @list nvarchar(400) = N'';
      SELECT @list = @list + CAST(RegionId AS nvarchar(5)) FROM dbo.Region ORDER BY CASE WHEN RegionId = 2 THEN N'EAST' ELSE RegionName END;
      INSERT INTO dbo.Summary VALUES (N'list', @list);`);
    expect(tiedText.nonReproducible).toEqual([]);
    const caseOnly = await run(`DECLARE @list nvarchar(400) = N'';
      SELECT @list = @list + CAST(RegionId AS nvarchar(5)) FROM dbo.Region ORDER BY CASE WHEN RegionId = 1 THEN N'EAST ' ELSE RegionName END;
      INSERT INTO dbo.Summary VALUES (N'list', @list);`);
    expect(caseOnly.nonReproducibleCauses).toEqual([expect.stringMatching(/ORDER BY ties/)]);
  });

  it('keeps exact totals reproducible in any order, but not float or rounded ones', async () => {
    const exact = await run(`DECLARE @n int = 0, @total decimal(12,2) = 0;
      SELECT @n = @n + 1, @total += Amount FROM dbo.Region;
      INSERT INTO dbo.Summary VALUES (N'n', CAST(@n AS nvarchar(20))), (N'total', CAST(@total AS nvarchar(20)));`);
    expect(resultRows(exact)).toEqual([{ Label: 'n', Value: '3' }, { Label: 'total', Value: '12.75' }]);
    expect(exact.nonReproducible).toEqual([]);
    const rounded = await run(`DECLARE @total decimal(12,1) = 0;
      SELECT @total = @total + Amount FROM dbo.Region;
      INSERT INTO dbo.Summary VALUES (N'total', CAST(@total AS nvarchar(20)));`);
    expect(rounded.nonReproducibleCauses).toHaveLength(1);
    const float = await run(`DECLARE @r float = 0;
      SELECT @r = @r + Ratio FROM dbo.Region;
      INSERT INTO dbo.Summary VALUES (N'r', CAST(@r AS nvarchar(20)));`);
    expect(float.nonReproducibleCauses).toHaveLength(1);
  });

  it('lists the last of differing rows without ORDER BY, not when every row gives the same value', async () => {
    const last = await run(`DECLARE @name nvarchar(40);
      SELECT @name = RegionName FROM dbo.Region WHERE SortKey = 1;
      INSERT INTO dbo.Summary VALUES (N'name', @name);`);
    expect(last.nonReproducibleCauses).toEqual([expect.stringMatching(/^the variable @name assigned from the last of 2 differing rows of a SELECT without ORDER BY/)]);
    const same = await run(`DECLARE @key int;
      SELECT @key = SortKey FROM dbo.Region WHERE SortKey = 1;
      INSERT INTO dbo.Summary VALUES (N'key', CAST(@key AS nvarchar(20)));`);
    expect(same.nonReproducible).toEqual([]);
    const one = await run(`DECLARE @name nvarchar(40);
      SELECT @name = RegionName FROM dbo.Region WHERE RegionId = 2;
      INSERT INTO dbo.Summary VALUES (N'name', @name);`);
    expect(one.nonReproducible).toEqual([]);
  });

  it('decides the last row by ORDER BY, tainting only a tie at the end', async () => {
    const untiedEnd = await run(`DECLARE @name nvarchar(40);
      SELECT @name = RegionName FROM dbo.Region ORDER BY SortKey;
      INSERT INTO dbo.Summary VALUES (N'name', @name);`);
    expect(resultRows(untiedEnd)).toEqual([{ Label: 'name', Value: 'South' }]);
    expect(untiedEnd.nonReproducible).toEqual([]);
    const tiedEnd = await run(`DECLARE @name nvarchar(40);
      SELECT @name = RegionName FROM dbo.Region ORDER BY SortKey DESC;
      INSERT INTO dbo.Summary VALUES (N'name', @name);`);
    expect(tiedEnd.nonReproducibleCauses).toEqual([expect.stringMatching(/assigned from the last of 3 differing rows of a SELECT whose ORDER BY ties/)]);
  });

  it('takes TOP (n) rows as ORDER BY decides them, listing an undecided pick', async () => {
    const unordered = await run(`DECLARE @name nvarchar(40);
      SELECT TOP (1) @name = RegionName FROM dbo.Region WHERE SortKey = 1;
      INSERT INTO dbo.Summary VALUES (N'name', @name);`);
    expect(unordered.nonReproducibleCauses).toEqual([expect.stringMatching(/^the variable @name assigned from 1 of 2 rows by TOP in a SELECT without ORDER BY/)]);
    const single = await run(`DECLARE @name nvarchar(40);
      SELECT TOP (1) @name = RegionName FROM dbo.Region WHERE RegionId = 1;
      INSERT INTO dbo.Summary VALUES (N'name', @name);`);
    expect(single.nonReproducible).toEqual([]);
    const same = await run(`DECLARE @key int;
      SELECT TOP 1 @key = SortKey FROM dbo.Region WHERE SortKey = 1;
      INSERT INTO dbo.Summary VALUES (N'key', CAST(@key AS nvarchar(20)));`);
    expect(same.nonReproducible).toEqual([]);
    const decided = await run(`DECLARE @name nvarchar(40);
      SELECT TOP (1) @name = RegionName FROM dbo.Region ORDER BY RegionId;
      INSERT INTO dbo.Summary VALUES (N'name', @name);`);
    expect(resultRows(decided)).toEqual([{ Label: 'name', Value: 'South' }]);
    expect(decided.nonReproducible).toEqual([]);
    const cutInTie = await run(`DECLARE @name nvarchar(40);
      SELECT TOP (1) @name = RegionName FROM dbo.Region ORDER BY SortKey;
      INSERT INTO dbo.Summary VALUES (N'name', @name);`);
    expect(cutInTie.nonReproducibleCauses).toEqual([expect.stringMatching(/assigned from 1 of 3 rows by TOP in a SELECT whose ORDER BY ties/)]);
  });
});

describe('one SELECT assigning several variables', () => {
  it('refuses an item that reads a variable an earlier item assigns (not documented which value it sees)', async () => {
    await expect(run(`DECLARE @top decimal(9,2) = 0, @next decimal(9,2);
      SELECT @top = MAX(Amount), @next = @top + 1 FROM dbo.Region;
      INSERT INTO dbo.Summary VALUES (N'next', CAST(@next AS nvarchar(20)));`)).rejects.toThrow(/@next = … reading @top, which the same SELECT assigns before it/);
    await expect(run(`DECLARE @a int = 0, @b int;
      SELECT @a = 1, @b = @a + 1;
      INSERT INTO dbo.Summary VALUES (N'b', CAST(@b AS nvarchar(20)));`)).rejects.toThrow(/@b = … reading @a/);
  });

  it('keeps an item reading a variable a later item assigns: the value before this row (the previous-row idiom)', async () => {
    const r = await run(`DECLARE @prev int = 0, @cur int = 0;
      SELECT @prev = @cur, @cur = RegionId FROM dbo.Region ORDER BY RegionId;
      INSERT INTO dbo.Summary VALUES (N'prev', CAST(@prev AS nvarchar(20)));`);
    expect(resultRows(r)).toEqual([{ Label: 'prev', Value: '2' }]);
  });
});
