import { collectKeyConstraints } from '../../../src/draft';
import { parseScript } from '../../../src/tsql';
import { draftOf } from './draft-harness';
import { draftAgainstEmulator, type ParityCase } from './emulator-parity';

/*
 * A write that would leave two rows with one PRIMARY KEY or UNIQUE key fails in SQL Server (2627,
 * 2601) and changes no row (the emulator's run below, which then goes on as SQL Server does
 * without a CATCH). The draft wrote both rows and went on: a table the legacy one can
 * never hold, passed on to every later statement and to the output. Now the drafted query stops
 * there, located at the statement and naming the constraint, comparing keys as SQL Server does
 * (text case-insensitively and without trailing blanks, NULL equal to NULL for UNIQUE).
 */

const DDL = `CREATE TABLE dbo.Src (Code varchar(10) NULL, Amount int NOT NULL);
CREATE TABLE dbo.[Daily Total] ([Day No] int NOT NULL, Code varchar(10) NOT NULL, Amount int NOT NULL,
  CONSTRAINT [PK_Daily Total] PRIMARY KEY ([Day No], Code));
CREATE TABLE dbo.Alias (Id int NOT NULL PRIMARY KEY, Code varchar(10) NULL UNIQUE);
GO`;

const SRC = (csv: string) => ({ name: 'dbo.Src', columns: ['Code:text?', 'Amount:int'], csv: `Code,Amount\n${csv}` });
const TOTAL = { name: 'dbo.Daily Total', columns: ['Day No:int', 'Code:text', 'Amount:int'], csv: 'Day No,Code,Amount\n1,old,5\n' };
const ALIAS = { name: 'dbo.Alias', columns: ['Id:int', 'Code:text?'], csv: 'Id,Code\n100,keep\n' };
const totals = (csv: string): ParityCase => ({
  ddl: DDL,
  procedure: `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.[Daily Total] ([Day No], Code, Amount)
  SELECT 2, s.Code, s.Amount FROM dbo.Src s;
END`,
  inputs: [SRC(csv), TOTAL], output: { name: 'dbo.Daily Total', columns: TOTAL.columns },
});
const aliases = (csv: string): ParityCase => ({
  ddl: DDL,
  procedure: `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.Alias (Id, Code) SELECT s.Amount, s.Code FROM dbo.Src s;
END`,
  inputs: [SRC(csv), ALIAS], output: { name: 'dbo.Alias', columns: ALIAS.columns },
});

describe('PRIMARY KEY and UNIQUE constraints in drafts', () => {
  it('drafts a write whose keys stay unique, as the emulator runs it', async () => {
    const r = await draftAgainstEmulator(totals('a,1\nb,2\nold,3\n'));
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(['1|old|5', '2|a|1', '2|b|2', '2|old|3']);
    expect(r.draft).toEqual(r.emulator);
  });

  it.each([
    ['the same text twice', 'a,1\na,2\n'],
    ['the same text in another case and with trailing blanks (one key to the collation)', 'abc,1\nABC ,2\n'],
  ])('stops where the write repeats a key: %s, as SQL Server fails it', async (_what, csv) => {
    const r = await draftAgainstEmulator(totals(csv));
    // the emulator, as SQL Server: the INSERT fails, changes no row, and the procedure goes on
    expect(r.emulator).toEqual(['1|old|5']);
    expect(r.draftError).toMatch(/proc\.sql:3:3: two rows of dbo\.\[?Daily Total\]? have the same Day No, Code, which the PRIMARY KEY constraint PK_Daily Total \(ddl\.sql:3:3\) keeps unique: SQL Server fails the statement with 2627/);
  });

  it('lets a UNIQUE column hold one NULL and stops at the second, as the emulator does', async () => {
    const one = await draftAgainstEmulator(aliases(',1\nx,2\n'));
    expect(one.draftError).toBeUndefined();
    expect(one.draft).toEqual(one.emulator);
    const two = await draftAgainstEmulator(aliases(',1\n,2\n'));
    expect(two.emulator).toEqual(['100|keep']);
    expect(two.draftError).toMatch(/two rows of dbo\.Alias have the same Code, which the UNIQUE constraint \(ddl\.sql:4:76\) keeps unique/);
  });

  it('checks a #temp table\'s PRIMARY KEY, and a branch of an IF only when the IF takes it', async () => {
    const c: ParityCase = {
      ddl: DDL,
      procedure: `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  CREATE TABLE #Day (Code varchar(10) NOT NULL PRIMARY KEY, Amount int NOT NULL);
  INSERT INTO #Day (Code, Amount) SELECT s.Code, s.Amount FROM dbo.Src s;
  IF NOT EXISTS (SELECT 1 FROM #Day WHERE Code = 'a')
    INSERT INTO #Day (Code, Amount) SELECT Code, 0 FROM #Day;
  INSERT INTO dbo.[Daily Total] ([Day No], Code, Amount) SELECT 3, Code, Amount FROM #Day;
END`,
      inputs: [SRC('a,1\nb,2\n'), TOTAL], output: { name: 'dbo.Daily Total', columns: TOTAL.columns },
    };
    const taken = await draftAgainstEmulator(c);
    expect(taken.draftError).toBeUndefined();
    expect(taken.draft).toEqual(['1|old|5', '3|a|1', '3|b|2']);
    expect(taken.draft).toEqual(taken.emulator);
    const twice = await draftAgainstEmulator({ ...c, inputs: [SRC('a,1\nA,2\n'), TOTAL] });
    expect(twice.emulator).toEqual(['1|old|5']);
    expect(twice.draftError).toMatch(/proc\.sql:4:3: two rows of #Day have the same Code/);
  });

  it('checks a write through a synonym against its target\'s keys', async () => {
    const ddl = `${DDL}\nCREATE SYNONYM dbo.[Day Totals] FOR dbo.[Daily Total];\nGO`;
    const c = totals('a,1\nA,2\n');
    const r = await draftAgainstEmulator({
      ...c, ddl, procedure: c.procedure.replace('INSERT INTO dbo.[Daily Total]', 'INSERT INTO dbo.[Day Totals]'),
      inputs: [...c.inputs, { ...TOTAL, name: 'dbo.Day Totals', synonymOf: 'dbo.Daily Total' }],
    });
    expect(r.emulator).toEqual(['1|old|5']);
    expect(r.draftError).toMatch(/proc\.sql:3:3: two rows of dbo\.\[?Day Totals\]? have the same Day No, Code, which the PRIMARY KEY constraint PK_Daily Total/);
  });

  it('refuses a key declared WITH (IGNORE_DUP_KEY = ON): which duplicate SQL Server keeps is not drafted', () => {
    const ddl = DDL.replace('PRIMARY KEY ([Day No], Code))', 'PRIMARY KEY ([Day No], Code) WITH (IGNORE_DUP_KEY = ON))');
    const c = totals('a,1\n');
    const body = draftOf(c.procedure, { ddl, inputs: c.inputs, output: c.output });
    expect(body.refusals.map((r) => `${r.line}:${r.col}: ${r.reason}`)).toEqual([expect.stringMatching(/^3:3: IGNORE_DUP_KEY = ON/)]);
  });

  it('collects keys an upgrade script adds or drops, and unique indexes, after every CREATE TABLE', () => {
    const upgrade = parseScript(`ALTER TABLE dbo.Src ADD CONSTRAINT PK_Src PRIMARY KEY (Code);
GO
CREATE UNIQUE INDEX UX_Src_Amount ON dbo.Src (Amount);
CREATE UNIQUE INDEX UX_Src_Filtered ON dbo.Src (Amount) WHERE Amount > 0;
ALTER TABLE dbo.Alias DROP CONSTRAINT PK_Alias_Gone;
GO`, { file: 'upgrade.sql' });
    const keys = collectKeyConstraints([upgrade, parseScript(DDL, { file: 'ddl.sql' })]);
    expect(keys.get('dbo.src')?.map((k) => `${k.kind} ${k.name ?? '-'} (${k.columns.join(', ')})${k.filtered ? ' filtered' : ''}`)).toEqual([
      'PRIMARY KEY PK_Src (Code)', 'UNIQUE INDEX UX_Src_Amount (Amount)', 'UNIQUE INDEX UX_Src_Filtered (Amount) filtered',
    ]);
    expect(keys.get('dbo.daily total')?.map((k) => k.name)).toEqual(['PK_Daily Total']);
    expect(keys.get('dbo.alias')?.map((k) => `${k.kind} ${k.columns.join(', ')}`)).toEqual(['PRIMARY KEY Id', 'UNIQUE Code']);
  });
});
