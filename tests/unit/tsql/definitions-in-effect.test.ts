import { containersInEffect, definitionVerb, objectsDroppedForGood, definitionVerbIn, definitionVerbsOf, droppedAtEnd, inEffectIndex, parseScript, tablesInEffect, triggersInEffect, verbsAcrossFiles, type DefinitionVerb } from '../../../src/tsql';

describe('inEffectIndex: what running the definitions in order leaves on SQL Server', () => {
  it.each<[string, DefinitionVerb[], number]>([
    ['one CREATE', ['CREATE'], 0],
    ['CREATE then an upgrade script ALTER', ['CREATE', 'ALTER'], 1],
    ['CREATE then CREATE OR ALTER', ['CREATE', 'CREATE OR ALTER'], 1],
    ['a second plain CREATE fails, the first stays', ['CREATE', 'CREATE'], 0],
    ['ALTER, then a stray CREATE copy', ['CREATE', 'ALTER', 'CREATE'], 1],
    ['two ALTERs: the last wins', ['CREATE', 'ALTER', 'ALTER'], 2],
    ['an ALTER alone (the CREATE lives elsewhere)', ['ALTER'], 0],
  ])('%s', (_name, verbs, expected) => {
    expect(inEffectIndex(verbs)).toBe(expected);
  });
});

describe('containersInEffect', () => {
  const create = parseScript('CREATE PROCEDURE [Ops Data].[Build Totals] AS SELECT 1;\nGO\nCREATE FUNCTION dbo.f() RETURNS int AS BEGIN RETURN 1 END\n', { file: 'a.sql' });
  const upgrade = parseScript('\n\nALTER PROCEDURE [ops data].[build totals] AS SELECT 2;\nGO\n', { file: 'b.sql' });
  const copy = parseScript('CREATE PROCEDURE [Ops Data].[Build Totals] AS SELECT 3;\n', { file: 'c.sql' });

  it('keys by normalised name and keeps the ALTER over the CREATE, not a later CREATE', () => {
    const procs = containersInEffect([create, upgrade, copy], 'CreateProcedure');
    expect([...procs.keys()]).toEqual(['ops data.build totals']);
    const d = procs.get('ops data.build totals');
    expect(d?.script.file).toBe('b.sql');
    expect(d?.statement.span.start.line).toBe(3);
    expect(definitionVerb(d!.statement)).toBe('ALTER');
  });

  it('the order of the scripts decides: the CREATE copy first, then the ALTER', () => {
    expect(containersInEffect([copy, upgrade], 'CreateProcedure').get('ops data.build totals')?.script.file).toBe('b.sql');
    expect(containersInEffect([upgrade, copy], 'CreateProcedure').get('ops data.build totals')?.script.file).toBe('b.sql');
  });

  it('lists one kind only', () => {
    expect([...containersInEffect([create], 'CreateFunction').keys()]).toEqual(['dbo.f']);
  });

  it('keeps a dot inside brackets in its part', () => {
    const s = parseScript('CREATE PROCEDURE [a.b].[c] AS SELECT 1;\n', { file: 'd.sql' });
    expect([...containersInEffect([s], 'CreateProcedure').keys()]).toEqual(['a.b.c']);
  });
});

describe('a CREATE after a DROP in its script (the deployment idiom)', () => {
  const baseline = parseScript('CREATE PROCEDURE dbo.usp_Purge AS DELETE FROM dbo.Invoice;\nGO\nCREATE VIEW dbo.v AS SELECT 1 AS a;\n', { file: '0001-baseline.sql' });
  const upgrade = parseScript('ALTER PROCEDURE dbo.usp_Purge AS DELETE FROM dbo.Invoice WHERE 1 = 0;\n', { file: '0002-alter.sql' });
  const guarded = parseScript([
    "IF OBJECT_ID('dbo.usp_Purge','P') IS NOT NULL DROP PROCEDURE dbo.usp_Purge;",
    'GO',
    'CREATE PROCEDURE [dbo].[usp_Purge] @Before date AS DELETE FROM dbo.Invoice WHERE InvDate < @Before;',
    'GO',
    'DROP VIEW IF EXISTS dbo.v;',
    'GO',
    'CREATE VIEW dbo.v AS SELECT 2 AS a;',
  ].join('\n'), { file: '0003-recreate.sql' });

  it('replaces the definitions of earlier scripts, ALTERs included', () => {
    const procs = containersInEffect([baseline, upgrade, guarded], 'CreateProcedure');
    const d = procs.get('dbo.usp_purge');
    expect(d?.script.file).toBe('0003-recreate.sql');
    expect(definitionVerbIn(d!.statement, d!.script)).toBe('CREATE after DROP');
    expect(containersInEffect([baseline, guarded], 'CreateView').get('dbo.v')?.script.file).toBe('0003-recreate.sql');
  });

  it('a DROP of another object, or one inside a procedure body, does not make a CREATE replace', () => {
    const other = parseScript('DROP PROCEDURE dbo.usp_Other;\nGO\nCREATE PROCEDURE dbo.usp_Purge AS SELECT 1;\n', { file: 'x.sql' });
    const inBody = parseScript('CREATE PROCEDURE dbo.usp_Cleanup AS DROP PROCEDURE dbo.usp_Purge;\nGO\nCREATE PROCEDURE dbo.usp_Purge AS SELECT 1;\n', { file: 'y.sql' });
    expect(containersInEffect([baseline, other], 'CreateProcedure').get('dbo.usp_purge')?.script.file).toBe('0001-baseline.sql');
    expect(containersInEffect([baseline, inBody], 'CreateProcedure').get('dbo.usp_purge')?.script.file).toBe('0001-baseline.sql');
  });

  it('a CREATE that is the object\'s second in its script after the DROP stays a plain CREATE', () => {
    const twice = parseScript('DROP PROCEDURE dbo.p;\nGO\nCREATE PROCEDURE dbo.p AS SELECT 1;\nGO\nCREATE PROCEDURE dbo.p AS SELECT 2;\n', { file: 'z.sql' });
    const verbs = twice.batches.flatMap((b) => b.statements).filter((s) => s.kind === 'CreateProcedure').map((s) => definitionVerbIn(s as never, twice));
    expect(verbs).toEqual(['CREATE after DROP', 'CREATE']);
  });
});

describe('a DROP in one script and the CREATE again in a later one (a migrations folder)', () => {
  const v1 = parseScript('CREATE PROCEDURE dbo.usp_Purge AS DELETE FROM dbo.Invoice;\nGO\nCREATE VIEW dbo.v AS SELECT 1 AS a;\n', { file: 'V1__baseline.sql' });
  const v2 = parseScript('ALTER PROCEDURE dbo.usp_Purge AS DELETE FROM dbo.Invoice WHERE 1 = 0;\n', { file: 'V2__alter.sql' });
  const drop = parseScript("IF OBJECT_ID('dbo.usp_Purge') IS NOT NULL DROP PROCEDURE dbo.usp_Purge;\nGO\nDROP VIEW dbo.v;\nGO\nCREATE VIEW dbo.v AS SELECT 3 AS a;\n", { file: 'V3__drop.sql' });
  const create = parseScript('CREATE PROCEDURE [dbo].[usp_Purge] @Before date AS DELETE FROM dbo.Invoice WHERE InvDate < @Before;\n', { file: 'V4__create.sql' });

  it('lists what a script drops and leaves dropped', () => {
    expect([...droppedAtEnd(drop)]).toEqual(['procedure dbo.usp_purge']);
    expect([...droppedAtEnd(v1)]).toEqual([]);
  });

  it('makes the later CREATE the one in effect, for every reader of the scripts', () => {
    const d = containersInEffect([v1, v2, drop, create], 'CreateProcedure').get('dbo.usp_purge');
    expect(d?.script.file).toBe('V4__create.sql');
    expect(definitionVerbsOf([v1, v2, drop, create]).get(d!.statement)).toBe('CREATE after DROP');
    // the view the DROP script re-creates itself stays as it was
    expect(containersInEffect([v1, drop, create], 'CreateView').get('dbo.v')?.script.file).toBe('V3__drop.sql');
  });

  it('the order decides: a CREATE before the DROP script, or a definition between, is not after the DROP', () => {
    // run in that order, V4's CREATE fails (V1's exists) and V3's DROP comes last: the procedure is gone
    expect(containersInEffect([v1, create, drop], 'CreateProcedure').get('dbo.usp_purge')).toBeUndefined();
    const again = parseScript('CREATE PROCEDURE dbo.usp_Purge AS SELECT 1;\n', { file: 'V5__copy.sql' });
    // V4's CREATE after the DROP is in effect; V5's plain CREATE fails on SQL Server
    expect(containersInEffect([v1, drop, create, again], 'CreateProcedure').get('dbo.usp_purge')?.script.file).toBe('V4__create.sql');
  });

  it('verbsAcrossFiles reads plain CREATEs after a drop and nothing else', () => {
    const files = [
      { items: [['p', 'CREATE'], ['q', 'CREATE']] as [string, DefinitionVerb][], droppedAtEnd: new Set(['p']) },
      { items: [['p', 'CREATE'], ['q', 'CREATE'], ['p', 'CREATE']] as [string, DefinitionVerb][], droppedAtEnd: new Set<string>() },
    ];
    expect(verbsAcrossFiles(files, ([k]) => k, ([, v]) => v)).toEqual([['CREATE', 'CREATE'], ['CREATE after DROP', 'CREATE', 'CREATE']]);
  });
});

describe('tablesInEffect: a table rebuilt by DROP TABLE and CREATE TABLE', () => {
  const v1 = parseScript('CREATE TABLE dbo.Price (Amount int);\nGO\nALTER TABLE dbo.Price ADD Note int;\nGO\n', { file: 'V1.sql' });
  const v2 = parseScript('DROP TABLE IF EXISTS dbo.Price;\nGO\nCREATE TABLE dbo.Price (Amount decimal(9,2));\nGO\nALTER TABLE dbo.Price ADD Currency char(3);\nGO\n', { file: 'V2.sql' });
  const copy = parseScript('CREATE TABLE dbo.Price (Amount money);\nGO\n', { file: 'V3.sql' });
  const creates = (scripts: ReturnType<typeof parseScript>[]) => [...tablesInEffect(scripts).creates].map((c) => c.definition.columns[0]?.dataType?.name.parts[0]?.name);
  const statements = (s: ReturnType<typeof parseScript>) => s.batches.flatMap((b) => b.statements);

  it('keeps the first CREATE, unless a DROP TABLE runs after it; a later copy changes nothing', () => {
    expect(creates([v1, copy])).toEqual(['int']);
    expect(creates([v1, v2, copy])).toEqual(['decimal']);
    expect(creates([v2, v1])).toEqual(['decimal']);
  });

  it('applies only the changes after the CREATE in effect', () => {
    const effect = tablesInEffect([v1, v2]);
    const [, alterV1] = statements(v1) as [unknown, Parameters<typeof effect.appliesTo>[1]];
    const alterV2 = statements(v2)[2] as Parameters<typeof effect.appliesTo>[1];
    expect(effect.appliesTo('dbo.price', alterV1, v1)).toBe(false);
    // without the rebuild, a change counts wherever it stands (an upgrade script sorting before its table's)
    expect(tablesInEffect([v2, v1]).appliesTo('dbo.price', alterV1, v1)).toBe(true);
    expect(effect.appliesTo('dbo.price', alterV2, v2)).toBe(true);
    expect(effect.appliesTo('dbo.other', alterV1, v1)).toBe(true);
  });
});

describe('triggersInEffect: one rule for the emulator and the specs', () => {
  const v1 = parseScript([
    'CREATE TRIGGER dbo.trg_a ON dbo.Item AFTER INSERT AS SELECT 1;', 'GO',
    'CREATE TRIGGER dbo.trg_b ON dbo.Item AFTER UPDATE AS SELECT 1;', 'GO',
    'CREATE TRIGGER dbo.trg_c ON dbo.Other AFTER DELETE AS SELECT 1;', 'GO',
  ].join('\n'), { file: 'V1.sql' });
  const v2 = parseScript([
    'ALTER TRIGGER dbo.trg_a ON dbo.Item AFTER INSERT, UPDATE AS SELECT 2;', 'GO',
    'CREATE TRIGGER dbo.trg_b ON dbo.Item AFTER DELETE AS SELECT 2;', 'GO',
    "IF OBJECT_ID('dbo.trg_c') IS NOT NULL DROP TRIGGER dbo.trg_c;", 'GO',
  ].join('\n'), { file: 'V2.sql' });
  const summary = (scripts: ReturnType<typeof parseScript>[]) => [...triggersInEffect(scripts)].map(([table, list]) => [table, list.map((t) => `${t.statement.name.parts.map((p) => p.name).join('.')} ${t.statement.events.join('+')} ${t.script.file}`)]);

  it('replaces on ALTER in place, keeps the first on a second plain CREATE, and drops on DROP TRIGGER', () => {
    expect(summary([v1])).toEqual([['dbo.item', ['dbo.trg_a INSERT V1.sql', 'dbo.trg_b UPDATE V1.sql']], ['dbo.other', ['dbo.trg_c DELETE V1.sql']]]);
    expect(summary([v1, v2])).toEqual([['dbo.item', ['dbo.trg_a INSERT+UPDATE V2.sql', 'dbo.trg_b UPDATE V1.sql']]]);
  });

  it('drops a table\'s triggers with the table: a rebuilt table has only those created after', () => {
    const rebuild = parseScript([
      'DROP TABLE dbo.Item;', 'GO',
      'CREATE TABLE dbo.Item (id int);', 'GO',
      'CREATE TRIGGER dbo.trg_b ON dbo.Item AFTER DELETE AS SELECT 3;', 'GO',
    ].join('\n'), { file: 'V3.sql' });
    expect(summary([v1, rebuild])).toEqual([['dbo.other', ['dbo.trg_c DELETE V1.sql']], ['dbo.item', ['dbo.trg_b DELETE V3.sql']]]);
    // a procedure's DROP TABLE runs only when it is called (and mostly of a #temp table)
    const inProc = parseScript('CREATE PROCEDURE dbo.p AS DROP TABLE dbo.Item;\nGO\n', { file: 'p.sql' });
    expect(summary([v1, inProc])[0]).toEqual(['dbo.item', ['dbo.trg_a INSERT V1.sql', 'dbo.trg_b UPDATE V1.sql']]);
  });
});

describe('tablesInEffect: a second CREATE TABLE of another shape', () => {
  const redefined = (...texts: string[]) => {
    const scripts = texts.map((t, i) => parseScript(t, { file: `s${i}.sql` }));
    return [...tablesInEffect(scripts).redefinedBy].map(([first, second]) => `${first.name.parts.map((p) => p.name).join('.')} -> ${second.script.file}`);
  };
  const first = 'CREATE TABLE dbo.Account (Id int NOT NULL PRIMARY KEY, Balance decimal(9,2) NOT NULL, Opened datetime2 DEFAULT (SYSDATETIME()));\n';

  it('is not one when it differs only in layout, case, brackets, comments and constraint names', () => {
    expect(redefined(first, 'create table [dbo].[Account] (\n  [Id] INT CONSTRAINT PK_Account PRIMARY KEY, -- the key\n  [Balance] DECIMAL ( 9 , 2 ) not null,\n  Opened DATETIME2 CONSTRAINT DF_Opened DEFAULT sysdatetime()\n);\n')).toEqual([]);
    expect(redefined('CREATE TABLE dbo.T (A int DEFAULT ((0)), B AS (A + 1) * 2);', 'CREATE TABLE dbo.T (A int DEFAULT 0, B AS ((A + 1) * 2));')).toEqual([]);
    expect(redefined('CREATE TABLE dbo.T (A int, B AS (A + 1) * 2);', 'CREATE TABLE dbo.T (A int, B AS A + (1 * 2));')).toEqual(['dbo.T -> s1.sql']);
  });

  it.each([
    ['another type', 'CREATE TABLE dbo.Account (Id int NOT NULL PRIMARY KEY, Balance int NOT NULL, Opened datetime2 DEFAULT (SYSDATETIME()));'],
    ['another scale', 'CREATE TABLE dbo.Account (Id int NOT NULL PRIMARY KEY, Balance decimal(9,4) NOT NULL, Opened datetime2 DEFAULT (SYSDATETIME()));'],
    ['a column more', 'CREATE TABLE dbo.Account (Id int NOT NULL PRIMARY KEY, Balance decimal(9,2) NOT NULL, Opened datetime2 DEFAULT (SYSDATETIME()), Currency char(3));'],
    ['the columns in another order', 'CREATE TABLE dbo.Account (Balance decimal(9,2) NOT NULL, Id int NOT NULL PRIMARY KEY, Opened datetime2 DEFAULT (SYSDATETIME()));'],
    ['nullable', 'CREATE TABLE dbo.Account (Id int NOT NULL PRIMARY KEY, Balance decimal(9,2) NULL, Opened datetime2 DEFAULT (SYSDATETIME()));'],
    ['another default', 'CREATE TABLE dbo.Account (Id int NOT NULL PRIMARY KEY, Balance decimal(9,2) NOT NULL, Opened datetime2 DEFAULT (GETDATE()));'],
    ['another key', 'CREATE TABLE dbo.Account (Id int NOT NULL, Balance decimal(9,2) NOT NULL PRIMARY KEY, Opened datetime2 DEFAULT (SYSDATETIME()));'],
  ])('is one with %s', (_name, second) => {
    expect(redefined(first, second)).toEqual(['dbo.Account -> s1.sql']);
  });

  it('is not one after a DROP TABLE, nor when an IF guards it (skipped when the table exists)', () => {
    const other = 'CREATE TABLE dbo.Account (Id int NOT NULL PRIMARY KEY, Balance int NOT NULL);';
    expect(redefined(first, `DROP TABLE IF EXISTS dbo.Account;\nGO\n${other}`)).toEqual([]);
    expect(redefined(first, `IF OBJECT_ID(N'dbo.Account') IS NULL\n  ${other}`)).toEqual([]);
  });

  it('tells identity seeds apart, and IDENTITY from IDENTITY(1,1) not', () => {
    expect(redefined('CREATE TABLE dbo.J (Id int IDENTITY NOT NULL);', 'CREATE TABLE dbo.J (Id int IDENTITY(1, 1) NOT NULL);')).toEqual([]);
    expect(redefined('CREATE TABLE dbo.J (Id int IDENTITY NOT NULL);', 'CREATE TABLE dbo.J (Id int IDENTITY(1000,1) NOT NULL);')).toEqual(['dbo.J -> s1.sql']);
  });
});

// A migrations folder that retires a report: V2 defines it (stub, then ALTER), V4 drops it and no
// later script brings it back, so it is not in the database; a DROP a later file answers with a
// CREATE is no retirement.
describe('objectsDroppedForGood and containersInEffect of a retired procedure', () => {
  const v2 = parseScript([
    "IF OBJECT_ID(N'dbo.usp_AgedDebtReport') IS NULL EXEC('CREATE PROCEDURE dbo.usp_AgedDebtReport AS RETURN 0')",
    'GO',
    'ALTER PROCEDURE dbo.usp_AgedDebtReport AS SELECT DebtorNo, Balance FROM dbo.Debtor',
    'GO',
    'CREATE PROCEDURE dbo.usp_PostLedger AS SELECT 1',
    'GO',
  ].join('\n'), { file: 'V2__reports.sql' });
  const v4 = parseScript('-- SR-1182: nobody runs it\n\nDROP PROCEDURE IF EXISTS dbo.usp_AgedDebtReport\nGO\n', { file: 'V4__retire.sql' });
  const v5 = parseScript('CREATE PROCEDURE dbo.usp_AgedDebtReport AS SELECT 2\nGO\n', { file: 'V5__back.sql' });

  it('names where the last DROP of a procedure no later file defines again is', () => {
    expect([...objectsDroppedForGood([v2, v4])]).toEqual([['procedure dbo.usp_ageddebtreport', { file: 'V4__retire.sql', line: 3 }]]);
    expect(objectsDroppedForGood([v2, v4, v5]).size).toBe(0);
  });

  it('leaves the retired procedure out of the definitions in effect', () => {
    expect([...containersInEffect([v2, v4], 'CreateProcedure').keys()]).toEqual(['dbo.usp_postledger']);
    expect(containersInEffect([v2, v4, v5], 'CreateProcedure').get('dbo.usp_ageddebtreport')?.script.file).toBe('V5__back.sql');
  });
});
