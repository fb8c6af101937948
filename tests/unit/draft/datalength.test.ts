import { draftAgainstEmulator } from './emulator-parity';

// DATALENGTH counts bytes: one per character of varchar/char (a char(n) column holds its value
// padded to n), two per UTF-16 code unit of nvarchar, trailing blanks included, where LEN drops
// them. A CRM's "name has stray blanks" test compares the two.
const DDL = `CREATE TABLE dbo.Person (Id int NOT NULL, LastName varchar(20) NULL, Nick nvarchar(20) NULL, Code char(5) NULL);
CREATE TABLE dbo.Bytes (Id int NOT NULL, LastBytes int NULL, LastLen int NULL, NickBytes int NULL, CodeBytes int NULL, TrimmedBytes int NULL);`;
const PROCEDURE = `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.Bytes (Id, LastBytes, LastLen, NickBytes, CodeBytes, TrimmedBytes)
  SELECT Id, DATALENGTH(LastName), LEN(LastName), DATALENGTH(Nick), DATALENGTH(Code), DATALENGTH(LTRIM(RTRIM(LastName)))
  FROM dbo.Person;
END`;

describe('drafts of DATALENGTH', () => {
  it('count the bytes of varchar, nvarchar and char(n) values as the emulator does', async () => {
    const r = await draftAgainstEmulator({
      ddl: DDL, procedure: PROCEDURE,
      inputs: [{ name: 'dbo.Person', columns: ['Id:int', 'LastName:text?', 'Nick:text?', 'Code:text?'], csv: 'Id,LastName,Nick,Code\n1,"Smyth  ",Jo,ab\n2," Lee",Zoë,\n3,,,abcde\n' }],
      output: { name: 'dbo.Bytes', columns: ['Id:int', 'LastBytes:int?', 'LastLen:int?', 'NickBytes:int?', 'CodeBytes:int?', 'TrimmedBytes:int?'] },
    });
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
    expect(r.draft).toEqual(['1|7|5|4|5|5', '2|4|4|6|NULL|3', '3|NULL|NULL|NULL|5|NULL']);
  });
});
