import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineSession } from '../../../src/engine';
import { loadSpecs, loadWorkspaceConfig, runPipeline, viewNames } from '../../../src/sections';

const root = join(__dirname, '../../..');
const config = loadWorkspaceConfig(root);
const data = join(root, 'acceptance/example/data');

// A section given a view's rows (an SSDT procedure reading dbo.vw_RecentOrders) has no data file
// in a database export, which holds tables only. Run as an empty view, the section wrote a
// plausible table of nothing (a MERGE … WHEN NOT MATCHED BY SOURCE DELETE emptied the summary)
// with a warning only; now the run stops and asks for the view's rows.
describe('migrate run and an input that is a view', () => {
  let session: EngineSession;
  let dir: string;
  beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); dir = mkdtempSync(join(tmpdir(), 'view-input-')); });
  afterAll(() => { session.close(); rmSync(dir, { recursive: true, force: true }); });

  const run = async (dataDir: string) => {
    const { specs } = await loadSpecs(join(root, 'sections'), undefined, 'dbo.usp_CountEntityLetters');
    // dbo.Entity stands in for a view here
    return runPipeline(session, specs, { dataDir, format: 'csv', params: {}, isView: (name) => name.toLowerCase() === 'dbo.entity', transformFile: (id) => join(root, config.paths.transforms, `${id}.ts`) });
  };

  it('stops naming the section and the view when no data file holds its rows', async () => {
    writeFileSync(join(dir, 'dbo.EntityWord.csv'), readFileSync(join(data, 'dbo.EntityWord.csv')));
    await expect(run(dir)).rejects.toMatchObject({
      code: 'RUN_INPUT_VIEW',
      message: expect.stringMatching(/01-count-letters reads the view dbo\.Entity, and .* has no data file for it/) as unknown,
      hint: expect.stringContaining('dbo.Entity.csv') as unknown,
    });
  });

  it('reads the view\'s exported rows like a table\'s', async () => {
    writeFileSync(join(dir, 'dbo.Entity.csv'), readFileSync(join(data, 'dbo.Entity.csv')));
    const result = await run(dir);
    expect(result.missingInputs).toEqual([]);
    expect(result.sections[0]?.rows).toBe(readFileSync(join(data, 'dbo.Entity.csv'), 'utf8').trim().split('\n').length - 1);
  });

  it('knows the views of the workspace\'s scripts (not its tables or synonyms)', () => {
    const ws = mkdtempSync(join(tmpdir(), 'view-names-'));
    try {
      mkdirSync(join(ws, 'procedures', 'Views'), { recursive: true });
      writeFileSync(join(ws, 'procedures', 'Views', 'v.sql'), '\uFEFFCREATE VIEW [dbo].[vw_Recent Orders] AS SELECT 1 AS x\r\nGO\r\nCREATE VIEW Sales.vw_X WITH SCHEMABINDING AS SELECT 1 AS y\r\nGO\r\n');
      writeFileSync(join(ws, 'procedures', 't.sql'), 'CREATE TABLE dbo.T (x int)\nGO\nCREATE SYNONYM dbo.S FOR dbo.T\nGO\n');
      expect([...viewNames(loadWorkspaceConfig(ws))].sort()).toEqual(['dbo.vw_recent orders', 'sales.vw_x']);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});

// An SSDT archive procedure writes `dbo.ArchivedOrders` (a synonym) in one section and reads its
// target `[$(ArchiveDb)].dbo.LineArchive` in the next: one table. Keyed by the name as written,
// the second section read an empty table (a warning) and its DELETE … WHERE EXISTS removed nothing.
describe('migrate run and a table written through a synonym', () => {
  let session: EngineSession;
  let dir: string;
  beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); dir = mkdtempSync(join(tmpdir(), 'synonym-flow-')); });
  afterAll(() => { session.close(); rmSync(dir, { recursive: true, force: true }); });

  it('feeds what one section writes through the synonym to the section reading the target', async () => {
    const engine = join(root, 'src/engine');
    writeFileSync(join(dir, '01-archive.ts'), `import { defineTransform, table } from ${JSON.stringify(engine)};
export default defineTransform({ name: 'dbo.p/01-archive', inputs: {}, outputName: 'dbo.ArchivedOrders', output: table({ Id: 'int' }),
  sql: () => 'SELECT 7 AS Id UNION ALL SELECT 8' });
`);
    writeFileSync(join(dir, '02-count.ts'), `import { defineTransform, table } from ${JSON.stringify(engine)};
export default defineTransform({ name: 'dbo.p/02-count', inputs: { '[$(ArchiveDb)].dbo.LineArchive': table({ Id: 'int' }) }, outputName: 'dbo.Counted', output: table({ N: 'int' }),
  sql: ({ table }) => \`SELECT CAST(count(*) AS INTEGER) AS N FROM \${table('[$(ArchiveDb)].dbo.LineArchive')}\` });
`);
    const specs = ['01-archive', '02-count'].map((s) => ({ id: `dbo.p/${s}`, ignored: false, lines: [{ start: 1, end: 1 }] })) as unknown as Parameters<typeof runPipeline>[1];
    const out = join(dir, 'out');
    const result = await runPipeline(session, specs, {
      dataDir: dir, outDir: out, format: 'csv', params: {}, transformFile: (id) => join(dir, `${id.split('/')[1] ?? ''}.ts`),
      synonymTarget: (name) => (name.toLowerCase() === 'dbo.archivedorders' ? '$(archivedb).dbo.linearchive' : undefined),
    });
    expect(result.missingInputs).toEqual([]);
    expect(readFileSync(join(out, 'dbo.Counted.csv'), 'utf8')).toBe('N\n2\n');
  });
});

// An EDI normaliser's transform reproduces the legacy 245 with error() (a payer code 'BCBS' joined
// to an int id): the run stopped with DuckDB's text only, naming no section of the procedure.
describe('migrate run and a transform that fails on the data', () => {
  it('names the section whose transform failed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'run-transform-error-'));
    const session = await EngineSession.open({ threads: 1 });
    try {
      const engine = JSON.stringify(join(root, 'src/engine'));
      writeFileSync(join(dir, 't.ts'), `import { defineTransform, table } from ${engine};
export default defineTransform({
  name: 'dbo.usp_CountEntityLetters/01-count-letters',
  inputs: { 'dbo.Entity': table({ EntityId: 'int' }) },
  outputName: 'dbo.EntityLetterCount',
  output: table({ EntityId: 'int', Letter: 'text', Occurrences: 'int', WordsScanned: 'int' }),
  params: {},
  sql: ({ table }) => \`SELECT EntityId, error('Conversion failed when converting the varchar value ''BCBS'' to data type int.') AS Letter, 0 AS Occurrences, 0 AS WordsScanned FROM \${table('dbo.Entity')}\`,
});
`);
      const { specs } = await loadSpecs(join(root, 'sections'), undefined, 'dbo.usp_CountEntityLetters');
      await expect(runPipeline(session, specs, { dataDir: data, format: 'csv', params: {}, transformFile: () => join(dir, 't.ts') })).rejects.toMatchObject({
        code: 'RUN_TRANSFORM',
        message: expect.stringMatching(/^dbo\.usp_CountEntityLetters\/01-count-letters: its transform failed on this data: DuckDB: .*'BCBS' to data type int/) as unknown,
      });
    } finally {
      session.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
