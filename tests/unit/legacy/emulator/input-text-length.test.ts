import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

// A class list exported by hand held a 95-character name for a varchar(60) column; it loaded as
// it was, and the honours list STRING_AGG built from it was text no legacy run gives. SQL Server
// stores at most n characters in char/varchar(n), n UTF-16 units in nchar/nvarchar(n) (char and
// varchar page; nchar and nvarchar page: a supplementary character takes two byte-pairs), so no
// export of the column holds a longer value: the load stops, located.
const TABLES = `CREATE TABLE dbo.Class (ClassID int NOT NULL, [Class Name] varchar(10) NOT NULL, Code char(3) NULL, Title nvarchar(4) NULL)
GO`;
const run = (csv: string): ReturnType<typeof runBody> => runBody('SELECT ClassID, [Class Name], Code, Title, LEN([Class Name]) AS n FROM dbo.Class ORDER BY ClassID;', { tables: TABLES, csv: { 'dbo.Class': csv } });

describe('an input text value longer than its column', () => {
  it('loads values of the column\'s length, a char(n) one padded', async () => {
    const r = await run('ClassID,Class Name,Code,Title\n1,Algebra II,AL,Ün😀\n2,Latin,LAT,\n');
    expect(resultRows(r)).toEqual([
      { ClassID: 1, 'Class Name': 'Algebra II', Code: 'AL ', Title: 'Ün😀', n: 10 },
      { ClassID: 2, 'Class Name': 'Latin', Code: 'LAT', Title: null, n: 5 },
    ]);
  });

  it.each([
    ['varchar(10)', 'ClassID,Class Name,Code,Title\n1,Biology,BIO,\n2,Algebra II Honours,ALG,\n', /row 2 \(line 3\), column Class Name: the value 'Algebra II Honours' does not load into dbo\.Class column Class Name: a varchar\(10\) column holds at most 10 characters, not 18/],
    ['char(3)', 'ClassID,Class Name,Code,Title\n1,Biology,BIOL,\n', /column Code: the value 'BIOL' does not load into dbo\.Class column Code: a char\(3\) column holds at most 3 characters, not 4/],
    ['nvarchar(4), a character past U+FFFF counting two', 'ClassID,Class Name,Code,Title\n1,Biology,BIO,Ünï😀😀\n', /column Title: .* a nvarchar\(4\) column holds at most 4 characters, not 7/],
  ])('is refused, located, in a %s column', async (_type, csv, message) => {
    const err = await run(csv).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).code).toBe('LEGACY_INPUT');
    expect((err as LegacyError).message).toMatch(message);
  });
});
