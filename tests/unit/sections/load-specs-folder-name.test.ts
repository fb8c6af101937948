import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSpecs } from '../../../src/sections';
import { inTempDir } from '../../support/temp-dir';

/*
 * Commands take a procedure as T-SQL writes it or by its specs' folder name
 * (`wms.usp_Build_Wave` for `wms.[usp_Build Wave]`). `migrate run wms.usp_Build_Wave`, and
 * `run --baselines` / `accept --write-config` over a baseline folder named so, found no section
 * ("no sections … run propose first", "nothing to compare") although the folder held them.
 */
function feature(proc: string, n: string, table: string): string {
  return `@proc:${proc} @lines:${n} @output:${table.replace(/ /g, '%20')}\nFeature: ${n} picks\n  Scenario: none\n    When the section runs\n    Then table ${table}:\n      | [Bin Code]:text |\n`;
}

describe('loadSpecs of one procedure', () => {
  it('takes the specs folder name of a procedure whose name has spaces, an exact name first', async () => {
    await inTempDir('load-specs-folder-', async (dir) => {
      const wave = join(dir, 'wms.usp_Build_Wave');
      mkdirSync(wave, { recursive: true });
      writeFileSync(join(wave, '01-pick.feature'), feature('wms.[usp_Build%20Wave]', '4', 'wms.[Pick Task]'));
      writeFileSync(join(wave, '02-bin.feature'), feature('wms.[usp_Build%20Wave]', '5', 'wms.Bin'));
      const other = join(dir, 'wms.usp_Release_Tasks');
      mkdirSync(other, { recursive: true });
      writeFileSync(join(other, '01-release.feature'), feature('wms.[usp_Release%20Tasks]', '3', 'wms.[Pick Task]'));

      const byFolder = await loadSpecs(dir, undefined, 'wms.usp_Build_Wave');
      expect(byFolder.specs.map((s) => s.outputs[0])).toEqual(['wms.[Pick Task]', 'wms.Bin']);
      const byName = await loadSpecs(dir, undefined, 'wms.usp_Build Wave');
      expect(byName.specs).toHaveLength(2);
    });
    // two procedures whose names share one folder spelling: the one named exactly keeps its own
    await inTempDir('load-specs-folder-', async (dir) => {
      const shared = join(dir, 'wms.usp_Build_Wave');
      mkdirSync(shared, { recursive: true });
      writeFileSync(join(shared, '01-pick.feature'), feature('wms.[usp_Build%20Wave]', '4', 'wms.[Pick Task]'));
      writeFileSync(join(shared, '02-bin.feature'), feature('wms.usp_Build_Wave', '5', 'wms.Bin'));
      expect((await loadSpecs(dir, undefined, 'wms.usp_Build_Wave')).specs.map((s) => s.outputs[0])).toEqual(['wms.Bin']);
      expect((await loadSpecs(dir, undefined, 'wms.[usp_Build Wave]')).specs.map((s) => s.outputs[0])).toEqual(['wms.[Pick Task]']);
    });
  });
});
