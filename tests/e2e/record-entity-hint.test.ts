import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// `sections record --from-data` on a section without @entity names the columns to tag. A netting
// CUBE adds the rows of every entity and every currency into its subtotal rows: tagging either
// column is what `sections check` then fails (SECTIONS_ENTITY_CROSS_READS), so the hint must not
// suggest it, and says to give a scenario with several of them by hand instead.
const SQL = `CREATE TABLE Treasury.[Interco Balance] ([Entity Code] varchar(10) NOT NULL, [Ccy Code] char(3) NOT NULL, Balance money NOT NULL);
GO
CREATE TABLE Treasury.[Netting Summary] ([Entity Code] varchar(10) NULL, [Ccy Code] char(3) NULL, [Net Amount] money NULL, [Line Count] int NULL);
GO
CREATE PROCEDURE Treasury.[usp_Net Balances]
AS
BEGIN
    SET NOCOUNT ON;
    TRUNCATE TABLE Treasury.[Netting Summary];
    INSERT INTO Treasury.[Netting Summary] ([Entity Code], [Ccy Code], [Net Amount], [Line Count])
    SELECT b.[Entity Code], b.[Ccy Code], SUM(b.Balance), COUNT(*)
    FROM Treasury.[Interco Balance] b
    GROUP BY CUBE (b.[Entity Code], b.[Ccy Code]);
END
GO
`;

describe('migrate sections record --from-data, a section whose candidate entity columns are rolled up', () => {
  it('names no column to tag that check would fail, and says to write a scenario with several by hand', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'migrate-record-cube-'));
    try {
      mkdirSync(join(ws, 'procedures'), { recursive: true });
      mkdirSync(join(ws, 'data'), { recursive: true });
      writeFileSync(join(ws, 'procedures', 'netting.sql'), SQL);
      writeFileSync(join(ws, 'data', 'Treasury.Interco Balance.csv'), 'Entity Code,Ccy Code,Balance\nUK01,EUR,150000.0000\nDE01,EUR,-150000.0000\n');
      writeFileSync(join(ws, 'data', 'Treasury.Netting Summary.csv'), 'Entity Code,Ccy Code,Net Amount,Line Count\n');
      expect((await runMigrate(['sections', 'propose', 'Treasury.usp_Net Balances', '--root', ws])).code).toBe(0);
      const section = 'Treasury.usp_Net_Balances/01-netting-summary';
      const file = join(ws, 'sections', `${section}.feature`);
      const before = readFileSync(file, 'utf8');
      expect(before.split('\n')[0]).not.toMatch(/@entity:/);
      const run = await runMigrate(['sections', 'record', section, '--root', ws, '--from-data', join(ws, 'data')]);
      expect(run.code).toBe(2);
      expect(run.err).toMatch(/has no @entity tag/);
      expect(run.err).not.toMatch(/tag the feature with/);
      expect(run.err).toMatch(/the statements combine rows of every \[Entity Code\] and of every \[Ccy Code\] into their output rows \(SUM\(…\) over rows of every Entity Code at procedures\/netting\.sql:11:43; SUM\(…\) over rows of every Ccy Code at procedures\/netting\.sql:11:43\)/);
      expect(run.err).toMatch(/write the Given rows of a scenario with several of them/);
      expect(readFileSync(file, 'utf8')).toBe(before);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});
