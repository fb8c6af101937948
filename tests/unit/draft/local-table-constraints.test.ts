import { draftAgainstEmulator, type ParityCase } from './emulator-parity';

/*
 * The constraints of tables a procedure declares itself: a table variable (`DECLARE @t TABLE (…
 * PRIMARY KEY …)`), a variable of a user-defined table type (its type's constraints), an inline
 * unique index (`INDEX ix UNIQUE (…)`), a #temp table's CHECK. SQL Server enforces them as a
 * permanent table's (the emulator's run below: the INSERT fails, changes no row, and the
 * procedure goes on); the draft checked only permanent tables' and #temp tables' keys and NOT
 * NULL columns, and wrote the rows a table variable can never hold.
 */

const DDL = `CREATE TABLE dbo.Src (Code varchar(10) NULL, Amount int NULL);
CREATE TABLE dbo.Total (Code varchar(10) NOT NULL, Amount int NULL);
GO
CREATE TYPE dbo.[Code Amount] AS TABLE (
  Code varchar(10) NOT NULL,
  Amount int NULL,
  UNIQUE (Code)
);
GO`;
const SRC = (csv: string) => ({ name: 'dbo.Src', columns: ['Code:text?', 'Amount:int?'], csv: `Code,Amount\n${csv}` });
const TOTAL = { name: 'dbo.Total', columns: ['Code:text', 'Amount:int?'], csv: 'Code,Amount\n' };
const through = (declare: string, csv: string): ParityCase => ({
  ddl: DDL,
  procedure: `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  ${declare};
  INSERT INTO @Day (Code, Amount) SELECT s.Code, s.Amount FROM dbo.Src s;
  INSERT INTO dbo.Total (Code, Amount) SELECT Code, Amount FROM @Day;
END`,
  inputs: [SRC(csv), TOTAL], output: { name: 'dbo.Total', columns: TOTAL.columns },
});

describe('constraints of the tables a procedure declares, in drafts', () => {
  it('drafts writes into a table variable that keep its keys, as the emulator runs them', async () => {
    const r = await draftAgainstEmulator(through('DECLARE @Day TABLE (Code varchar(10) NOT NULL PRIMARY KEY, Amount int NULL)', 'a,1\nb,\n'));
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(['a|1', 'b|NULL']);
    expect(r.draft).toEqual(r.emulator);
  });

  it.each([
    ['a table variable\'s PRIMARY KEY', 'DECLARE @Day TABLE (Code varchar(10) NOT NULL PRIMARY KEY, Amount int NULL)', 'a,1\nA ,2\n', /proc\.sql:4:3: two rows of @Day have the same Code, which the PRIMARY KEY constraint \(proc\.sql:3:49\) keeps unique: SQL Server fails the statement with 2627/],
    ['a table variable\'s inline unique index', 'DECLARE @Day TABLE (Code varchar(10) NOT NULL, Amount int NULL, INDEX [IX Day Code] UNIQUE NONCLUSTERED (Code))', 'a,1\na,2\n', /proc\.sql:4:3: two rows of @Day have the same Code, which the unique index IX Day Code \(proc\.sql:3:67\) keeps unique: SQL Server fails the statement with 2601/],
    ['a table type\'s UNIQUE, located in the type\'s script', 'DECLARE @Day dbo.[Code Amount]', 'b,1\nb,2\n', /proc\.sql:4:3: two rows of @Day have the same Code, which the UNIQUE constraint \(ddl\.sql:7:3\) keeps unique/],
    ['a table variable\'s NOT NULL column', 'DECLARE @Day TABLE (Code varchar(10) NOT NULL, Amount int NULL)', 'a,1\n,2\n', /proc\.sql:4:3: a row of @Day holds NULL in Code, a NOT NULL column: SQL Server fails the statement with 515/],
    ['a table variable\'s CHECK', 'DECLARE @Day TABLE (Code varchar(10) NOT NULL, Amount int NULL CHECK (Amount >= 0))', 'a,1\nb,-2\n', /proc\.sql:4:3: .*CHECK constraint/],
  ])('stops where a write breaks %s, as SQL Server fails it', async (_what, declare, csv, stop) => {
    const r = await draftAgainstEmulator(through(declare, csv));
    expect(r.emulator).toEqual([]);
    expect(r.draftError).toMatch(stop);
  });

  it('checks a #temp table\'s CHECK constraint', async () => {
    const c: ParityCase = {
      ddl: DDL,
      procedure: `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  CREATE TABLE #Day (Code varchar(10) NOT NULL, Amount int NULL, CONSTRAINT [CK Day Amount] CHECK (Amount BETWEEN 0 AND 9));
  INSERT INTO #Day (Code, Amount) SELECT s.Code, s.Amount FROM dbo.Src s;
  INSERT INTO dbo.Total (Code, Amount) SELECT Code, Amount FROM #Day;
END`,
      inputs: [SRC('a,1\nb,12\n'), TOTAL], output: { name: 'dbo.Total', columns: TOTAL.columns },
    };
    const r = await draftAgainstEmulator(c);
    expect(r.emulator).toEqual([]);
    expect(r.draftError).toMatch(/proc\.sql:4:3: .*the CHECK constraint CK Day Amount/);
    const kept = await draftAgainstEmulator({ ...c, inputs: [SRC('a,1\nb,9\n'), TOTAL] });
    expect(kept.draftError).toBeUndefined();
    expect(kept.draft).toEqual(kept.emulator);
  });
});

describe('the NOT NULL columns of a table SELECT … INTO creates, in drafts', () => {
  // `ISNULL(…, 0)` and a copy of a NOT NULL column make NOT NULL columns (the SELECT - INTO Clause
  // page): the UPDATE's SUM over no row is NULL, and SQL Server fails it with 515
  const c = (csv: string): ParityCase => ({
    ddl: DDL,
    procedure: `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  SELECT t.Code, ISNULL(t.Amount, 0) AS Amount INTO #Day FROM dbo.Total AS t;
  UPDATE d SET d.Amount = (SELECT SUM(s.Amount) FROM dbo.Src s WHERE s.Code = d.Code) FROM #Day AS d;
  INSERT INTO dbo.Total (Code, Amount) SELECT Code, Amount * 10 FROM #Day;
END`,
    inputs: [SRC(csv), { ...TOTAL, csv: 'Code,Amount\na,\nb,5\n' }], output: { name: 'dbo.Total', columns: TOTAL.columns },
  });

  it('drafts the UPDATE where every row finds a sum, as the emulator runs it', async () => {
    const r = await draftAgainstEmulator(c('a,1\nb,2\nb,3\n'));
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(['a|10', 'a|NULL', 'b|5', 'b|50']);
    expect(r.draft).toEqual(r.emulator);
  });

  it('stops where the UPDATE puts NULL in the ISNULL column, as SQL Server fails it', async () => {
    const r = await draftAgainstEmulator(c('a,1\n'));
    expect(r.emulator).toEqual(['a|0', 'a|NULL', 'b|5', 'b|50']);
    expect(r.draftError).toMatch(/proc\.sql:4:3: a row of #Day holds NULL in Amount, a NOT NULL column: SQL Server fails the statement with 515/);
  });
});
