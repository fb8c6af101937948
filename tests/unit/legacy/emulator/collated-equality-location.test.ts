import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

// A dedup merge log notes whether a match key's group spells it in another case. The key holds an
// accented name, which a case-sensitive comparison cannot be emulated for: the refusal must point
// at the COLLATE comparison inside the long INSERT … VALUES, not at the INSERT's first token.

const CLEAN = `CREATE TABLE dbo.[Clean Cust] ([Cust Id] int NOT NULL, MatchKey nvarchar(100) NULL)
GO`;
const CSV = { 'dbo.Clean Cust': 'Cust Id,MatchKey\n1,MÜLLER|J\n2,müller|J\n' };

describe('a case-sensitive comparison of accented text', () => {
  it('answers where the default collation already tells the texts apart', async () => {
    const r = await runBody(`
      SELECT c.[Cust Id],
             CASE WHEN c.MatchKey COLLATE Latin1_General_CS_AS <> N'OBRIEN|a' THEN 1 ELSE 0 END AS differs,
             CASE WHEN c.MatchKey COLLATE Latin1_General_CS_AS = N'MULLER|J' THEN 1 ELSE 0 END AS same
      FROM dbo.[Clean Cust] c WHERE c.[Cust Id] = 1;`, { tables: CLEAN, csv: CSV });
    expect(resultRows(r)).toEqual([{ 'Cust Id': 1, differs: 1, same: 0 }]);
  });

  it('refuses texts equal but for case, located at the comparison', async () => {
    const err = await runBody(`
      DECLARE @Key nvarchar(100) = N'MÜLLER|J';
      CREATE TABLE #log (Note varchar(40));
      INSERT INTO #log (Note)
      VALUES (CASE WHEN EXISTS (SELECT 1 FROM dbo.[Clean Cust] c
                                 WHERE c.MatchKey COLLATE Latin1_General_CS_AS <> @Key)
                   THEN 'case differs' ELSE 'exact' END);`, { tables: CLEAN, csv: CSV }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/beyond printable ASCII under COLLATE Latin1_General_CS_AS/);
    expect((err as LegacyError).location).toMatchObject({ span: { start: { line: 9, column: 40 } } });
  });
});
