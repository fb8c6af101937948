import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// A result set the legacy SELECT orders keeps that order in its recorded Then (sorted, it lost
// it, and the new code was never held to it); rows the ORDER BY ties are sorted among themselves.
const SCRIPT = `CREATE TABLE dbo.CustomerTotal (CustomerId int NOT NULL PRIMARY KEY, Total decimal(14,2) NOT NULL);
GO
CREATE PROCEDURE dbo.usp_TopCustomers AS
BEGIN
  SELECT CustomerId, Total FROM dbo.CustomerTotal ORDER BY Total DESC;
END
GO
`;

describe('migrate sections record of an ordered result set', () => {
  it('writes the rows in the legacy order, ties sorted, under `ordered by`', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'migrate-result-order-'));
    try {
      mkdirSync(join(ws, 'procedures'), { recursive: true });
      writeFileSync(join(ws, 'procedures/p.sql'), SCRIPT);
      expect((await runMigrate(['sections', 'propose', 'dbo.usp_TopCustomers', '--root', ws])).code).toBe(0);
      const file = join(ws, 'sections/dbo.usp_TopCustomers/01-result-customer-total.feature');
      const header = '| CustomerId:int | Total:decimal(14,2) |\n';
      const text = readFileSync(file, 'utf8');
      expect(text).toContain('Then table result ordered by Total:\n');
      writeFileSync(file, text.replace(header, `${header}      | 4 | 5.00 |\n      | 3 | 50.00 |\n      | 1 | 7.50 |\n      | 2 | 50.00 |\n`));
      const run = await runMigrate(['sections', 'record', 'dbo.usp_TopCustomers/01-result-customer-total', '--root', ws]);
      expect(run.err).toBe('');
      expect(run.code).toBe(0);
      const rows = readFileSync(file, 'utf8').split('Then table result ordered by Total:\n')[1]?.split('\n').slice(1).filter((l) => l.trim() !== '').map((l) => l.replace(/\s+/g, ''));
      expect(rows).toEqual(['|2|50.00|', '|3|50.00|', '|1|7.50|', '|4|5.00|']);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});
