import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { inTempDir } from '../support/temp-dir';

// rpt.[usp_Load Customer Monthly] of tests/fixtures/workspaces/monthly-sales (written for it):
// int × money × (1 - decimal / 100.0) line amounts, a CTE feeding INSERT #lines, DELETE … WHERE
// EXISTS, a MERGE from a grouped #temp, DENSE_RANK over groups PARTITION BY MAX(Region),
// LTRIM(STR(n)), SYSDATETIME() stamps, SCOPE_IDENTITY() of a log row, a WHILE over dates started
// by DECLARE @d date = @FromDate, TRY/CATCH around a transaction.
// Worked out by hand from the CSVs: C001 = 2 × 10.50 + 99.99 × 0.90 + 5 × 10.50 = 163.491 over
// three lines (mean 54.497); C002 = 3 × 7.25 × 0.945 = 20.55375, kept as 20.5538 in #lines;
// C003's order 4 is status X, order 5 = 2 × 99.99; in North, C003 (199.98) ranks before C001.
const fixture = join(__dirname, '../fixtures/workspaces/monthly-sales');
const repo = join(__dirname, '../..');
const PROC = 'rpt.usp_Load Customer Monthly';
const SECTION = 'rpt.usp_Load_Customer_Monthly/02-customer-monthly';


describe('the migration loop on rpt.[usp_Load Customer Monthly]', () => {
  it('captures the customer months and the run log SQL Server would write', async () => {
    await inTempDir('monthly-capture-', async (out) => {
      const r = await runMigrate(['capture', PROC, '--data', join(fixture, 'data'), '--procedures', join(fixture, 'procedures'), '--param', 'FromDate=2024-03-01', '--out', out, '--json', '--language', 'us_english']);
      // DATENAME(month) follows the login's language: stated, so nothing is assumed
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(readFileSync(join(out, 'rpt.CustomerMonthly.csv'), 'utf8').trim().split('\n')).toEqual([
        'CustomerCode,MonthKey,Orders,Revenue,AvgLine,RankInRegion,Label,LoadedAt',
        'C001,202403,2,163.49,54.4970,2,C001 / 2 orders,2000-01-01 00:00:00',
        'C002,202403,1,20.55,20.5538,1,C002 / 1 orders,2000-01-01 00:00:00',
        'C003,202403,1,199.98,199.9800,1,C003 / 1 orders,2000-01-01 00:00:00',
        'C009,202402,1,5.00,,,,2024-01-01 00:00:00',
      ]);
      expect(readFileSync(join(out, 'etl.RunLog.csv'), 'utf8').trim().split('\n')).toEqual(['RunId,Step,RowsAffected,Note', '1,start,3,from 2024-03-01 done']);
      expect(readFileSync(join(out, 'dbo.DimDate.csv'), 'utf8').trim().split('\n')).toHaveLength(32);
    });
  });

  it('records, drafts with no hand edit, tests green at the recorded clock, then runs on the baseline and matches it 100%', async () => {
    await inTempDir('monthly-loop-', async (ws) => {
      expect((await runMigrate(['init', ws, '--library', join(repo, 'src')])).code).toBe(0);
      cpSync(join(fixture, 'procedures'), join(ws, 'procedures'), { recursive: true });
      expect((await runMigrate(['sections', 'propose', PROC, '--root', ws])).code).toBe(0);
      const check = await runMigrate(['sections', 'check', '--root', ws]);
      expect(check.out).toMatch(/ok rpt\.\[usp_Load Customer Monthly\]: \d+ statements, 3 sections, 0 problems/);
      // The Given rows a person would write (the spec's headers are in the proposal's column order).
      const file = join(ws, 'sections', `${SECTION}.feature`);
      const text = readFileSync(file, 'utf8')
        .replace('Given parameter @FromDate:date? = TODO', 'Given parameter @FromDate:date? = 2024-03-01')
        .replace('Given parameter @ToDate:date? = TODO', 'Given parameter @ToDate:date? = 2024-03-31')
        .replace(/(\| \[Customer Code\]:text \| \[Order Date\]:timestamp \| \[Order Id\]:int \| Region:text\? \| Status:text \|\n)/,
          '$1      | C001 | 2024-03-02 10:00:00 | 1 | North | A |\n      | C002 | 2024-03-20 00:00:00 | 3 | South | A |\n      | C003 | 2024-03-28 12:00:00 | 5 | North | A |\n')
        .replace(/(\| \[Discount Pct\]:decimal\(5,2\)\? \| \[Order Id\]:int \| Qty:int \| \[Unit Price\]:decimal\(19,4\) \|\n)/,
          '$1      | NULL | 1 | 2 | 10.50 |\n      | 5.5 | 3 | 3 | 7.25 |\n      | NULL | 5 | 2 | 99.99 |\n');
      expect(text).toContain('| C003 | 2024-03-28 12:00:00 | 5 | North | A |');
      expect(text).toContain('| 5.5 | 3 | 3 | 7.25 |');
      writeFileSync(file, text);
      const rec = await runMigrate(['sections', 'record', SECTION, '--root', ws]);
      expect(rec.err).toBe('');
      expect(rec.code).toBe(0);
      const recorded = readFileSync(file, 'utf8');
      expect(recorded).toContain('@recorded:2000-01-01T00:00:00');
      expect(recorded).toMatch(/\| C002 +\| 202403 +\| 1 +\| 20\.55 +\| 20\.5538 +\| 1 +\| C002 \/ 1 orders +\| 2000-01-01 00:00:00 \|/);
      expect((await runMigrate(['scaffold', SECTION, '--draft', '--root', ws])).code).toBe(0);
      const draft = readFileSync(join(ws, 'src/transforms', `${SECTION}.ts`), 'utf8');
      expect(draft).not.toContain('NOT TRANSLATED');
      expect(draft).toContain('${clock()}');
      const run = await runMigrate(['test', SECTION, '--json', '--root', ws]);
      const sections = JSON.parse(run.out).sections as { id: string; passed: number; failed: number }[];
      expect(sections).toEqual([expect.objectContaining({ id: SECTION, passed: 1, failed: 0 })]);

      // The calendar section (a WHILE over days adding the DimDate rows that are missing) drafts
      // too; then the new pipeline runs on the captured baseline's inputs and parameters, at its
      // clock, and matches it: every column, LoadedAt included.
      expect((await runMigrate(['scaffold', 'rpt.usp_Load_Customer_Monthly/01-dim-date', '--draft', '--root', ws])).code).toBe(0);
      expect(readFileSync(join(ws, 'src/transforms/rpt.usp_Load_Customer_Monthly/01-dim-date.ts'), 'utf8')).toContain('Idioms applied: (e) WHILE over dates');
      const baselines = join(ws, 'baselines');
      const cap = await runMigrate(['capture', PROC, '--data', join(fixture, 'data'), '--procedures', join(ws, 'procedures'), '--param', 'FromDate=2024-03-01', '--out', join(baselines, PROC)]);
      expect(cap.code).toBe(0);
      const actual = join(ws, 'actual');
      // @ToDate is a parameter the procedure sets (line 17: IF @ToDate IS NULL SET @ToDate =
      // EOMONTH(@FromDate)) before the customer-month section: run computes what that line leaves
      // from the captured call's values, as the legacy run reads it
      const pipeline = await runMigrate(['run', '--baselines', baselines, '--data', join(fixture, 'data'), '--out', actual, '--format', 'csv', '--root', ws]);
      expect(pipeline.err).toBe('');
      expect(pipeline.code).toBe(0);
      for (const [table, key] of [['rpt.CustomerMonthly', 'CustomerCode,MonthKey'], ['dbo.DimDate', 'DateKey']] as const) {
        const acc = await runMigrate(['accept', '--expected', join(baselines, PROC, `${table}.csv`), '--actual', join(actual, PROC, `${table}.csv`), '--key', key, '--json']);
        expect({ table, code: acc.code, percent: (JSON.parse(acc.out) as { percentMatched: number }).percentMatched }).toEqual({ table, code: 0, percent: 100 });
      }
    });
  });
});
