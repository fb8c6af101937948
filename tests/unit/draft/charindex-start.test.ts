import { draftAgainstEmulator } from './emulator-parity';

// Campaign tags cut out of landing URLs: CHARINDEX('&', Url, pos) finds the end of the value that
// starts at pos. Drafts refused CHARINDEX with a start; the emulator read a NULL start as 1.
const DDL = `CREATE TABLE dbo.Visit (Id int NOT NULL, Url nvarchar(400) NULL, Skip int NULL);
CREATE TABLE dbo.Tag (Id int NOT NULL, Source nvarchar(100) NULL, Amp int NULL);`;
const VISIT = {
  name: 'dbo.Visit', columns: ['Id:int', 'Url:text?', 'Skip:int?'],
  rows: [
    [1, 'https://x.example/?utm_source=Google&utm_medium=cpc', 0],
    [2, 'https://x.example/?gclid=1&UTM_SOURCE=bing', -3],
    [3, 'https://x.example/', 2],
    [4, null, 1],
    [5, 'https://x.example/?utm_source=&a=1', 500],
  ],
  csv: 'Id,Url,Skip\n1,https://x.example/?utm_source=Google&utm_medium=cpc,0\n2,https://x.example/?gclid=1&UTM_SOURCE=bing,-3\n3,https://x.example/,2\n4,,1\n5,https://x.example/?utm_source=&a=1,500\n',
};
const TAG = { name: 'dbo.Tag', columns: ['Id:int', 'Source:text?', 'Amp:int?'] };
const PROC = `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.Tag (Id, Source, Amp)
  SELECT v.Id,
         CASE WHEN CHARINDEX(N'utm_source=', v.Url) > 0
              THEN SUBSTRING(v.Url + N'&', CHARINDEX(N'utm_source=', v.Url) + 11,
                             CHARINDEX(N'&', v.Url + N'&', CHARINDEX(N'utm_source=', v.Url)) - CHARINDEX(N'utm_source=', v.Url) - 11)
         END,
         CHARINDEX(N'&', v.Url, v.Skip)
  FROM dbo.Visit v;
END`;

describe('CHARINDEX with a start position in drafts', () => {
  it('finds from the start as the emulator does (below 1 from the beginning, past the end 0)', async () => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: PROC, inputs: [VISIT], output: TAG });
    // 5: an empty utm_source is the empty text, not NULL
    expect(r.emulator).toEqual(['1|Google|37', '2|bing|27', '3|NULL|0', '4|NULL|NULL', '5||0']);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });

  it('stops at a NULL start in both, whose result SQL Server does not document', async () => {
    const nullStart = { ...VISIT, rows: [[1, 'a&b', null]], csv: 'Id,Url,Skip\n1,a&b,\n' };
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: PROC, inputs: [nullStart], output: TAG }, { keepRefusal: true });
    expect(r.emulatorRefusal ?? r.emulatorError).toMatch(/CHARINDEX with a NULL start/);
    expect(r.draftError).toMatch(/proc\.sql:9:10: CHARINDEX with a NULL start/);
  });
});
