import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';
import { inTempDir } from '../support/temp-dir';
import { LATE_SHIPMENT_TABLES, lateShipmentProcedure } from '../support/late-shipments-sql';

// `migrate run` looked only at the lines before a section's first one: it gave the late-shipment
// INSERT the caller's @AsOf (a shipment on 03-09 counted late as of 03-10, which legacy, as of
// 03-08, leaves out; exit 0) and said no statement set @RunStatus (see late-shipments-sql.ts).
async function proposeAndDraft(ws: string, proc: string): Promise<string> {
  await scriptWorkspace(ws, { 'tables.sql': LATE_SHIPMENT_TABLES, 'usp-flag-late-shipments.sql': proc });
  expect((await runMigrate(['sections', 'propose', 'dbo.usp Flag Late Shipments', '--root', ws])).code).toBe(0);
  expect((await runMigrate(['scaffold', 'dbo.usp Flag Late Shipments', '--draft', '--root', ws])).code).toBe(0);
  const data = join(ws, 'data');
  mkdirSync(data);
  writeFileSync(join(data, 'dbo.Shipment Line.csv'), 'Shipment Id,Ship Date,Promised Date\n1,2026-03-09,2026-03-05\n2,2026-03-07,2026-03-05\n3,2026-03-04,2026-03-05\n4,2026-03-10,2026-03-01\n');
  writeFileSync(join(data, 'dbo.Late Shipment.csv'), 'Shipment Id,Days Late,Run Status\n');
  writeFileSync(join(data, 'dbo.Ship Window.csv'), 'Window Start,Window End,Run Status\n');
  return data;
}

describe('migrate run: a value another section sets between a section\'s lines', () => {
  it('gives the section the value that statement leaves, as capture computes it', async () => {
    await inTempDir('run-set-between-', async (ws) => {
      const data = await proposeAndDraft(ws, lateShipmentProcedure('@PeriodEnd'));
      expect(readFileSync(join(ws, 'sections/dbo.usp_Flag_Late_Shipments/02-late-shipment.feature'), 'utf8')).toMatch(/^@proc:\S+ @lines:9,15-18 /);
      const params = ['--param', '@AsOf=2026-03-10', '--param', '@PeriodEnd=2026-03-10'];
      const run = await runMigrate(['run', 'dbo.usp Flag Late Shipments', '--data', data, '--format', 'csv', '--out', join(ws, 'out'), '--root', ws, ...params]);
      expect(run.err).toBe('');
      expect(run.code).toBe(0);
      const capture = await runMigrate(['capture', 'dbo.usp Flag Late Shipments', '--data', data, '--out', join(ws, 'baseline'), ...params, '--procedures', join(ws, 'procedures'), '--tables', join(ws, 'procedures')]);
      expect(capture.code).toBe(0);
      const rows = (file: string): string[] => readFileSync(file, 'utf8').trim().split('\n');
      // as of 03-08 (03-10 less the two grace days): shipment 1, shipped 03-09, is not late yet
      expect(rows(join(ws, 'baseline', 'dbo.Late Shipment.csv'))).toEqual(['Shipment Id,Days Late,Run Status', '2,2,GRACE 2']);
      expect(rows(join(ws, 'out', 'dbo.Late Shipment.csv'))).toEqual(rows(join(ws, 'baseline', 'dbo.Late Shipment.csv')));
    });
  });

  it('refuses, located at the read, a section that reads the value on both sides of that statement, even with --param', async () => {
    await inTempDir('run-set-between-both-', async (ws) => {
      // the cut-off now comes from @AsOf too: line 9 reads the caller's value, line 18 the reassigned one
      const data = await proposeAndDraft(ws, lateShipmentProcedure('@AsOf'));
      const run = await runMigrate(['run', 'dbo.usp Flag Late Shipments', '--data', data, '--format', 'csv', '--out', join(ws, 'out'), '--root', ws, '--param', '@AsOf=2026-03-10', '--param', '@PeriodEnd=2026-03-10']);
      expect(run.code).toBe(2);
      expect(run.err).toMatch(/usp-flag-late-shipments\.sql:18:89: dbo\.usp_Flag_Late_Shipments\/02-late-shipment uses @AsOf at line 9 and reads it here, and line 12, outside this section, assigns it in between/);
      expect(run.err).toContain('give line 12 to this section (its @lines), or cut the section at line 12');
    });
  });
});
