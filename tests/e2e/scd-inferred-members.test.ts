import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

/*
 * A Kimball load (tests/fixtures/scd-inferred-members) through the whole loop: an ETL batch row
 * naming its procedure with OBJECT_NAME(@@PROCID) in a table IDENTITY(100,1) that holds older
 * batch ids below the seed, and late-arriving customers written as inferred members with the
 * constants '19000101' and '99991231' after the dimension's unknown member -1. The drafts once
 * refused @@PROCID and the date constants, and numbered the first new member 0 (after -1) and the
 * batch 96 (after 95), where SQL Server and the emulator give 1 and 100.
 */

const repo = join(__dirname, '../..');
const fixture = join(repo, 'tests/fixtures/scd-inferred-members');
const proc = 'dw.usp_LoadInferredMembers';
const clock = '2019-07-01T03:00:00';

function replaceScenarios(file: string, scenarios: string): void {
  const proposed = readFileSync(file, 'utf8');
  writeFileSync(file, `${proposed.slice(0, proposed.indexOf('\n  Scenario:'))}\n${scenarios}`);
}

describe('inferred dimension members: propose -> record -> scaffold --draft -> test -> capture -> run -> accept', () => {
  const ws = mkdtempSync(join(tmpdir(), 'migrate-scd-'));
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('drafts both sections green and accepts the run at 100%', async () => {
    expect((await runMigrate(['init', ws, '--library', join(repo, 'src')])).code).toBe(0);
    mkdirSync(join(ws, 'procedures/dw'), { recursive: true });
    for (const f of ['dw-tables.sql', `${proc}.sql`]) cpSync(join(fixture, f), join(ws, 'procedures/dw', f));
    cpSync(join(fixture, 'data'), join(ws, 'acceptance/scd'), { recursive: true });
    expect((await runMigrate(['sections', 'propose', proc, '--root', ws])).code).toBe(0);
    const dir = join(ws, 'sections', proc);
    replaceScenarios(join(dir, '01-etl-batch.feature'), `
  Scenario: older batches below the identity seed
    Given table dw.EtlBatch:
      | BatchId:int | ProcName:text           | StartedAt:timestamp |
      | 80          | usp_LoadDimCustomer     | 2017-12-31 23:00:00 |
      | 95          | usp_LoadInferredMembers | 2019-05-01 01:00:00 |
    When the section runs
    Then table dw.EtlBatch keyed by BatchId:
      | BatchId:int | ProcName:text | StartedAt:timestamp |
`);
    replaceScenarios(join(dir, '02-dim-customer.feature'), `
  Scenario: late-arriving customers after the unknown member
    Given table dw.DimCustomer:
      | CustomerKey:int | CustomerCode:text | CustomerName:text? | EffectiveFrom:timestamp | EffectiveTo:timestamp | IsInferred:bool |
      | -1              | UNKNOWN           | Unknown            | 1900-01-01 00:00:00     | 9999-12-31 00:00:00   | 0               |
    Given table stage.SalesLine:
      | CustomerCode:text? |
      | C2                 |
      | C1                 |
      | NULL               |
      | C1                 |
    When the section runs
    Then table dw.DimCustomer keyed by CustomerKey:
      | CustomerKey:int | CustomerCode:text | CustomerName:text? | EffectiveFrom:timestamp | EffectiveTo:timestamp | IsInferred:bool |
`);
    expect((await runMigrate(['sections', 'check', proc, '--root', ws])).code).toBe(0);
    for (const section of ['01-etl-batch', '02-dim-customer']) {
      const rec = await runMigrate(['sections', 'record', `${proc}/${section}`, '--root', ws, '--clock', clock]);
      expect({ section, code: rec.code, err: rec.err }).toEqual({ section, code: 0, err: '' });
      expect((await runMigrate(['scaffold', `${proc}/${section}`, '--draft', '--root', ws])).code).toBe(0);
      expect(readFileSync(join(ws, 'src/transforms', proc, `${section}.ts`), 'utf8')).not.toContain('notImplemented(');
    }
    // the emulator's numbers: the seed after keys below it
    expect(readFileSync(join(dir, '01-etl-batch.feature'), 'utf8')).toContain('| 100         | usp_LoadInferredMembers | 2019-07-01 03:00:00 |');
    const members = readFileSync(join(dir, '02-dim-customer.feature'), 'utf8');
    expect(members).toContain('| 1               | C1                | Unknown (inferred) | 1900-01-01 00:00:00     | 9999-12-31 00:00:00   | 1               |');
    expect(members).toContain('| 2               | C2                | Unknown (inferred) | 1900-01-01 00:00:00     | 9999-12-31 00:00:00   | 1               |');

    const test = await runMigrate(['test', proc, '--json', '--root', ws]);
    expect(JSON.parse(test.out)).toMatchObject({ passed: true });

    const data = join(ws, 'acceptance/scd');
    expect((await runMigrate(['capture', proc, '--data', data, '--clock', clock, '--out', join(ws, 'acceptance/baseline'), '--procedures', join(ws, 'procedures')])).code).toBe(0);
    expect((await runMigrate(['run', proc, '--data', data, '--clock', clock, '--format', 'csv', '--out', join(ws, 'acceptance/actual'), '--root', ws])).code).toBe(0);
    writeFileSync(join(ws, 'acceptance/scd.yaml'), ['threshold: 100', 'tables:',
      '  - { name: dw.DimCustomer, expected: baseline/dw.DimCustomer.csv, actual: actual/dw.DimCustomer.csv, key: [CustomerKey] }',
      '  - { name: dw.EtlBatch, expected: baseline/dw.EtlBatch.csv, actual: actual/dw.EtlBatch.csv, key: [BatchId] }', ''].join('\n'));
    const accept = await runMigrate(['accept', join(ws, 'acceptance/scd.yaml')]);
    expect(accept.code).toBe(0);
    expect(accept.out).toContain('Test Passed. 6 records tested. Percentage Matched: 100%');
  });
});
