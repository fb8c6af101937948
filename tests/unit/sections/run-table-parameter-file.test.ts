import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SectionsError } from '../../../src/core';
import { EngineSession } from '../../../src/engine';
import { loadSpecs, runPipeline } from '../../../src/sections';

// A BOM explosion for the items the planner picks (`@TopItems dbo.ItemIdList READONLY`):
// `migrate capture` takes the parameter's rows from `--param @TopItems=items.csv`. `migrate run`
// looked only in the data folder for them, warned "no data for @TopItems" and exploded nothing,
// so accept compared an empty run with the legacy rows. It now reads the same file.
const root = join(__dirname, '../../..');
const engine = join(root, 'src/engine').replace(/\\/g, '/');

describe('migrate run given a table-valued parameter as --param @p=file.csv', () => {
  let dir: string;
  let session: EngineSession;
  beforeAll(async () => {
    session = await EngineSession.open({ threads: 1 });
    dir = mkdtempSync(join(tmpdir(), 'run-tvp-'));
    for (const d of ['sections/dbo.usp_Explode', 'transforms/dbo.usp_Explode', 'data']) mkdirSync(join(dir, d), { recursive: true });
    writeFileSync(join(dir, 'sections/dbo.usp_Explode/01-picked.feature'), '@proc:dbo.usp_Explode @lines:5-9 @output:dbo.Picked\nFeature: picked\n  Scenario: one\n    When the section runs\n    Then table dbo.Picked:\n      | ItemID:int |\n');
    writeFileSync(join(dir, 'transforms/dbo.usp_Explode/01-picked.ts'), `import { defineTransform, table } from '${engine}';\n`
      + `export const inputs = { '@TopItems': table({ ItemID: 'int' }) };\n`
      + `export default defineTransform({ name: 'dbo.usp_Explode/01-picked', inputs, outputName: 'dbo.Picked', output: table({ ItemID: 'int' }),\n`
      + `  sql: ({ table }) => \`SELECT ItemID FROM \${table('@TopItems')}\` });\n`);
    writeFileSync(join(dir, 'top items.csv'), 'ItemID\n1\n7\n');
  });
  afterAll(() => { session.close(); rmSync(dir, { recursive: true, force: true }); });

  const run = async (file: string): Promise<Awaited<ReturnType<typeof runPipeline>>> => {
    const { specs } = await loadSpecs(join(dir, 'sections'), undefined, 'dbo.usp_Explode');
    return runPipeline(session, specs, { dataDir: join(dir, 'data'), outDir: join(dir, 'out'), format: 'csv', params: { '@TopItems': file }, transformFile: (id) => join(dir, 'transforms', `${id}.ts`) });
  };

  it('reads its rows from the file', async () => {
    const result = await run(join(dir, 'top items.csv'));
    expect(result.missingInputs).toEqual([]);
    expect(readFileSync(join(dir, 'out', 'dbo.Picked.csv'), 'utf8').trim().split('\n')).toEqual(['ItemID', '1', '7']);
  });

  it('names a file that is not there', async () => {
    const err = await run(join(dir, 'nope.csv')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SectionsError);
    expect((err as SectionsError).message).toMatch(/--param @TopItems=.*nope\.csv: @TopItems is a table the sections read/);
  });
});
