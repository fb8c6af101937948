import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

/*
 * A carrier feed's dd/mm/yyyy text read with TRY_CONVERT(date, …, 103), TRY_CAST(… AS datetime)
 * under SET DATEFORMAT dmy and TRY_CONVERT(datetime2, …): the draft is no longer refused, and
 * `migrate test` passes it against the values recorded by the emulator, which are SQL Server's
 * (worked out by hand: 31/02 is no day and 'unknown' no date, both NULL; 20240620 reads alike
 * under every DATEFORMAT; datetime2 reads yyyy-mm-dd as ISO under dmy).
 */

const repo = join(__dirname, '../..');
const proc = 'dbo.usp Import Ship Dates';
const section = 'dbo.usp_Import_Ship_Dates/01-shipment-dates';

const SCENARIO = `
  Scenario: a carrier feed in dd/mm/yyyy, with an impossible day and text that is no date
    Given table dbo.[Stage Shipment]:
      | [Due Text]:text?  | [Order No]:int | [Ship Date Text]:text? |
      | 2024-04-01 08:30  | 1              | 05/03/2024             |
      | TBC               | 2              | 31/02/2024             |
      | 20240620          | 3              | unknown                |
      | NULL              | 4              | 1/7/2024               |
    Given table dbo.[Shipment Dates]:
      | [Order No]:int | [Ship Date]:date? | [Shipped At]:timestamp? | [Due At]:datetime2? |
    When the section runs
    Then table dbo.[Shipment Dates]:
      | [Order No]:int | [Ship Date]:date? | [Shipped At]:timestamp? | [Due At]:datetime2? |
`;

describe('TRY_CONVERT of feed text to dates: record -> scaffold --draft -> test', () => {
  const ws = mkdtempSync(join(tmpdir(), 'migrate-try-convert-'));
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('drafts the conversions and passes the recorded values', async () => {
    expect((await runMigrate(['init', ws, '--library', join(repo, 'src')])).code).toBe(0);
    mkdirSync(join(ws, 'procedures/ship'), { recursive: true });
    cpSync(join(repo, 'tests/fixtures/try-convert-dates'), join(ws, 'procedures/ship'), { recursive: true });
    expect((await runMigrate(['sections', 'propose', proc, '--root', ws])).code).toBe(0);
    const feature = join(ws, 'sections', `${section}.feature`);
    const proposed = readFileSync(feature, 'utf8');
    writeFileSync(feature, `${proposed.slice(0, proposed.indexOf('\n  Scenario:'))}\n${SCENARIO}`);
    expect((await runMigrate(['sections', 'check', proc, '--root', ws])).code).toBe(0);
    const rec = await runMigrate(['sections', 'record', section, '--root', ws]);
    expect({ code: rec.code, err: rec.err }).toEqual({ code: 0, err: '' });
    const recorded = readFileSync(feature, 'utf8');
    expect(recorded).toContain('| 1              | 2024-03-05        | 2024-03-05 00:00:00     | 2024-04-01 08:30:00.0000000 |');
    expect(recorded).toContain('| 2              | NULL              | NULL                    | NULL                        |');
    expect(recorded).toContain('| 3              | NULL              | NULL                    | 2024-06-20 00:00:00.0000000 |');
    expect(recorded).toContain('| 4              | 2024-07-01        | 2024-07-01 00:00:00     | NULL                        |');

    expect((await runMigrate(['scaffold', section, '--draft', '--root', ws])).code).toBe(0);
    const drafted = readFileSync(join(ws, 'src/transforms', `${section}.ts`), 'utf8');
    expect(drafted).not.toContain('notImplemented(');
    const green = await runMigrate(['test', section, '--json', '--root', ws]);
    expect(JSON.parse(green.out)).toMatchObject({ passed: true, sections: [{ id: section, scenarios: 1, passed: 1, failed: 0 }] });
  });
});
