import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

async function run(procScript: string, params: Record<string, unknown> = {}): Promise<EmulationResult> {
  const scripts = [parseScript(TABLES, { file: 'tables.sql' }), parseScript(procScript, { file: 'procs.sql' })];
  const session = await EngineSession.open({ threads: 1 });
  try {
    return await emulateProcedure({ scripts, procedure: 'dbo.usp_test', params, session, inputs: [{ table: 'Sales.Customer List', file: csv }], clock: '2026-01-15T10:20:30' });
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
  // Rows: 1 EU, 2 NULL, 3 US. Under OFF a NULL variable or literal compares NULL as a value; a
  // variable that is not NULL compares as under ON (UNKNOWN against a NULL column).
  const proc = (settings: string, body: string): string => `${settings}\nGO\nCREATE PROCEDURE dbo.usp_test @Region varchar(10) = NULL, @rc int = NULL AS\nBEGIN\n${body}\nEND\nGO\n`;
  const ids = async (settings: string, where: string, params: Record<string, unknown> = {}): Promise<unknown[]> =>
    resultRows(await run(proc(settings, `  SELECT Id FROM Sales.[Customer List] WHERE ${where} ORDER BY Id;`), params), 0).map((r) => r.Id);

  it.each<[string, Record<string, unknown>, unknown[], unknown[]]>([
    ['Region = @Region', {}, [2], []],
    ['Region = @Region', { '@Region': 'EU' }, [1], [1]],
    ['Region <> @Region', {}, [1, 3], []],
    ['Region <> @Region', { '@Region': 'EU' }, [3], [3]],
    ['NOT (Region = @Region)', { '@Region': 'EU' }, [3], [3]],
    ['NOT (Id = @rc)', {}, [1, 2, 3], []],
    ["Region IN (@Region, 'US')", {}, [2, 3], [3]],
    ["Region NOT IN (@Region, 'US')", {}, [1], []],
    ['Region = NULL', {}, [2], []],
    ['Region <> NULL', {}, [1, 3], []],
    ['@Region = @rc', {}, [1, 2, 3], []],
    ['@Region = @rc', { '@Region': 'EU' }, [], []],
  ])('WHERE %s %j: as SQL Server under OFF (and ON)', async (where, params, off, on) => {
    expect(await ids('SET ANSI_NULLS OFF', where, params)).toEqual(off);
    expect(await ids('SET ANSI_NULLS ON', where, params)).toEqual(on);
  });

  it('an IF and a simple CASE too', async () => {
    const r = await run(proc('SET ANSI_NULLS OFF', `  IF @rc <> 0 SELECT 1 AS x ELSE SELECT 2 AS x;
  SELECT Id, CASE Region WHEN NULL THEN 1 WHEN @Region THEN 2 ELSE 0 END AS n FROM Sales.[Customer List] ORDER BY Id;`));
    expect(resultRows(r, 0)).toEqual([{ x: 1 }]);
    expect(resultRows(r, 1)).toEqual([{ Id: 1, n: 0 }, { Id: 2, n: 1 }, { Id: 3, n: 0 }]);
  });

  it('runs a function and a trigger created under OFF as SQL Server does, whatever the calling procedure was created under', async () => {
    const script = `CREATE TABLE dbo.[Null Region Log] (Id int);
GO
SET ANSI_NULLS OFF
GO
CREATE FUNCTION dbo.fn_Same (@a varchar(10), @b varchar(10)) RETURNS int AS
BEGIN
  RETURN CASE WHEN @a = @b THEN 1 ELSE 0 END;
END
GO
CREATE TRIGGER Sales.trg_Null_Region ON Sales.[Customer List] AFTER UPDATE AS
BEGIN
  DECLARE @none varchar(10);
  INSERT INTO dbo.[Null Region Log] (Id) SELECT Id FROM inserted WHERE Region = @none;
END
GO
${proc('SET ANSI_NULLS ON', `  SELECT Id, dbo.fn_Same(Region, @Region) AS s FROM Sales.[Customer List] ORDER BY Id;
  UPDATE Sales.[Customer List] SET Name = Name;
  SELECT Id FROM dbo.[Null Region Log];`)}`;
    const r = await run(script);
    expect(resultRows(r, 0)).toEqual([{ Id: 1, s: 0 }, { Id: 2, s: 1 }, { Id: 3, s: 0 }]);
    expect(resultRows(r, 1)).toEqual([{ Id: 2 }]);
  });
});
