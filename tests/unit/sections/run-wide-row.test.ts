import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineSession } from '../../../src/engine';
import { loadSpecs, loadWorkspaceConfig, runPipeline } from '../../../src/sections';

const root = join(__dirname, '../../..');
const config = loadWorkspaceConfig(root);
const data = join(root, 'acceptance/example/data');

// An export with a name holding an unquoted comma: DuckDB read the file in that row's shape, and
// migrate run said every declared column was missing from the file instead of naming the row.
describe('migrate run over a data file with a row wider than its header', () => {
  it('names the row and says to quote the value', async () => {
    const session = await EngineSession.open({ threads: 1 });
    const dir = mkdtempSync(join(tmpdir(), 'wide-'));
    try {
      writeFileSync(join(dir, 'dbo.Entity.csv'), 'EntityId,EntityName,Letter\n1,Entity 001,E\n2,Smith, Jones and Co,S\n');
      writeFileSync(join(dir, 'dbo.EntityWord.csv'), readFileSync(join(data, 'dbo.EntityWord.csv')));
      const { specs } = await loadSpecs(join(root, 'sections'), undefined, 'dbo.usp_CountEntityLetters');
      await expect(runPipeline(session, specs, { dataDir: dir, format: 'csv', params: {}, transformFile: (id) => join(root, config.paths.transforms, `${id}.ts`) })).rejects.toMatchObject({
        code: 'RUN_INPUT_COLUMN_MISSING',
        message: expect.stringContaining('line 3 of the CSV has 4 comma-separated fields where its header (line 1) has 3'),
        location: { file: join(dir, 'dbo.Entity.csv'), span: { start: { line: 3 } } },
      });
    } finally {
      session.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
