import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';
import { inTempDir } from '../support/temp-dir';

/*
 * A procedure that reassigns its parameters before a later section reads them (@BillMonth snapped
 * to the first of its month, @Days computed from it): `migrate run` is called with the caller's
 * values, as EXEC is, and gives each section the values those statements leave, computed in the
 * emulator. Given the caller's 2026-03-17, section 01 (before the SETs) reads 2026-03-17 and
 * section 02 reads 2026-03-01 and 31 days: the rows the legacy procedure writes.
 */
const SCRIPT = `CREATE TABLE dbo.Usage (MeterId int NOT NULL, ReadOn date NOT NULL, Kwh decimal(9,2) NOT NULL);
GO
CREATE TABLE dbo.MonthUsage (MeterId int NOT NULL, BillMonth date NOT NULL, Kwh decimal(11,2) NOT NULL);
GO
CREATE TABLE dbo.MonthPeak (BillMonth date NOT NULL, PeakKwh decimal(9,2) NULL);
GO
CREATE PROCEDURE dbo.usp_BillMonth @BillMonth date, @Days int = 0 AS
BEGIN
  SET NOCOUNT ON;
  DELETE FROM dbo.MonthPeak;
  INSERT INTO dbo.MonthPeak (BillMonth, PeakKwh) SELECT @BillMonth, MAX(Kwh) FROM dbo.Usage WHERE ReadOn >= @BillMonth;
  SET @BillMonth = DATEFROMPARTS(YEAR(@BillMonth), MONTH(@BillMonth), 1);
  SET @Days = @Days + DAY(EOMONTH(@BillMonth));
  DELETE FROM dbo.MonthUsage;
  INSERT INTO dbo.MonthUsage (MeterId, BillMonth, Kwh)
  SELECT MeterId, @BillMonth, SUM(Kwh) / @Days FROM dbo.Usage
  WHERE ReadOn >= @BillMonth AND ReadOn < DATEADD(month, 1, @BillMonth) GROUP BY MeterId;
END
GO
`;

describe('migrate run and parameters the procedure reassigns', () => {
  it('gives each section the value the earlier statements leave, as the legacy run reads it', async () => {
    await inTempDir('run-reassigned-', async (ws) => {
      await scriptWorkspace(ws, { 'p.sql': SCRIPT });
      expect((await runMigrate(['sections', 'propose', 'dbo.usp_BillMonth', '--root', ws])).code).toBe(0);
      // the SETs go with section 01, which does not read what they assign
      const features = join(ws, 'sections/dbo.usp_BillMonth');
      const retag = (file: string, from: string, to: string): void => writeFileSync(join(features, file), readFileSync(join(features, file), 'utf8').replace(from, to));
      retag('01-month-peak.feature', '@lines:10-11 ', '@lines:10-13 ');
      retag('02-month-usage.feature', '@lines:12-17 ', '@lines:14-17 ');
      expect((await runMigrate(['sections', 'check', '--root', ws])).code).toBe(0);
      expect((await runMigrate(['scaffold', 'dbo.usp_BillMonth', '--draft', '--root', ws])).code).toBe(0);
      const data = join(ws, 'data');
      mkdirSync(data);
      writeFileSync(join(data, 'dbo.Usage.csv'), 'MeterId,ReadOn,Kwh\n1,2026-02-27,5.00\n1,2026-03-02,10.00\n1,2026-03-20,20.00\n2,2026-03-05,3.10\n');
      const run = await runMigrate(['run', 'dbo.usp_BillMonth', '--data', data, '--format', 'csv', '--out', join(ws, 'out'), '--root', ws, '--param', '@BillMonth=2026-03-17']);
      expect(run.err).toBe('');
      expect(run.code).toBe(0);
      const rows = (name: string): string[] => readFileSync(join(ws, 'out', `${name}.csv`), 'utf8').trim().split('\n');
      expect(rows('dbo.MonthPeak')).toEqual(['BillMonth,PeakKwh', '2026-03-17,20.00']);
      // (10 + 20) / 31 and 3.10 / 31 into decimal(11,2)
      expect(rows('dbo.MonthUsage')).toEqual(['MeterId,BillMonth,Kwh', '1,2026-03-01,0.97', '2,2026-03-01,0.10']);
      // what capture computes from the same call and data
      const capture = await runMigrate(['capture', 'dbo.usp_BillMonth', '--data', data, '--out', join(ws, 'baseline'), '--param', '@BillMonth=2026-03-17', '--procedures', join(ws, 'procedures'), '--tables', join(ws, 'procedures')]);
      expect(capture.code).toBe(0);
      expect(readFileSync(join(ws, 'baseline/dbo.MonthUsage.csv'), 'utf8').trim().split('\n')).toEqual(rows('dbo.MonthUsage'));
    });
  });
});
