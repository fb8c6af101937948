import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { inTempDir } from '../support/temp-dir';

// Billing.[usp_Build Customer Month] of tests/fixtures/workspaces/real-etl (written for it): a
// computed PERSISTED column (Qty × [Unit Price]), SELECT IDENTITY(int, 1, 1) … INTO #lines ORDER BY,
// DELETE … WHERE EXISTS, a CTE feeding an INSERT with DENSE_RANK and OUTER APPLY (TOP (1) … GROUP BY
// … ORDER BY SUM()), EXEC of a helper with a parameter default, a WHILE EXISTS queue.
// Expected rows worked out by hand from the CSVs: Acme 21 + 6 (Widget 42 > Gadget 12 over the
// INV-1 join), Globex 22.50, Initech's 'X' line left out, 9.00; Acme's old 202601 row replaced.
const fixture = join(__dirname, '../fixtures/workspaces/real-etl');


/** A workspace with the fixture's procedures and the proposed sections of the billing procedure. */
async function withProposal(body: (ws: string) => Promise<void>): Promise<void> {
  await inTempDir('sections-billing-', async (ws) => {
    cpSync(join(fixture, 'procedures'), join(ws, 'procedures'), { recursive: true });
    expect((await runMigrate(['sections', 'propose', '[Billing].[usp_Build Customer Month]', '--root', ws])).code).toBe(0);
    await body(ws);
  });
}

describe('migrate capture of Billing.[usp_Build Customer Month]', () => {
  it('writes the customer months and the run log SQL Server would', async () => {
    await inTempDir('capture-billing-', async (out) => {
      const r = await runMigrate(['capture', '[Billing].[usp_Build Customer Month]', '--data', join(fixture, 'data/billing'), '--procedures', join(fixture, 'procedures'), '--param', 'From=2026-01-01', '--out', out, '--json', '--language', 'us_english']);
      // FORMAT without a culture follows the login's language: stated, so nothing is assumed
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const manifest = JSON.parse(r.out) as { returnValue: number; nonReproducible: string[] };
      expect(manifest.returnValue).toBe(0);
      expect(manifest.nonReproducible).toEqual([]);
      expect(readFileSync(join(out, 'Billing.Customer Month.csv'), 'utf8')).toBe([
        'Customer,Month Key,Lines,Revenue,Largest Line,Rank In Month,Top Product',
        'Acme,202601,2,27.0000,21.0000,1,Widget',
        'Globex,202601,1,22.5000,22.5000,2,Widget',
        'Initech,202601,1,9.0000,9.0000,3,Gizmo',
        '',
      ].join('\n'));
      expect(readFileSync(join(out, 'Billing.Run Log.csv'), 'utf8')).toBe('Log Id,Step,Rows,At\n1,lines loaded,4,2000-01-01 00:00:00\n2,customer months,3,2000-01-01 00:00:00\n');
    });
  });

  it('returns 1 and logs no rows when the period has no open line', async () => {
    await inTempDir('capture-billing-', async (out) => {
      const r = await runMigrate(['capture', '[Billing].[usp_Build Customer Month]', '--data', join(fixture, 'data/billing'), '--procedures', join(fixture, 'procedures'), '--param', 'From=2025-06-01', '--out', out, '--json']);
      expect(r.code).toBe(0);
      expect((JSON.parse(r.out) as { returnValue: number }).returnValue).toBe(1);
      expect(readFileSync(join(out, 'Billing.Run Log.csv'), 'utf8')).toBe('Log Id,Step,Rows,At\n1,lines loaded,0,2000-01-01 00:00:00\n');
    });
  });

  it('proposes sections that pass check, and records the #lines SELECT … INTO section from its Given', async () => {
    await withProposal(async (ws) => {
      const file = join(ws, 'sections/Billing.usp_Build_Customer_Month/01-lines.feature');
      let text = readFileSync(file, 'utf8');
      // the computed [Line Total] is given through the columns it is computed from
      const given = '| Customer:text | [Invoice No]:text | [Line Date]:date | [Line Id]:int | Qty:decimal(9,3) | [Unit Price]:decimal(19,4) | Status:text |\n';
      expect(text).toContain(given);
      expect(text).toContain('| Seq:int | Customer:text? | [Line Date]:date? | [Line Total]:decimal(29,7)? | [Invoice No]:text? | [Month Key]:text? |');
      text = text.replace('@From:date? = TODO', '@From:date? = 2026-01-01').replace(given, `${given}      | Acme | INV-1 | 2026-01-03 | 2 | 1.500 | 4.0000 | N |\n      | Acme | INV-1 | 2026-01-03 | 1 | 2.000 | 10.5000 | N |\n      | Initech | INV-3 | 2026-01-15 | 4 | 1.000 | 5.0000 | X |\n      | Acme | INV-5 | 2026-02-01 | 6 | 1.000 | 100.0000 | N |\n`);
      writeFileSync(file, text);
      const record = await runMigrate(['sections', 'record', 'Billing.usp_Build_Customer_Month/01-lines', '--root', ws, '--language', 'us_english']);
      expect(record.err).toBe('');
      expect(record.code).toBe(0);
      expect(readFileSync(file, 'utf8')).toMatch(/\| 1 +\| Acme +\| 2026-01-03 +\| 21\.0000000 +\| INV-1 +\| 202601 +\|\n +\| 2 +\| Acme +\| 2026-01-03 +\| 6\.0000000 +\| INV-1 +\| 202601 +\|\n$/);
      const check = await runMigrate(['sections', 'check', '[Billing].[usp_Build Customer Month]', '--root', ws, '--json']);
      const problems = (JSON.parse(check.out) as { problems: { code: string; file: string }[] }).problems;
      expect(problems.filter((p) => p.code !== 'SPEC_TODO')).toEqual([]);
      expect(problems.filter((p) => p.file.endsWith('01-lines.feature'))).toEqual([]);
    });
  });

  it('keeps a WHILE EXISTS loop whole in one section (its condition too), so recording runs every turn', async () => {
    await withProposal(async (ws) => {
      const file = join(ws, 'sections/Billing.usp_Build_Customer_Month/03-customer-month.feature');
      let text = readFileSync(file, 'utf8');
      // lines 62-67 of the fixture: SELECT … INTO #queue, then WHILE EXISTS (SELECT 1 FROM #queue) and its body
      expect(text).toMatch(/^@proc:\S+ @lines:62-67 /);
      expect(readFileSync(join(ws, 'sections/Billing.usp_Build_Customer_Month/00-housekeeping.feature'), 'utf8')).not.toMatch(/WHILE/);
      const header = '| Customer:text | [Month Key]:text | Lines:int | Revenue:decimal(19,4) | [Largest Line]:decimal(19,4)? | [Rank In Month]:int | [Top Product]:text? |\n';
      text = text.replace('| Customer:text? | [Line Total]:decimal(29,7)? |\n', '| Customer:text? | [Line Total]:double? |\n      | Acme | 6 |\n      | Initech | 9 |\n      | Globex | 22.5 |\n')
        .replace(`${header}    When`, `${header}      | Acme | 202601 | 2 | 27 | 21 | 1 | NULL |\n      | Initech | 202601 | 1 | 9 | 9 | 3 | NULL |\n      | Globex | 202601 | 1 | 22.5 | 22.5 | 2 | NULL |\n    When`);
      writeFileSync(file, text);
      const record = await runMigrate(['sections', 'record', 'Billing.usp_Build_Customer_Month/03-customer-month', '--root', ws]);
      expect(record.err).toBe('');
      expect(record.code).toBe(0);
      const rows = readFileSync(file, 'utf8').split('When the section runs')[1] ?? '';
      expect(rows.match(/\(small\)/g)).toHaveLength(2);
      expect(rows).toMatch(/\| Globex +\| 202601 +\| 1 +\| 22\.5000 +\| 22\.5000 +\| 2 +\| NULL +\|/);
      // the loop's condition given to housekeeping, as propose once did: check names the split
      writeFileSync(file, readFileSync(file, 'utf8').replace('@lines:62-67 ', '@lines:62,64-67 '));
      const housekeeping = join(ws, 'sections/Billing.usp_Build_Customer_Month/00-housekeeping.feature');
      writeFileSync(housekeeping, readFileSync(housekeeping, 'utf8').replace(/@lines:(\S+) /, '@lines:$1,63 '));
      const check = await runMigrate(['sections', 'check', '[Billing].[usp_Build Customer Month]', '--root', ws, '--json']);
      expect(check.code).toBe(1);
      const split = (JSON.parse(check.out) as { problems: { code: string; line: number; message: string }[] }).problems.filter((p) => p.code === 'SECTIONS_CONTROL_SPLIT');
      expect(split).toEqual([expect.objectContaining({ line: 65, message: expect.stringMatching(/line 65 of Billing\.\[usp_Build Customer Month\] is in .*03-customer-month, but the loop at line 63 that runs it is in .*00-housekeeping/) })]);
    });
  });
});
