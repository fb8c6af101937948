import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';

// A registrar's advisors' sheet counts letter grades per student and term with a PIVOT, whose
// implicit grouping (every source column its aggregate and FOR column leave out) keeps the
// students apart as a GROUP BY would: `record --from-data` offers [Student Id] as the entity
// instead of saying no key column is read.
const SQL = `CREATE TABLE Registrar.Enrollment ([Student Id] int NOT NULL, [Course Code] varchar(10) NOT NULL, [Term Code] char(6) NOT NULL, [Grade Letter] varchar(2) NULL)
GO
CREATE TABLE Registrar.[Letter Count] ([Student Id] int NOT NULL, [Term Code] char(6) NOT NULL, [A] int NULL, [B] int NULL)
GO
CREATE PROCEDURE Registrar.[usp_Letter Sheet]
AS
BEGIN
    SET NOCOUNT ON
    DELETE FROM Registrar.[Letter Count]
    INSERT INTO Registrar.[Letter Count] ([Student Id], [Term Code], [A], [B])
    SELECT [Student Id], [Term Code], [A], [B]
    FROM (SELECT [Student Id], [Term Code], LEFT([Grade Letter], 1) AS Letter, [Course Code]
            FROM Registrar.Enrollment WHERE [Grade Letter] IS NOT NULL) src
    PIVOT (COUNT([Course Code]) FOR Letter IN ([A], [B])) p
END
GO
`;

describe('migrate sections record --from-data without @entity, a PIVOT section', () => {
  let ws: string;
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'record-entity-pivot-'));
    await scriptWorkspace(ws, { 'Registrar.usp_Letter Sheet.sql': SQL });
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'data', 'Registrar.Enrollment.csv'), 'Student Id,Course Code,Term Code,Grade Letter\n1,MATH101,201510,A-\n1,HIST110,201510,B\n2,MATH101,201510,B+\n');
    writeFileSync(join(ws, 'data', 'Registrar.Letter Count.csv'), 'Student Id,Term Code,A,B\n');
    expect((await runMigrate(['sections', 'propose', 'Registrar.usp_Letter Sheet', '--root', ws])).code).toBe(0);
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('offers the PIVOT\'s grouping columns, never its counted or spread ones', async () => {
    // propose tags the first grouping column itself, now that the lineage traces it through the PIVOT
    const spec = join(ws, 'sections/Registrar.usp_Letter_Sheet/01-letter-count.feature');
    const text = readFileSync(spec, 'utf8');
    expect(text.split('\n')[0]).toMatch(/ @entity:\[Student%20Id\]$/);
    writeFileSync(spec, text.replace(' @entity:[Student%20Id]', ''));
    const r = await runMigrate(['sections', 'record', 'Registrar.usp_Letter_Sheet/01-letter-count', '--root', ws, '--from-data', join(ws, 'data')]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/has no @entity tag/);
    expect(r.err).toMatch(/then run this again: one of @entity:\[Student%20Id\], @entity:\[Term%20Code\]$/m);
  });
});
