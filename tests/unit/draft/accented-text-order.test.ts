import { EngineSession } from '../../../src/engine';
import { draftOf, runDraft } from './draft-harness';
import { draftAgainstEmulator } from './emulator-parity';

// SQL Server's default collations order an accented letter beside its base letter ('étape'
// between 'email' and 'fax'); lower() ordering put every accented letter after 'z'. A drafted
// RANK() OVER (ORDER BY Name) numbered those rows otherwise than the legacy procedure, with no
// refusal: a silently wrong number. The draft now sorts by the emulator's collation order key.
const DDL = `CREATE TABLE dbo.Guest (Id int NOT NULL, Name nvarchar(20) NOT NULL);
CREATE TABLE dbo.Out (Id int NOT NULL, Rk int NULL, Names nvarchar(200) NULL);`;
const guests = (rows: [number, string][]) => ({
  name: 'dbo.Guest', columns: ['Id:int', 'Name:text'], rows, csv: `Id,Name\n${rows.map((r) => r.join(',')).join('\n')}\n`,
});
const NAMES = guests([[1, 'fax'], [2, 'étape'], [3, 'email'], [4, 'Éclair']]);
const OUT = { name: 'dbo.Out', columns: ['Id:int', 'Rk:int?', 'Names:text?'] };
const proc = (select: string, from = 'dbo.Guest g'): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.Out (Id, Rk, Names) SELECT ${select} FROM ${from};
END`;

describe('drafts order accented text as SQL Server collates it', () => {
  it('ranks an accented name beside its base letter, agreeing with the emulator', async () => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc('g.Id, RANK() OVER (ORDER BY g.Name), NULL'), inputs: [NAMES], output: OUT });
    expect(r.emulator).toEqual(['1|4|NULL', '2|3|NULL', '3|2|NULL', '4|1|NULL']);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });

  it('picks TOP (1) … ORDER BY and concatenates WITHIN GROUP and FOR XML PATH(\'\') in that order', async () => {
    const top = await draftAgainstEmulator({ ddl: DDL, procedure: proc('g.Id, 0, x.Name', 'dbo.Guest g CROSS APPLY (SELECT TOP (1) h.Name FROM dbo.Guest h WHERE h.Id <> g.Id ORDER BY h.Name DESC) x'), inputs: [NAMES], output: OUT });
    expect(top.emulator).toEqual(['1|0|étape', '2|0|fax', '3|0|fax', '4|0|fax']);
    expect(top.draft).toEqual(top.emulator);
    const agg = await draftAgainstEmulator({ ddl: DDL, procedure: proc("0, 0, STRING_AGG(g.Name, ',') WITHIN GROUP (ORDER BY g.Name)"), inputs: [NAMES], output: OUT });
    expect(agg.emulator).toEqual(['0|0|Éclair,email,étape,fax']);
    expect(agg.draft).toEqual(agg.emulator);
    const xml = await draftAgainstEmulator({ ddl: DDL, procedure: proc("g.Id, 0, STUFF((SELECT ',' + h.Name FROM dbo.Guest h WHERE h.Id <> g.Id ORDER BY h.Name FOR XML PATH('')), 1, 1, '')"), inputs: [NAMES], output: OUT });
    expect(xml.emulator).toEqual(['1|0|Éclair,email,étape', '2|0|Éclair,email,fax', '3|0|Éclair,étape,fax', '4|0|email,étape,fax']);
    expect(xml.draft).toEqual(xml.emulator);
  });

  it('runs a cursor\'s running total (idiom (c)) in that order', async () => {
    const loop = `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  DECLARE @name nvarchar(20), @id int, @run int = 0;
  DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT Name, Id FROM dbo.Guest ORDER BY Name;
  OPEN c;
  FETCH NEXT FROM c INTO @name, @id;
  WHILE @@FETCH_STATUS = 0
  BEGIN
    SET @run = @run + @id;
    INSERT INTO dbo.Out (Id, Rk, Names) VALUES (@id, @run, @name);
    FETCH NEXT FROM c INTO @name, @id;
  END
  CLOSE c;
  DEALLOCATE c;
END`;
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: loop, inputs: [NAMES], output: OUT });
    expect(r.emulator).toEqual(['1|10|fax', '2|9|étape', '3|7|email', '4|4|Éclair']);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });

  it('stops, naming where, on a letter that decomposes to no ASCII letter (as the emulator refuses it)', async () => {
    const input = guests([[1, 'Straße'], [2, 'Strasse']]);
    const body = draftOf(proc('g.Id, ROW_NUMBER() OVER (ORDER BY g.Name, g.Id), NULL'), { ddl: DDL, inputs: [input], output: OUT });
    const session = await EngineSession.open({ threads: 1 });
    try {
      await expect(runDraft(session, body, [input])).rejects.toThrow(/proc\.sql:3:80: ordering text holding letters outside ASCII and its accented forms .*Straße/);
    } finally {
      session.close();
    }
  });
});
