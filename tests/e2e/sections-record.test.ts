import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffRowSets } from '../../src/engine';
import { parseFeature, type SectionSpec } from '../../src/sections';
import { withoutThenRows } from '../support/feature-text';
import { runMigrate } from '../support/run-migrate';

const repo = join(__dirname, '../..');

/** A workspace copied from this repository's example; the transforms import the engine from src/. */
function exampleWorkspace(): string {
  const ws = mkdtempSync(join(tmpdir(), 'migrate-record-'));
  for (const dir of ['procedures', 'sections', 'acceptance']) cpSync(join(repo, dir), join(ws, dir), { recursive: true });
  cpSync(join(repo, 'src/transforms'), join(ws, 'src/transforms'), { recursive: true });
  for (const proc of readdirSync(join(ws, 'src/transforms'), { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const f of readdirSync(join(ws, 'src/transforms', proc.name))) {
      const file = join(ws, 'src/transforms', proc.name, f);
      writeFileSync(file, readFileSync(file, 'utf8').replace(/'\.\.\/\.\.\/engine'/g, JSON.stringify(join(repo, 'src/engine'))));
    }
  }
  return ws;
}

/** The example sections that compute something (housekeeping has nothing to record). */
const SECTIONS = [
  'dbo.usp_CountEntityLetters/01-count-letters',
  'dbo.usp_BuildDeviceKpis/01-usage-with-config',
  'dbo.usp_BuildDeviceKpis/02-device-daily-usage',
  'dbo.usp_BuildDeviceKpis/03-configuration-kpi',
  'dbo.usp_BuildDeviceKpis/04-best-configuration',
  'dbo.usp_BuildDeviceKpis/05-best-configuration-result',
  'dbo.usp_RunNightlyKpis/01-date-range',
];

async function specOf(file: string): Promise<SectionSpec> {
  const parsed = await parseFeature(readFileSync(file, 'utf8'), file);
  return parsed.spec as SectionSpec;
}

describe('migrate sections record', () => {
  const ws = exampleWorkspace();
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it.each(SECTIONS)('records exactly the hand-written Then rows of %s from its Given', async (id) => {
    const file = join(ws, 'sections', `${id}.feature`);
    const handWritten = readFileSync(join(repo, 'sections', `${id}.feature`), 'utf8');
    writeFileSync(file, withoutThenRows(handWritten));
    const run = await runMigrate(['sections', 'record', id, '--root', ws, '--clock', '2026-12-03T00:00:00', '--json']);
    expect(run.err).toBe('');
    const json = JSON.parse(run.out);
    expect(json.refused).toEqual([]);
    expect(run.code).toBe(0);
    const want = await specOf(join(repo, 'sections', `${id}.feature`));
    const got = await specOf(file);
    expect(got.scenarios.map((s) => s.name)).toEqual(want.scenarios.map((s) => s.name));
    for (const [i, sc] of want.scenarios.entries()) {
      const rec = got.scenarios[i];
      for (const [j, e] of sc.expected.entries()) {
        const r = rec?.expected[j];
        const cols = e.table.columns.map((c) => c.name);
        expect(r?.table.columns.map((c) => c.name)).toEqual(cols);
        const diff = diffRowSets(e.table.rows as Record<string, unknown>[], (r?.table.rows ?? []) as Record<string, unknown>[], cols, 0);
        expect({ scenario: sc.name, missing: diff.missing, extra: diff.extra }).toEqual({ scenario: sc.name, missing: [], extra: [] });
      }
      for (const [j, s] of sc.scalars.entries()) expect(rec?.scalars[j]?.value).toEqual(s.value);
    }
    expect(readFileSync(file, 'utf8')).toContain('@recorded:2026-12-03T00:00:00');
    // the recorded spec passes against the example's own transform
    const test = await runMigrate(['test', id, '--root', ws, '--json']);
    expect(JSON.parse(test.out).passed).toBe(true);
  });

  it('skips hand-written scenarios byte for byte (exit 1), overwrites them with --force, re-records @recorded ones', async () => {
    const id = 'dbo.usp_CountEntityLetters/01-count-letters';
    const file = join(ws, 'sections', `${id}.feature`);
    const original = readFileSync(join(repo, 'sections', `${id}.feature`), 'utf8');
    const second = 'an entity without words still gets a row with zeros';
    // only the second scenario lost its rows; a person's edit in the first is wrong on purpose
    const edited = original.replace('| 7            | x            | 0               | 0                |\n', '').replace('| 2            | S            | 4               | 1                |', '| 2            | S            | 99              | 1                |');
    writeFileSync(file, edited);
    const first = await runMigrate(['sections', 'record', id, '--root', ws, '--clock', '2026-12-03T00:00:00', '--json']);
    expect(first.code).toBe(1);
    const json = JSON.parse(first.out);
    expect(json.recorded.map((r: { scenario: string }) => r.scenario)).toEqual([second]);
    expect(json.skipped).toHaveLength(4);
    expect(json.skipped[0].reason).toContain('--force');
    const afterFirst = readFileSync(file, 'utf8');
    // every byte outside the recorded scenario is as the person left it
    const cut = (text: string): [string, string] => [text.slice(0, text.indexOf(`  Scenario: ${second}`)), text.slice(text.indexOf('  Scenario: NULL words'))];
    expect(cut(afterFirst)[1]).toBe(cut(edited)[1]);
    // the scenario gains its tags (when, and from which statements), nothing else before it changes
    expect(cut(afterFirst)[0].slice(0, cut(edited)[0].length)).toBe(cut(edited)[0]);
    expect(cut(afterFirst)[0].slice(cut(edited)[0].length)).toMatch(/^ {2}@recorded:2026-12-03T00:00:00 @statements:[0-9a-f]{12}\n$/);
    expect(afterFirst).toContain('| 7            | x            | 0               | 0                |');
    expect(afterFirst).toContain('| 99 ');

    const forced = await runMigrate(['sections', 'record', id, '--root', ws, '--scenario', 'several entities, case-insensitive letters, duplicate words count twice', '--force', '--clock', '2026-12-03T00:00:00']);
    expect(forced.code).toBe(0);
    const afterForce = readFileSync(file, 'utf8');
    expect(afterForce).not.toContain('| 99 ');
    expect(afterForce).toContain('| 2            | S            | 4               | 1                |');

    // the two @recorded scenarios may be re-recorded without --force; the hand-written three stay skipped
    const again = await runMigrate(['sections', 'record', id, '--root', ws, '--clock', '2026-12-04T00:00:00', '--json']);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.out).recorded).toHaveLength(2);
    expect(readFileSync(file, 'utf8').match(/@recorded:2026-12-04T00:00:00/g)).toHaveLength(2);
    expect((await runMigrate(['test', id, '--root', ws])).code).toBe(0);
  });

  it('refuses a scenario whose Given lacks a table the section reads, naming the statement (exit 2, nothing written for it)', async () => {
    const id = 'dbo.usp_CountEntityLetters/01-count-letters';
    const file = join(ws, 'sections', `${id}.feature`);
    const original = readFileSync(join(repo, 'sections', `${id}.feature`), 'utf8');
    const broken = withoutThenRows(original).replace('    And table dbo.EntityWord:\n      | EntityId:int | Word:text? |\n    When', '    When');
    writeFileSync(file, broken);
    const run = await runMigrate(['sections', 'record', id, '--root', ws, '--scenario', 'an entity without words still gets a row with zeros', '--json']);
    expect(run.code).toBe(2);
    const refused = JSON.parse(run.out).refused[0];
    expect(refused.reason).toMatch(/dbo\.usp_CountEntityLetters\.sql:4\d:\d+: the section reads dbo\.EntityWord, but the scenario gives no rows for it/);
    expect(readFileSync(file, 'utf8')).toBe(broken);
  });

  it.each([
    [['sections', 'record', 'dbo.usp_Nope/01-x'], /no section dbo\.usp_Nope\/01-x/],
    [['sections', 'record', 'dbo.usp_CountEntityLetters/00-housekeeping'], /housekeeping/],
    [['sections', 'record', 'dbo.usp_CountEntityLetters/01-count-letters', '--clock', 'soon'], /--clock soon is not a date-time/],
  ])('usage errors exit 2: %j', async (args, message) => {
    const run = await runMigrate([...args, '--root', ws]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(message);
  });

  it('makes scenarios from the example data that pass against the example transforms (--from-data)', async () => {
    const fresh = exampleWorkspace();
    try {
      const data = join(fresh, 'acceptance/example/data');
      const letters = 'dbo.usp_CountEntityLetters/01-count-letters';
      const before = readFileSync(join(fresh, 'sections', `${letters}.feature`), 'utf8');
      const made = await runMigrate(['sections', 'record', letters, '--root', fresh, '--from-data', data, '--clock', '2026-12-03T00:00:00', '--json']);
      expect(made.err).toBe('');
      expect(made.code).toBe(0);
      const json = JSON.parse(made.out);
      const cases = json.scenarios.flatMap((s: { cases: string[] }) => s.cases);
      for (const c of ['no rows', 'NULLs', 'duplicates', 'largest']) expect(cases).toContain(c);
      const after = readFileSync(join(fresh, 'sections', `${letters}.feature`), 'utf8');
      expect(after.startsWith(before.trimEnd())).toBe(true);
      expect(after).toContain('Scenario: EntityId 2 from the data (no rows)');
      const usage = 'dbo.usp_BuildDeviceKpis/01-usage-with-config';
      // one --param list for the whole procedure: @MinSamples, which this section does not read, gets no step
      const kpis = await runMigrate(['sections', 'record', usage, '--root', fresh, '--from-data', data, '--entities', '3', '--param', 'FromDate=2026-03-02', '--param', 'ToDate=2026-03-08', '--param', 'MinSamples=12', '--param', 'ErrMsg=x', '--json']);
      expect(kpis.code).toBe(0);
      expect(JSON.parse(kpis.out).scenarios).toHaveLength(3);
      const kpiText = readFileSync(join(fresh, 'sections', `${usage}.feature`), 'utf8');
      expect(kpiText).toContain('Given parameter @FromDate:date = 2026-03-02');
      expect(kpiText).not.toContain('@MinSamples');
      expect(kpiText).not.toContain('@ErrMsg'); // a variable another part of the procedure reads
      // the new scenarios have rows, and the example's transforms pass them
      const spec = await specOf(join(fresh, 'sections', `${usage}.feature`));
      expect(spec.scenarios.slice(3).every((s) => (s.expected[0]?.table.rows.length ?? 0) > 10)).toBe(true);
      for (const id of [letters, usage]) {
        const test = await runMigrate(['test', id, '--root', fresh, '--json']);
        expect(JSON.parse(test.out)).toMatchObject({ passed: true });
      }
      // a parameter the procedure does not take is a usage error, nothing written
      const bad = await runMigrate(['sections', 'record', usage, '--root', fresh, '--from-data', data, '--param', 'Nope=1']);
      expect(bad.code).toBe(2);
      expect(bad.err).toMatch(/has no parameter @Nope/);
      // again: the same entities exist, nothing new
      const again = await runMigrate(['sections', 'record', letters, '--root', fresh, '--from-data', data, '--json']);
      expect(JSON.parse(again.out)).toMatchObject({ written: false, scenarios: [] });
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('names the entity columns to tag when --from-data meets a section without @entity (exit 2, nothing written)', async () => {
    const fresh = exampleWorkspace();
    try {
      const letters = 'dbo.usp_CountEntityLetters/01-count-letters';
      const file = join(fresh, 'sections', `${letters}.feature`);
      writeFileSync(file, readFileSync(file, 'utf8').replace(' @entity:EntityId', ''));
      const before = readFileSync(file, 'utf8');
      const run = await runMigrate(['sections', 'record', letters, '--root', fresh, '--from-data', join(fresh, 'acceptance/example/data')]);
      expect(run.code).toBe(2);
      expect(run.err).toMatch(/has no @entity tag/);
      // the output's columns that an input table of the data also holds (not the generic example)
      expect(run.err).toMatch(/hint: add to the tags on line \d+ of sections\/dbo\.usp_CountEntityLetters\/01-count-letters\.feature the output column that names one entity \(an account, a device\), then run this again: .*one of (@entity:\w+, )*@entity:EntityId\b/);
      expect(run.err).not.toMatch(/DeviceId/);
      expect(readFileSync(file, 'utf8')).toBe(before);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('records --from-data a section that reads a #temp table an earlier section builds: the statements before it run first, and the example transform passes the scenarios', async () => {
    const id = 'dbo.usp_BuildDeviceKpis/02-device-daily-usage';
    const file = join(ws, 'sections', `${id}.feature`);
    const before = readFileSync(file, 'utf8');
    try {
      // the example data's month: with the Background's January 2024 the devices would have no rows
      const run = await runMigrate(['sections', 'record', id, '--root', ws, '--from-data', join(ws, 'acceptance/example/data'), '--entities', '2', '--param', 'FromDate=2026-03-01', '--param', 'ToDate=2026-03-31', '--json']);
      expect(run.err).toBe('');
      expect(run.code).toBe(0);
      const out = JSON.parse(run.out);
      expect(out.scenarios).toHaveLength(2);
      expect(out.startState.lines).toMatch(/^\d+-\d+$/);
      expect(out.writtenBefore).toEqual([]);
      const text = readFileSync(file, 'utf8');
      expect(text).toContain(`Its Given is what the legacy statements before this section (lines ${out.startState.lines}) leave on this data.`);
      // the #temp table section 01 fills, as the legacy code leaves it for one device
      const spec = await specOf(file);
      const recorded = spec.scenarios.filter((s) => s.name.includes('from the data'));
      expect(recorded).toHaveLength(2);
      for (const sc of recorded) {
        const temp = sc.inputs.find((t) => t.name === '#UsageWithConfig');
        expect(temp?.rows.length).toBeGreaterThan(0);
        expect(new Set(temp?.rows.map((r) => r.DeviceId)).size).toBe(1);
      }
      // the set-based transform of the example gives the rows the legacy statements gave
      const test = await runMigrate(['test', id, '--root', ws]);
      expect(test.out).toMatch(/1 section, 4 scenarios: 4 passed, 0 failed/);
      expect(test.code).toBe(0);
    } finally {
      writeFileSync(file, before);
    }
  });

  it('records sections of a procedure with bracketed names, spaces, dots, `]`, Unicode, a #temp and a table variable', async () => {
    const names = mkdtempSync(join(tmpdir(), 'migrate-record-names-'));
    try {
      cpSync(join(repo, 'tests/fixtures/workspaces/spaced-names/procedures'), join(names, 'procedures'), { recursive: true });
      expect((await runMigrate(['sections', 'propose', 'Reporting.[Build City Totals]', '--root', names])).code).toBe(0);
      const dir = join(names, 'sections/Reporting.Build_City_Totals');
      const fill = (file: string, pairs: [string, string][]): void => {
        let text = readFileSync(join(dir, file), 'utf8');
        for (const [from, to] of pairs) { expect(text).toContain(from); text = text.replace(from, to); }
        writeFileSync(join(dir, file), text);
      };
      fill('01-totals.feature', [
        ['@AsOf:date? = TODO', '@AsOf:date? = 2024-01-01'],
        ['[WWI City ID]:int |\n    Given table Fact.Sale:', '[WWI City ID]:int |\n      | Zürich | ZH | 2020-01-01 | 2030-01-01 | 7 |\n      | Aarau | AG | 2020-01-01 | 2030-01-01 | 3 |\n      | Old | AG | 2000-01-01 | 2001-01-01 | 9 |\n    Given table Fact.Sale:'],
        ['| [WWI City ID]:int |\n    When', '| [WWI City ID]:int |\n      | 7 |\n      | 7 |\n      | 9 |\n    When'],
      ]);
      fill('02-city-totals-v2.feature', [
        ['| [WWI City ID]:int | Größe:text? | [Item.Count]:int |\n', '| [WWI City ID]:int | Größe:text? | [Item.Count]:int |\n      | 7 | M | 3 |\n'],
        ['| Größe:text? |\n    When', '| Größe:text? |\n      | 7 | 1 | 0.50 | S |\n      | 8 | 2 | 1.00 | NULL |\n    When'],
      ]);
      for (const id of ['Reporting.Build_City_Totals/01-totals', 'Reporting.Build_City_Totals/02-city-totals-v2']) {
        const run = await runMigrate(['sections', 'record', id, '--root', names]);
        expect(run.err).toBe('');
        expect(run.code).toBe(0);
      }
      const totals = await specOf(join(dir, '01-totals.feature'));
      expect(totals.scenarios[0]?.expected[0]?.table.rows).toEqual([{ 'WWI City ID': 3, 'Item.Count': 0, Größe: 'M' }, { 'WWI City ID': 7, 'Item.Count': 2, Größe: 'M' }]);
      const v2 = await specOf(join(dir, '02-city-totals-v2.feature'));
      expect(v2.scenarios[0]?.expected[0]?.table.rows).toEqual([{ Key: 7, 'Item.Count': 3, '1st Value': 1.5, Größe: 'M' }, { Key: 8, 'Item.Count': 2, '1st Value': 1, Größe: null }]);
      const check = await runMigrate(['sections', 'check', 'Reporting.[Build City Totals]', '--root', names, '--json']);
      expect(JSON.parse(check.out).problems).toEqual([]);
    } finally {
      rmSync(names, { recursive: true, force: true });
    }
  });
});

describe('migrate sections record --from-data, an entity the output names otherwise', () => {
  it('slices the inputs by the cursor\'s key when the output writes it under another name', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'migrate-record-entity-'));
    try {
      cpSync(join(repo, 'tests/fixtures/entity-renamed'), ws, { recursive: true });
      // the order lines as SSMS saves a "Unicode" export: UTF-16 with a BOM
      const lines = join(ws, 'data', 'dbo.OrderLine.csv');
      writeFileSync(lines, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(lines, 'utf8').replace(/\n/g, '\r\n'), 'utf16le')]));
      expect((await runMigrate(['sections', 'propose', 'dbo.usp_CustLines', '--root', ws])).code).toBe(0);
      const section = 'dbo.usp_CustLines/01-customer-lines';
      const file = join(ws, 'sections', `${section}.feature`);
      expect(readFileSync(file, 'utf8').split('\n')[0]).toBe('@proc:dbo.usp_CustLines @lines:11-20 @output:dbo.CustomerLines @entity:[Customer%20Id]');
      // Before: "no input table … has the entity column Customer Id", exit 2.
      const made = await runMigrate(['sections', 'record', section, '--root', ws, '--from-data', join(ws, 'data'), '--json']);
      expect(made.code).toBe(0);
      const scenarios = (await specOf(file)).scenarios.filter((s) => s.name.includes('from the data'));
      expect(scenarios.map((s) => [s.name, s.expected[0]?.table.rows])).toEqual([
        ['Customer Id 2 from the data (no rows)', [{ 'Customer Id': 2, 'Line Count': 0 }]],
        ['Customer Id 1 from the data (duplicates, largest)', [{ 'Customer Id': 1, 'Line Count': 2 }]],
      ]);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});

describe('migrate sections record --from-data, a temporal table the section reads two columns of', () => {
  // read by its name, and through a synonym (whose rows come from the target's file of the export)
  it.each([['Sales.Customer'], ['dbo.Cust']])('keeps the period columns\' 100 ns values (datetime2), and records (%s)', async (reads) => {
    const ws = mkdtempSync(join(tmpdir(), 'migrate-record-temporal-'));
    try {
      mkdirSync(join(ws, 'procedures'), { recursive: true });
      mkdirSync(join(ws, 'data'), { recursive: true });
      writeFileSync(join(ws, 'procedures', 'p.sql'), `CREATE TABLE Sales.Customer (CustomerID int NOT NULL PRIMARY KEY, Region nvarchar(20) NULL,
  ValidFrom datetime2(7) GENERATED ALWAYS AS ROW START NOT NULL, ValidTo datetime2(7) GENERATED ALWAYS AS ROW END NOT NULL,
  PERIOD FOR SYSTEM_TIME (ValidFrom, ValidTo)) WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = Sales.CustomerHistory));
GO
CREATE TABLE Sales.Orders (OrderID int NOT NULL PRIMARY KEY, CustomerID int NOT NULL, Amount decimal(12,2) NOT NULL);
GO
CREATE TABLE dbo.RegionTotal (CustomerID int NOT NULL, Region nvarchar(20) NULL, Total decimal(38,2) NULL);
GO
CREATE SYNONYM dbo.Cust FOR Sales.Customer;
GO
CREATE PROCEDURE dbo.usp_RegionTotal AS
BEGIN
    DECLARE @id int, @region nvarchar(20);
    DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT CustomerID, Region FROM ${reads} ORDER BY CustomerID;
    OPEN c;
    FETCH NEXT FROM c INTO @id, @region;
    WHILE @@FETCH_STATUS = 0
    BEGIN
        INSERT INTO dbo.RegionTotal (CustomerID, Region, Total) SELECT @id, @region, SUM(Amount) FROM Sales.Orders WHERE CustomerID = @id;
        FETCH NEXT FROM c INTO @id, @region;
    END
    CLOSE c; DEALLOCATE c;
END
GO
`);
      // every current row of a system-versioned table ends at datetime2(7)'s last instant
      writeFileSync(join(ws, 'data', 'Sales.Customer.csv'), 'CustomerID,Region,ValidFrom,ValidTo\n1,North,2020-01-01 00:00:00.1234567,9999-12-31 23:59:59.9999999\n2,,2020-01-01 00:00:00,9999-12-31 23:59:59.9999999\n');
      writeFileSync(join(ws, 'data', 'Sales.Orders.csv'), 'OrderID,CustomerID,Amount\n10,1,5.50\n11,1,2.25\n12,2,1.00\n');
      expect((await runMigrate(['sections', 'propose', 'dbo.usp_RegionTotal', '--root', ws])).code).toBe(0);
      const section = 'dbo.usp_RegionTotal/01-region-total';
      // Before: "cannot read …Sales.Customer.csv as Sales.Customer: … '9999-12-31 23:59:59.9999999' is not a timestamp", exit 2.
      const made = await runMigrate(['sections', 'record', section, '--root', ws, '--from-data', join(ws, 'data')]);
      expect(made.err).toBe('');
      expect(made.code).toBe(0);
      const text = readFileSync(join(ws, 'sections', `${section}.feature`), 'utf8');
      // Before datetime2 specs, the Given left the period columns out (a timestamp cannot hold them)
      expect(text).toContain(`Given table ${reads}:\n      | CustomerID:int | Region:text? | ValidFrom:datetime2         | ValidTo:datetime2           |\n      | 1              | North        | 2020-01-01 00:00:00.1234567 | 9999-12-31 23:59:59.9999999 |`);
      expect(text).toContain('| 1              | North        | 7.75                 |');
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});

/**
 * A workspace whose procedure empties dbo.Alloc (and runs `before`, one more line) ahead of the
 * cursor that allocates each pool against what dbo.Alloc holds; the data has an old row of it.
 * Returns the workspace, its sections folder and the cursor's section file.
 */
async function allocWorkspace(before: string): Promise<{ ws: string; dir: string; section: string }> {
  const ws = mkdtempSync(join(tmpdir(), 'migrate-record-before-'));
  mkdirSync(join(ws, 'procedures'));
  mkdirSync(join(ws, 'data'));
  writeFileSync(join(ws, 'procedures', 'alloc.sql'), `CREATE TABLE dbo.Pool (PoolId int NOT NULL PRIMARY KEY, Amount money NOT NULL);
GO
CREATE TABLE dbo.Alloc (PoolId int NOT NULL, Centre varchar(10) NOT NULL, Amount money NOT NULL);
GO
CREATE PROCEDURE dbo.usp_Alloc
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @PoolId int, @Amount money, @Before money;
    DELETE dbo.Alloc;
    ${before}
    DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT PoolId, Amount FROM dbo.Pool ORDER BY PoolId;
    OPEN c;
    FETCH NEXT FROM c INTO @PoolId, @Amount;
    WHILE @@FETCH_STATUS = 0
    BEGIN
        SELECT @Before = ISNULL(SUM(Amount), 0) FROM dbo.Alloc WHERE PoolId = @PoolId;
        INSERT dbo.Alloc (PoolId, Centre, Amount) VALUES (@PoolId, 'ALL', @Amount - @Before);
        FETCH NEXT FROM c INTO @PoolId, @Amount;
    END
    CLOSE c;
    DEALLOCATE c;
END
GO
`);
  writeFileSync(join(ws, 'data', 'dbo.Pool.csv'), 'PoolId,Amount\n1,100.00\n');
  writeFileSync(join(ws, 'data', 'dbo.Alloc.csv'), 'PoolId,Centre,Amount\n1,OLD,40.00\n');
  expect((await runMigrate(['sections', 'propose', 'dbo.usp_Alloc', '--root', ws])).code).toBe(0);
  const dir = join(ws, 'sections', 'dbo.usp_Alloc');
  const section = readdirSync(dir).find((f) => /^0[1-9]/.test(f) && readFileSync(join(dir, f), 'utf8').includes('@entity:PoolId'));
  expect(section).toBeDefined();
  return { ws, dir, section: section as string };
}

describe('migrate sections record --from-data, a table an earlier statement of the procedure writes', () => {
  it('runs the statements before the section first (the DELETE): the Given is what they leave', async () => {
    const { ws, dir, section } = await allocWorkspace('SET @Before = 0;');
    try {
      const made = await runMigrate(['sections', 'record', `dbo.usp_Alloc/${section.replace(/\.feature$/, '')}`, '--root', ws, '--from-data', join(ws, 'data')]);
      expect(made.err).toBe('');
      expect(made.code).toBe(0);
      // the DELETE ran first: the cursor's section starts with dbo.Alloc empty, so pool 1 gets its whole 100.00 (not 60.00 after the data's old 40.00)
      expect(made.out).toMatch(/each Given is what lines 8-10 of the procedure leave on that entity's data/);
      const recorded = (await specOf(join(dir, section))).scenarios.find((s) => s.name.includes('from the data'));
      expect(recorded?.inputs.find((t) => t.name === 'dbo.Alloc')?.rows).toEqual([]);
      expect(recorded?.expected[0]?.table.rows).toEqual([{ PoolId: 1, Centre: 'ALL', Amount: 100 }]);
      // the DELETE's section reads only the table it writes: no column names an entity in both
      const cleared = readdirSync(dir).find((f) => /^0[1-9]/.test(f) && f !== section) as string;
      const none = await runMigrate(['sections', 'record', `dbo.usp_Alloc/${cleared.replace(/\.feature$/, '')}`, '--root', ws, '--from-data', join(ws, 'data')]);
      expect(none.code).toBe(2);
      expect(none.err).toMatch(/hint: no column of its output is in a table it reads from the data, so nothing names one entity in both: write the Given rows of a scenario and run `migrate sections record dbo\.usp_Alloc\/01-\S+` without --from-data/);
      expect(none.err).not.toMatch(/DeviceId/);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });

  it('where the emulator refuses a statement before the section, says so and gives the data\'s rows, naming the statement (scenario and stderr)', async () => {
    // dynamic SQL runs only with --allow-dynamic-sql: the statements before the section cannot run first
    const { ws, dir, section } = await allocWorkspace("EXEC sp_executesql N'DELETE dbo.Alloc WHERE Centre = ''OLD''';");
    try {
      const proposed = readFileSync(join(dir, section), 'utf8');
      const record = (json: string[]): ReturnType<typeof runMigrate> => runMigrate(['sections', 'record', `dbo.usp_Alloc/${section.replace(/\.feature$/, '')}`, '--root', ws, '--from-data', join(ws, 'data'), ...json]);
      const made = await record(['--json']);
      expect(made.code).toBe(0);
      const out = JSON.parse(made.out);
      expect(out.startRefused).toMatch(/^the statements before the section \(lines 8-11\) could not run first: the emulator does not run dynamic SQL/);
      expect(out.startState).toBeUndefined();
      expect(out.writtenBefore).toEqual(['dbo.Alloc (DELETE dbo.Alloc at line 10)']);
      writeFileSync(join(dir, section), proposed);
      const text = await record([]);
      expect(text.code).toBe(0);
      expect(text.err).toMatch(/warning the statements before the section \(lines 8-11\) could not run first: the emulator does not run dynamic SQL/);
      expect(readFileSync(join(dir, section), 'utf8')).toContain('Its rows are the data\'s as the procedure starts, but the legacy code writes dbo.Alloc (DELETE dbo.Alloc at line 10) before this section: check them.');
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});

describe('migrate sections record --from-data, statements before refused and the section failing on the data', () => {
  it('leads with the refusal, not with the error as if the procedure raised it', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'migrate-record-refused-'));
    try {
      mkdirSync(join(ws, 'procedures'));
      mkdirSync(join(ws, 'data'));
      // the dynamic SQL lists the rows the INSERT skips; on the data's rows it lists none, so the
      // CAST meets 'x1', which the procedure itself never converts
      writeFileSync(join(ws, 'procedures', 'qty.sql'), `CREATE TABLE dbo.QtyStage (Id int NOT NULL PRIMARY KEY, Qty varchar(10) NULL);
GO
CREATE TABLE dbo.QtyReject (Id int NOT NULL);
GO
CREATE TABLE dbo.QtyClean (Id int NOT NULL, Qty int NOT NULL);
GO
CREATE PROCEDURE dbo.usp_QtyClean
AS
BEGIN
    SET NOCOUNT ON;
    DELETE dbo.QtyReject;
    EXEC sp_executesql N'INSERT dbo.QtyReject (Id) SELECT Id FROM dbo.QtyStage WHERE Qty LIKE ''%[^0-9]%''';
    INSERT dbo.QtyClean (Id, Qty)
    SELECT s.Id, CAST(s.Qty AS int) FROM dbo.QtyStage s
    WHERE NOT EXISTS (SELECT 1 FROM dbo.QtyReject r WHERE r.Id = s.Id);
END
GO
`);
      writeFileSync(join(ws, 'data', 'dbo.QtyStage.csv'), 'Id,Qty\n2,x1\n');
      writeFileSync(join(ws, 'data', 'dbo.QtyReject.csv'), 'Id\n');
      writeFileSync(join(ws, 'data', 'dbo.QtyClean.csv'), 'Id,Qty\n');
      expect((await runMigrate(['sections', 'propose', 'dbo.usp_QtyClean', '--root', ws])).code).toBe(0);
      const section = readdirSync(join(ws, 'sections', 'dbo.usp_QtyClean')).find((f) => f.includes('clean')) as string;
      const made = await runMigrate(['sections', 'record', `dbo.usp_QtyClean/${section.replace(/\.feature$/, '')}`, '--root', ws, '--from-data', join(ws, 'data')]);
      expect(made.code).toBe(2);
      expect(made.err).toMatch(/qty\.sql:13:5: Msg 245/);
      expect(made.err).toMatch(/hint: the statements before the section \(lines 10-12\) could not run first: the emulator does not run dynamic SQL.*; the section then ran on the data's rows as the procedure starts, and failed as above: that need not be what the procedure does/);
      expect(made.err).not.toMatch(/the legacy procedure itself raised this error/);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});

describe('migrate sections record --from-data, a table the section only deletes from and refills', () => {
  it('gives its rows from the data (the replaced one and the one kept), sliced on their own', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'migrate-record-changed-'));
    try {
      mkdirSync(join(ws, 'procedures'));
      mkdirSync(join(ws, 'data'));
      writeFileSync(join(ws, 'procedures', 'base.sql'), `CREATE TABLE dbo.Txn (Id int NOT NULL PRIMARY KEY, TxnDate date NOT NULL, Amount decimal(19,4) NOT NULL);
GO
CREATE TABLE dbo.Rate (RateDate date NOT NULL PRIMARY KEY, Rate decimal(38,10) NOT NULL);
GO
CREATE TABLE dbo.Base (Id int NOT NULL PRIMARY KEY, BaseAmount money NULL, RateDate date NULL);
GO
CREATE PROCEDURE dbo.usp_Base @From date
AS
BEGIN
    SET NOCOUNT ON;
    DELETE b FROM dbo.Base b JOIN dbo.Txn t ON t.Id = b.Id WHERE t.TxnDate >= @From;
    INSERT dbo.Base (Id, BaseAmount, RateDate)
    SELECT t.Id, ROUND(t.Amount * r.Rate, 2), r.RateDate
    FROM dbo.Txn t
    OUTER APPLY (SELECT TOP 1 x.Rate, x.RateDate FROM dbo.Rate x WHERE x.RateDate <= t.TxnDate ORDER BY x.RateDate DESC) r
    WHERE t.TxnDate >= @From;
END
GO
`);
      writeFileSync(join(ws, 'data', 'dbo.Txn.csv'), 'Id,TxnDate,Amount\n1,2026-11-04,100.0000\n2,2026-10-01,7.0000\n');
      writeFileSync(join(ws, 'data', 'dbo.Rate.csv'), 'RateDate,Rate\n2026-11-02,0.9234567891\n2026-11-05,0.9301000000\n');
      // Id 1: a row of an earlier run the section replaces; Id 9: an older row it keeps (its
      // RateDate matches no rate: slicing the rates through it would leave the section none)
      writeFileSync(join(ws, 'data', 'dbo.Base.csv'), 'Id,BaseAmount,RateDate\n1,1.00,2026-11-05\n9,5.00,2026-01-01\n');
      expect((await runMigrate(['sections', 'propose', 'dbo.usp_Base', '--root', ws])).code).toBe(0);
      const dir = join(ws, 'sections', 'dbo.usp_Base');
      const section = readdirSync(dir).find((f) => /^0[1-9]/.test(f)) as string;
      const file = join(dir, section);
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^(@proc:\S+ @lines:\S+ @output:\S+)( @entity:\S+)?/, '$1 @entity:Id'));
      const made = await runMigrate(['sections', 'record', `dbo.usp_Base/${section.replace(/\.feature$/, '')}`, '--root', ws, '--from-data', join(ws, 'data'), '--param', '@From=2026-11-01']);
      // Id 2's transaction is before @From: its Then comes out empty, noted with the filter (empty-then-scenarios.ts)
      expect(made.err).toBe('note wrote dbo.usp_Base/01-base › Id 2 from the data, nothing matches (more data): its Then tables are all empty while its Given holds rows (the section\'s one scenario of nothing matching); `t.TxnDate >= @From` at procedures/base.sql:16:11 keeps none of its rows at @From = 2026-11-01, and the Given holds 2026-10-01: pass a --param @From that takes in some of them\n');
      expect(made.code).toBe(0);
      const scenarios = (await specOf(file)).scenarios.filter((s) => s.name.includes('from the data'));
      const byId = (id: number) => scenarios.find((s) => s.name.startsWith(`Id ${id} `));
      // Before: the Given had no dbo.Base, so neither the replaced row nor the kept one was seen
      expect(byId(1)?.inputs.find((g) => g.name === 'dbo.Base')?.rows).toEqual([{ Id: 1, BaseAmount: 1, RateDate: '2026-11-05' }]);
      expect(byId(1)?.inputs.find((g) => g.name === 'dbo.Rate')?.rows).toHaveLength(2);
      expect(byId(1)?.expected[0]?.table.rows).toEqual([{ Id: 1, BaseAmount: 92.35, RateDate: '2026-11-02' }]);
      expect(byId(9)?.expected[0]?.table.rows).toEqual([{ Id: 9, BaseAmount: 5, RateDate: '2026-01-01' }]);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});
