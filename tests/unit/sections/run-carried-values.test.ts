import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineSession } from '../../../src/engine';
import { findProcedureParameters, loadSpecs, loadWorkspaceConfig, runPipeline, type PipelineOptions } from '../../../src/sections';
import { valuesSetBetweenSections } from '../../../src/cli/reassigned-parameters';

// A load opens a batch row and keeps its identity (`SET @BatchId = SCOPE_IDENTITY()`), then a
// later section stamps the fact rows with it. The batch section's transform declares the value
// it leaves (`values`), and `migrate run` hands it to the fact section, as the variable did.
const root = join(__dirname, '../../..');
const engine = join(root, 'src/engine').replace(/\\/g, '/');
const PROC = `CREATE PROCEDURE dw.usp_Carry AS
BEGIN
  DECLARE @BatchId int
  INSERT dw.Batch (Src) VALUES ('nightly')
  SET @BatchId = SCOPE_IDENTITY()
  INSERT dw.Fact (BatchId, Code) SELECT @BatchId, Code FROM stg.Code
END
GO
`;

const BATCH_VALUES = `  values: { '@BatchId': { type: 'int', sql: ({ output }) => \`SELECT max(BatchId) FROM \${output()}\` } },\n`;

function writeSections(dir: string, batchValues: string, lines = { batch: '3-5', fact: '6' }): void {
  const sections = join(dir, 'sections/dw.usp_Carry');
  const transforms = join(dir, 'transforms/dw.usp_Carry');
  mkdirSync(sections, { recursive: true });
  mkdirSync(transforms, { recursive: true });
  writeFileSync(join(sections, '01-batch.feature'), `@proc:dw.usp_Carry @lines:${lines.batch} @output:dw.Batch\nFeature: batch\n  Scenario: one\n    When the section runs\n    Then table dw.Batch:\n      | BatchId:int | Src:text |\n`);
  writeFileSync(join(sections, '02-fact.feature'), `@proc:dw.usp_Carry @lines:${lines.fact} @output:dw.Fact\nFeature: fact\n  Scenario: one\n    Given parameter @BatchId:int? = 1\n    When the section runs\n    Then table dw.Fact:\n      | BatchId:int? | Code:text |\n`);
  writeFileSync(join(transforms, '01-batch.ts'), `import { defineTransform, table } from '${engine}';\n`
    + `export default defineTransform({ name: 'dw.usp_Carry/01-batch', inputs: {}, outputName: 'dw.Batch', output: table({ BatchId: 'int', Src: 'text' }),\n`
    + `  sql: () => \`SELECT 41 AS BatchId, 'earlier' AS Src UNION ALL SELECT 42, 'nightly'\`,\n${batchValues}});\n`);
  writeFileSync(join(transforms, '02-fact.ts'), `import { defineTransform, table } from '${engine}';\n`
    + `export default defineTransform({ name: 'dw.usp_Carry/02-fact', inputs: {}, outputName: 'dw.Fact', output: table({ BatchId: 'int?', Code: 'text' }), params: { '@BatchId': 'int?' },\n`
    + `  sql: ({ param }) => \`SELECT CAST(\${param('@BatchId')} AS INTEGER) AS BatchId, 'C1' AS Code\` });\n`);
}

describe('migrate run hands a value one section declares to the later sections reading it', () => {
  let dir: string;
  let session: EngineSession;
  beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
  afterAll(() => session.close());
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // a workspace per run: a transform module, once required, stays loaded under its path
  const run = async (batchValues: string, extra: Partial<PipelineOptions> = {}, withScript = true, proc = { text: PROC, lines: { batch: '3-5', fact: '6' } }, between = false): Promise<Awaited<ReturnType<typeof runPipeline>>> => {
    dir = mkdtempSync(join(tmpdir(), 'carried-values-'));
    mkdirSync(join(dir, 'procedures'));
    writeFileSync(join(dir, 'procedures/dw.usp_Carry.sql'), proc.text);
    writeSections(dir, batchValues, proc.lines);
    const { specs } = await loadSpecs(join(dir, 'sections'), undefined, 'dw.usp_Carry');
    const found = findProcedureParameters(loadWorkspaceConfig(dir), 'dw.usp_Carry');
    return runPipeline(session, specs, {
      dataDir: dir, outDir: join(dir, 'out'), format: 'csv', params: {}, procedureParameters: [],
      ...(found && withScript ? { assignedVariables: found.assignedVariables, declarationLines: found.declarationLines } : {}),
      ...(found && between ? { setBetween: valuesSetBetweenSections(found, specs) } : {}),
      transformFile: (id) => join(dir, 'transforms', `${id}.ts`), ...extra,
    });
  };

  it('gives the fact section the batch id the batch section computed, with no --param', async () => {
    const result = await run(BATCH_VALUES);
    expect(result.values).toEqual([{ section: 'dw.usp_Carry/01-batch', name: '@BatchId', value: '42' }]);
    expect(readFileSync(join(dir, 'out', 'dw.Fact.csv'), 'utf8').trim().split('\n')).toEqual(['BatchId,Code', '42,C1']);
  });

  // propose puts a table variable's DECLARE in the section that uses it: the fact section then
  // starts at line 3, before the batch id's SET, and the run said no statement sets it
  it('gives the value to a section whose first line is a table variable\'s DECLARE, before the assignment', async () => {
    const text = PROC.replace('BEGIN\n', 'BEGIN\n  DECLARE @Codes TABLE (Code varchar(10))\n');
    const result = await run(BATCH_VALUES, {}, true, { text, lines: { batch: '4-6', fact: '3,7' } });
    expect(result.values).toEqual([{ section: 'dw.usp_Carry/01-batch', name: '@BatchId', value: '42' }]);
    expect(readFileSync(join(dir, 'out', 'dw.Fact.csv'), 'utf8')).toContain('42,C1');
  });

  // the fact section cut around the batch statements (`@lines:4,7`): it reads the id line 6 sets
  // between its lines, which the run took for set by no statement before it
  it('gives the value to a section that another section\'s statement sets it for between its lines', async () => {
    const text = PROC.replace("  INSERT dw.Batch", "  DELETE FROM dw.Fact WHERE Code = 'C1'\n  INSERT dw.Batch");
    const result = await run(BATCH_VALUES, {}, true, { text, lines: { batch: '3,5-6', fact: '4,7' } }, true);
    expect(result.values).toEqual([{ section: 'dw.usp_Carry/01-batch', name: '@BatchId', value: '42' }]);
    expect(readFileSync(join(dir, 'out', 'dw.Fact.csv'), 'utf8')).toContain('42,C1');
  });

  it('takes the latest declared value when the procedure\'s assignments are not known', async () => {
    const result = await run(BATCH_VALUES, {}, false);
    expect(readFileSync(join(dir, 'out', 'dw.Fact.csv'), 'utf8')).toContain('42,C1');
    expect(result.values).toHaveLength(1);
  });

  it('stops, naming the section that should declare it, when no transform declares the value', async () => {
    await expect(run('')).rejects.toMatchObject({
      code: 'RUN_VALUE_UNKNOWN',
      message: expect.stringContaining('dw.usp_Carry/02-fact needs @BatchId, which the legacy procedure computes in another statement (line 5, in dw.usp_Carry/01-batch)'),
      hint: expect.stringContaining("declare it in dw.usp_Carry/01-batch's transform: values: { '@BatchId'"),
    });
  });

  it('refuses a --param for a value an earlier section computes, rather than pick one of the two', async () => {
    await expect(run(BATCH_VALUES, { params: { '@BatchId': '7' }, explicitParameters: new Set(['batchid']) })).rejects.toMatchObject({
      code: 'RUN_VALUE_GIVEN_AND_CARRIED',
      message: expect.stringContaining('dw.usp_Carry/01-batch computes (its transform declares it) and --param @BatchId gives too'),
    });
  });
});
