import { draftOf } from './draft-harness';

// A loop drafted as set-based statements (here idiom (f): one UPDATE for every customer) left the
// count of that one UPDATE in @@ROWCOUNT for the statement after the loop: the run log got 3
// where SQL Server, after CLOSE and DEALLOCATE, has 0. After a drafted loop the count is unknown.
const DDL = `CREATE TABLE dbo.Customer ([Cust No] int NOT NULL PRIMARY KEY);
CREATE TABLE dbo.Invoice ([Inv No] int NOT NULL PRIMARY KEY, [Cust No] int NOT NULL, [Overdue] bit NOT NULL);
CREATE TABLE dbo.RunLog ([Rows] int NULL);`;
const proc = `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @cust int, @n int;
  DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT [Cust No] FROM dbo.Customer ORDER BY [Cust No];
  OPEN c;
  FETCH NEXT FROM c INTO @cust;
  WHILE @@FETCH_STATUS = 0
  BEGIN
    UPDATE dbo.Invoice SET [Overdue] = 1 WHERE [Cust No] = @cust;
    FETCH NEXT FROM c INTO @cust;
  END
  CLOSE c;
  DEALLOCATE c;
  SET @n = @@ROWCOUNT;
  INSERT INTO dbo.RunLog ([Rows]) VALUES (@n);
END`;

it('refuses @@ROWCOUNT read after a loop drafted as set-based statements, never the drafted statement\'s count', () => {
  const body = draftOf(proc, {
    ddl: DDL,
    inputs: [{ name: 'dbo.Customer', columns: ['Cust No:int'] }, { name: 'dbo.Invoice', columns: ['Inv No:int', 'Cust No:int', 'Overdue:bool'] }, { name: 'dbo.RunLog', columns: ['Rows:int?'] }],
    output: { name: 'dbo.RunLog', columns: ['Rows:int?'] },
  });
  expect(body.sql).toBeUndefined();
  expect(body.refusals.map((r) => `${r.line}:${r.col} ${r.construct}`)).toEqual(['15:12 @@ROWCOUNT']);
});
