import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

/*
 * datetime2(7) end to end: an SCD2 dimension whose current rows end at 9999-12-31 23:59:59.9999999
 * (past TIMESTAMP_NS, and 100 ns finer than TIMESTAMP). propose types the columns datetime2,
 * record writes the 7-digit values the emulator produces, the draft keeps them as datetime2 text,
 * and `migrate test` tells two values 100 ns apart.
 */

const repo = join(__dirname, '../..');
const proc = 'dbo.usp_LoadDimProduct';
const section = `${proc}/01-dim-product`;

const SCENARIOS = `
  Scenario: a changed product is closed and reopened, a new product opened, an unchanged one kept
    Given parameter @LoadTime:datetime2 = 2026-12-01 02:00:00.1234567
    Given table dbo.StageProduct:
      | ListPrice:decimal(10,2) | ProductCode:text | ProductName:text |
      | 12.50                   | P1               | Widget           |
      | 8.00                    | P2               | Gadget           |
      | 3.10                    | P3               | Sprocket         |
    Given table dbo.DimProduct:
      | ProductCode:text | ProductName:text | ListPrice:decimal(10,2) | ValidFrom:datetime2         | ValidTo:datetime2           |
      | P1               | Widget           | 10.00                   | 2026-01-01 00:00:00.0000000 | 9999-12-31 23:59:59.9999999 |
      | P2               | Gadget           | 8.00                    | 2026-01-01 00:00:00.0000001 | 9999-12-31 23:59:59.9999999 |
    When the section runs
    Then table dbo.DimProduct keyed by ProductCode, ValidFrom:
      | ProductCode:text | ProductName:text | ListPrice:decimal(10,2) | ValidFrom:datetime2 | ValidTo:datetime2 |

  Scenario: a version ending 100 ns before the end of time is history, so the product is opened again
    Given parameter @LoadTime:datetime2 = 2026-12-02
    Given table dbo.StageProduct:
      | ListPrice:decimal(10,2) | ProductCode:text | ProductName:text |
      | 5.00                    | P1               | Widget           |
    Given table dbo.DimProduct:
      | ProductCode:text | ProductName:text | ListPrice:decimal(10,2) | ValidFrom:datetime2 | ValidTo:datetime2           |
      | P1               | Widget           | 5.00                    | 2026-01-01          | 9999-12-31 23:59:59.9999998 |
    When the section runs
    Then table dbo.DimProduct keyed by ProductCode, ValidFrom:
      | ProductCode:text | ProductName:text | ListPrice:decimal(10,2) | ValidFrom:datetime2 | ValidTo:datetime2 |
`;

describe('datetime2(7) in an SCD2 section: propose -> check -> record -> scaffold --draft -> test', () => {
  const ws = mkdtempSync(join(tmpdir(), 'migrate-datetime2-'));
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('records, drafts and tests the 7-digit values exactly, and fails a draft 100 ns off', async () => {
    expect((await runMigrate(['init', ws, '--library', join(repo, 'src')])).code).toBe(0);
    mkdirSync(join(ws, 'procedures/dim'), { recursive: true });
    cpSync(join(repo, 'tests/fixtures/datetime2-scd2'), join(ws, 'procedures/dim'), { recursive: true });
    expect((await runMigrate(['sections', 'propose', proc, '--root', ws])).code).toBe(0);
    const feature = join(ws, 'sections', `${section}.feature`);
    const proposed = readFileSync(feature, 'utf8');
    // datetime2 and datetime2(7) columns and parameters are datetime2 in the spec, not timestamp
    expect(proposed).toContain('| ValidFrom:datetime2 | ValidTo:datetime2 |');
    expect(proposed).toContain('Given parameter @LoadTime:datetime2? = TODO');
    writeFileSync(feature, `${proposed.slice(0, proposed.indexOf('\n  Scenario:'))}\n${SCENARIOS}`);
    expect((await runMigrate(['sections', 'check', proc, '--root', ws])).code).toBe(0);

    const rec = await runMigrate(['sections', 'record', section, '--root', ws, '--clock', '2026-12-03T00:00:00']);
    expect({ code: rec.code, err: rec.err }).toEqual({ code: 0, err: '' });
    const recorded = readFileSync(feature, 'utf8');
    expect(recorded).toContain('| P1               | Widget           | 10.00                   | 2026-01-01 00:00:00.0000000 | 2026-12-01 02:00:00.1234567 |');
    expect(recorded).toContain('| P1               | Widget           | 12.50                   | 2026-12-01 02:00:00.1234567 | 9999-12-31 23:59:59.9999999 |');
    expect(recorded).toContain('| P2               | Gadget           | 8.00                    | 2026-01-01 00:00:00.0000001 | 9999-12-31 23:59:59.9999999 |');
    expect(recorded).toContain('| P1               | Widget           | 5.00                    | 2026-01-01 00:00:00.0000000 | 9999-12-31 23:59:59.9999998 |');
    expect(recorded).toContain('| P1               | Widget           | 5.00                    | 2026-12-02 00:00:00.0000000 | 9999-12-31 23:59:59.9999999 |');

    expect((await runMigrate(['scaffold', section, '--draft', '--root', ws])).code).toBe(0);
    const transform = join(ws, 'src/transforms', `${section}.ts`);
    const drafted = readFileSync(transform, 'utf8');
    expect(drafted).toContain("ValidTo: 'datetime2'");
    expect(drafted).not.toContain('notImplemented(');
    const green = await runMigrate(['test', section, '--json', '--root', ws]);
    expect(JSON.parse(green.out)).toMatchObject({ passed: true, sections: [{ id: section, scenarios: 2, passed: 2, failed: 0 }] });

    // the new version's end of time written 100 ns early: a different value, so the test fails
    // (the INSERT stores the SELECT's constant converted as VALUES would: constant-select-items.ts)
    const insert = "'9999-12-31 23:59:59.9999999' AS ValidTo FROM";
    expect(drafted).toContain(insert);
    writeFileSync(transform, drafted.replace(insert, "'9999-12-31 23:59:59.9999998' AS ValidTo FROM"));
    // a shell runs each command in a new process: the transform loaded before the edit is forgotten
    jest.resetModules();
    const red = await runMigrate(['test', section, '--root', ws]);
    expect(red.code).toBe(1);
    expect(red.out).toContain('+ ProductCode=P3 ProductName=Sprocket ListPrice=3.1 ValidFrom=2026-12-01 02:00:00.1234567 ValidTo=9999-12-31 23:59:59.9999998');

    // text cut to whole microseconds is no datetime2 value: refused, never compared as equal
    expect(drafted).toContain('o.ValidTo AS ValidTo');
    writeFileSync(transform, drafted.replace('o.ValidTo AS ValidTo', 'left(o.ValidTo, 26) AS ValidTo'));
    jest.resetModules();
    const wrongForm = await runMigrate(['test', section, '--root', ws]);
    expect(wrongForm.code).toBe(1);
    expect(wrongForm.out).toContain("column ValidTo (datetime2): 4 row(s) are not datetime2 text YYYY-MM-DD hh:mm:ss.fffffff");
 
    // the drafted pipeline on data files (shorter datetime2 texts read exactly) against the
    // emulator's legacy baseline: every record matches, to 100 ns
    writeFileSync(transform, drafted);
    jest.resetModules();
    const data = join(ws, 'acceptance/dim-data');
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, 'dbo.StageProduct.csv'), 'ProductCode,ProductName,ListPrice\nP1,Widget,12.50\nP3,Sprocket,3.10\n');
    writeFileSync(join(data, 'dbo.DimProduct.csv'), 'ProductCode,ProductName,ListPrice,ValidFrom,ValidTo\nP1,Widget,10.00,2026-01-01 00:00:00.0000001,9999-12-31 23:59:59.9999999\nP2,Gadget,8.00,2026-01-01,9999-12-31 23:59:59.9999999\n');
    const param = ['--param', '@LoadTime=2026-12-01 02:00:00.1234567'];
    const capture = await runMigrate(['capture', proc, '--data', data, '--procedures', join(ws, 'procedures'), ...param, '--out', join(ws, 'acceptance/base')]);
    expect({ code: capture.code, err: capture.err }).toEqual({ code: 0, err: '' });
    const run = await runMigrate(['run', proc, '--data', data, ...param, '--format', 'csv', '--out', join(ws, 'acceptance/actual'), '--root', ws]);
    expect({ code: run.code, err: run.err }).toEqual({ code: 0, err: '' });
    expect(readFileSync(join(ws, 'acceptance/actual/dbo.DimProduct.csv'), 'utf8')).toContain('P2,Gadget,8.00,2026-01-01 00:00:00.0000000,9999-12-31 23:59:59.9999999');
    const accept = await runMigrate(['accept', '--expected', join(ws, 'acceptance/base/dbo.DimProduct.csv'), '--actual', join(ws, 'acceptance/actual/dbo.DimProduct.csv'), '--key', 'ProductCode,ValidFrom']);
    expect(accept.out).toContain('Test Passed. 4 records tested. Percentage Matched: 100%');
  });
});
