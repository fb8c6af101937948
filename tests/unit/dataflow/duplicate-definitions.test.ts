import { analyzeSources } from '../../../src/dataflow';

const DEF: Record<string, string> = {
  C: 'CREATE PROCEDURE dbo.usp_X AS SELECT a FROM dbo.t;',
  A: 'ALTER PROCEDURE dbo.usp_x AS SELECT b FROM dbo.t;',
  O: 'CREATE OR ALTER PROCEDURE [dbo].[USP_X] AS SELECT c FROM dbo.t;',
};

/** One file per letter, in order: `CA` is a CREATE in f0.sql and an ALTER in f1.sql. */
function analyze(sequence: string): ReturnType<typeof analyzeSources> {
  return analyzeSources([...sequence].map((v, i) => ({ file: `f${i}.sql`, text: `-- variant ${i}\n${DEF[v] as string}\nGO\n` })));
}

describe('markDuplicateDefinitions (through analyzeSources)', () => {
  it.each([
    ['CREATE then ALTER (an upgrade script): the ALTER is in effect', 'CA', 1],
    ['two CREATEs (two variants): the first stays, the second would fail', 'CC', 0],
    ['CREATE, ALTER, CREATE: the ALTER', 'CAC', 1],
    ['CREATE OR ALTER replaces like an ALTER', 'CCO', 2],
    ['ALTER then CREATE: the ALTER came first and stays', 'AC', 0],
    ['two ALTERs: the last', 'AA', 1],
  ])('%s', (_case, sequence, current) => {
    const r = analyze(sequence);
    expect(r.graphs).toHaveLength(sequence.length);
    expect(r.graphs.map((g) => g.object.duplicate?.current)).toEqual([...sequence].map((_, i) => i === current));
    const definitions = r.graphs[0]?.object.duplicate?.definitions;
    expect(definitions?.map((d) => `${d.verb}@${d.file}:${d.line}`)).toEqual([...sequence].map((v, i) => `${v === 'C' ? 'CREATE' : v === 'A' ? 'ALTER' : 'CREATE OR ALTER'}@f${i}.sql:2`));
    // Every graph carries the same list; each knows its own verb.
    for (const g of r.graphs) expect(g.object.duplicate?.definitions).toEqual(definitions);
    // One warning per definition not in effect, at that definition, naming every location.
    const warnings = r.diagnostics.filter((d) => d.code === 'DUPLICATE_DEFINITION');
    expect(warnings.map((w) => `${w.file}:${w.line}`)).toEqual([...sequence].map((_, i) => `f${i}.sql:2`).filter((_, i) => i !== current));
    for (const w of warnings) {
      expect(w.severity).toBe('warning');
      for (let i = 0; i < sequence.length; i++) expect(w.message).toContain(`f${i}.sql:2`);
      expect(w.message).toContain(`the main report shows the ${definitions?.[current]?.verb} at f${current}.sql:2`);
    }
  });

  it('says why an ALTER first in path order stays in effect over a later CREATE, and that SQL Server would not agree', () => {
    const [warning] = analyze('AC').diagnostics.filter((d) => d.code === 'DUPLICATE_DEFINITION');
    expect(warning?.message).toContain('this CREATE is not in effect (the ALTER comes first in path order (names compare by code unit');
    expect(warning?.message).not.toContain('a second CREATE');
  });

  it('names the folders of the two files where they part, not an example of other folders', () => {
    const r = analyzeSources([
      { file: 'WarehouseDW/Scripts/Upgrade/2019.03 fix.sql', text: 'ALTER PROCEDURE dbo.[usp_Load Dim] AS SELECT 2 AS v;\nGO\n' },
      { file: 'WarehouseDW/dbo/Stored Procedures/usp_Load Dim.sql', text: 'CREATE PROCEDURE dbo.[usp_Load Dim] AS SELECT 1 AS v;\nGO\n' },
    ]);
    const [warning] = r.diagnostics.filter((d) => d.code === 'DUPLICATE_DEFINITION');
    expect(warning?.message).toContain('so `Scripts/` sorts before `dbo/`)');
    expect(warning?.message).not.toContain('Upgrade/` sorts before `dw/');
  });

  it('leaves objects defined once, and script code of same-named files, unmarked; the JSON contract is unchanged', () => {
    const r = analyzeSources([
      { file: 'a/deploy.sql', text: 'CREATE PROCEDURE dbo.p AS SELECT 1;\nGO\nINSERT INTO dbo.t VALUES (1);\n' },
      { file: 'b/deploy.sql', text: 'INSERT INTO dbo.t VALUES (2);\n' },
    ]);
    expect(r.graphs.map((g) => [g.object.name, g.object.duplicate])).toEqual([['dbo.p', undefined], ['script.deploy', undefined], ['script.deploy', undefined]]);
    expect(r.diagnostics.filter((d) => d.code === 'DUPLICATE_DEFINITION')).toEqual([]);
    expect(Object.keys(r.json.objectsDetail[0] ?? {})).toEqual(['name', 'kind', 'file', 'line', 'statements', 'unparsed', 'reads', 'writes', 'temps', 'calls']);
  });

  it('objectsDetail keeps a row per definition, with its own reads', () => {
    const r = analyze('CA');
    expect(r.json.objects).toBe(2);
    expect(r.json.objectsDetail.map((d) => [d.name, d.file, d.line])).toEqual([['dbo.usp_x', 'f0.sql', 2], ['dbo.usp_x', 'f1.sql', 2]]);
  });
});
