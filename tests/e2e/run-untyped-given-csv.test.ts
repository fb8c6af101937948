import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { inTempDir } from '../support/temp-dir';

/*
 * A scenario's Given table may come from a CSV whose header names the columns without types
 * (`Given table dbo.Sale from "sales.csv"`, a table exported as it is): they take their types
 * from the CREATE TABLE, in `sections check`, `sections record` and `migrate test` alike. `migrate
 * run` loads the same specs: it read them without the CREATE TABLE scripts and stopped with
 * "column SaleId of dbo.Sale has no type … run `migrate sections check`", which found nothing.
 */
const repo = join(__dirname, '../..');
const id = 'dbo.usp_ExampleDailyTotals/01-daily-store-total';

describe('migrate run on sections whose Given rows come from an untyped CSV', () => {
  it('types the header from the CREATE TABLE, as sections check and migrate test do', async () => {
    await inTempDir('run-untyped-csv-', async (ws) => {
      expect((await runMigrate(['init', ws, '--library', join(repo, 'src')])).code).toBe(0);
      const file = join(ws, 'sections', `${id}.feature`);
      writeFileSync(file, readFileSync(file, 'utf8').replace(/Given table dbo\.Sale:\n(\s+\|.*\n){4}/, 'Given table dbo.Sale from "sales.csv"\n'));
      writeFileSync(join(ws, 'sections/dbo.usp_ExampleDailyTotals/sales.csv'), 'SaleId,StoreId,SoldAt,Amount\n1,1,2024-01-01 09:00,10.50\n2,1,2024-01-01 17:30,\n3,2,2024-01-02 12:00,\n');
      expect((await runMigrate(['sections', 'check', '--root', ws])).code).toBe(0);
      const run = await runMigrate(['run', 'dbo.usp_ExampleDailyTotals', '--data', join(ws, 'acceptance/data'), '--format', 'csv', '--out', join(ws, 'out'), '--root', ws]);
      expect(run.err).not.toMatch(/has no type/);
      expect(run.code).toBe(0);
      expect(readFileSync(join(ws, 'out/dbo.DailyStoreTotal.csv'), 'utf8').split('\n')[0]).toBe('StoreId,SaleDate,Total');
    });
  });
});
