import { placeholderParam, placeholderTable, renderDraftTransform, templateOf } from '../../../src/draft';
import { draftOf } from './draft-harness';
import { parseColumnType, type ColumnType } from '../../../src/engine';
import type { StubInfo } from '../../../src/sections';

/* The drafted file: SQL in a template literal whatever it holds, refusals as located comments. */

const info: StubInfo = {
  id: 'dbo.usp_X/01-x', title: 'x', procedure: 'dbo.usp_X', lines: '3-9',
  inputs: [{ name: "dbo.[It's]", columns: [{ name: 'a', type: parseColumnType('int') as ColumnType }] }],
  output: { name: 'dbo.Out', columns: [{ name: 'a', type: parseColumnType('int') as ColumnType }] },
  params: [{ name: '@P', type: parseColumnType('int?') as ColumnType }], entity: undefined,
  engineImport: '../../engine', sectionsImport: '../../sections', transformFromTest: 'x', rootFromTest: '.',
};

describe('templateOf', () => {
  it.each<[string, string, string]>([
    ['placeholders become ${table()} and ${param()}', `SELECT a FROM ${placeholderTable("dbo.[It's]")} WHERE a = ${placeholderParam('@P')}`, "SELECT a FROM ${table('dbo.[It\\'s]')} WHERE a = ${param('@P')}"],
    ['backticks, ${ and backslashes in SQL text stay text', "SELECT '`${x}\\' AS s", "SELECT '\\`\\${x}\\\\' AS s"],
  ])('%s', (_rule, sql, expected) => {
    expect(templateOf(sql).text).toBe(expected);
  });
});

describe('the UTC clock in a draft', () => {
  it('drafts SYSUTCDATETIME() and GETUTCDATE() as the run\'s utcClock(), the builder taking it', () => {
    const body = draftOf(`CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT dbo.[Load Log] ([Started UTC], [Ended UTC]) VALUES (SYSUTCDATETIME(), GETUTCDATE());
END`, { ddl: 'CREATE TABLE dbo.[Load Log] ([Started UTC] datetime2(3) NOT NULL, [Ended UTC] datetime NULL);', inputs: [], output: { name: 'dbo.[Load Log]', columns: ['Started UTC:timestamp', 'Ended UTC:timestamp?'] } });
    expect(body.refusals).toEqual([]);
    const text = renderDraftTransform({ ...info, inputs: [], params: [], output: { name: 'dbo.[Load Log]', columns: [] } }, body);
    expect(text).toMatch(/sql: \(\{ (table, )?utcClock \}\) => `/);
    expect(text.match(/\$\{utcClock\(\)\}/g)?.length).toBe(2);
    expect(text).not.toMatch(/\$\{clock\(\)\}/);
  });
});

describe('renderDraftTransform', () => {
  it('writes the SQL body, the idioms and the notes, and drops the notImplemented import', () => {
    const text = renderDraftTransform(info, { sql: `SELECT a FROM ${placeholderTable("dbo.[It's]")}`, refusals: [], idioms: ['cursor over entities -> GROUP BY'], notes: ['n1', 'n1'] });
    expect(text.split('\n').slice(0, 3)).toEqual([
      '// Drafted by `migrate scaffold --draft` from the legacy statements (review before trusting it).',
      '// Idioms applied: cursor over entities -> GROUP BY',
      '// Check: n1',
    ]);
    expect(text).toContain("import { defineTransform, table } from '../../engine';");
    expect(text).toContain("  sql: ({ table }) => `\n    SELECT a FROM ${table('dbo.[It\\'s]')}`,");
  });

  it('keeps refusals as comments with the legacy text and throws notImplemented naming the first', () => {
    const text = renderDraftTransform(info, {
      sql: undefined, idioms: [], notes: [],
      refusals: [{ kind: 'refusal', file: 'procedures/x.sql', line: 7, col: 5, construct: 'EXEC (dynamic SQL)', reason: 'unknown effects', legacyText: 'EXEC (@sql)\n  -- more' }],
    });
    expect(text).toContain('// Idioms applied: none');
    expect(text).toContain('  // NOT TRANSLATED procedures/x.sql:7:5: EXEC (dynamic SQL): unknown effects\n  //   | EXEC (@sql)\n  //   |   -- more\n');
    expect(text).toContain("  sql: () => notImplemented('dbo.usp_X/01-x: procedures/x.sql:7:5 EXEC (dynamic SQL) (unknown effects)'),");
    expect(text).toContain('import { defineTransform, notImplemented, table }');
  });
});
