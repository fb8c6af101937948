import { draftAgainstEmulator } from './emulator-parity';
import { draftOf } from './draft-harness';

// `FOR SYSTEM_TIME` over a system-versioned table is drafted as SQL Server reads it: the rows of
// the table and of its history table (an input of the section beside it) whose period qualifies,
// with the emulator's boundaries (AS OF x: start <= x AND end > x), checked against the emulator.
const DDL = `CREATE TABLE dbo.[Policy Term] (
  [Policy No] int NOT NULL PRIMARY KEY,
  Premium decimal(12,2) NOT NULL,
  [Valid From] datetime2(7) GENERATED ALWAYS AS ROW START NOT NULL,
  [Valid To] datetime2(7) GENERATED ALWAYS AS ROW END NOT NULL,
  PERIOD FOR SYSTEM_TIME ([Valid From], [Valid To])
) WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = dbo.[Policy Term History]));
CREATE TABLE dbo.[Policy Term History] ([Policy No] int NOT NULL, Premium decimal(12,2) NOT NULL, [Valid From] datetime2(7) NOT NULL, [Valid To] datetime2(7) NOT NULL);
CREATE TABLE dbo.Snapshot ([Policy No] int NOT NULL, Premium decimal(12,2) NOT NULL, Seen int NOT NULL);`;
const COLUMNS = ['Policy No:int', 'Premium:decimal(12,2)', 'Valid From:datetime2', 'Valid To:datetime2'];
const current: [number, string, string, string][] = [
  [1, '120.00', '2016-03-01 00:00:00.0000000', '9999-12-31 23:59:59.9999999'],
  [2, '80.50', '2016-01-01 00:00:00.0000000', '9999-12-31 23:59:59.9999999'],
];
const history: [number, string, string, string][] = [
  [1, '100.00', '2015-01-01 00:00:00.0000000', '2016-01-01 00:00:00.0000000'],
  [1, '110.00', '2016-01-01 00:00:00.0000000', '2016-03-01 00:00:00.0000000'],
  [3, '55.00', '2015-06-01 00:00:00.0000000', '2016-02-01 12:30:00.5000000'],
];
const table = (name: string, rows: [number, string, string, string][]) => ({
  name, columns: COLUMNS, rows,
  csv: `Policy No,Premium,Valid From,Valid To\n${rows.map((r) => r.join(',')).join('\n')}\n`,
});
const INPUTS = [table('dbo.Policy Term', current), table('dbo.Policy Term History', history)];
const SNAPSHOT = { name: 'dbo.Snapshot', columns: ['Policy No:int', 'Premium:decimal(12,2)', 'Seen:int'] };
const proc = (body: string): string => `CREATE PROCEDURE dbo.usp_T
  @AsOf datetime2(7) = '2016-02-01 12:30:00.5',
  @From date = '2016-01-01',
  @To date = '2016-03-01'
AS
BEGIN
${body}
END`;

describe('FOR SYSTEM_TIME drafted over the table and its history table', () => {
  it.each([
    ['AS OF a parameter (policy 3\'s row, ending at that instant, is not valid then)', 'FOR SYSTEM_TIME AS OF @AsOf'],
    ['AS OF a date constant', "FOR SYSTEM_TIME AS OF '2016-01-01'"],
    ['FROM … TO (a row starting at the end is left out)', 'FOR SYSTEM_TIME FROM @From TO @To'],
    ['BETWEEN … AND (a row starting at the end is kept)', 'FOR SYSTEM_TIME BETWEEN @From AND @To'],
    ['CONTAINED IN', "FOR SYSTEM_TIME CONTAINED IN ('2015-01-01', '2016-03-01')"],
    ['ALL', 'FOR SYSTEM_TIME ALL'],
  ])('%s gives the emulator\'s rows', async (_what, clause) => {
    const body = `  INSERT INTO dbo.Snapshot ([Policy No], Premium, Seen)
  SELECT p.[Policy No], p.Premium, COUNT(*) OVER (PARTITION BY p.[Policy No])
  FROM dbo.[Policy Term] ${clause} AS p;`;
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc(body), inputs: INPUTS, output: SNAPSHOT });
    expect(r.draftError).toBeUndefined();
    expect(r.emulator.length).toBeGreaterThan(0);
    expect(r.draft).toEqual(r.emulator);
  });

  it('reads the rows valid at the instant in a query and its subquery (policy 3 ended then)', async () => {
    const body = `  INSERT INTO dbo.Snapshot ([Policy No], Premium, Seen)
  SELECT s.[Policy No], s.Premium, (SELECT COUNT(*) FROM dbo.[Policy Term] FOR SYSTEM_TIME AS OF @AsOf o WHERE o.Premium < s.Premium)
  FROM dbo.[Policy Term] FOR SYSTEM_TIME AS OF @AsOf s;`;
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc(body), inputs: INPUTS, output: SNAPSHOT });
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(['1|110.00|1', '2|80.50|0']);
    expect(r.draft).toEqual(r.emulator);
  });

  it('refuses where the history table is not an input of the section, naming it', () => {
    const body = `  INSERT INTO dbo.Snapshot ([Policy No], Premium, Seen)
  SELECT p.[Policy No], p.Premium, 1 FROM dbo.[Policy Term] FOR SYSTEM_TIME AS OF @AsOf p;`;
    const draft = draftOf(proc(body), { ddl: DDL, inputs: [INPUTS[0] as (typeof INPUTS)[number]], output: SNAPSHOT, params: { '@AsOf': 'datetime2?', '@From': 'date?', '@To': 'date?' } });
    expect(draft.sql).toBeUndefined();
    expect(draft.refusals[0]?.reason).toMatch(/history table dbo\.Policy Term History too, which is not an input of the section: add it to the Given tables/);
    expect(`${draft.refusals[0]?.line}:${draft.refusals[0]?.col}`).toBe('8:43');
  });
});
