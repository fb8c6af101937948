import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';
import { inTempDir } from '../support/temp-dir';

/*
 * Local variables a section reads that the procedure sets before it. From the parameters alone
 * (`SET @PeriodEnd = EOMONTH(@AsOfDate)`, then `SET @CutOff = DATEADD(DAY, 1, …@PeriodEnd…)`),
 * `migrate run` computes them in the emulator as the legacy run would, where it had asked the
 * user for a --param of each. From what earlier statements of the run leave (`SET @rc =
 * @@ROWCOUNT`) or from a table (`UPDATE … SET @Factor = 2.5`), it never computes them: run alone,
 * those statements gave @rc 0 and @Factor its earlier 1.0 without a word. @rc is the value the
 * section before hands on (its transform's `values`, drafted by scaffold --draft from the INSERT's
 * count); so is @Factor, which the UPDATE's section hands on (stubbed: the UPDATE is not drafted).
 */
const TABLES = `CREATE TABLE [Stock].[Receipt Line] ([Item No] int NOT NULL, [Received At] datetime NOT NULL, Qty decimal(19,6) NOT NULL);
GO
CREATE TABLE [Stock].[Month Receipts] ([Period End] date NOT NULL, [Item No] int NOT NULL, Qty decimal(19,6) NOT NULL);
GO
CREATE TABLE [Stock].[Run Note] ([Period End] date NOT NULL, [Lines] int NULL);
GO
CREATE TABLE [Stock].[Scaled Receipts] ([Item No] int NOT NULL, Qty decimal(19,6) NOT NULL);
GO
`;

const MONTH = `CREATE PROCEDURE [Stock].[usp_Month Receipts] @AsOfDate date AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @PeriodEnd date, @CutOff datetime, @rc int;
  SET @PeriodEnd = EOMONTH(@AsOfDate);
  SET @CutOff = DATEADD(DAY, 1, CAST(@PeriodEnd AS datetime));
  DELETE FROM [Stock].[Month Receipts] WHERE [Period End] = @PeriodEnd;
  INSERT INTO [Stock].[Month Receipts] ([Period End], [Item No], Qty)
  SELECT @PeriodEnd, [Item No], SUM(Qty) FROM [Stock].[Receipt Line]
  WHERE [Received At] >= DATEADD(MONTH, -1, @CutOff) AND [Received At] < @CutOff GROUP BY [Item No];
  SET @rc = @@ROWCOUNT;
  DELETE FROM [Stock].[Run Note];
  INSERT INTO [Stock].[Run Note] ([Period End], [Lines]) VALUES (CAST(DATEADD(DAY, -1, @CutOff) AS date), @rc);
END
GO
`;

const SCALED = `CREATE PROCEDURE [Stock].[usp_Scaled Receipts] @AsOfDate date AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @Factor decimal(9,4), @PeriodEnd date;
  SET @Factor = 1.0;
  SET @PeriodEnd = EOMONTH(@AsOfDate);
  UPDATE [Stock].[Run Note] SET @Factor = 2.5, [Lines] = 0 WHERE [Period End] = @PeriodEnd;
  DELETE FROM [Stock].[Scaled Receipts];
  INSERT INTO [Stock].[Scaled Receipts] ([Item No], Qty)
  SELECT [Item No], Qty * @Factor FROM [Stock].[Receipt Line] WHERE [Received At] <= @PeriodEnd;
END
GO
`;

describe('migrate run and local variables set before a section', () => {
  it('computes those set from the parameters, and asks for those set from @@ROWCOUNT or a table', async () => {
    await inTempDir('run-locals-', async (ws) => {
      await scriptWorkspace(ws, { 'tables.sql': TABLES, 'month.sql': MONTH, 'scaled.sql': SCALED });
      expect((await runMigrate(['sections', 'propose', '[Stock].[usp_Month Receipts]', '--root', ws])).code).toBe(0);
      expect((await runMigrate(['sections', 'propose', '[Stock].[usp_Scaled Receipts]', '--root', ws])).code).toBe(0);
      // the SET @Factor goes with the UPDATE that may change it, before the section reading it
      const features = join(ws, 'sections/Stock.usp_Scaled_Receipts');
      const retag = (file: string, from: string, to: string): void => {
        const text = readFileSync(join(features, file), 'utf8');
        expect(text).toContain(from);
        writeFileSync(join(features, file), text.replace(from, to));
      };
      retag('01-run-note.feature', '@lines:6-7 ', '@lines:5-7 ');
      retag('02-scaled-receipts.feature', '@lines:5,8-10 ', '@lines:8-10 ');
      expect((await runMigrate(['sections', 'check', '--root', ws])).code).toBe(0);
      expect((await runMigrate(['scaffold', '[Stock].[usp_Month Receipts]', '--draft', '--root', ws])).code).toBe(0);
      expect((await runMigrate(['scaffold', '[Stock].[usp_Scaled Receipts]', '--draft', '--root', ws])).code).toBe(0);
      // the UPDATE … SET @Factor is not drafted: by hand, what it does to the table
      const runNote = join(ws, 'src/transforms/Stock.usp_Scaled_Receipts/01-run-note.ts');
      const drafted = readFileSync(runNote, 'utf8');
      expect(drafted).toMatch(/ {2}sql: \(\) => notImplemented\(.*\),\n/);
      writeFileSync(runNote, drafted.replace(/ {2}sql: \(\) => notImplemented\(.*\),\n/, "  sql: ({ table }) => `SELECT \"Period End\", 0 AS \"Lines\" FROM ${table('Stock.[Run Note]')}`,\n"));

      const data = join(ws, 'data');
      mkdirSync(data);
      writeFileSync(join(data, 'Stock.Receipt Line.csv'), 'Item No,Received At,Qty\n1,2026-10-31 23:59:59,5\n1,2026-11-01 00:00:00,2.5\n1,2026-11-30 23:59:59,1.25\n2,2026-12-01 00:00:00,9\n2,2026-11-15 10:00:00,4\n');
      writeFileSync(join(data, 'Stock.Run Note.csv'), 'Period End,Lines\n2026-11-30,7\n');
      writeFileSync(join(data, 'Stock.Month Receipts.csv'), 'Period End,Item No,Qty\n');
      writeFileSync(join(data, 'Stock.Scaled Receipts.csv'), 'Item No,Qty\n');
      const run = (proc: string, out: string, ...more: string[]): ReturnType<typeof runMigrate> =>
        runMigrate(['run', proc, '--data', data, '--format', 'csv', '--out', join(ws, out), '--root', ws, '--param', '@AsOfDate=2026-11-17', ...more]);
      const rows = (dir: string, name: string): string[] => readFileSync(join(ws, dir, `${name}.csv`), 'utf8').trim().split('\n');

      // @CutOff (from @PeriodEnd, from @AsOfDate) is computed; @rc, from @@ROWCOUNT, is the value
      // section 01 hands on: scaffold --draft drafts it from the count of the INSERT before it
      const monthReceipts = join(ws, 'src/transforms/Stock.usp_Month_Receipts/01-month-receipts.ts');
      const drafted01 = readFileSync(monthReceipts, 'utf8');
      expect(drafted01).toMatch(/'@rc': \{ type: 'int\?', sql: /);
      expect(drafted01).not.toContain('notImplemented(\'Stock.usp_Month_Receipts/01-month-receipts: @rc\')');
      const month = await run('[Stock].[usp_Month Receipts]', 'out1');
      expect(month.err).toBe('');
      expect(month.code).toBe(0);
      // November: 2.5 + 1.25 of item 1, 4 of item 2 (23:59:59 on 31 October and midnight of 1 December out)
      expect(rows('out1', 'Stock.Month Receipts')).toEqual(['Period End,Item No,Qty', '2026-11-30,1,3.750000', '2026-11-30,2,4.000000']);
      expect(rows('out1', 'Stock.Run Note')).toEqual(['Period End,Lines', '2026-11-30,2']);
      const capture = await runMigrate(['capture', '[Stock].[usp_Month Receipts]', '--data', data, '--out', join(ws, 'base1'), '--param', '@AsOfDate=2026-11-17', '--procedures', join(ws, 'procedures'), '--tables', join(ws, 'procedures')]);
      expect(capture.code).toBe(0);
      expect(rows('base1', 'Stock.Month Receipts')).toEqual(rows('out1', 'Stock.Month Receipts'));
      expect(rows('base1', 'Stock.Run Note')).toEqual(rows('out1', 'Stock.Run Note'));

      // @Factor: the UPDATE sets it to 2.5 where the period has a note, never the 1.0 before it
      // (Qty x 2.5 received up to @PeriodEnd, a date: 23:59:59 on 30 November is after it)
      const scaled = await run('[Stock].[usp_Scaled Receipts]', 'out2');
      expect(scaled.code).toBe(2);
      // the UPDATE's section hands @Factor on: scaffold stubbed it there, and the run stops until it is written
      expect(scaled.err).toContain('not implemented: Stock.usp_Scaled_Receipts/01-run-note: @Factor');
      const legacy = await runMigrate(['capture', '[Stock].[usp_Scaled Receipts]', '--data', data, '--out', join(ws, 'base2'), '--param', '@AsOfDate=2026-11-17', '--procedures', join(ws, 'procedures'), '--tables', join(ws, 'procedures')]);
      expect(legacy.code).toBe(0);
      expect(rows('base2', 'Stock.Scaled Receipts')).toEqual(['Item No,Qty', '1,6.250000', '1,12.500000', '2,10.000000']);
    });
  });
});
