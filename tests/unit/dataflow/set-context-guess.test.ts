import { analyzeFile, lookupsHold, mayAddToCatalog, mergeTableCatalog, procedureNamesIn, RecordingContext, setContextOf, splitScript, type SetContext } from '../../../src/dataflow';
import { parseScript } from '../../../src/tsql';

// Worker threads build a file's graphs against a guess of the set's context and keep that build
// only when every lookup it made gets the same answer from the real context. These tests hold the
// three parts to that: the guess scans, the recording, and the check.

const unitOf = (file: string, text: string): ReturnType<typeof splitScript> => splitScript(parseScript(text, { file }), 'dbo');

describe('guessing the set context from the texts', () => {
  it('flags every text that may add to the catalog, temp tables and plain code aside', () => {
    expect(mayAddToCatalog('CREATE TABLE Sales.[Order Lines] (id int);')).toBe(true);
    expect(mayAddToCatalog('create\n  table [dbo].[t] (a int)')).toBe(true);
    expect(mayAddToCatalog('ALTER TABLE Sales.Cities SET (SYSTEM_VERSIONING = ON (HISTORY_TABLE = Sales.Old));')).toBe(true);
    expect(mayAddToCatalog('ALTER TABLE [Inventory].[Stock On Hand] ADD [Last Movement] date NULL;')).toBe(true);
    expect(mayAddToCatalog("EXEC sp_rename 'dbo.Stock.Level', 'Stock Level', 'COLUMN';")).toBe(true);
    expect(mayAddToCatalog('CREATE TABLE #work (a int); CREATE TABLE ##shared (b int);')).toBe(false);
    expect(mayAddToCatalog('CREATE PROCEDURE dbo.p AS SELECT 1;')).toBe(false);
    expect(mayAddToCatalog('CREATE/* note */TABLE -- why\n dbo.t (a int);')).toBe(true);
    expect(mayAddToCatalog('CREATE TABLE   /* work */ #t (a int);')).toBe(false);
    // A definition the scan misses: the reason the check exists (those files are built again).
    expect(mayAddToCatalog('CREATE/* a /* nested */ note */TABLE dbo.t (a int);')).toBe(false);
  });

  it('names the procedures a text appears to define as the analysis normalises them', () => {
    const text = [
      'CREATE PROCEDURE [Sales].[Load Orders] AS SELECT 1;',
      'create or alter proc etl.usp_Daily AS SELECT 1;',
      'ALTER PROCEDURE Refresh AS SELECT 1;',
      'CREATE PROC [Ops]  .  [Odd]]Name] AS SELECT 1;',
      'CREATE PROC Db..Legacy AS SELECT 1;',
      'CREATE PROCEDURE "Quoted Schema"."P" AS SELECT 1;',
      'CREATE /*a*/ OR /*b*/ ALTER /*c*/ PROCEDURE /*d*/ dbo /*e*/ . -- f\n p11 @a int AS SELECT 1;',
      'CREATE PROC[dbo].[usp_Übersicht] AS SELECT 1;',
    ].join('\nGO\n');
    expect(procedureNamesIn(text, 'dbo')).toEqual(['sales.load orders', 'etl.usp_daily', 'dbo.refresh', 'ops.odd]name', 'db.dbo.legacy', 'quoted schema.p', 'dbo.p11', 'dbo.usp_übersicht']);
    // The same names the parser gives the objects.
    const parsed = unitOf('p.sql', text).objects.map((o) => o.name);
    expect(procedureNamesIn(text, 'dbo')).toEqual(parsed);
  });
});

describe('a build against a guessed context', () => {
  const reader = unitOf('r.sql', 'CREATE PROCEDURE etl.Load AS\n  INSERT INTO dbo.Orders SELECT * FROM stage.orders;\n  EXEC etl.Notify;\n  SELECT * FROM dbo.Cities FOR SYSTEM_TIME ALL;\nGO\n');
  const ddl = unitOf('d.sql', 'CREATE TABLE dbo.Orders (Id int, Amount money);\nCREATE TABLE dbo.Cities (Id int, Name nvarchar(9)) WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = dbo.Cities_Old));\nGO\nCREATE PROCEDURE etl.Notify AS SELECT 1;\n');
  const real = setContextOf([reader, ddl], 'dbo');
  const empty: SetContext = { defaultSchema: 'dbo', catalog: mergeTableCatalog([]), knownProcedures: new Set() };

  it('records each answer it gave, by lookup and name, one file at a time', () => {
    const context = new RecordingContext(empty);
    analyzeFile(reader, context);
    const lookups = context.take();
    expect(lookups.tables.get('dbo.orders')).toBeUndefined();
    expect(lookups.tables.has('dbo.orders')).toBe(true);
    expect([...lookups.history.keys()]).toContain('dbo.cities');
    expect(lookups.procedures).toEqual(new Map([['etl.notify', false]]));
    expect(context.take().tables.size).toBe(0);
  });

  it('holds only when the real context answers every lookup the same, and then the build is the same', () => {
    const wrong = new RecordingContext(empty);
    const guessed = analyzeFile(reader, wrong);
    const wrongLookups = wrong.take();
    expect(lookupsHold(wrongLookups, real)).toBe(false);
    expect(JSON.stringify(guessed.defined)).not.toEqual(JSON.stringify(analyzeFile(reader, real).defined));

    const right = new RecordingContext(real);
    const again = analyzeFile(reader, right);
    expect(lookupsHold(right.take(), real)).toBe(true);
    expect(JSON.stringify(again.defined)).toEqual(JSON.stringify(analyzeFile(reader, real).defined));

    // Each kind of answer counts on its own: columns, history table, procedure.
    const withoutHistory: SetContext = { ...real, catalog: Object.assign(new Map(real.catalog), { history: new Map<string, string>() }) };
    const withOtherColumns: SetContext = { ...real, catalog: Object.assign(new Map([...real.catalog, ['dbo.orders', ['id']]]), { history: real.catalog.history }) };
    const withoutNotify: SetContext = { ...real, knownProcedures: new Set() };
    const recorded = new RecordingContext(real);
    analyzeFile(reader, recorded);
    const lookups = recorded.take();
    for (const other of [withoutHistory, withOtherColumns, withoutNotify]) expect(lookupsHold(lookups, other)).toBe(false);
  });

  it('refuses to be enumerated, since a build that read all of it could not be checked', () => {
    const context = new RecordingContext(real);
    expect(() => [...context.catalog]).toThrow(/only answers lookups by name/);
    expect(() => context.catalog.size).toThrow(/only answers lookups by name/);
    expect(() => [...context.knownProcedures]).toThrow(/only answers lookups by name/);
    expect(() => context.catalog.history.forEach(() => undefined)).toThrow(/only answers lookups by name/);
  });
});
