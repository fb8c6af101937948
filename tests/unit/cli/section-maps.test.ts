import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSectionMaps } from '../../../src/cli/section-maps';

// The repository's own workspace (procedures/, sections/) is the realistic case.
describe('loadSectionMaps', () => {
  it('maps each procedure with sections, in file order, linked from the output folder', async () => {
    const maps = await loadSectionMaps('.', 'dataflow');
    expect([...maps.keys()].sort()).toEqual(['dbo.usp_builddevicekpis', 'dbo.usp_countentityletters', 'dbo.usp_runnightlykpis']);
    const kpis = maps.get('dbo.usp_builddevicekpis')?.sections ?? [];
    expect(kpis.map((s) => [s.id, s.ignored])).toEqual([
      ['dbo.usp_BuildDeviceKpis/00-housekeeping', true],
      ['dbo.usp_BuildDeviceKpis/01-usage-with-config', false],
      ['dbo.usp_BuildDeviceKpis/02-device-daily-usage', false],
      ['dbo.usp_BuildDeviceKpis/03-configuration-kpi', false],
      ['dbo.usp_BuildDeviceKpis/04-best-configuration', false],
      ['dbo.usp_BuildDeviceKpis/05-best-configuration-result', false],
    ]);
    expect(kpis[2]).toMatchObject({
      href: '../sections/dbo.usp_BuildDeviceKpis/02-device-daily-usage.feature',
      given: ['#UsageWithConfig', 'dbo.DeviceAppInventory'],
      then: ['kpi.DeviceDailyUsage'],
      lines: 'L229–264',
    });
    // Housekeeping covers many ranges: the first three, then how many more.
    expect(kpis[0]?.lines).toBe('L34–67, L70–78, L103 +3');
  });

  it('gives no maps in a folder without sections', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'section-maps-'));
    try {
      expect((await loadSectionMaps(dir, join(dir, 'dataflow'))).size).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
