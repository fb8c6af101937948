import { parseServerVersion } from '../../../../src/core';
import { parseScript } from '../../../../src/tsql';
import { resultRows, runBody, runSection } from './emulator-helpers';

// A data-quality run logs ERROR_PROCEDURE() of a failed rule check into its error table. SQL
// Server 2017 and later give `DQ.usp_CheckRule` (schema_name.stored_procedure_name), 2016 gives
// `usp_CheckRule` (the ERROR_PROCEDURE reference page); the emulator gave the bare name always,
// a silently wrong log row on 2017+.
const CHECKER = `CREATE PROCEDURE [DQ].usp_CheckRule @RuleType varchar(20)
AS
BEGIN
  IF @RuleType NOT IN ('NOTNULL', 'RANGE') THROW 50001, 'Unknown rule type', 1;
END
GO
`;
const CALL = `BEGIN TRY
  EXEC DQ.usp_CheckRule @RuleType = 'PATTERN';
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS n, ERROR_PROCEDURE() AS p;
END CATCH`;

describe('ERROR_PROCEDURE() by the legacy server\'s release', () => {
  it('names the schema from 2017 (as the CREATE writes it, brackets undone), not on 2016', async () => {
    expect(resultRows(await runBody(CALL, { extraProcs: CHECKER, serverVersion: 2017 }))).toEqual([{ n: 50001, p: 'DQ.usp_CheckRule' }]);
    expect(resultRows(await runBody(CALL, { extraProcs: CHECKER, serverVersion: 2016 }))).toEqual([{ n: 50001, p: 'usp_CheckRule' }]);
  });

  it('gives dbo for a procedure whose CREATE names no schema', async () => {
    const r = await runBody(CALL.replace('DQ.usp_CheckRule', 'usp_CheckRule'), { extraProcs: CHECKER.replace('[DQ].', ''), serverVersion: 2022 });
    expect(resultRows(r)).toEqual([{ n: 50001, p: 'dbo.usp_CheckRule' }]);
  });

  it('is refused where it is read when the release is not stated', async () => {
    await expect(runBody(CALL, { extraProcs: CHECKER })).rejects.toMatchObject({
      code: 'LEGACY_SERVER_VERSION',
      message: 'ERROR_PROCEDURE() of an error in usp_CheckRule depends on the server version: SQL Server 2017 and later give schema_name.usp_CheckRule, 2016 and earlier usp_CheckRule alone',
      hint: expect.stringContaining('--server-version <year>'),
      location: { file: 'usp_test.sql', span: { start: { line: 8, column: 31 } } },
    });
  });

  it('is refused from 2017 when two schemas hold a procedure of that name', async () => {
    const twice = `${CHECKER}${CHECKER.replace('[DQ]', 'Legacy')}`;
    await expect(runBody(CALL, { extraProcs: twice, serverVersion: 2019 })).rejects.toMatchObject({ code: 'LEGACY_SERVER_VERSION', message: expect.stringContaining('2 procedures of the scripts are named usp_CheckRule') });
  });

  it('is NULL for an error of no procedure, whatever the release', async () => {
    const r = await runBody(`BEGIN TRY SELECT 1/0 AS x; END TRY BEGIN CATCH SELECT ERROR_PROCEDURE() AS p; END CATCH`.replace('SELECT 1/0 AS x;', 'EXEC (N\'SELECT 1/0 AS x;\');'), { allowDynamicSql: true });
    expect(resultRows(r)).toEqual([{ p: null }]);
  });

  it('takes the release in a section run too', async () => {
    const scripts = [parseScript(`CREATE TABLE DQ.[Error Log] ([Error Procedure] nvarchar(128) NULL)
GO
${CHECKER}CREATE PROCEDURE DQ.usp_Run
AS
BEGIN
  BEGIN TRY
    EXEC DQ.usp_CheckRule 'PATTERN';
  END TRY
  BEGIN CATCH
    INSERT INTO DQ.[Error Log] ([Error Procedure]) VALUES (ERROR_PROCEDURE());
  END CATCH
END
GO
`, { file: 'dq.sql' })];
    const log = { name: 'DQ.Error Log', columns: [{ name: 'Error Procedure', type: 'text?' }], rows: [] };
    const r = await runSection({ scripts, procedure: 'DQ.usp_Run', lines: [{ start: 11, end: 16 }], params: {}, tables: [log], outputs: ['DQ.Error Log'], serverVersion: 2017 });
    expect(r.outputs.get('DQ.Error Log')?.rows).toEqual([['DQ.usp_CheckRule']]);
  });
});

describe('parseServerVersion', () => {
  it('takes a release year and refuses anything else with what to run', () => {
    expect(parseServerVersion('2016', '--server-version')).toBe(2016);
    expect(parseServerVersion(undefined, '--server-version')).toBeUndefined();
    expect(() => parseServerVersion('2018', '--server-version')).toThrow(/--server-version 2018 is not a SQL Server release/);
  });
});
