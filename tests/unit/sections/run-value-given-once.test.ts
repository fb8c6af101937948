import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineSession } from '../../../src/engine';
import { findProcedureParameters, loadSpecs, loadWorkspaceConfig, runPipeline } from '../../../src/sections';

// A warehouse load logs each step: `SET @rc = @@ROWCOUNT` after the step, then `INSERT
// dw.EtlBatchStep … VALUES (@BatchId, 'step', @rc)`. propose puts each SET with the statement
// whose count it reads and each log INSERT in a section of its own, so the log sections read
// @rc as `Given parameter`, which `migrate run` takes from one --param. The legacy run gives
// them different counts (1 inferred member, then 8 fact rows): one value for both wrote a wrong
// count in one log row, silently. The run now stops, naming both sections and both lines.
const root = join(__dirname, '../../..');
const engine = join(root, 'src/engine').replace(/\\/g, '/');
const PROC = `CREATE PROCEDURE dw.usp_Load AS
BEGIN
  DECLARE @rc int = 0, @BatchId int = 7
  INSERT dw.Dim (Code) SELECT 'x'
  SET @rc = @@ROWCOUNT
  INSERT dw.Step (BatchId, StepName, RowsAffected) VALUES (@BatchId, 'dim', @rc)
  INSERT dw.Fact (Code) SELECT 'y'
  SET @rc = @@ROWCOUNT
  INSERT dw.Step (BatchId, StepName, RowsAffected) VALUES (@BatchId, 'fact', @rc)
END
GO
`;

function writeLogSection(dir: string, name: string, line: number, step: string): void {
  writeFileSync(join(dir, `sections/dw.usp_Load/${name}.feature`), `@proc:dw.usp_Load @lines:${line} @output:dw.Step\nFeature: ${name}\n  Scenario: one\n    When the section runs\n    Then table dw.Step:\n      | StepName:text | RowsAffected:int? |\n`);
  writeFileSync(join(dir, `transforms/dw.usp_Load/${name}.ts`), `import { defineTransform, table } from '${engine}';\nexport const inputs = {};\n`
    + `export default defineTransform({ name: 'dw.usp_Load/${name}', inputs, outputName: 'dw.Step', output: table({ StepName: 'text', RowsAffected: 'int?' }), params: { '@rc': 'int?', '@BatchId': 'int?' },\n`
    + `  sql: ({ param }) => \`SELECT '${step}' AS StepName, CAST(\${param('@rc')} AS INTEGER) AS RowsAffected WHERE \${param('@BatchId')} IS NOT NULL\` });\n`);
}

describe('a value --param gives once to sections that read different assignments of it', () => {
  let dir: string;
  let session: EngineSession;
  beforeAll(async () => {
    session = await EngineSession.open({ threads: 1 });
    dir = mkdtempSync(join(tmpdir(), 'given-once-'));
    mkdirSync(join(dir, 'procedures'));
    mkdirSync(join(dir, 'sections/dw.usp_Load'), { recursive: true });
    mkdirSync(join(dir, 'transforms/dw.usp_Load'), { recursive: true });
    writeFileSync(join(dir, 'procedures/dw.usp_Load.sql'), PROC);
  });
  afterAll(() => { session.close(); rmSync(dir, { recursive: true, force: true }); });

  it('finds every assignment of a local variable, its DECLARE value included', () => {
    const found = findProcedureParameters(loadWorkspaceConfig(dir), 'dw.usp_Load');
    expect(found?.assignedVariables.get('@rc')).toEqual([3, 5, 8]);
    expect(found?.assignedVariables.get('@batchid')).toEqual([3]);
    expect(found?.assigned.get('@rc')).toBeUndefined();
  });

  const run = async (lines: readonly number[]): Promise<unknown> => {
    rmSync(join(dir, 'sections/dw.usp_Load'), { recursive: true, force: true });
    mkdirSync(join(dir, 'sections/dw.usp_Load'), { recursive: true });
    lines.forEach((line, i) => writeLogSection(dir, `0${i + 1}-step`, line, `step${i + 1}`));
    const { specs } = await loadSpecs(join(dir, 'sections'), undefined, 'dw.usp_Load');
    const found = findProcedureParameters(loadWorkspaceConfig(dir), 'dw.usp_Load');
    return runPipeline(session, specs, {
      dataDir: dir, format: 'csv', params: { '@rc': '8', '@BatchId': '7' }, procedureParameters: [],
      ...(found ? { assignedVariables: found.assignedVariables } : {}),
      transformFile: (id) => join(dir, 'transforms', `${id}.ts`),
    });
  };

  it('stops when the two log sections follow different assignments of @rc', async () => {
    await expect(run([6, 9])).rejects.toMatchObject({
      code: 'RUN_VALUE_AMBIGUOUS',
      message: expect.stringContaining('both read @rc, which the legacy procedure sets at line 5 before dw.usp_Load/01-step and again at line 8 before dw.usp_Load/02-step'),
    });
  });

  it('runs a single reader of @rc, and @BatchId, which one DECLARE sets', async () => {
    await expect(run([9])).resolves.toMatchObject({ sections: [{ id: 'dw.usp_Load/01-step', rows: 1 }] });
  });
});
