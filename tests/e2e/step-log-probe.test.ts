import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';

/*
 * An ETL step log through the whole loop (tests/fixtures/step-log): after each load statement
 * `SET @rc = @@ROWCOUNT` and a row of dbo.EtlStep recording it, @rc set again for every step.
 * Propose once cut each step row into a section of its own reading @rc, and `migrate run` stopped
 * with RUN_VALUE_AMBIGUOUS (one --param @rc cannot stand for three counts). Now each row goes with
 * the statement it counts: the sections run without --param and match the legacy run.
 */

const repo = join(__dirname, '../..');
const fixture = join(repo, 'tests/fixtures/step-log');
const proc = 'dbo.usp_LoadCustomers';
const clock = '2020-01-01T00:00:00';

describe('step-log rows: propose -> check -> scaffold --draft -> capture -> run -> accept', () => {
  const ws = mkdtempSync(join(tmpdir(), 'migrate-steplog-'));
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('runs the drafted sections with no --param and accepts every table at 100%', async () => {
    await scriptWorkspace(ws, { 'usp_LoadCustomers.sql': readFileSync(join(fixture, 'usp_LoadCustomers.sql'), 'utf8') });
    const data = join(ws, 'acceptance/data');
    cpSync(join(fixture, 'data'), data, { recursive: true });
    expect((await runMigrate(['sections', 'propose', proc, '--root', ws])).code).toBe(0);
    expect(readdirSync(join(ws, 'sections', proc)).sort()).toEqual(['00-housekeeping.feature', '01-customer.feature', '02-order-fact.feature']);
    const check = await runMigrate(['sections', 'check', proc, '--root', ws]);
    expect({ code: check.code, out: check.out }).toEqual({ code: 0, out: expect.stringContaining('0 problems') });
    expect((await runMigrate(['scaffold', proc, '--draft', '--root', ws])).code).toBe(0);
    for (const section of ['01-customer', '02-order-fact']) {
      const draft = readFileSync(join(ws, 'src/transforms', proc, `${section}.ts`), 'utf8');
      expect(draft).not.toContain('notImplemented(');
      expect(draft).toContain("'dbo.EtlStep': { output:");
    }

    const captured = await runMigrate(['capture', proc, '--data', data, '--clock', clock, '--out', join(ws, 'acceptance/baseline'), '--procedures', join(ws, 'procedures')]);
    expect({ code: captured.code, err: captured.err }).toEqual({ code: 0, err: '' });
    const run = await runMigrate(['run', proc, '--data', data, '--clock', clock, '--format', 'csv', '--out', join(ws, 'acceptance/actual'), '--root', ws]);
    expect({ code: run.code, err: run.err }).toEqual({ code: 0, err: '' });
    // the prior row, then one per step in the order the legacy procedure logs them
    expect(readFileSync(join(ws, 'acceptance/actual/dbo.EtlStep.csv'), 'utf8').trim().split('\n')).toEqual([
      'BatchId,Step,RowsAffected', '41,orders,2', '42,customers updated,2', '42,customers inserted,2', '42,orders,3',
    ]);
    writeFileSync(join(ws, 'acceptance/load.yaml'), ['threshold: 100', 'tables:',
      '  - { name: dbo.Customer, expected: baseline/dbo.Customer.csv, actual: actual/dbo.Customer.csv, key: [CustomerId] }',
      '  - { name: dbo.OrderFact, expected: baseline/dbo.OrderFact.csv, actual: actual/dbo.OrderFact.csv, key: [OrderId] }',
      '  - { name: dbo.EtlStep, expected: baseline/dbo.EtlStep.csv, actual: actual/dbo.EtlStep.csv, key: [BatchId, Step] }', ''].join('\n'));
    const accept = await runMigrate(['accept', join(ws, 'acceptance/load.yaml')]);
    expect(accept.code).toBe(0);
    expect(accept.out).toContain('Test Passed. 13 records tested. Percentage Matched: 100%');
  });
});
