import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../../src/core';
import { findInputs, nonTransactionalDraws, runCapture } from '../../../src/legacy/capture';
import { collectProcedures } from '../../../src/legacy/emulator/emulate-procedure';
import { parseScript } from '../../../src/tsql';

describe('findInputs', () => {
  it('maps <schema>.<table>.csv and <table>.csv (schema dbo) and ignores other files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'capture-inputs-'));
    for (const f of ['kpi.Daily.csv', 'Device.CSV', 'notes.txt']) writeFileSync(join(dir, f), 'a\n1\n');
    expect(findInputs(dir).map((i) => i.table)).toEqual(['Device', 'kpi.Daily']);
  });

  it('rejects a missing folder as a usage error', () => {
    expect(() => findInputs(join(tmpdir(), 'no-such-folder-for-capture'))).toThrow(UsageError);
  });
});

describe('runCapture', () => {
  it('writes outputs sorted by key, blank-edged strings quoted, NULL as an empty field', async () => {
    const root = mkdtempSync(join(tmpdir(), 'capture-run-'));
    mkdirSync(join(root, 'tables'));
    mkdirSync(join(root, 'procs'));
    mkdirSync(join(root, 'data'));
    writeFileSync(join(root, 'tables', 't.sql'), 'CREATE TABLE dbo.Src (Id int NOT NULL, Txt varchar(10) NULL)\nGO\nCREATE TABLE dbo.Dst (Id int NOT NULL PRIMARY KEY, Txt varchar(10) NULL, At datetime NOT NULL)\nGO\n');
    writeFileSync(join(root, 'procs', 'p.sql'), 'CREATE PROCEDURE dbo.usp_Copy AS\nBEGIN\n  INSERT INTO dbo.Dst (Id, Txt, At) SELECT Id, Txt, GETDATE() FROM dbo.Src;\nEND\nGO\n');
    writeFileSync(join(root, 'data', 'Src.csv'), 'Id,Txt\n3," x"\n1,a\n2,\n');
    const out = join(root, 'out');
    const manifest = await runCapture({
      procedure: '[dbo].[usp_Copy]', dataDir: join(root, 'data'), tablesDir: join(root, 'tables'), proceduresDir: join(root, 'procs'),
      params: {}, engine: 'emulator', outDir: out, format: 'csv', clock: '2026-02-01',
    });
    expect(readFileSync(join(out, 'dbo.Dst.csv'), 'utf8')).toBe('Id,Txt,At\n1,a,2026-02-01 00:00:00\n2,,2026-02-01 00:00:00\n3," x",2026-02-01 00:00:00\n');
    expect(manifest.tables).toEqual([{ name: 'dbo.dst', displayName: 'dbo.Dst', file: 'dbo.Dst.csv', rows: 3, key: ['Id'] }]);
    expect(manifest.inputs).toEqual([{ table: 'dbo.src', file: 'Src.csv' }]);
  });
});

describe('runCapture --param @p=NULL', () => {
  it('calls the procedure with NULL, as migrate run and a spec read NULL (not the text \'NULL\')', async () => {
    const root = mkdtempSync(join(tmpdir(), 'capture-null-param-'));
    for (const d of ['tables', 'procs', 'data']) mkdirSync(join(root, d));
    writeFileSync(join(root, 'tables', 't.sql'), 'CREATE TABLE dbo.Sched (Id int NOT NULL PRIMARY KEY, Note varchar(20) NULL)\nGO\n');
    // @Id int = NULL: every contract when NULL; the text 'NULL' would fail with 245
    writeFileSync(join(root, 'procs', 'p.sql'), "CREATE PROCEDURE dbo.usp_Sched @Id int = 5, @Note varchar(20) = 'x' AS\nBEGIN\n  INSERT dbo.Sched (Id, Note) VALUES (ISNULL(@Id, -1), ISNULL(@Note, 'none'));\nEND\nGO\n");
    writeFileSync(join(root, 'data', 'dbo.Sched.csv'), 'Id,Note\n');
    await runCapture({
      procedure: 'dbo.usp_Sched', dataDir: join(root, 'data'), tablesDir: join(root, 'tables'), proceduresDir: join(root, 'procs'),
      params: { '@Id': 'NULL', Note: 'NULL' }, engine: 'emulator', outDir: join(root, 'out'), format: 'csv',
    });
    expect(readFileSync(join(root, 'out', 'dbo.Sched.csv'), 'utf8')).toBe('Id,Note\n-1,none\n');
  });
});

describe('runCapture --sequence', () => {
  /** A project whose upgrade script restarts a sequence another file creates, and a procedure drawing from it. */
  function project(): string {
    const root = mkdtempSync(join(tmpdir(), 'capture-seq-'));
    for (const d of ['tables', 'procs', 'data']) mkdirSync(join(root, d));
    writeFileSync(join(root, 'tables', '01-create.sql'), 'CREATE SEQUENCE [Sales].[Order No] AS int START WITH 1000 INCREMENT BY 10;\nGO\nCREATE TABLE Sales.Ord (No int NOT NULL PRIMARY KEY, Who varchar(5) NOT NULL)\nGO\n');
    writeFileSync(join(root, 'tables', '02-upgrade.sql'), 'ALTER SEQUENCE [Sales].[Order No] RESTART WITH 5000 INCREMENT BY 5;\nGO\n');
    writeFileSync(join(root, 'procs', 'p.sql'), "CREATE PROCEDURE Sales.usp_Add AS\nBEGIN\n  INSERT Sales.Ord (No, Who) VALUES (NEXT VALUE FOR Sales.[Order No], 'a');\n  INSERT Sales.Ord (No, Who) VALUES (NEXT VALUE FOR Sales.[Order No], 'b');\nEND\nGO\n");
    writeFileSync(join(root, 'data', 'Sales.Ord.csv'), 'No,Who\n');
    return root;
  }
  const capture = (root: string, sequences?: Record<string, string>, engine: 'emulator' | 'mssql' = 'emulator'): ReturnType<typeof runCapture> => runCapture({
    procedure: 'Sales.usp_Add', dataDir: join(root, 'data'), tablesDir: join(root, 'tables'), proceduresDir: join(root, 'procs'),
    params: {}, engine, outDir: join(root, 'out'), format: 'csv', ...(sequences ? { sequences } : {}), env: {},
  });

  it('numbers from the scripts\' ALTER SEQUENCE … RESTART WITH, and from a given next value with the altered increment', async () => {
    const root = project();
    await capture(root);
    expect(readFileSync(join(root, 'out', 'Sales.Ord.csv'), 'utf8')).toBe('No,Who\n5000,a\n5005,b\n');
    const manifest = await capture(root, { 'Sales.[Order No]': '184000' });
    expect(readFileSync(join(root, 'out', 'Sales.Ord.csv'), 'utf8')).toBe('No,Who\n184000,a\n184005,b\n');
    expect(manifest.sequences).toEqual({ 'Sales.[Order No]': '184000' });
  });

  it('refuses a sequence the scripts do not create, a value that is no integer, and --sequence on SQL Server', async () => {
    const root = project();
    await expect(capture(root, { 'Sales.Other': '1' })).rejects.toThrow(/no CREATE SEQUENCE Sales.Other/);
    await expect(capture(root, { 'Sales.[Order No]': '1e3' })).rejects.toThrow(/must be an integer/);
    await expect(capture(root, { 'Sales.[Order No]': '1' }, 'mssql')).rejects.toThrow(UsageError);
  });
});

describe('nonTransactionalDraws (capture on SQL Server)', () => {
  it('names the sequences a procedure and its callees draw from and the identity tables it inserts into', () => {
    const script = parseScript([
      'CREATE PROCEDURE dbo.Child AS BEGIN INSERT dbo.T (Id) VALUES (NEXT VALUE FOR [dbo].[Seq B]); INSERT dbo.[Run Log] (x) VALUES (1); END',
      'GO',
      'CREATE PROCEDURE dbo.Parent AS BEGIN DECLARE @n int = NEXT VALUE FOR dbo.SeqA; EXEC dbo.Child; END',
      'GO',
      'CREATE PROCEDURE dbo.Plain AS UPDATE dbo.[Run Log] SET x = 1;',
      'GO',
    ].join('\n'), { file: 'p.sql' });
    const procedures = collectProcedures([script]);
    // dbo.[Run Log] has an identity column, dbo.T none; dbo.Plain only updates Run Log (no identity value drawn)
    const identityOf = (key: string): string | undefined => (key === 'dbo.run log' ? 'dbo.Run Log' : undefined);
    expect(nonTransactionalDraws(procedures, 'dbo.parent', identityOf)).toBe("the capture's transaction is rolled back, but SQL Server never rolls back the values it draws: the sequence dbo.Seq B, the sequence dbo.SeqA, the identity of dbo.Run Log will move on (a gap in the numbers; no row changes)");
    expect(nonTransactionalDraws(procedures, 'dbo.plain', identityOf)).toBeUndefined();
  });
});

describe('runCapture of a procedure that goes on past an error outside TRY', () => {
  it('keeps what it left and lists the error in manifest.json, as SQL Server\'s client receives it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'capture-errors-'));
    for (const d of ['tables', 'procs', 'data']) mkdirSync(join(root, d));
    writeFileSync(join(root, 'tables', 't.sql'), 'CREATE TABLE dbo.Ledger (Id int NOT NULL PRIMARY KEY, Amount int NOT NULL)\nGO\n');
    // SQL 2000 style: the duplicate key ends its INSERT only; @@ERROR decides the return code
    writeFileSync(join(root, 'procs', 'p.sql'), [
      'CREATE PROCEDURE dbo.usp_Post AS',
      'DECLARE @err int',
      'INSERT dbo.Ledger (Id, Amount) VALUES (1, 10)',
      'INSERT dbo.Ledger (Id, Amount) VALUES (1, 20)',
      'SET @err = @@ERROR',
      'INSERT dbo.Ledger (Id, Amount) VALUES (2, 30)',
      'RETURN @err',
      'GO',
    ].join('\n'));
    writeFileSync(join(root, 'data', 'Ledger.csv'), 'Id,Amount\n');
    const out = join(root, 'out');
    const manifest = await runCapture({ procedure: 'dbo.usp_Post', dataDir: join(root, 'data'), tablesDir: join(root, 'tables'), proceduresDir: join(root, 'procs'), params: {}, engine: 'emulator', outDir: out, format: 'csv' });
    expect(readFileSync(join(out, 'dbo.Ledger.csv'), 'utf8')).toBe('Id,Amount\n1,10\n2,30\n');
    expect(manifest.returnValue).toBe(2627);
    expect(manifest.errors).toEqual([expect.objectContaining({ number: 2627, severity: 14, procedure: 'usp_Post', line: 4 })]);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).errors).toHaveLength(1);
  });
});
