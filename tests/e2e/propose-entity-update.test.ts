import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';
import { WARD_DATA, WARD_OCCUPANCY, WARD_TABLES, wardLoop } from '../support/ward-census';

// A ward census: a cursor over wards whose only write is `UPDATE … WHERE [Ward Code] = @Ward`
// changes each ward's rows apart, as a cursor whose write is an INSERT of the key does: propose
// tags it @entity, check accepts the tag and record --from-data makes a scenario a ward. A WHERE
// that holds the key to no equality, or values read across wards, get no tag.
const PROCS = [
  wardLoop('usp_Census Occupancy', WARD_OCCUPANCY),
  wardLoop('usp_Census Others', 'UPDATE ward.[Bed Day] SET [Occupancy Pct] = CAST(100.0 * Patients / @Beds AS decimal(5,2)) WHERE [Ward Code] <> @Ward;'),
  wardLoop('usp_Census Share', 'UPDATE b SET b.[Occupancy Pct] = (SELECT SUM(o.Patients) FROM ward.[Bed Day] o WHERE o.[Census Date] = b.[Census Date]) FROM ward.[Bed Day] b WHERE b.[Ward Code] = @Ward;'),
].join('');

const firstLine = (ws: string, proc: string): string => readFileSync(join(ws, 'sections', proc, '01-bed-day.feature'), 'utf8').split('\n')[0] ?? '';

describe('migrate sections propose: a cursor over keys whose write is an UPDATE of that key\'s rows', () => {
  let ws: string;
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'propose-entity-update-'));
    await scriptWorkspace(ws, { 'tables.sql': WARD_TABLES, 'procs.sql': PROCS });
    mkdirSync(join(ws, 'acceptance', 'census'), { recursive: true });
    for (const [file, text] of Object.entries(WARD_DATA)) writeFileSync(join(ws, 'acceptance', 'census', file), text);
    expect((await runMigrate(['sections', 'propose', '--all', '--root', ws])).code).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('tags it @entity by the key its WHERE holds to the fetched value', () => {
    expect(firstLine(ws, 'ward.usp_Census_Occupancy')).toMatch(/ @entity:\[Ward%20Code\]$/);
  });

  it('leaves untagged an UPDATE of the other wards\' rows and one whose value reads every ward', () => {
    expect(firstLine(ws, 'ward.usp_Census_Others')).not.toContain('@entity');
    expect(firstLine(ws, 'ward.usp_Census_Share')).not.toContain('@entity');
  });

  it('passes check, and record --from-data makes a scenario a ward', async () => {
    const check = await runMigrate(['sections', 'check', '--root', ws, '--json']);
    expect(check.out).not.toContain('SPEC_ENTITY');
    expect(check.out).not.toContain('SECTIONS_ENTITY_CROSS_READS');
    const r = await runMigrate(['sections', 'record', 'ward.usp_Census_Occupancy/01-bed-day', '--from-data', join(ws, 'acceptance', 'census'), '--root', ws]);
    expect(r.code).toBe(0);
    const feature = readFileSync(join(ws, 'sections', 'ward.usp_Census_Occupancy', '01-bed-day.feature'), 'utf8');
    expect(feature).toContain('Scenario: Ward Code CARD from the data');
    expect(feature).toMatch(/\| CARD +\| 2026-11-02 +\| 18 +\| 90\.00 +\|/);
    expect(feature).toMatch(/\| NEURO +\| 2026-11-01 +\| 7 +\| 87\.50 +\|/);
  }, 120_000);
});
