import { splitPlaceholders } from '../../../src/draft';
import { EngineSession } from '../../../src/engine';
import { draftOf } from './draft-harness';
import { draftAgainstEmulator } from './emulator-parity';

// Text whose first difference is punctuation ('O''Neil' and 'ONeil', 'AB-C' and 'ABB') orders
// otherwise under SQL Server's default collations (word sort passes over hyphens and
// apostrophes; SQL collations sort varchar by code page). The emulator refuses where two such
// values meet; drafts ordered them by code points: a silently different ROW_NUMBER, TOP row or
// running total. A draft now stops exactly where the emulator refuses, naming both values.
const DDL = `CREATE TABLE dbo.Member (MemberId int NOT NULL, Surname varchar(30) NOT NULL, Points int NOT NULL);
CREATE TABLE dbo.Ledger (MemberId int NOT NULL, Seq int NULL, Label varchar(60) NULL);`;
const members = (rows: [number, string, number][]) => ({
  name: 'dbo.Member', columns: ['MemberId:int', 'Surname:text', 'Points:int'], rows,
  csv: `MemberId,Surname,Points\n${rows.map((r) => r.join(',')).join('\n')}\n`,
});
const PUNCTUATED = members([[1, "O'Neil", 5], [2, 'ONeil', 7], [3, 'Baker', 2]]);
const HYPHENATED = members([[1, 'AB-C', 5], [2, 'ABB', 7], [3, 'Baker', 2]]);
// Punctuation every default collation orders as code points do: shared before the difference
// ('O''Brien', 'O''Neil'), a symbol before letters ('St.John' before 'Stone'), a beginning.
const ORDINARY = members([[1, "O'Neil", 5], [2, "O'Brien", 7], [3, 'St.John', 2], [4, 'Stone', 1], [5, 'Ng', 3], [6, 'Ng-Lee', 4]]);
const LEDGER = { name: 'dbo.Ledger', columns: ['MemberId:int', 'Seq:int?', 'Label:text?'] };
const proc = (body: string): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
${body}
END`;
const ROW_NUMBER = proc('  INSERT INTO dbo.Ledger (MemberId, Seq, Label) SELECT m.MemberId, ROW_NUMBER() OVER (ORDER BY m.Surname), m.Surname FROM dbo.Member m;');
const RANK_IN_ORDER = proc('  INSERT INTO dbo.Ledger (MemberId, Seq, Label) SELECT m.MemberId, RANK() OVER (ORDER BY m.Points DESC, m.Surname), NULL FROM dbo.Member m;');
const TOP_ONE = proc(`  INSERT INTO dbo.Ledger (MemberId, Seq, Label)
  SELECT m.MemberId, 0, (SELECT TOP (1) f.Surname FROM dbo.Member f WHERE f.MemberId <> m.MemberId ORDER BY f.Surname) FROM dbo.Member m;`);
const RUNNING = `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  DECLARE @id int, @name varchar(30), @pts int, @total int = 0;
  DECLARE walk CURSOR LOCAL FAST_FORWARD FOR SELECT MemberId, Surname, Points FROM dbo.Member ORDER BY Surname;
  OPEN walk;
  FETCH NEXT FROM walk INTO @id, @name, @pts;
  WHILE @@FETCH_STATUS = 0
  BEGIN
    SET @total = @total + @pts;
    INSERT INTO dbo.Ledger (MemberId, Seq, Label) VALUES (@id, @total, @name);
    FETCH NEXT FROM walk INTO @id, @name, @pts;
  END
  CLOSE walk;
  DEALLOCATE walk;
END`;

describe('drafts over text whose order is punctuation', () => {
  it.each([
    ['ROW_NUMBER() OVER (ORDER BY text)', ROW_NUMBER, PUNCTUATED, /proc\.sql:3:96: ORDER BY: ordering text whose first difference is punctuation.*: ('O''Neil' and 'ONeil'|'ONeil' and 'O''Neil')$/],
    ['RANK() over a second text key, within ties of the first', RANK_IN_ORDER, members([[1, 'AB-C', 5], [2, 'ABB', 5], [3, 'AB-D', 2]]), /proc\.sql:3:105: ORDER BY: .*('AB-C' and 'ABB'|'ABB' and 'AB-C')$/],
    ['TOP (1) … ORDER BY text in a subquery', TOP_ONE, HYPHENATED, /proc\.sql:4:109: TOP … ORDER BY: ordering text whose first difference is punctuation.*('AB-C' and 'ABB'|'ABB' and 'AB-C')$/],
    ['a running total over a cursor ordered by text', RUNNING, PUNCTUATED, /proc\.sql:4:104: cursor walk's ORDER BY: ordering text whose first difference is punctuation.*('O''Neil' and 'ONeil'|'ONeil' and 'O''Neil')$/],
  ])('stops %s where the emulator refuses, naming both values, and drafts ordinary punctuated text as the emulator does', async (_what, procedure, input, stop) => {
    const ordinary = await draftAgainstEmulator({ ddl: DDL, procedure, inputs: [ORDINARY], output: LEDGER });
    expect(ordinary.draftError).toBeUndefined();
    expect(ordinary.emulator.length).toBe(6);
    expect(ordinary.draft).toEqual(ordinary.emulator);
    const r = await draftAgainstEmulator({ ddl: DDL, procedure, inputs: [input], output: LEDGER }, { keepRefusal: true });
    expect(r.emulatorRefusal).toMatch(/ordering text whose first difference is punctuation/);
    expect(r.draftError).toMatch(stop);
  });

  it.each([
    ['MAX() of text', proc('  INSERT INTO dbo.Ledger (MemberId, Seq, Label) SELECT 0, 0, MAX(m.Surname) FROM dbo.Member m;'), /proc\.sql:3:62: MAX\(\): ordering text whose first difference is punctuation.*'ONeil' and 'o''neil'$/],
    ['STRING_AGG … WITHIN GROUP (ORDER BY text)', proc("  INSERT INTO dbo.Ledger (MemberId, Seq, Label) SELECT 0, 0, STRING_AGG(m.Surname, ',') WITHIN GROUP (ORDER BY m.Surname) FROM dbo.Member m;"), /proc\.sql:3:112: ORDER BY: ordering text whose first difference is punctuation.*('O''Neil' and 'ONeil'|'ONeil' and 'O''Neil')$/],
    ['FOR XML PATH(\'\') … ORDER BY text', proc("  INSERT INTO dbo.Ledger (MemberId, Seq, Label) SELECT 0, 0, STUFF((SELECT ',' + f.Surname FROM dbo.Member f ORDER BY f.Surname FOR XML PATH('')), 1, 1, '');"), /proc\.sql:3:119: ORDER BY: ordering text whose first difference is punctuation.*('O''Neil' and 'ONeil'|'ONeil' and 'O''Neil')$/],
  ])('stops %s where the emulator refuses, and gives it over ordinary punctuated text as the emulator does', async (_what, procedure, stop) => {
    const ordinary = await draftAgainstEmulator({ ddl: DDL, procedure, inputs: [ORDINARY], output: LEDGER });
    expect(ordinary.draftError).toBeUndefined();
    expect(ordinary.emulator).toHaveLength(1);
    expect(ordinary.draft).toEqual(ordinary.emulator);
    const r = await draftAgainstEmulator({ ddl: DDL, procedure, inputs: [PUNCTUATED], output: LEDGER }, { keepRefusal: true });
    expect(r.emulatorRefusal).toMatch(/ordering text whose first difference is punctuation/);
    expect(r.draftError).toMatch(stop);
  });

  it('stops a result set\'s ORDER BY over such text, and orders ordinary text', async () => {
    const body = proc('  SELECT m.MemberId FROM dbo.Member m ORDER BY m.Surname;');
    const draft = draftOf(body, { ddl: DDL, inputs: [PUNCTUATED], output: { name: 'result', columns: ['MemberId:int'] } });
    if (draft.sql === undefined) throw new Error(`refused: ${draft.refusals.map((x) => x.reason).join('; ')}`);
    const sql = splitPlaceholders(draft.sql).map((p) => ('text' in p ? p.text : 'table' in p ? 'member' : 'NULL')).join('');
    const session = await EngineSession.open({ threads: 1 });
    try {
      await session.run('CREATE TABLE member (MemberId INTEGER, Surname VARCHAR, Points INTEGER)');
      await session.run("INSERT INTO member VALUES (1, 'O''Brien', 1), (2, 'Ng-Lee', 2), (3, 'Ng', 3), (4, 'St.John', 4), (5, 'Stone', 5)");
      expect((await session.all(sql)).map((x) => Number(x.MemberId))).toEqual([3, 2, 1, 4, 5]);
      await session.run("INSERT INTO member VALUES (6, 'ONeil', 6), (7, 'O''Neil', 7)");
      await expect(session.all(sql)).rejects.toThrow(/proc\.sql:3:48: ORDER BY: ordering text whose first difference is punctuation.*('O''Neil' and 'ONeil'|'ONeil' and 'O''Neil')$/);
    } finally {
      session.close();
    }
  });
});
