import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAcceptanceConfig } from '../../../src/acceptance';
import { pairedOutputs, renderAcceptanceConfig, type ConfigSources } from '../../../src/cli/acceptance-config';
import type { CaptureManifest } from '../../../src/legacy';
import type { SectionSpec } from '../../../src/sections';
import { inTempDir } from '../../support/temp-dir';

/** A captured run's manifest with what the config reads (tables, result sets, OUTPUT parameters). */
function manifest(over: Partial<CaptureManifest>): CaptureManifest {
  return {
    procedure: 'ops.usp_x', displayName: 'Ops.[usp x]', engine: 'emulator', params: {}, clock: null, format: 'csv', inputs: [],
    tables: [], resultSets: [], returnValue: 0, messages: [], seed: 0, nonReproducible: [], nonReproducibleCauses: [], at: '2026-12-05T00:00:00Z', ...over,
  };
}
const section = (id: string, outputs: string[]): SectionSpec => ({ id, outputs } as unknown as SectionSpec);

describe('renderAcceptanceConfig', () => {
  const sources: ConfigSources = {
    folder: 'Ops.usp x',
    manifest: manifest({
      tables: [
        { name: 'ops.[stock: count]', displayName: 'Ops.[Stock: Count]', file: 'Ops.Stock_ Count~375bb097.csv', rows: 4, key: ['Item #', 'Day'] },
        { name: 'ops.heap', displayName: 'Ops.Heap', file: 'Ops.Heap.csv', rows: 2, key: [] },
        { name: 'dbo.runlog', displayName: 'dbo.RunLog', file: 'dbo.RunLog.csv', rows: 1, key: ['Id'] },
      ],
      resultSets: [{ file: 'result-set-1.csv', rows: 3, columns: ['a'] }, { file: 'result-set-2.csv', rows: 1, columns: ['b'] }, { file: 'result-set-3.csv', rows: 0, columns: ['c'] }],
      outputParameters: { file: 'outputs.csv', values: { '@Done': '1' } },
    }),
    specs: [
      section('Ops.usp_x/01-stock', ['Ops.[Stock: Count]', '#work']),
      section('Ops.usp_x/02-heap', ['ops.heap']),
      section('Ops.usp_x/03-result', ['result']),
      section('Ops.usp_x/04-result', ['result', '@Done']),
      section('Ops.usp_x/05-outputs', ['outputs']),
    ],
  };

  it('pairs each captured output a section produces with the file migrate run writes, and reads back as a config', async () => {
    const text = renderAcceptanceConfig(sources, 'STAMP');
    expect(text).toContain('(STAMP)');
    expect(text).toContain('#   dbo.RunLog (1 row): no section outputs it');
    expect(text).toContain('#   result set 3 (0 rows): the sections output 2 results');
    expect(pairedOutputs(sources)).toBe(5);
    await inTempDir('accept-config-', async (dir) => {
      const file = join(dir, 'Ops.usp x.yaml');
      writeFileSync(file, text);
      const jobs = loadAcceptanceConfig(file);
      const shown = jobs.map((j) => [j.name, j.expected, j.actual, j.options.key].map((v) => JSON.stringify(v).replaceAll(JSON.stringify(dir).slice(1, -1), '<dir>')));
      expect(shown.map((r) => r.join(' ')).join('\n')).toMatchSnapshot();
      expect(jobs.map((j) => j.name)).toEqual(['Ops.[Stock: Count]', 'Ops.Heap', 'result set 1 (Ops.usp_x/03-result)', 'result set 2 (Ops.usp_x/04-result)', 'OUTPUT parameters']);
      expect(jobs[0]?.options.key).toEqual(['Item #', 'Day']);
      expect(jobs[1]?.options.key).toEqual([]);
    });
  });

  it('compares nothing when no section outputs what the legacy run wrote', () => {
    expect(pairedOutputs({ ...sources, specs: [section('Ops.usp_x/01-range', ['range'])] })).toBe(0);
  });

  it('names a table whose every column is not reproducible in the header instead of an entry that could never pass', () => {
    // a MERGE read a sequence-numbered change id: the emulator taints every column it wrote
    const tainted: ConfigSources = {
      folder: 'Pricing.usp_Apply Promo',
      manifest: manifest({
        tables: [
          { name: 'pricing.[current price]', displayName: 'Pricing.Current Price', file: 'Pricing.Current Price.csv', rows: 9, key: ['Store No', 'Item Code'] },
          { name: 'pricing.pricechange', displayName: 'Pricing.PriceChange', file: 'Pricing.PriceChange.csv', rows: 8, key: ['ChangeId'] },
        ],
        nonReproducible: ['Pricing.Current Price.Item Code', 'Pricing.Current Price.Price', 'Pricing.Current Price.Store No', 'Pricing.PriceChange.ChangeId'],
        nonReproducibleCauses: ['sequence values drawn for 7 rows into ChangeId by the statement at p.sql:93:5'],
      }),
      specs: [section('Pricing.usp_Apply_Promo/01-change', ['Pricing.PriceChange']), section('Pricing.usp_Apply_Promo/02-price', ['Pricing.[Current Price]'])],
      headerOf: (file) => (file === 'Pricing.Current Price.csv' ? ['Store No', 'Item Code', 'Price'] : ['ChangeId', 'Store No', 'NewPrice']),
    };
    const text = renderAcceptanceConfig(tainted, 'STAMP');
    expect(text).toContain('#   Pricing.Current Price (9 rows): every column is listed as not reproducible (manifest.json: sequence values drawn for 7 rows into ChangeId');
    expect(text).not.toContain('Pricing.Current Price.csv');
    expect(text).toContain('- name: Pricing.PriceChange');
    expect(text).toContain('    ignore: [ChangeId]');
    expect(pairedOutputs(tainted)).toBe(1);
  });
});
