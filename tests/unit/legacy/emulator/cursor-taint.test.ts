import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineSession } from '../../../../src/engine';
import { emulateProcedure } from '../../../../src/legacy/emulator/emulate-procedure';
import { parseScript } from '../../../../src/tsql';

// A nightly recount logs the day's stock adjustments from a staging table with INSERT … SELECT:
// SQL Server numbers the identity AdjNo in its plan's order, so which adjustments get numbers
// above 500 is not reproducible. A cursor over `WHERE AdjNo > 500` may hold other rows, more or
// fewer, in SQL Server: how often its WHILE @@FETCH_STATUS = 0 loop runs is not the emulator's
// to say, and neither is what the loop writes, even constants.
const TABLES = `
CREATE TABLE dbo.[Adj Staging] ([Sku Code] varchar(10) NOT NULL, Qty int NOT NULL)
GO
CREATE TABLE dbo.[Adj Log] (AdjNo int IDENTITY(499,1) NOT NULL, [Sku Code] varchar(10) NOT NULL, Qty int NOT NULL)
GO
CREATE TABLE dbo.[Recount Queue] ([Sku Code] varchar(10) NULL, Note varchar(20) NOT NULL)
GO
CREATE TABLE dbo.[Run Summary] ([Summary Id] int IDENTITY(1,1) NOT NULL, Note varchar(40) NOT NULL)
GO
`;
const STAGING = 'Sku Code,Qty\nA-1,5\nB-2,-3\nC-3,2\n';

const LOG_ADJUSTMENTS = `
    INSERT INTO dbo.[Adj Log] ([Sku Code], Qty)
    SELECT [Sku Code], Qty FROM dbo.[Adj Staging];`;

const QUEUE = ['dbo.Recount Queue.Note', 'dbo.Recount Queue.Sku Code'];

/** Runs `body` as dbo.[usp Nightly Recount] after the adjustments are logged; `env` set around the run (the emulator reads it per run). */
async function nonReproducible(body: string, env: Record<string, string> = {}): Promise<readonly string[]> {
  const proc = `CREATE PROCEDURE dbo.[usp Nightly Recount]\nAS\nBEGIN\n    SET NOCOUNT ON;${LOG_ADJUSTMENTS}\n${body}\nEND\nGO\n`;
  const dir = mkdtempSync(join(tmpdir(), 'cursor-taint-'));
  writeFileSync(join(dir, 'staging.csv'), STAGING);
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  const session = await EngineSession.open({ threads: 1 });
  try {
    const r = await emulateProcedure({
      scripts: [parseScript(TABLES, { file: 'tables.sql' }), parseScript(proc, { file: 'usp_nightly_recount.sql' })],
      procedure: 'dbo.[usp Nightly Recount]', params: {}, session, inputs: [{ table: 'dbo.[Adj Staging]', file: join(dir, 'staging.csv') }],
      clock: '2026-01-15T10:20:30', allowDynamicSql: false,
    });
    return r.nonReproducible;
  } finally {
    session.close();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** A loop over `query` that writes only constants: nothing it reads is tainted but the number of its passes. */
function constantsPerRow(cursor: string, query: string, note: string): string {
  return `
    DECLARE @v int;
    DECLARE ${cursor} CURSOR LOCAL FAST_FORWARD FOR ${query};
    OPEN ${cursor};
    FETCH NEXT FROM ${cursor} INTO @v;
    WHILE @@FETCH_STATUS = 0
    BEGIN
        INSERT dbo.[Recount Queue] ([Sku Code], Note) VALUES (NULL, '${note}');
        FETCH NEXT FROM ${cursor} INTO @v;
    END;
    CLOSE ${cursor};
    DEALLOCATE ${cursor};`;
}

const LATE_LOOP = constantsPerRow('[late adj]', 'SELECT Qty FROM dbo.[Adj Log] WHERE AdjNo > 500', 'late adjustment');

describe('a cursor whose rows a not-reproducible value picks', () => {
  it('lists what its WHILE @@FETCH_STATUS = 0 loop writes, in a compiled loop on the JavaScript fast path', async () => {
    expect(await nonReproducible(LATE_LOOP)).toEqual(['dbo.Adj Log.AdjNo', ...QUEUE]);
    // a cursor that only returns the numbers, its rows picked by Qty alone: the loop is SQL Server's
    expect(await nonReproducible(constantsPerRow('[all adj]', 'SELECT AdjNo FROM dbo.[Adj Log] WHERE Qty > 0 ORDER BY AdjNo', 'positive'))).toEqual(['dbo.Adj Log.AdjNo']);
  });

  it('lists it also when the interpreter runs the loop and DuckDB reads @@FETCH_STATUS', async () => {
    expect(await nonReproducible(LATE_LOOP, { MIGRATE_EMULATOR_FAST_PATH: '0', MIGRATE_EMULATOR_COMPILE: '0' })).toEqual(['dbo.Adj Log.AdjNo', ...QUEUE]);
  });

  it('lists what a loop ended by IF @@FETCH_STATUS <> 0 BREAK writes', async () => {
    expect(await nonReproducible(`
    DECLARE @sku varchar(10);
    DECLARE [short adj] CURSOR LOCAL STATIC FOR SELECT [Sku Code] FROM dbo.[Adj Log] WHERE AdjNo BETWEEN 500 AND 501 ORDER BY [Sku Code];
    OPEN [short adj];
    WHILE 1 = 1
    BEGIN
        FETCH NEXT FROM [short adj] INTO @sku;
        IF @@FETCH_STATUS <> 0 BREAK;
        INSERT dbo.[Run Summary] (Note) VALUES ('recounted');
    END;
    CLOSE [short adj];
    DEALLOCATE [short adj];`)).toEqual(['dbo.Adj Log.AdjNo', 'dbo.Run Summary.Note', 'dbo.Run Summary.Summary Id']);
  });

  it('taints the variables of a FETCH that found no row (SQL Server\'s may find one)', async () => {
    expect(await nonReproducible(`
    DECLARE @qty int = 0;
    DECLARE [big adj] CURSOR LOCAL FAST_FORWARD FOR SELECT Qty FROM dbo.[Adj Log] WHERE AdjNo > 900;
    OPEN [big adj];
    FETCH NEXT FROM [big adj] INTO @qty;
    CLOSE [big adj];
    DEALLOCATE [big adj];
    INSERT dbo.[Recount Queue] ([Sku Code], Note) VALUES ('A-1', CAST(@qty AS varchar(20)));`)).toEqual(['dbo.Adj Log.AdjNo', 'dbo.Recount Queue.Note']);
  });

  it('lists what a branch on CURSOR_STATUS of the open cursor writes', async () => {
    expect(await nonReproducible(`
    DECLARE [late adj] CURSOR LOCAL STATIC FOR SELECT Qty FROM dbo.[Adj Log] WHERE AdjNo > 501;
    OPEN [late adj];
    IF CURSOR_STATUS('local', 'late adj') = 0
        INSERT dbo.[Recount Queue] ([Sku Code], Note) VALUES (NULL, 'nothing late');
    CLOSE [late adj];
    DEALLOCATE [late adj];`)).toEqual(['dbo.Adj Log.AdjNo', ...QUEUE]);
  });

});

describe('identity counters after rows a not-reproducible value picks', () => {
  // 'late <sku>' rows for the adjustments numbered past 500: SQL Server may log 0 to 2 of them.
  const SUMMARISE = `
    INSERT dbo.[Run Summary] (Note) SELECT 'late ' + [Sku Code] FROM dbo.[Adj Log] WHERE AdjNo > 500;`;

  it('taints IDENT_CURRENT of the table such an INSERT numbered', async () => {
    expect(await nonReproducible(`${SUMMARISE}
    INSERT dbo.[Recount Queue] ([Sku Code], Note) VALUES ('A-1', CAST(IDENT_CURRENT('[dbo].[Run Summary]') AS varchar(20)));`))
      .toEqual(expect.arrayContaining(['dbo.Recount Queue.Note']));
  });

  it('taints SCOPE_IDENTITY() of a later INSERT into that table, whose number counts on from those rows', async () => {
    expect(await nonReproducible(`${SUMMARISE}
    INSERT dbo.[Run Summary] (Note) VALUES ('recount done');
    INSERT dbo.[Recount Queue] ([Sku Code], Note) VALUES ('A-1', CAST(SCOPE_IDENTITY() AS varchar(20)));`))
      .toEqual(expect.arrayContaining(['dbo.Recount Queue.Note']));
  });
});
