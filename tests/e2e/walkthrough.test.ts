// The README walk-through end to end, in-process, in a fresh temporary workspace: the steps of
// bench/walkthrough-steps.ts (the commands a new user types and the engineer's own edits, in
// order) on tests/fixtures/walkthrough, a 100-statement month-end procedure with bracketed names
// with spaces, a schema other than dbo, #temp tables, a cursor over customers, a WHILE over days,
// an upsert, a running total, UPDATE … FROM, MERGE, TRY/CATCH and dynamic SQL. It asserts what
// each step must produce; bench/walkthrough-bench.ts times the same steps (no clock here).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROC, SECTIONS, WALKTHROUGH } from '../../bench/walkthrough-steps';
import { runMigrate, type MigrateRun } from '../support/run-migrate';

const repo = join(__dirname, '../..');

interface SectionResult { id: string; scenarios: number; passed: number; failed: number }

/** Runs a step's command with the workspace as the working directory, as the user's shell does. */
async function inWorkspace(ws: string, args: readonly string[]): Promise<MigrateRun> {
  const cwd = process.cwd();
  process.chdir(ws);
  try {
    return await runMigrate(args);
  } finally {
    process.chdir(cwd);
  }
}

describe('the README walk-through on a 100-statement procedure', () => {
  const ws = mkdtempSync(join(tmpdir(), 'migrate-walkthrough-'));
  const feature = (slug: string): string => readFileSync(join(ws, 'sections', SECTIONS, `${slug}.feature`), 'utf8');
  const transform = (slug: string): string => readFileSync(join(ws, 'src/transforms', SECTIONS, `${slug}.ts`), 'utf8');
  const tests = new Map<string, SectionResult[]>();
  const runs = new Map<string, MigrateRun>();
  /** The drafts that refused, as scaffold wrote them (the engineer replaces them), by section slug. */
  const refusals = new Map<string, string>();
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  beforeAll(async () => {
    expect((await runMigrate(['init', ws, '--library', join(repo, 'src')])).code).toBe(0);
    for (const s of WALKTHROUGH) {
      if (s.engineer) {
        // keep what the refused drafts said before the engineer replaces them
        if (s.id === 'write refused transforms (engineer)') for (const slug of ['01-customer-month-summary', '08-statement-archive']) refusals.set(slug, transform(slug));
        s.engineer(ws);
        // a shell runs each command in a new process: here, transforms loaded before the edit are forgotten
        jest.resetModules();
        continue;
      }
      const args = [...(s.args ?? []), ...(s.testStep || s.id === 'accept' ? ['--json'] : [])];
      const r = await inWorkspace(ws, args);
      runs.set(s.id, r);
      if (r.code !== (s.expectCode ?? 0)) throw new Error(`${s.id} (migrate ${args.join(' ')}) exited ${r.code}:\n${r.out}\n${r.err}`);
      if (s.testStep) tests.set(s.id, (JSON.parse(r.out) as { sections: SectionResult[] }).sections);
    }
  }, 600000);

  it('analyzes 100 statements, none unparsed, and flags the dynamic SQL', async () => {
    const r = await inWorkspace(ws, ['analyze', 'procedures/', '--json']);
    const json = JSON.parse(r.out) as { unparsed: number; diagnostics: { code: string; line: number }[]; objectsDetail: { name: string; statements: number; temps: string[] }[] };
    expect(json.unparsed).toBe(0);
    expect(json.objectsDetail.find((o) => o.name === 'billing ops.usp_close billing month')).toMatchObject({ statements: 100, temps: ['#monthlines', '#regiontotals'] });
    expect(json.diagnostics).toContainEqual(expect.objectContaining({ code: 'DATAFLOW_DYNAMIC_SQL', line: 238 }));
  });

  it('proposes sections that pass check, before and after the engineer\'s edits', () => {
    expect(runs.get('sections propose')?.out.match(/^created /gm)).toHaveLength(8);
    expect(runs.get('sections check')?.out).toMatch(/ok \[Billing Ops\]\.\[usp_Close Billing Month\]: 93 statements, 8 sections, 0 problem/);
    expect(runs.get('sections check again')?.out).toMatch(/93 statements, 9 sections, 0 problem/);
    expect(feature('01-customer-month-summary').split('\n')[0]).toBe('@proc:[Billing%20Ops].[usp_Close%20Billing%20Month] @lines:27,62-110 @output:[Billing%20Ops].[Customer%20Month%20Summary] @entity:[Customer%20ID]');
  });

  it.each([
    ['01-customer-month-summary', 5, false],
    ['04-payment-ledger', 1, false],
    ['05-customer-credit', 5, false],
    ['02-daily-revenue', 1, false],
    ['06-region-month-total', 1, false],
    ['08-statement-archive', 1, false],
  ])('records the scenarios of %s from the legacy code (%i)', (slug, recorded, statesMonthEnd) => {
    const text = feature(slug);
    expect(text.match(/^ {2}@recorded:2000-01-01T00:00:00 @statements:[0-9a-f]{12}$/gm)).toHaveLength(recorded);
    // a value the legacy run took from a DECLARE is stated, so migrate test gives the transform the same
    if (statesMonthEnd) expect(text.match(/^ {4}And parameter @MonthEnd:date\? = 2026-11-30$/gm)).toHaveLength(recorded);
  });

  it('leaves 04 without @entity, saying why: its loop carries @PrevAmount from one customer to the next', async () => {
    const where = 'procedures/Billing Ops.usp_Close Billing Month.sql:152:81';
    const why = `the loop over cur_payment carries @PrevAmount from row to row: the IF at line 145 resets @PaidToDate when @PayCustomer changes, not @PrevAmount (read at ${where})`;
    expect(feature('04-payment-ledger').split('\n')[0]).not.toMatch(/@entity/);
    expect(runs.get('sections propose')?.out).toContain(`note 04-payment-ledger: not tagged @entity:[Customer%20ID] (\`sections check\` fails that tag, SECTIONS_ENTITY_CROSS_READS): ${why}; give its scenarios several [Customer ID] values`);
    // --from-data cannot record one customer alone: exit 2, nothing written, the reason named
    const fromData = runs.get('record 04 from data');
    expect(fromData?.err).toContain(`[Customer ID] is no entity of it: ${why}, so no one [Customer ID] can be recorded alone`);
    // the hand-written scenario holds several customers: the first payment of customer 2 carries customer 1's last
    expect(feature('04-payment-ledger')).toMatch(/^\s*\|\s*2\s*\|\s*5004\s*\|\s*2026-11-21\s*\|\s*250\.00\s*\|\s*250\.00\s*\|\s*100\.00\s*\|$/m);
    // a person who tags it per customer anyway is stopped by check, naming the variable
    const file = join(ws, 'sections', SECTIONS, '04-payment-ledger.feature');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(/^(@proc:\S+ @lines:\S+ @output:\S+)/, '$1 @entity:[Customer%20ID]'));
    try {
      const check = await inWorkspace(ws, ['sections', 'check', PROC]);
      expect(check.code).toBe(1);
      expect(check.out).toContain(`04-payment-ledger.feature:1:1: @entity:[Customer%20ID]: the rows of one [Customer ID] are computed from state earlier rows of other [Customer ID] values left: ${why}`);
    } finally {
      writeFileSync(file, text);
    }
  });

  it('drafts green, with no hand edit, every section but the two it refuses, and says what is left in those', () => {
    expect(tests.get('test 05')).toEqual([{ id: `${SECTIONS}/05-customer-credit`, scenarios: 6, passed: 6, failed: 0 }]);
    const drafts = tests.get('test (drafts)') ?? [];
    expect(drafts.filter((s) => s.failed === 0 && s.passed > 0).map((s) => s.id.split('/')[1])).toEqual([
      '02-daily-revenue', '03-payment-ledger', '04-payment-ledger', '05-customer-credit', '06-region-month-total', '07-result-region-month-total',
    ]);
    expect(drafts.filter((s) => s.failed > 0).map((s) => s.id.split('/')[1])).toEqual(['01-customer-month-summary', '08-statement-archive']);
  });

  it.each([
    ['02-daily-revenue', /^\/\/ Idioms applied: \(e\) WHILE over dates/m],
    ['04-payment-ledger', /^\/\/ Idioms applied: \(c\) running values/m],
    ['05-customer-credit', /^\/\/ Idioms applied: \(d\) per-row lookup/m],
    ['06-region-month-total', /^\/\/ Idioms applied: none/m],
  ])('names the idioms it applied at the top of %s', (slug, header) => {
    expect(transform(slug)).toMatch(header);
  });

  it.each([
    ['01-customer-month-summary', "procedures/Billing Ops.usp_Close Billing Month.sql:101:13 cursor cur_customer (row-by-row loop)", /DELETE FROM <same table> WHERE <key column> = <value of the loop variables>/],
    ['08-statement-archive', 'procedures/Billing Ops.usp_Close Billing Month.sql:238:9 EXEC sp_executesql', /what it changes is unknown to the draft/],
  ])('the refused draft of %s names the location and the construct, and throws there', (slug, where, why) => {
    const draft = refusals.get(slug) ?? '';
    expect(draft).toMatch(/^\/\/ Idioms applied: none$/m);
    expect(draft).toContain(`sql: () => notImplemented('${SECTIONS}/${slug}: ${where}`);
    expect(draft).toMatch(why);
    expect(tests.get('test (drafts)')?.find((x) => x.id.endsWith(slug))?.passed).toBe(0);
  });

  it('runs the new pipeline and writes each table once, as the last section that writes it left it', () => {
    const wrote = (runs.get('run')?.out ?? '').split('\n').filter((l) => l.startsWith('wrote '));
    expect(wrote.map((l) => /close\/(.*) \(\d+ rows\)$/.exec(l)?.[1])).toEqual([
      'Billing Ops.Customer Month Summary.csv', 'Billing Ops.Daily Revenue.csv', 'Billing Ops.Payment Ledger.csv', 'Billing Ops.Customer Credit.csv',
      'Billing Ops.Region Month Total.csv', 'result.csv', 'Billing Ops.Statement Archive.csv',
    ]);
    expect(wrote.find((l) => l.includes('Payment Ledger'))).toMatch(/\(17 rows\)$/);
  });

  it('turns every section green once the refused two are written by hand, and accepts the run at 100%', async () => {
    expect((tests.get('test (all)') ?? []).every((s) => s.failed === 0 && s.passed > 0)).toBe(true);
    expect(tests.get('test (all)')).toHaveLength(8);
    // README: 8 sections, 18 scenarios (10 recorded --from-data, 6 on hand-written Given rows, 2 placeholders)
    expect((tests.get('test (all)') ?? []).reduce((n, s) => n + s.scenarios, 0)).toBe(18);
    const accept = JSON.parse(runs.get('accept')?.out ?? '{}') as { passed: boolean; tables: { name: string; result: { percentMatched: number; records: number } }[] };
    expect(accept.passed).toBe(true);
    expect(accept.tables.map((t) => [t.name, t.result.percentMatched])).toEqual([
      ['[Billing Ops].[Customer Month Summary]', 100], ['[Billing Ops].[Daily Revenue]', 100], ['[Billing Ops].[Payment Ledger]', 100],
      ['[Billing Ops].[Customer Credit]', 100], ['[Billing Ops].[Region Month Total]', 100], ['[Billing Ops].[Statement Archive]', 100],
      ['result set (regions of the month)', 100],
    ]);
    const status = JSON.parse((await inWorkspace(ws, ['status', '--json'])).out) as { procedures: { name: string; statements: number; covered: number; sections: number; implemented: number; acceptance: { percentMatched: number } | null }[] };
    expect(status.procedures.find((p) => p.name === PROC)).toMatchObject({ covered: 93, statements: 93, sections: 8, implemented: 8, acceptance: { percentMatched: 100 } });
  });
});

