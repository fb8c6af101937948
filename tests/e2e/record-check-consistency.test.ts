import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';

// A nightly carrier job: totals per carrier, the shipment count kept in @Loads, then a log row
// with it. The sections record/check/scaffold loop must agree on such a procedure: record never
// writes what scaffold refuses, a recording of an old cut is re-recorded (and check refuses it
// until then), the value a later section reads is stated, and warnings read as warnings.
const SQL = `CREATE TABLE dbo.Shipment (ShipmentId int NOT NULL PRIMARY KEY, CarrierCode varchar(10) NOT NULL, Weight decimal(9,2) NOT NULL);
GO
CREATE TABLE dbo.CarrierTotal (CarrierCode varchar(10) NOT NULL, TotalWeight decimal(12,2) NOT NULL);
GO
CREATE TABLE dbo.LoadLog (LoggedCount int NOT NULL, Note varchar(50) NOT NULL);
GO
CREATE PROCEDURE dbo.usp_CarrierLoads
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @Loads int;

    INSERT INTO dbo.CarrierTotal (CarrierCode, TotalWeight)
    SELECT s.CarrierCode, SUM(s.Weight)
    FROM dbo.Shipment s
    GROUP BY s.CarrierCode;
    SELECT @Loads = COUNT(*) FROM dbo.Shipment;

    INSERT INTO dbo.LoadLog (LoggedCount, Note) VALUES (@Loads, 'nightly');
END
GO
`;

describe('sections record --from-data, check and scaffold agree', () => {
  let ws: string;
  const dir = (): string => join(ws, 'sections', 'dbo.usp_CarrierLoads');
  const totals = (): string => join(dir(), '01-carrier-total.feature');
  const fromData = (id: string, json = false): Promise<{ code: number; out: string; err: string }> =>
    runMigrate(['sections', 'record', `dbo.usp_CarrierLoads/${id}`, '--root', ws, '--from-data', join(ws, 'data'), ...(json ? ['--json'] : [])]);
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'record-consistency-'));
    await scriptWorkspace(ws, { 'usp_CarrierLoads.sql': SQL });
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'data', 'dbo.Shipment.csv'), 'ShipmentId,CarrierCode,Weight\n1,DHL,10.50\n2,DHL,4.00\n3,UPS,7.25\n');
    mkdirSync(dir(), { recursive: true });
    writeFileSync(join(dir(), '00-housekeeping.feature'), '@proc:dbo.usp_CarrierLoads @lines:10 @ignored\nFeature: housekeeping\n');
    writeFileSync(join(dir(), '02-load-log.feature'), '@proc:dbo.usp_CarrierLoads @lines:19 @output:dbo.LoadLog\nFeature: the nightly log row\n');
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('refuses to record an @entity one output lacks, with the message scaffold gives, writing nothing', async () => {
    const tagged = '@proc:dbo.usp_CarrierLoads @lines:11-19 @output:dbo.CarrierTotal,dbo.LoadLog @entity:CarrierCode\nFeature: carrier totals and the log\n';
    const both = join(dir(), '01-both.feature');
    writeFileSync(both, tagged);
    const r = await fromData('01-both');
    expect(r.code).toBe(2);
    expect(r.err).toContain('sections/dbo.usp_CarrierLoads/01-both.feature:1:78: @entity:CarrierCode is not a column of the output dbo.LoadLog, whose columns are LoggedCount, Note');
    expect(r.err).toMatch(/nothing was written; .*move dbo\.LoadLog to a section of its own, or remove @entity:CarrierCode/);
    expect(readFileSync(both, 'utf8')).toBe(tagged);
    rmSync(both);
  });

  it('states the value the next section reads and says "1 row" for one row', async () => {
    writeFileSync(totals(), '@proc:dbo.usp_CarrierLoads @lines:11-17 @output:dbo.CarrierTotal @entity:CarrierCode\nFeature: 01 carrier totals\n');
    const r = await fromData('01-carrier-total');
    expect(r.code).toBe(0);
    const text = readFileSync(totals(), 'utf8');
    // @Loads, set here and read by 02, as the legacy run left it for each carrier's slice
    expect(text).toMatch(/ {6}\| DHL +\| 14\.50 +\|\n {4}And value @Loads:int\? = 2\n/);
    expect(text).toMatch(/ {6}\| UPS +\| 7\.25 +\|\n {4}And value @Loads:int\? = 1\n/);
    expect(text).toMatch(/^ {2}@recorded:2000-01-01T00:00:00 @statements:[0-9a-f]{12}\n {2}Scenario: CarrierCode DHL/m);
    expect(text).toContain('Largest: 2 rows, the most of any CarrierCode.');
    // the one-row case reads "1 row" wherever a count is printed
    writeFileSync(join(ws, 'data', 'dbo.Shipment.csv'), 'ShipmentId,CarrierCode,Weight\n3,UPS,7.25\n');
    const one = join(dir(), '01-one.feature');
    writeFileSync(one, '@proc:dbo.usp_CarrierLoads @lines:11-17 @output:dbo.CarrierTotal @entity:CarrierCode\nFeature: one shipment\n');
    expect((await fromData('01-one')).out).toContain('1 input row\n');
    expect(readFileSync(one, 'utf8')).toContain('Largest: 1 row, the most of any CarrierCode.');
    rmSync(one);
    writeFileSync(join(ws, 'data', 'dbo.Shipment.csv'), 'ShipmentId,CarrierCode,Weight\n1,DHL,10.50\n2,DHL,4.00\n3,UPS,7.25\n');
  });

  it('counts warnings apart from problems: "ok …, 1 warning", exit 0, in text and --json', async () => {
    writeFileSync(join(dir(), '02-load-log.feature'), `@proc:dbo.usp_CarrierLoads @lines:19 @output:dbo.LoadLog
Feature: the nightly log row

  Scenario: the count is logged
    Given parameter @Loads:int? = 3
    When the section runs
    Then table dbo.LoadLog:
      | LoggedCount:int | Note:text |
      | 3               | nightly   |
`);
    // a hand-written scenario that leaves out @Loads: a warning, never a failure
    const text = readFileSync(totals(), 'utf8');
    writeFileSync(totals(), text.replace(/ {4}And value @Loads:int\? = \d\n/g, ''));
    const check = await runMigrate(['sections', 'check', '--root', ws]);
    expect(check.code).toBe(0);
    expect(check.out).toMatch(/warning .*SECTIONS_VALUE_NOT_STATED|warning .*sets @Loads/);
    expect(check.out).toMatch(/ok dbo\.usp_CarrierLoads: 5 statements, 3 sections, 0 problems, 1 warning\n/);
    expect(check.out).not.toContain('FAIL');
    const json = await runMigrate(['sections', 'check', '--root', ws, '--json']);
    expect(json.code).toBe(0);
    const out = JSON.parse(json.out) as { ok: boolean; procedures: { problems: number; warnings: number }[]; warnings: { code: string }[] };
    expect([out.ok, out.procedures[0]?.problems, out.procedures[0]?.warnings, out.warnings.map((w) => w.code)]).toEqual([true, 0, 1, ['SECTIONS_VALUE_NOT_STATED']]);
    writeFileSync(totals(), text);
  });

  it('re-records scenarios of an old cut after @lines widen, and check refuses them until then', async () => {
    // the person gives the DECLARE to the totals section: its recorded rows were of lines 11-17
    rmSync(join(dir(), '00-housekeeping.feature'));
    writeFileSync(totals(), readFileSync(totals(), 'utf8').replace('@lines:11-17', '@lines:10-17'));
    const stale = await runMigrate(['sections', 'check', '--root', ws, '--json']);
    expect(stale.code).toBe(1);
    const problems = (JSON.parse(stale.out) as { problems: { code: string; line: number; message: string }[] }).problems;
    expect(problems.map((p) => [p.code, p.line])).toEqual([['SECTIONS_RECORDING_STALE', 5], ['SECTIONS_RECORDING_STALE', 19]]);
    expect(problems[0]?.message).toMatch(/^scenario 'CarrierCode DHL from the data \(largest\)' was recorded from other statements than lines 10-17 of dbo\.usp_CarrierLoads now hold/);
    const again = await fromData('01-carrier-total', true);
    expect(again.code).toBe(0);
    const made = JSON.parse(again.out) as { written: boolean; scenarios: { name: string; rerecorded?: boolean }[] };
    expect(made.written).toBe(true);
    expect(made.scenarios.map((s) => s.rerecorded)).toEqual([true, true]);
    const text = readFileSync(totals(), 'utf8');
    // in their places, not appended: still two scenarios
    expect(text.match(/Scenario:/g)).toHaveLength(2);
    expect(text.match(/@statements:/g)).toHaveLength(2);
    expect((await runMigrate(['sections', 'check', '--root', ws])).code).toBe(0);
    // and a second run over the same data and cut changes nothing
    const third = await fromData('01-carrier-total');
    expect(third.out).toContain('unchanged');
    expect(readFileSync(totals(), 'utf8')).toBe(text);
  });

  it('never re-records a hand-written scenario of an old cut', async () => {
    const text = readFileSync(totals(), 'utf8');
    // a person's own rows (no @recorded tag) for the DHL case
    const own = text.replace(/@recorded:2000-01-01T00:00:00 (@statements:[0-9a-f]{12})\n {2}Scenario: CarrierCode DHL/, '$1\n  Scenario: CarrierCode DHL').replace('| DHL              | 14.50 ', '| DHL              | 14.49 ');
    expect(own).toContain('14.49');
    writeFileSync(totals(), own.replace('@lines:10-17', '@lines:10-18'));
    await fromData('01-carrier-total');
    expect(readFileSync(totals(), 'utf8')).toContain('14.49');
  });
});
