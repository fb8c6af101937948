import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// An orchestrator (tests/fixtures/nightly-load): usp_RunNightlyLoad EXECs usp_StageOrders and
// [dbo].[usp Apply Orders], which an upgrade script ALTERs to EXEC usp_PostBalances. A section
// cut around an EXEC expects what the callee writes and is given what it reads.
describe('sections of a procedure that EXECs the procedures doing the work', () => {
  let ws: string;
  const features = (): string => join(ws, 'sections', 'dbo.usp_RunNightlyLoad');
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'exec-orchestrator-'));
    cpSync(join(__dirname, '../fixtures/nightly-load'), join(ws, 'procedures'), { recursive: true });
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'data', 'dbo.OrderFeed.csv'), 'FeedId,BatchId,CustomerCode,Amount\n1,7,ACME,100.00\n2,7,BOLT,250.50\n3,7,ACME,-5.00\n4,8,ACME,999.00\n');
    writeFileSync(join(ws, 'data', 'dbo.StagedOrder.csv'), 'BatchId,FeedId,CustomerCode,Amount\n6,9,ACME,1.00\n');
    writeFileSync(join(ws, 'data', 'dbo.Customer.csv'), 'CustomerCode,Balance\nACME,10.00\nBOLT,0.00\n');
    writeFileSync(join(ws, 'data', 'dbo.Order Ledger.csv'), 'BatchId,FeedId,CustomerCode,Amount\n');
    writeFileSync(join(ws, 'data', 'dbo.LoadBatch.csv'), 'BatchId,Applied\n7,\n');
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('analyze draws the callee\'s writes on the EXEC, via the callee, and keeps the JSON contract', async () => {
    const r = await runMigrate(['analyze', join(ws, 'procedures'), '--out', join(ws, 'dataflow'), '--json']);
    expect(r.code).toBe(0);
    const detail = (JSON.parse(r.out) as { objectsDetail: { name: string; writes: string[] }[] }).objectsDetail.find((d) => d.name === 'dbo.usp_runnightlyload');
    expect(detail?.writes).toEqual(['dbo.loadbatch']);
    const md = readFileSync(join(ws, 'dataflow', 'dbo.usp_runnightlyload.md'), 'utf8');
    expect(md).toMatch(/s_s7 ==>\|"via dbo\.usp_PostBalances[^"]*"\| n_t_dbo_customer/);
    expect(md).toMatch(/`dbo\.StagedOrder` via `dbo\.usp_StageOrders`/);
  });

  it('propose gives the EXEC a section whose Then holds the callee\'s writes and whose Given its reads; check passes', async () => {
    expect((await runMigrate(['sections', 'propose', 'dbo.usp_RunNightlyLoad', '--root', ws])).code).toBe(0);
    const apply = readFileSync(join(features(), '02-customer.feature'), 'utf8');
    expect(apply).toMatch(/^@proc:dbo\.usp_RunNightlyLoad @lines:33 @output:dbo\.Customer,dbo\.\[Order%20Ledger\]/);
    expect(apply).toMatch(/Given table dbo\.StagedOrder:/);
    expect(apply).toMatch(/Then table dbo\.Customer:\n\s+\| CustomerCode:text \| Balance:decimal\(14,2\) \|/);
    const stage = readFileSync(join(features(), '01-staged-order.feature'), 'utf8');
    expect(stage).toMatch(/Given table dbo\.OrderFeed:/);
    expect(stage).toMatch(/Then table dbo\.StagedOrder:/);
    const check = await runMigrate(['sections', 'check', 'dbo.usp_RunNightlyLoad', '--root', ws, '--json']);
    const problems = (JSON.parse(check.out) as { problems: { code: string }[] }).problems;
    expect(problems.filter((p) => p.code !== 'SPEC_TODO')).toEqual([]);
  });

  it('record --from-data fills the Then of the EXEC\'s section by running the callees (a return code set by the EXEC is no input)', async () => {
    const file = join(features(), '02-customer.feature');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(/^(@proc:[^\n]*)/, '$1 @entity:CustomerCode'));
    const r = await runMigrate(['sections', 'record', 'dbo.usp_RunNightlyLoad/02-customer', '--from-data', join(ws, 'data'), '--param', 'BatchId=7', '--root', ws]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const recorded = readFileSync(file, 'utf8');
    // ACME: 10.00 + the 100.00 the batch applies (its -5.00 feed row was never staged)
    expect(recorded).toMatch(/Then table dbo\.Customer:\n\s+\| CustomerCode:text \| Balance:decimal\(14,2\) \|\n\s+\| ACME\s+\| 110\.00\s+\|/);
    expect(recorded).toMatch(/And table dbo\.\[Order Ledger\]:\n[^\n]*\n\s+\| 7\s+\| 1\s+\| ACME\s+\| 100\.00\s+\|/);
  });
});
