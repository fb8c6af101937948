import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { EngineSession } from '../../../src/engine';
import { findParamValue, loadSpecs, loadWorkspaceConfig, readAcceptanceResult, runPipeline } from '../../../src/sections';

const root = join(__dirname, '../../..');
const config = loadWorkspaceConfig(root);
const data = join(root, 'acceptance/example/data');

describe('runPipeline on the example data', () => {
  let session: EngineSession;
  let out: string;
  beforeAll(async () => { session = await EngineSession.open({ threads: 2 }); out = mkdtempSync(join(tmpdir(), 'run-')); });
  afterAll(() => { session.close(); rmSync(out, { recursive: true, force: true }); });

  it('counts letters for every entity (one row each) and writes CSV', async () => {
    const { specs } = await loadSpecs(join(root, 'sections'), undefined, 'dbo.usp_CountEntityLetters');
    const result = await runPipeline(session, specs, { dataDir: data, outDir: out, format: 'csv', params: {}, transformFile: (id) => join(root, config.paths.transforms, `${id}.ts`) });
    const entities = readFileSync(join(data, 'dbo.Entity.csv'), 'utf8').trim().split('\n').length - 1;
    expect(result.sections.map((s) => [s.id, s.rows])).toEqual([['dbo.usp_CountEntityLetters/01-count-letters', entities]]);
    const csv = readFileSync(join(out, 'dbo.EntityLetterCount.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe('EntityId,Letter,Occurrences,WordsScanned');
  });

  it('feeds earlier outputs into later sections (as the #temp tables did) and writes Parquet', async () => {
    const { specs } = await loadSpecs(join(root, 'sections'), undefined, 'dbo.usp_BuildDeviceKpis');
    const result = await runPipeline(session, specs, {
      dataDir: data, outDir: out, format: 'parquet', params: { '@FromDate': '2026-03-02', '@ToDate': '2026-03-08', '@MinSamples': '10' },
      transformFile: (id) => join(root, config.paths.transforms, `${id}.ts`),
    });
    expect(result.sections.map((s) => s.output)).toEqual(['#UsageWithConfig', 'kpi.DeviceDailyUsage', 'kpi.ConfigurationKpi', 'kpi.BestConfigurationByWorkload', 'result']);
    expect(result.missingInputs).toEqual(['kpi.ConfigurationKpi']);
    const usage = result.sections[0]?.rows ?? 0;
    const daily = await session.scalar(`SELECT sum(Samples) FROM read_parquet('${join(out, 'kpi.DeviceDailyUsage.parquet')}')`);
    expect(Number(daily)).toBe(usage);
    const best = await session.scalar(`SELECT count(*) FROM read_parquet('${join(out, 'result.parquet')}')`);
    expect(Number(best)).toBe(result.sections[3]?.rows);
  });

  it.each([
    [false, ['kpi.BestConfigurationByWorkload.csv', 'kpi.ConfigurationKpi.csv', 'kpi.DeviceDailyUsage.csv', 'result.csv']],
    [true, ['#UsageWithConfig.csv', 'kpi.BestConfigurationByWorkload.csv', 'kpi.ConfigurationKpi.csv', 'kpi.DeviceDailyUsage.csv', 'result.csv']],
  ])('with keepTemps %p writes the tables and result sets the procedure leaves behind (#temp tables only on request)', async (keepTemps, files) => {
    const dir = mkdtempSync(join(tmpdir(), 'run-temps-'));
    const { specs } = await loadSpecs(join(root, 'sections'), undefined, 'dbo.usp_BuildDeviceKpis');
    const result = await runPipeline(session, specs, {
      dataDir: data, outDir: dir, format: 'csv', keepTemps, params: { '@FromDate': '2026-03-02', '@ToDate': '2026-03-08', '@MinSamples': '10' },
      transformFile: (id) => join(root, config.paths.transforms, `${id}.ts`),
    });
    expect(readdirSync(dir).sort()).toEqual(files);
    expect(result.outputs.map((o) => basename(o.file)).sort()).toEqual(files);
    expect(result.sections).toHaveLength(5);
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports an input value that does not fit its declared type, naming the section', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'bad-'));
    writeFileSync(join(bad, 'dbo.Entity.csv'), 'EntityId,Letter\nx1,a\n');
    const { specs } = await loadSpecs(join(root, 'sections'), undefined, 'dbo.usp_CountEntityLetters');
    await expect(runPipeline(session, specs, { dataDir: bad, format: 'csv', params: {}, transformFile: (id) => join(root, config.paths.transforms, `${id}.ts`) }))
      .rejects.toThrow(/01-count-letters: an input value does not fit its declared type/);
    rmSync(bad, { recursive: true, force: true });
  });

  it('reads an input that is a synonym from its target\'s data file (an export has the tables, not the synonyms)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'synonym-'));
    // dbo.Entity stands for Legacy.Entities here: the export has Legacy.Entities.csv only
    writeFileSync(join(dir, 'Legacy.Entities.csv'), readFileSync(join(data, 'dbo.Entity.csv')));
    writeFileSync(join(dir, 'dbo.EntityWord.csv'), readFileSync(join(data, 'dbo.EntityWord.csv')));
    const { specs } = await loadSpecs(join(root, 'sections'), undefined, 'dbo.usp_CountEntityLetters');
    const result = await runPipeline(session, specs, {
      dataDir: dir, format: 'csv', params: {}, transformFile: (id) => join(root, config.paths.transforms, `${id}.ts`),
      synonymTarget: (name) => (name.toLowerCase() === 'dbo.entity' ? 'legacy.entities' : undefined),
    });
    // Before: "no data for dbo.Entity", run as an empty table: no rows at all.
    expect(result.missingInputs).toEqual([]);
    expect(result.sections[0]?.rows).toBe(readFileSync(join(data, 'dbo.Entity.csv'), 'utf8').trim().split('\n').length - 1);
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the section that reads a bad input even when it was loaded while an earlier section ran', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'bad-'));
    for (const f of readdirSync(data)) writeFileSync(join(bad, f), readFileSync(join(data, f)));
    writeFileSync(join(bad, 'dbo.DeviceAppInventory.csv'), 'DeviceId,BatchId,CollectedAt,AppName\n1,one,2026-03-02 10:00:00,Word\n');
    const { specs } = await loadSpecs(join(root, 'sections'), undefined, 'dbo.usp_BuildDeviceKpis');
    await expect(runPipeline(session, specs, { dataDir: bad, format: 'csv', params: { '@FromDate': '2026-03-02', '@ToDate': '2026-03-08' }, transformFile: (id) => join(root, config.paths.transforms, `${id}.ts`) }))
      .rejects.toThrow(/02-device-daily-usage: an input value does not fit its declared type/);
    rmSync(bad, { recursive: true, force: true });
  });

  it('stops when a data file lacks a declared input column that the table computes (it would read NULL)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'computed-'));
    try {
      // dbo.Entity as SQL Server exports its stored columns, if its Letter were `AS (LEFT(EntityName, 1))`
      writeFileSync(join(dir, 'dbo.Entity.csv'), 'EntityId,EntityName\n1,Entity 001\n');
      writeFileSync(join(dir, 'dbo.EntityWord.csv'), readFileSync(join(data, 'dbo.EntityWord.csv')));
      const { specs } = await loadSpecs(join(root, 'sections'), undefined, 'dbo.usp_CountEntityLetters');
      const asked: string[] = [];
      const computedColumn = (t: string, c: string): string | undefined => { asked.push(`${t}.${c}`); return t === 'dbo.Entity' && c === 'Letter' ? 'LEFT(EntityName, 1)' : undefined; };
      const run = (computed: typeof computedColumn | undefined) => runPipeline(session, specs, { dataDir: dir, format: 'csv', params: {}, ...(computed ? { computedColumn: computed } : {}), transformFile: (id) => join(root, config.paths.transforms, `${id}.ts`) });
      await expect(run(computedColumn)).rejects.toMatchObject({
        code: 'RUN_INPUT_COMPUTED',
        message: expect.stringContaining('01-count-letters reads dbo.Entity.Letter, a computed column (AS (LEFT(EntityName, 1))), and dbo.Entity.csv does not hold it'),
      });
      // asked only about the column the file lacks
      expect(asked).toEqual(['dbo.Entity.Letter']);
      // a stored column a file lacks is unknown, not NULL: the run stops too, naming it
      await expect(run(() => undefined)).rejects.toMatchObject({
        code: 'RUN_INPUT_COLUMN_MISSING',
        message: expect.stringContaining('01-count-letters reads dbo.Entity.Letter, and dbo.Entity.csv does not hold that column'),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes each section\'s result set when the procedure returns several, named as capture names them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'results-'));
    try {
      const engine = join(root, 'src/engine').replace(/\\/g, '/');
      for (const [n, col, value] of [['01-plans', 'Plan', "'GOLD'"], ['02-members', 'Members', '7']] as const) {
        mkdirSync(join(dir, 'sections/dbo.usp_Two'), { recursive: true });
        mkdirSync(join(dir, 'transforms/dbo.usp_Two'), { recursive: true });
        writeFileSync(join(dir, `sections/dbo.usp_Two/${n}.feature`), `@proc:dbo.usp_Two @lines:${n === '01-plans' ? 3 : 4} @output:result\nFeature: ${n}\n  Scenario: one\n    When the section runs\n    Then table result:\n      | ${col}:text |\n`);
        writeFileSync(join(dir, `transforms/dbo.usp_Two/${n}.ts`), `import { defineTransform, table } from '${engine}';\nexport const inputs = {};\nexport const output = table({ ${col}: 'text' });\n`
          + `export default defineTransform({ name: 'dbo.usp_Two/${n}', inputs, outputName: 'result', output, sql: () => \`SELECT CAST(${value} AS VARCHAR) AS ${col}\` });\n`);
      }
      const { specs } = await loadSpecs(join(dir, 'sections'), undefined, 'dbo.usp_Two');
      const outDir = join(dir, 'out');
      const result = await runPipeline(session, specs, { dataDir: dir, outDir, format: 'csv', params: {}, transformFile: (id) => join(dir, 'transforms', `${id}.ts`) });
      // Before: one result.csv, the second result set written over the first.
      expect(result.outputs.map((o) => basename(o.file))).toEqual(['result-set-1.csv', 'result-set-2.csv']);
      expect(readFileSync(join(outDir, 'result-set-1.csv'), 'utf8')).toBe('Plan\nGOLD\n');
      expect(readFileSync(join(outDir, 'result-set-2.csv'), 'utf8')).toBe('Members\n7\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs a section that writes several tables (moreOutputs): each is written, and a later section reads one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'more-'));
    try {
      const engine = join(root, 'src/engine').replace(/\\/g, '/');
      mkdirSync(join(dir, 'sections/dbo.usp_Stock'), { recursive: true });
      mkdirSync(join(dir, 'transforms/dbo.usp_Stock'), { recursive: true });
      writeFileSync(join(dir, 'dbo.Movement.csv'), 'Sku,Qty\nA,5\nA,-2\nB,7\n');
      writeFileSync(join(dir, 'sections/dbo.usp_Stock/01-on-hand.feature'), '@proc:dbo.usp_Stock @lines:3 @output:dbo.OnHand,Audit.StockChange\nFeature: on hand\n  Scenario: one\n    When the section runs\n    Then table dbo.OnHand:\n      | Sku:text |\n');
      writeFileSync(join(dir, 'sections/dbo.usp_Stock/02-report.feature'), '@proc:dbo.usp_Stock @lines:4 @output:result\nFeature: report\n  Scenario: one\n    When the section runs\n    Then table result:\n      | Changes:int |\n');
      writeFileSync(join(dir, 'transforms/dbo.usp_Stock/01-on-hand.ts'), `import { defineTransform, table } from '${engine}';
export const inputs = { 'dbo.Movement': table({ Sku: 'text', Qty: 'int' }) };
export default defineTransform({ name: 'dbo.usp_Stock/01-on-hand', inputs, outputName: 'dbo.OnHand', output: table({ Sku: 'text', Qty: 'bigint' }),
  sql: ({ table: t }) => \`SELECT Sku, sum(Qty) AS Qty FROM \${t('dbo.Movement')} GROUP BY Sku\`,
  moreOutputs: { 'Audit.StockChange': { output: table({ Sku: 'text', Action: 'text' }), sql: ({ table: t }) => \`SELECT DISTINCT Sku, 'INSERT' AS Action FROM \${t('dbo.Movement')}\` } },
});
`);
      writeFileSync(join(dir, 'transforms/dbo.usp_Stock/02-report.ts'), `import { defineTransform, table } from '${engine}';
export const inputs = { 'Audit.StockChange': table({ Sku: 'text', Action: 'text' }) };
export default defineTransform({ name: 'dbo.usp_Stock/02-report', inputs, outputName: 'result', output: table({ Changes: 'int' }),
  sql: ({ table: t }) => \`SELECT CAST(count(*) AS INTEGER) AS Changes FROM \${t('Audit.StockChange')}\` });
`);
      const { specs } = await loadSpecs(join(dir, 'sections'), undefined, 'dbo.usp_Stock');
      const outDir = join(dir, 'out');
      const result = await runPipeline(session, specs, { dataDir: dir, outDir, format: 'csv', params: {}, transformFile: (id) => join(dir, 'transforms', `${id}.ts`) });
      expect(result.sections.map((x) => [x.output, x.rows])).toEqual([['dbo.OnHand', 2], ['Audit.StockChange', 2], ['result', 1]]);
      expect(readdirSync(outDir).sort()).toEqual(['Audit.StockChange.csv', 'dbo.OnHand.csv', 'result.csv']);
      expect(readFileSync(join(outDir, 'result.csv'), 'utf8')).toBe('Changes\n2\n');
      expect(result.missingInputs).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a parameter that does not fit its type', async () => {
    const { specs } = await loadSpecs(join(root, 'sections'), undefined, 'dbo.usp_BuildDeviceKpis');
    await expect(runPipeline(session, specs, { dataDir: data, format: 'csv', params: { '@FromDate': 'yesterday' }, transformFile: (id) => join(root, config.paths.transforms, `${id}.ts`) }))
      .rejects.toThrow(/parameter @FromDate: 'yesterday' is not a date/);
  });

  it('refuses a parameter the transform declares not nullable when none is given (never runs it with NULL)', async () => {
    const { specs } = await loadSpecs(join(root, 'sections'), undefined, 'dbo.usp_BuildDeviceKpis');
    await expect(runPipeline(session, specs, { dataDir: data, format: 'csv', params: { '@ToDate': '2026-03-08' }, transformFile: (id) => join(root, config.paths.transforms, `${id}.ts`) }))
      .rejects.toMatchObject({ code: 'RUN_PARAM_REQUIRED', message: expect.stringContaining('parameter @FromDate') });
  });

  it('refuses a value the legacy code computes in another section when no --param gives it (never runs it with NULL)', async () => {
    const { specs } = await loadSpecs(join(root, 'sections'), undefined, 'dbo.usp_BuildDeviceKpis');
    // as if @ToDate were a DECLAREd local of the procedure rather than a parameter
    await expect(runPipeline(session, specs, { dataDir: data, format: 'csv', params: { '@FromDate': '2026-03-02' }, procedureParameters: ['@FromDate', '@MinSamples', '@Debug'], transformFile: (id) => join(root, config.paths.transforms, `${id}.ts`) }))
      .rejects.toMatchObject({
        code: 'RUN_VALUE_UNKNOWN',
        // no statement sets it: not "computed in another statement", and no "move line ?" in the hint
        message: expect.stringContaining('needs @ToDate, which is no parameter of the procedure and which no statement of it sets before this section'),
        hint: expect.stringMatching(/^pass --param @ToDate=<value> with the value the legacy run used/),
      });
  });

  it('asks no value for a parameter the transform declares but its SQL never reads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unread-param-'));
    try {
      const engine = join(root, 'src/engine').replace(/\\/g, '/');
      mkdirSync(join(dir, 'sections/dbo.usp_P'), { recursive: true });
      mkdirSync(join(dir, 'transforms/dbo.usp_P'), { recursive: true });
      writeFileSync(join(dir, 'sections/dbo.usp_P/01-x.feature'), '@proc:dbo.usp_P @lines:3 @output:result\nFeature: x\n  Scenario: one\n    When the section runs\n    Then table result:\n      | N:int |\n');
      writeFileSync(join(dir, 'transforms/dbo.usp_P/01-x.ts'), `import { defineTransform, table } from '${engine}';
export default defineTransform({ name: 'dbo.usp_P/01-x', inputs: {}, outputName: 'result', output: table({ N: 'int' }), params: { '@Cut': 'int', '@AsOf': 'date' },
  sql: ({ param }) => \`SELECT CAST(\${param('@Cut')} + 1 AS INTEGER) AS N\` });
`);
      const { specs } = await loadSpecs(join(dir, 'sections'), undefined, 'dbo.usp_P');
      // @AsOf is reassigned before the section and not given: the run went on only because the SQL never reads it
      const result = await runPipeline(session, specs, { dataDir: dir, format: 'csv', params: { '@Cut': '4' }, procedureParameters: ['@Cut', '@AsOf'], assignedParameters: new Map([['@asof', [2]]]), transformFile: (id) => join(dir, 'transforms', `${id}.ts`) });
      expect(result.sections.map((x) => x.rows)).toEqual([1]);
      await expect(runPipeline(session, specs, { dataDir: dir, format: 'csv', params: {}, procedureParameters: ['@Cut', '@AsOf'], transformFile: (id) => join(dir, 'transforms', `${id}.ts`) }))
        .rejects.toMatchObject({ code: 'RUN_PARAM_REQUIRED', message: expect.stringContaining('parameter @Cut') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // runPipeline reads a CSV's declared columns straight into their types; that must convert
  // exactly as CAST from text did (value, rounding, or refusal), edge cases included.
  it.each([
    ['INTEGER', ['12', ' 12', '+12', '1e3', '12.5', '0x1F', '2147483648', '', 'abc']],
    ['BIGINT', ['9223372036854775807', '9223372036854775808', '1.5']],
    ['DOUBLE', ['1.5', '1e3', 'inf', '.5', '1,5', '1_000.5']],
    ['DECIMAL(5,2)', ['1.234', '1.235', '-1.235', '999.995', '1e2', '0.005', '1000']],
    ['BOOLEAN', ['1', '0', 'true', 'False', 'T', 'yes', '2', ' true']],
    ['DATE', ['2026-03-02', '2026-3-2', '2026/03/02', '20260302', '2026-03-02 10:00:00']],
    ['TIMESTAMP', ['2026-03-02 10:00:00', '2026-03-02T10:00', '2026-03-02', '2026-03-02 10:00:00.1234567', '2026-03-02 24:00:00']],
  ])('a CSV read as %s converts every value as CAST from text does', async (type, values) => {
    const dir = mkdtempSync(join(tmpdir(), 'typed-'));
    try {
      for (const [i, v] of values.entries()) {
        const file = join(dir, `${i}.csv`);
        writeFileSync(file, `x,y\n"${v}",a\n`);
        const read = async (sql: string): Promise<unknown> => session.scalar(sql).then((x) => String(x), () => 'refused');
        const cast = await read(`SELECT CAST(x AS ${type})::VARCHAR FROM read_csv('${file}', header = true, all_varchar = true)`);
        const typed = await read(`SELECT x::VARCHAR FROM read_csv('${file}', header = true, types = {'x': '${type}', 'y': 'VARCHAR'})`);
        expect([v, typed]).toEqual([v, cast]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([['@FromDate'], ['@fromdate'], ['FromDate']])('finds a parameter value given as %s', (given) => {
    expect(findParamValue({ [given]: '2026-03-02' }, '@FromDate')).toBe('2026-03-02');
  });
});

describe('readAcceptanceResult', () => {
  const dir = mkdtempSync(join(tmpdir(), 'acc-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it.each([
    ['dbo.usp_a.json', { percentMatched: 99.5, at: '2026-01-01T00:00:00Z' }, 'dbo.usp_a', 99.5],
    ['any.json', { procedure: 'dbo.usp_B', tables: [{ result: { percentMatched: 100 } }, { result: { percentMatched: 80 } }] }, 'dbo.usp_b', 80],
    ['dbo.usp_c.json', 'not json', 'dbo.usp_c', null],
    // a table accept could not read (its actual file missing) proved nothing: never 100
    ['dbo.usp_d.json', { procedure: 'dbo.usp_d', tables: [{ result: { percentMatched: 100 } }], passed: false, notCompared: [{ name: 'result-set-1', message: 'no such file' }] }, 'dbo.usp_d', 0],
  ])('%s', (file, content, proc, expected) => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, file), typeof content === 'string' ? content : JSON.stringify(content));
    expect(readAcceptanceResult(dir, proc)?.percentMatched ?? null).toBe(expected);
  });
});
