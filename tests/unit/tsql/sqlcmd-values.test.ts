import { substituteSqlcmdStrings } from '../../../src/tsql';

// sqlcmd (an SSDT publish) puts a variable's value into the script's text before SQL Server reads
// it; the emulator needs that for string constants only (names keep $(ArchiveDb) as written).
describe('substituteSqlcmdStrings', () => {
  const values = new Map([['envname', 'PROD'], ['quote', "it's"]]);
  it.each([
    ['a string constant', "INSERT t VALUES ('$(EnvName)')", "INSERT t VALUES ('PROD')"],
    ['a national string, the name in any case, twice in one constant', "SELECT N'$(envNAME)/$(EnvName)'", "SELECT N'PROD/PROD'"],
    ['a three-part name (kept)', "SELECT * FROM [$(EnvName)].dbo.T WHERE x = '$(EnvName)'", "SELECT * FROM [$(EnvName)].dbo.T WHERE x = 'PROD'"],
    ['a comment (kept)', "-- '$(EnvName)'\nSELECT 1 /* '$(EnvName)' */", "-- '$(EnvName)'\nSELECT 1 /* '$(EnvName)' */"],
    ['a variable without a value (kept)', "SELECT '$(Other)', '$(EnvName)'", "SELECT '$(Other)', 'PROD'"],
    ['a value with a quote, raw as sqlcmd puts it', "SELECT '$(Quote)'", "SELECT 'it's'"],
  ])('%s', (_name, text, expected) => {
    expect(substituteSqlcmdStrings(text, values)).toBe(expected);
  });

  it('leaves a script without values untouched', () => {
    expect(substituteSqlcmdStrings("SELECT '$(EnvName)'", new Map())).toBe("SELECT '$(EnvName)'");
  });
});
