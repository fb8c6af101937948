import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';
import { WARD_DATA, WARD_OCCUPANCY, WARD_TABLES, wardLoop } from '../support/ward-census';

// `sections record --from-data` run again over the same data said "unchanged (its scenarios from
// this data exist)" for a scenario whose recorded Then is not what the emulator computes now (a
// Then recorded under an older emulator's bug survived every run). It records such a scenario
// again and compares: a Then that differs is rewritten; one whose Given was edited by hand is kept
// and named.
describe('migrate sections record --from-data, run again over the same data', () => {
  let ws: string;
  let feature: string;
  const record = (): ReturnType<typeof runMigrate> => runMigrate(['sections', 'record', 'ward.usp_Census_Occupancy/01-bed-day', '--from-data', join(ws, 'acceptance', 'census'), '--root', ws]);
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'record-again-'));
    await scriptWorkspace(ws, { 'census.sql': WARD_TABLES + wardLoop('usp_Census Occupancy', WARD_OCCUPANCY) });
    mkdirSync(join(ws, 'acceptance', 'census'), { recursive: true });
    for (const [file, text] of Object.entries(WARD_DATA)) writeFileSync(join(ws, 'acceptance', 'census', file), text);
    expect((await runMigrate(['sections', 'propose', 'ward.[usp_Census Occupancy]', '--root', ws])).code).toBe(0);
    feature = join(ws, 'sections', 'ward.usp_Census_Occupancy', '01-bed-day.feature');
    expect((await record()).code).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('leaves the file alone when what it would record is what is there', async () => {
    const before = readFileSync(feature, 'utf8');
    const r = await record();
    expect(r.out).toContain('unchanged (its scenarios from this data exist)');
    expect(readFileSync(feature, 'utf8')).toBe(before);
  }, 60_000);

  it('rewrites a recorded Then that is not what the emulator computes now', async () => {
    // as an older emulator might have recorded it: 91.00 where 18 of 20 beds is 90.00
    writeFileSync(feature, readFileSync(feature, 'utf8').replace(/(\| CARD +\| 2026-11-02 +\| 18 +\| )90\.00/, '$191.00'));
    const r = await record();
    expect(r.code).toBe(0);
    expect(r.out).toContain('re-recorded ward.usp_Census_Occupancy/01-bed-day › Ward Code CARD from the data');
    expect(r.out).toContain('its recorded Then was not what the emulator computes now');
    const text = readFileSync(feature, 'utf8');
    expect(text).not.toContain('91.00');
    expect(text).toMatch(/\| CARD +\| 2026-11-02 +\| 18 +\| 90\.00 +\|/);
    expect(text.match(/Scenario: Ward Code CARD/g)).toHaveLength(1);
  }, 60_000);

  it('keeps, and names, a recorded scenario whose Given was edited by hand', async () => {
    const edited = readFileSync(feature, 'utf8').replace(/(\| NEURO +\| 2026-11-01 +\| )7( +\| NULL)/, '$16$2');
    writeFileSync(feature, edited);
    const r = await record();
    expect(r.code).toBe(0);
    expect(r.err).toContain('kept ward.usp_Census_Occupancy/01-bed-day › Ward Code NEURO from the data (NULLs): its Given or When steps are not what this data gives now');
    expect(readFileSync(feature, 'utf8')).toBe(edited);
  }, 60_000);
});
