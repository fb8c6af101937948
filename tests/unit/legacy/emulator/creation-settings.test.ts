import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LegacyError } from '../../../../src/core';
import { EngineSession } from '../../../../src/engine';
import { emulateProcedure, type EmulationResult } from '../../../../src/legacy/emulator/emulate-procedure';
import { parseScript } from '../../../../src/tsql';
import { resultRows } from './emulator-helpers';

// A procedure runs with the QUOTED_IDENTIFIER and ANSI_NULLS settings of the session that
// created it: exported scripts carry them as `SET … OFF` / GO above the CREATE.
const TABLES = 'CREATE TABLE Sales.[Customer List] (Id int PRIMARY KEY, Region varchar(10) NULL, Name varchar(20));';
const dir = mkdtempSync(join(tmpdir(), 'creation-settings-'));
const csv = join(dir, 'Sales.Customer List.csv');
writeFileSync(csv, 'Id,Region,Name\n1,EU,x\n2,,"say ""hi"""\n3,US,it\'s\n');

async function run(procScript: string): Promise<EmulationResult> {
  const scripts = [parseScript(TABLES, { file: 'tables.sql' }), parseScript(procScript, { file: 'procs.sql' })];
  const session = await EngineSession.open({ threads: 1 });
  try {
    return await emulateProcedure({ scripts, procedure: 'dbo.usp_test', session, inputs: [{ table: 'Sales.Customer List', file: csv }], clock: '2026-01-15T10:20:30' });
  } finally {
    session.close();
  }
}

describe('SET QUOTED_IDENTIFIER OFF before CREATE PROCEDURE', () => {
  it('reads "text" as a string literal ("" is one quote, an apostrophe needs no doubling); ON again restores names', async () => {
    const r = await run(`SET QUOTED_IDENTIFIER OFF
GO
CREATE PROCEDURE dbo.usp_test AS
BEGIN
  SELECT "it's done" AS Msg, "say ""hi""" AS Q;
  SELECT Id FROM Sales.[Customer List] WHERE Name = "say ""hi""" OR Name = "it's" ORDER BY Id;
END
GO
SET QUOTED_IDENTIFIER ON
GO
CREATE PROCEDURE dbo.usp_other AS SELECT "Name" FROM Sales.[Customer List];
GO
`);
    expect(resultRows(r, 0)).toEqual([{ Msg: "it's done", Q: 'say "hi"' }]);
    expect(resultRows(r, 1)).toEqual([{ Id: 2 }, { Id: 3 }]);
    const other = parseScript('SET QUOTED_IDENTIFIER OFF\nGO\nSET QUOTED_IDENTIFIER ON\nGO\nCREATE PROCEDURE dbo.p AS SELECT "Name" FROM dbo.t;\n', { file: 'a.sql' });
    expect(JSON.stringify(other.batches[2]?.statements)).toContain('"kind":"ColumnRef"');
  });
});

describe('SET ANSI_NULLS OFF before CREATE PROCEDURE', () => {
  const proc = (settings: string, body: string): string => `${settings}\nGO\nCREATE PROCEDURE dbo.usp_test @Region varchar(10) = NULL, @rc int = NULL AS\nBEGIN\n${body}\nEND\nGO\n`;

  it('refuses a comparison with a variable that may be NULL, naming it and the SET', async () => {
    const err = await run(proc('SET ANSI_NULLS OFF', '  SELECT Id FROM Sales.[Customer List] WHERE Region = @Region;')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).code).toBe('LEGACY_ANSI_NULLS_OFF');
    expect((err as LegacyError).message).toContain('procs.sql:1 set before the object was created');
    expect((err as LegacyError).location).toMatchObject({ file: 'procs.sql', span: { start: { line: 5 } } });
  });

  it.each([
    ['<> against a constant (TRUE for a NULL variable under OFF)', '  IF @rc <> 0 SELECT 1 AS x;'],
    ['= under NOT', '  SELECT Id FROM Sales.[Customer List] WHERE NOT (Id = @rc);'],
    ['IN with a variable in the list', '  SELECT Id FROM Sales.[Customer List] WHERE Region IN (@Region, \'US\');'],
    ['a simple CASE with a NULL WHEN', '  SELECT CASE Region WHEN NULL THEN 1 ELSE 0 END AS n FROM Sales.[Customer List];'],
    ['both settings OFF in one SET', '  SELECT Id FROM Sales.[Customer List] WHERE Region = @Region;', 'SET QUOTED_IDENTIFIER, ANSI_NULLS OFF'],
  ])('refuses %s', async (_name, body, settings = 'SET ANSI_NULLS OFF') => {
    const err = await run(proc(settings, body)).catch((e: unknown) => e);
    expect((err as LegacyError).code).toBe('LEGACY_ANSI_NULLS_OFF');
  });

  it.each([
    ['= against a constant: UNKNOWN and FALSE filter alike', 'SET ANSI_NULLS OFF', '  IF @rc = 0 SELECT 1 AS x ELSE SELECT 2 AS x;', [{ x: 2 }]],
    ['between columns only', 'SET ANSI_NULLS OFF', '  SELECT COUNT(*) AS n FROM Sales.[Customer List] a JOIN Sales.[Customer List] b ON a.Region = b.Region;', [{ n: 2 }]],
    ['turned ON again before the CREATE', 'SET ANSI_NULLS OFF\nGO\nSET ANSI_NULLS ON', '  SELECT COUNT(*) AS n FROM Sales.[Customer List] WHERE Region = @Region;', [{ n: 0 }]],
  ])('runs %s', async (_name, settings, body, rows) => {
    expect(resultRows(await run(proc(settings, body)), 0)).toEqual(rows);
  });
});
