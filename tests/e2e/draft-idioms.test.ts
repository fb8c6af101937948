import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

/*
 * The row-by-row idioms end to end: each idiom's procedure (and the example's
 * usp_CountEntityLetters) copied to a fresh workspace, `migrate scaffold <section> --draft`,
 * then `migrate test`: green with no hand edit, and the draft's header names the idiom. A
 * loop whose result depends on an undefined order must fail naming file:line:col instead.
 */

const repo = join(__dirname, '../..');
const fixtures = join(repo, 'tests/fixtures/draft-idioms');

const DRAFTED: readonly [string, RegExp][] = [
  ['dbo.usp_CountEntityLetters/01-count-letters', /Idioms applied: \(a\) cursor over entities[^\n]*\(b\) loop over characters/],
  ['dbo.usp_ProfileSkus/01-sku-profile', /Idioms applied: \(a\) cursor over entities[^\n]*\(b\) loop over characters/],
  ['dbo.usp_RefreshCustomerOrderStats/01-order-stats', /Idioms applied: \(a\) cursor over entities/],
  ['dbo.usp_FillDailyOrderCounts/01-daily-counts', /Idioms applied: \(e\) WHILE over dates/],
  ['dbo.usp_BuildAccountBalances/01-balances', /Idioms applied: \(c\) running values/],
  ['dbo.usp_MergeStagedProducts/01-apply-batch', /Idioms applied: \(d\) per-row lookup/],
  // Per-carrier INSERT … SELECT and UPDATEs under IF @@ROWCOUNT, a MIN-walk over zones building a
  // FOR XML PATH list, an as-of TOP (1) … ORDER BY lookup, bracketed names with spaces.
  ['dbo.usp_PriceShipments/01-priced-shipments', /Idioms applied: \(f\) cursor over entities running per-entity statements/],
  // A cursor fetching the client's region and tier beside its id: per-entity values read back by
  // the key, in an INSERT … SELECT, a SET of a limit, an IF and an UPDATE … FROM.
  ['dbo.usp_TagClientOrders/01-tagged-orders', /Idioms applied: \(f\) cursor over entities running per-entity statements/],
  // Set-based FOR XML PATH('') string aggregation with STUFF, ordered by text then a number.
  ['dbo.usp_ListCarrierServices/01-service-list', /Idioms applied: none/],
  // SET @v = NULL; SELECT @v = code … WHERE Email = @Email; IF @v IS NULL INSERT ELSE UPDATE … WHERE code = @v.
  ['dbo.usp_SyncSupplierDirectory/01-apply-feed', /Idioms applied: \(d\) per-row lookup/],
  // MIN/MAX of text by the collation ('apex 2' < 'Birch'), grouped by a text column.
  ['dbo.usp_SyncSupplierDirectory/02-region-range', /Idioms applied: none/],
  // DATEADD(DAY, DATEDIFF(DAY, 0, @From), 0) over datetimes, a WHILE over days reloading them.
  ['dbo.usp_RollupMeterDays/01-meter-days', /Idioms applied: \(e\) WHILE over dates/],
  // the same days from a base date written as text: '19000101' reads alike under every DATEFORMAT
  // (a text date another DATEFORMAT reads otherwise is refused: tests/unit/draft/date-literal-arguments.test.ts)
  ['dbo.usp_RollupMeterDays/02-day-peaks', /Idioms applied: \(e\) WHILE over dates/],
];

/** Near-misses: each must fail naming the construct at its file:line:col, never draft a wrong number. */
const REFUSED: readonly [string, string][] = [
  ['dbo.usp_ListCarrierServices/02-zone-list', "procedures/dbo.usp_ListCarrierServices.sql:24:23 FOR XML PATH('') (only one unnamed column is drafted"],
  ['dbo.usp_FlagLateShipments/01-late-flags', 'procedures/dbo.usp_FlagLateShipments.sql:24:9 cursor c (row-by-row loop) (not a per-entity aggregate'],
];

/** A fresh workspace holding the idiom procedures, their tables and their sections. */
async function idiomWorkspace(): Promise<string> {
  const ws = mkdtempSync(join(tmpdir(), 'migrate-idioms-'));
  expect((await runMigrate(['init', ws, '--library', join(repo, 'src')])).code).toBe(0);
  for (const dir of ['procedures', 'sections', 'src/transforms', 'tests/sections']) rmSync(join(ws, dir), { recursive: true, force: true });
  mkdirSync(join(ws, 'procedures/tables'), { recursive: true });
  cpSync(join(repo, 'procedures/dbo.usp_CountEntityLetters.sql'), join(ws, 'procedures/dbo.usp_CountEntityLetters.sql'));
  cpSync(join(repo, 'procedures/tables/wordbag-tables.sql'), join(ws, 'procedures/tables/wordbag-tables.sql'));
  cpSync(join(repo, 'sections/dbo.usp_CountEntityLetters'), join(ws, 'sections/dbo.usp_CountEntityLetters'), { recursive: true });
  for (const f of readdirSync(fixtures).filter((x) => x.endsWith('.sql'))) cpSync(join(fixtures, f), join(ws, 'procedures', f));
  cpSync(join(fixtures, 'tables'), join(ws, 'procedures/tables'), { recursive: true });
  cpSync(join(fixtures, 'sections'), join(ws, 'sections'), { recursive: true });
  return ws;
}

describe('scaffold --draft rewrites the row-by-row idioms set-based', () => {
  let ws: string;
  beforeAll(async () => { ws = await idiomWorkspace(); });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it.each(DRAFTED)('%s drafts green and names its idiom', async (id, idiom) => {
    const r = await runMigrate(['scaffold', id, '--draft', '--root', ws]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('(drafted)');
    const drafted = readFileSync(join(ws, 'src/transforms', `${id}.ts`), 'utf8');
    expect(drafted).toMatch(idiom);
    expect(drafted).not.toContain('notImplemented(');
    const run = await runMigrate(['test', id, '--json', '--root', ws]);
    const result = JSON.parse(run.out) as { sections: { id: string; passed: number; failed: number }[]; passed: boolean };
    if (!result.passed) throw new Error((await runMigrate(['test', id, '--root', ws])).out);
    expect(run.code).toBe(0);
    expect(result.sections[0]?.passed).toBeGreaterThan(0);
  });

  it.each(REFUSED)('%s fails naming what is left to write', async (id, where) => {
    expect((await runMigrate(['scaffold', id, '--draft', '--root', ws])).code).toBe(0);
    expect(readFileSync(join(ws, 'src/transforms', `${id}.ts`), 'utf8')).toContain('// NOT TRANSLATED ');
    const run = await runMigrate(['test', id, '--root', ws]);
    expect(run.code).toBe(1);
    expect(run.out).toContain(`not implemented: ${id}: ${where}`);
  });

  it('names every idiom that refused a cursor and why: per-entity statements need the entity\'s key in the WHERE', async () => {
    const id = 'dbo.usp_FlagLateShipments/01-late-flags';
    if (!existsSync(join(ws, 'src/transforms', `${id}.ts`))) expect((await runMigrate(['scaffold', id, '--draft', '--root', ws])).code).toBe(0);
    const drafted = readFileSync(join(ws, 'src/transforms', `${id}.ts`), 'utf8');
    expect(drafted).toContain('not per-entity statements: the UPDATE has no WHERE condition column = @CarrierId: it does not change only the entity\'s rows (line 24)');
  });

  it('stops with an error instead of picking a row when a looked-up variable could take either of two rows', async () => {
    const id = 'dbo.usp_SyncSupplierDirectory/01-apply-feed';
    if (!existsSync(join(ws, 'src/transforms', `${id}.ts`))) expect((await runMigrate(['scaffold', id, '--draft', '--root', ws])).code).toBe(0);
    const file = join(ws, 'sections', `${id}.feature`);
    const text = readFileSync(file, 'utf8');
    const row = '      | S2                | bob@example.com   | Bob Inc            | South        |\n';
    expect(text).toContain(row);
    writeFileSync(file, text.replace(row, `${row}      | S7                | Ann@example.com   | Ann 2              | South        |\n`));
    try {
      const run = await runMigrate(['test', id, '--root', ws]);
      expect(run.code).toBe(1);
      expect(run.out).toContain('cursor feed: several rows of dbo.Supplier match one looked-up key: the variable takes either');
    } finally {
      writeFileSync(file, text);
    }
  });

  it('refuses a running number over a cursor without ORDER BY, naming where and why', async () => {
    const id = 'dbo.usp_NumberTicketsUnordered/01-ticket-sequence';
    expect((await runMigrate(['scaffold', id, '--draft', '--root', ws])).code).toBe(0);
    const drafted = readFileSync(join(ws, 'src/transforms', `${id}.ts`), 'utf8');
    expect(drafted).toMatch(/\/\/ NOT TRANSLATED procedures\/dbo\.usp_NumberTicketsUnordered\.sql:\d+:\d+: cursor cur \(row-by-row loop\): .*no ORDER BY/);
    const run = await runMigrate(['test', id, '--root', ws]);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/not implemented: dbo\.usp_NumberTicketsUnordered\/01-ticket-sequence: procedures\/dbo\.usp_NumberTicketsUnordered\.sql:\d+:\d+ cursor cur/);
  });
});
