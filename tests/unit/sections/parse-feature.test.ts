import { parseColumnType, type ColumnType } from '../../../src/engine';
import { parseFeature, type SpecCatalog } from '../../../src/sections';
import { inferValueType } from '../../../src/sections/parse-steps';

const ct = (t: string): ColumnType => parseColumnType(t) as ColumnType;

const catalog: SpecCatalog = {
  kind: 'spec-catalog',
  tables: new Map([
    ['dbo.entityword', { kind: 'catalog-table', name: 'dbo.EntityWord', columns: [{ name: 'EntityId', type: ct('int') }, { name: 'Word', type: ct('text?') }] }],
    ['dbo.entitylettercount', { kind: 'catalog-table', name: 'dbo.EntityLetterCount', columns: [{ name: 'EntityId', type: ct('int') }, { name: 'LetterCount', type: ct('int') }] }],
  ]),
  procedures: new Map([['dbo.usp_countentityletters', { file: 'procedures/x.sql', lines: { start: 1, end: 60 } }]]),
};

const good = `@proc:dbo.usp_CountEntityLetters @lines:12-48 @output:dbo.EntityLetterCount @entity:EntityId
Feature: count letters per entity

  Background:
    Given parameter @Letter:text = 'a'

  Scenario: two entities
    Given table dbo.EntityWord:
      | EntityId:int | Word:text? |
      | 1            | Banana     |
      | 2            | NULL       |
    When the section runs
    Then table dbo.EntityLetterCount keyed by EntityId with tolerance 0.5:
      | EntityId:int | LetterCount:int |
      | 1            | 3               |
      | 2            | 0               |
`;

describe('parseFeature', () => {
  it.each([
    ['2026-12-01', 'date'], ['2026-12-01 02:00:00.123', 'timestamp'], ['9999-12-31 23:59:59.9999999', 'datetime2'], ['2026-12-01T02:00:00.1234567', 'datetime2'],
  ])('types an untyped parameter value %s as %s', (text, base) => {
    expect(inferValueType(text).base).toBe(base);
  });

  it('reads tags, typed tables, parameters and expectations', async () => {
    const { spec, problems } = await parseFeature(good, 'sections/dbo.usp_CountEntityLetters/02-count.feature', { catalog });
    expect(problems).toEqual([]);
    expect(spec).toMatchObject({
      id: 'dbo.usp_CountEntityLetters/02-count', procedure: 'dbo.usp_countentityletters', lines: [{ start: 12, end: 48 }],
      outputs: ['dbo.EntityLetterCount'], entity: 'EntityId', ignored: false,
    });
    const sc = spec?.scenarios[0];
    expect(sc?.params[0]).toMatchObject({ name: '@Letter', value: 'a' });
    expect(sc?.inputs[0]?.rows).toEqual([{ EntityId: 1, Word: 'Banana' }, { EntityId: 2, Word: null }]);
    expect(sc?.expected[0]).toMatchObject({ key: ['EntityId'], tolerance: 0.5 });
  });

  it.each([
    ['@recorded:2000-01-01T00:00:00', '2000-01-01 00:00:00'],
    ['@recorded:2000-01-01T00:00:00 @clock:2024-01-31T08:30:00.5', '2024-01-31 08:30:00.5'],
    ['@wip', undefined],
  ])('takes a scenario\'s clock from its tags: %s', async (tags, clock) => {
    const { spec, problems } = await parseFeature(good.replace('  Scenario: two entities', `  ${tags}\n  Scenario: two entities`), 'sections/dbo.usp_CountEntityLetters/02-count.feature', { catalog });
    expect(problems).toEqual([]);
    expect(spec?.scenarios[0]?.clock).toBe(clock);
  });

  it('reports a clock tag that is no date and time', async () => {
    const { problems } = await parseFeature(good.replace('  Scenario: two entities', '  @clock:yesterday\n  Scenario: two entities'), 'sections/dbo.usp_CountEntityLetters/02-count.feature', { catalog });
    expect(problems).toEqual([expect.objectContaining({ code: 'SPEC_CLOCK', line: 7, column: 3, message: '@clock:yesterday is not a date and time' })]);
  });

  it('reads a Given table from a CSV file next to the feature', async () => {
    const text = good.replace(/Given table dbo.EntityWord:\n(\s+\|.*\n){3}/, 'Given table dbo.EntityWord from "data/words.csv"\n');
    const files: Record<string, string> = { 'sections/p/data/words.csv': 'EntityId,Word\n1,Apple\n2,\n' };
    const { spec, problems } = await parseFeature(text, 'sections/p/01-x.feature', { catalog, readFile: (p) => files[p] });
    expect(problems).toEqual([]);
    expect(spec?.scenarios[0]?.inputs[0]).toMatchObject({ rows: [{ EntityId: 1, Word: 'Apple' }, { EntityId: 2, Word: null }], source: { kind: 'file' } });
  });

  it('reads a Given table from a CSV file at an absolute path as it is', async () => {
    // Before: the absolute path was joined under the feature's folder (sections/p/data/shared/…)
    const text = good.replace(/Given table dbo.EntityWord:\n(\s+\|.*\n){3}/, 'Given table dbo.EntityWord from "/data/shared/dbo.EntityWord.csv"\n');
    const files: Record<string, string> = { '/data/shared/dbo.EntityWord.csv': 'EntityId,Word\n1,Apple\n' };
    const { spec, problems } = await parseFeature(text, 'sections/p/01-x.feature', { catalog, readFile: (p) => files[p.replace(/\\/g, '/')] });
    expect(problems).toEqual([]);
    expect(spec?.scenarios[0]?.inputs[0]).toMatchObject({ rows: [{ EntityId: 1, Word: 'Apple' }], source: { kind: 'file' } });
  });

  it.each([
    ['an unknown table', good.replace('Given table dbo.EntityWord', 'Given table dbo.EntityWords'), 'SPEC_UNKNOWN_TABLE', 8, /did you mean dbo.EntityWord/],
    ['a ragged table', good.replace('| 1            | Banana     |', '| 1 |'), 'SPEC_RAGGED', 10, /as many \| cells \|/],
    ['a value that does not fit', good.replace('| 1            | 3 ', '| 1            | x '), 'SPEC_VALUE', 15, /not an integer/],
    // T-SQL's '' for the empty string (scd probe): the cell held the two quote characters
    ['a text cell in single quotes', good.replace('| 2            | NULL       |', "| 2            | ''         |"), 'SPEC_SINGLE_QUOTED', 11, /^dbo\.EntityWord\.Word: '' in a spec cell is text holding the single quotes.*\| write "" for the empty string, or "''" if the quotes are part of the value$/],
    ['a padded text cell in single quotes', good.replace('| 1            | Banana     |', "| 1            | 'Acme AS ' |"), 'SPEC_SINGLE_QUOTED', 10, /\| write "Acme AS "/],
    ['NULL where not nullable', good.replace('| 2            | 0 ', '| 2            | NULL '), 'SPEC_VALUE', 16, /\?/],
    ['lines outside the procedure', good.replace('@lines:12-48', '@lines:12-480'), 'SPEC_LINES_OUTSIDE', 1, /propose/],
    ['a bad line range', good.replace('@lines:12-48', '@lines:48-12'), 'SPEC_LINES', 1, /first <= last/],
    ['no @proc', good.replace('@proc:dbo.usp_CountEntityLetters ', ''), 'SPEC_NO_PROC', 2, /@proc:/],
    ['an unknown column', good.replace('Word:text?', 'Wort:text?'), 'SPEC_UNKNOWN_COLUMN', 9, /EntityId, Word/],
    ['an unknown type', good.replace('Word:text?', 'Word:strung'), 'SPEC_TYPE', 9, /nullable/],
    // text ids over an int column would sort '10' before '9' and join as text: another value than the table holds
    ['a column typed as another kind than its table\'s', good.replace('| EntityId:int | Word:text? |', '| EntityId:text | Word:text? |'), 'SPEC_TYPE_MISMATCH', 9, /dbo\.EntityWord\.EntityId is int in the table's CREATE TABLE, not text \| write EntityId:int, or leave the type out/],
    ['an unreadable step', good.replace('Given parameter', 'Given a parameter'), 'SPEC_STEP', 5, /Given table/],
    ['a key that is not a column', good.replace('keyed by EntityId', 'keyed by Id'), 'SPEC_KEY', 13, /EntityId, LetterCount/],
    ['no When', good.replace('    When the section runs\n', ''), 'SPEC_NO_WHEN', 7, /When the section runs/],
    ['a Then table that is not an output', good.replace('Then table dbo.EntityLetterCount', 'Then table dbo.EntityWord'), 'SPEC_NOT_OUTPUT', 13, /@output/],
    // located at the tag (what to change), naming the output and its Then table: record --from-data refuses with the same text
    ['an entity missing from the output', good.replace('@entity:EntityId', '@entity:DeviceId'), 'SPEC_ENTITY', 1, /^@entity:DeviceId is not a column of the output dbo\.EntityLetterCount \(Then table at line 13\), whose columns are EntityId, LetterCount: .*\| .*remove @entity:DeviceId/],
  ])('reports %s with file:line and a hint', async (_what, text, code, line, hint) => {
    const { problems } = await parseFeature(text, 'f.feature', { catalog });
    const p = problems.find((x) => x.code === code);
    expect(p).toMatchObject({ file: 'f.feature', line });
    expect(`${p?.message} | ${p?.hint}`).toMatch(hint);
  });

  it('takes a wider or narrower type of the same kind as the table\'s column (bigint, decimal for an int)', async () => {
    const { problems } = await parseFeature(good.replace('| EntityId:int | Word:text? |', '| EntityId:bigint | Word:text? |').replace('| EntityId:int | LetterCount:int |', '| EntityId:int | LetterCount:decimal(9,2) |'), 'f.feature', { catalog });
    expect(problems).toEqual([]);
  });

  it('reads the fingerprint of a recorded scenario\'s statements from its @statements tag', async () => {
    const { spec, problems } = await parseFeature(good.replace('  Scenario: two entities', '  @recorded:2000-01-01T00:00:00 @statements:88C77176fe22\n  Scenario: two entities'), 'f.feature', { catalog });
    expect(problems).toEqual([]);
    expect(spec?.scenarios[0]).toMatchObject({ statements: '88c77176fe22', clock: '2000-01-01 00:00:00' });
  });

  it('suggests the tables an unknown one may mean as specs write their names', async () => {
    // the catalog keys tables lower-case; what people read keeps the CREATE TABLE's spelling
    const keyed: SpecCatalog = {
      ...catalog,
      tables: new Map([['reporting.customer kpi', { kind: 'catalog-table', name: 'reporting.customer kpi', columns: [{ name: 'CustomerID', type: ct('int') }] }]]),
      names: new Map([['reporting.customer kpi', 'Reporting.[Customer KPI]']]),
    };
    const text = good.replace('Given table dbo.EntityWord', 'Given table Reporting.[Customer KPIs]');
    const { problems } = await parseFeature(text, 'f.feature', { catalog: keyed });
    expect(problems.find((x) => x.code === 'SPEC_UNKNOWN_TABLE')?.hint).toBe('did you mean Reporting.[Customer KPI]?');
    // a table of another database is no local table misspelled
    const linked = await parseFeature(good.replace('Given table dbo.EntityWord', 'Given table [$(LinkedDb)].dbo.Customers'), 'f.feature', { catalog: keyed });
    expect(linked.problems.find((x) => x.code === 'SPEC_UNKNOWN_TABLE')?.hint).toBe('a table of another database: add a script to procedures/ that creates it under the name the procedure uses (CREATE TABLE [$(LinkedDb)].dbo.Customers (…))');
  });

  it('reports Gherkin syntax errors with their position', async () => {
    const { spec, problems } = await parseFeature('@wip\n', 'bad.feature');
    expect(spec).toBeUndefined();
    expect(problems[0]).toMatchObject({ code: 'SPEC_SYNTAX', line: 2 });
  });

  it('accepts an @ignored housekeeping section without scenarios', async () => {
    const { spec, problems } = await parseFeature('@proc:dbo.p @lines:1-3 @ignored\nFeature: housekeeping\n', 'sections/dbo.p/00-housekeeping.feature');
    expect(problems).toEqual([]);
    expect(spec?.ignored).toBe(true);
  });

  it('reads several line ranges', async () => {
    const { spec } = await parseFeature('@proc:dbo.p @lines:1-3,9 @lines:12-14 @ignored\nFeature: housekeeping\n', 'sections/dbo.p/00-housekeeping.feature');
    expect(spec?.lines).toEqual([{ start: 1, end: 3 }, { start: 9, end: 9 }, { start: 12, end: 14 }]);
  });
});

describe('tags: Gherkin cuts a tag line at every @', () => {
  it.each([
    ['@output:@Points', ['@Points']],
    ['@output:@Points,#Totals', ['@Points', '#Totals']],
    ['@output:dbo.T @wip', ['dbo.T']],
  ])('%s', async (tag, outputs) => {
    const { spec } = await parseFeature(`@proc:dbo.p @lines:1-2 ${tag}\nFeature: f\n`, 'sections/dbo.p/01-x.feature');
    expect(spec?.outputs).toEqual(outputs);
  });
});
