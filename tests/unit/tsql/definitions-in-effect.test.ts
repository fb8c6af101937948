import { containersInEffect, definitionVerb, inEffectIndex, parseScript, type DefinitionVerb } from '../../../src/tsql';

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
