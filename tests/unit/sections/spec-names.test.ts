import fc from 'fast-check';
import { parseColumnType, type ColumnType } from '../../../src/engine';
import {
  canonicalSpecName, decodeTagValue, encodeTagValue, formatHeaderCell, formatSpecName, isRegularIdentifier, parseFeature, parseHeaderCell, parseSpecName,
  partSpellingIn, procedureFolderOf, quoteNamePart, sectionIdOfWritten, slugOfName, specNameKey, splitNameList, tsString, unquoteNamePart,
} from '../../../src/sections';

const ct = (t: string): ColumnType => parseColumnType(t) as ColumnType;

describe('quoteNamePart / formatSpecName: names as T-SQL writes them', () => {
  it.each([
    ['EntityId', 'EntityId'],
    ['Stock Item', '[Stock Item]'],
    ['WWI City ID', '[WWI City ID]'],
    ['Order', '[Order]'],
    ['key', '[key]'],
    ['Größe', 'Größe'],
    ['1st Value', '[1st Value]'],
    ['Item.Count', '[Item.Count]'],
    ['City]Totals', '[City]]Totals]'],
    ['#City Changes', '[#City Changes]'],
    ['#Kpi', '#Kpi'],
    ['@Totals', '@Totals'],
    ['a-b', '[a-b]'],
    ["O'Brien", "[O'Brien]"],
  ])('%s -> %s', (part, written) => {
    expect(quoteNamePart(part)).toBe(written);
    expect(parseSpecName(written)).toEqual([part]);
  });

  it.each([
    [['Dimension', 'Stock Item'], 'Dimension.[Stock Item]'],
    [['Integration', 'ETL Cutoff'], 'Integration.[ETL Cutoff]'],
    [['Reporting', 'City]Totals.v2'], 'Reporting.[City]]Totals.v2]'],
    [['dbo', 'usp_CountEntityLetters'], 'dbo.usp_CountEntityLetters'],
    [['Sales', '', 'Orders'], 'Sales..Orders'],
  ])('%j -> %s', (parts, written) => {
    expect(formatSpecName(parts)).toBe(written);
    expect(parseSpecName(written)).toEqual(parts);
  });

  it('tells regular identifiers from the rest', () => {
    expect([isRegularIdentifier('_x1$'), isRegularIdentifier('x y'), isRegularIdentifier('select'), isRegularIdentifier('9a')]).toEqual([true, false, false, false]);
  });
});

describe('parseSpecName: lenient reading', () => {
  it.each([
    ['Dimension.Stock Item', ['Dimension', 'Stock Item']],
    ['"Stock ""Item"""', ['Stock "Item"']],
    [' dbo . [x] ', ['dbo', 'x']],
    ['[a.b].[c d]', ['a.b', 'c d']],
  ])('%s', (text, parts) => expect(parseSpecName(text)).toEqual(parts));

  it.each(['', '[unclosed', 'a]b', '[a]b', '.x', 'x.'])('%j is not a name', (text) => expect(parseSpecName(text)).toBeUndefined());
});

describe('specNameKey: the case-insensitive key, equal to the dataflow contract name', () => {
  it.each([
    ['Dimension.[Stock Item]', 'dimension.stock item'],
    ['dimension.stock item', 'dimension.stock item'],
    ['[Stock Item]', 'dbo.stock item'],
    ['[#City Changes]', '#city changes'],
    ['@Totals', '@totals'],
    ['Reporting.[City]]Totals.v2]', 'reporting.city]totals.v2'],
    ['reporting.city]totals.v2', 'reporting.city]totals.v2'],
    ['Sales..Orders', 'sales.dbo.orders'],
    ['[$(DatabaseName)].dbo.Currency', 'dbo.currency'],
    ['[$(LinkedDb)].dbo.Currency', '$(linkeddb).dbo.currency'],
    ['EntityLetterCount', 'dbo.entitylettercount'],
  ])('%s -> %s', (text, key) => expect(specNameKey(text)).toBe(key));
});

describe('tag values: percent-encoding of what a Gherkin tag cannot hold', () => {
  it.each([
    ['Integration.[ETL Cutoff]', 'Integration.[ETL%20Cutoff]'],
    ['@Totals', '%40Totals'],
    ['[100% Done]', '[100%25%20Done]'],
    ['[Tab\there]', '[Tab%09here]'],
    ['Größe', 'Größe'],
    ['#Kpi', '#Kpi'],
  ])('%s <-> %s', (text, tag) => {
    expect(encodeTagValue(text)).toBe(tag);
    expect(decodeTagValue(tag)).toBe(text);
  });

  it('keeps a malformed escape as written', () => expect(decodeTagValue('a%ZZ%E2')).toBe('a%ZZ%E2'));
});

describe('lists, headers, slugs and folders', () => {
  it('splits name lists outside brackets', () => {
    expect(splitNameList('dbo.A, [b,c] ,"d,e"')).toEqual(['dbo.A', '[b,c]', '"d,e"']);
    expect(splitNameList('[a]],b],c').map(unquoteNamePart)).toEqual(['a],b', 'c']);
  });

  it.each([
    ['[WWI City ID]:int', { name: 'WWI City ID', type: 'int' }],
    ['[a:b]]c]:text?', { name: 'a:b]c', type: 'text?' }],
    ['EntityId:int', { name: 'EntityId', type: 'int' }],
    ['Stock Item : text', { name: 'Stock Item', type: 'text' }],
    ['[Order]', { name: 'Order', type: undefined }],
    ['Größe', { name: 'Größe', type: undefined }],
  ])('header %s', (cell, parsed) => expect(parseHeaderCell(cell)).toEqual(parsed));

  it.each(['[open:int', '[a]x:int'])('header %s cannot be read', (cell) => expect(parseHeaderCell(cell)).toBeUndefined());

  it.each([
    ['Dimension.[Stock Item]', 'stock-item'],
    ['#UsageWithConfig', 'usage-with-config'],
    ['Reporting.[City]]Totals.v2]', 'city-totals-v2'],
    ['[Größe]', 'größe'],
    ['dbo.usp_CountEntityLetters', 'count-entity-letters'],
    ['[]]]', 'section'],
    ['@Totals', 'totals'],
  ])('slug of %s is %s', (name, slug) => expect(slugOfName(name)).toBe(slug));

  it.each([
    [['Integration', 'Load Stock Item'], 'Integration.Load_Stock_Item'],
    [['dbo', 'usp_CountEntityLetters'], 'dbo.usp_CountEntityLetters'],
    [['x', 'a/b:c*?'], 'x.a_b_c__'],
    [['x', 'ends.'], 'x.ends_'],
    [['x', '[Größe]'], 'x._Größe_'],
  ])('folder of %j is %s', (parts, folder) => expect(procedureFolderOf(parts)).toBe(folder));

  it('canonicalises a name written loosely', () => expect(canonicalSpecName('dimension.stock item')).toBe('dimension.[stock item]'));

  it.each(["a'b", 'c"d', 'e\\f', 'g\nh', 'Größe', '\u2028', ']]'])('tsString(%j) is a literal of the same text', (text) => {
    expect(new Function(`return ${tsString(text)};`)()).toBe(text);
  });
});

// Identifiers of every shape SQL Server allows in brackets: spaces, `]`, dots, quotes, Unicode,
// keywords, leading digits, # and @ prefixes; never empty, never leading/trailing blanks (SQL
// Server ignores trailing blanks in names), no control characters (a .feature is line-based).
const part = fc.oneof(
  fc.constantFrom('Stock Item', 'WWI City ID', 'Order', 'select', 'Größe', '1st', '#City Changes', '@Totals', 'a]]b', 'x.y', 'Ω', '100%', 'a@b', 'x, y', '"q"', "O'B"),
  fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', ']', '[', '.', '%', '@', '#', ',', ':', '"', "'", 'ß', 'é', '中', '_', '$', '|', '\\', '\t'), minLength: 1, maxLength: 12 }),
).map((s) => s.replace(/\t/g, ' ').trim()).filter((s) => s.length > 0);

describe('round trip through a real .feature (render -> Gherkin -> parse == original)', () => {
  it('holds for tags, steps, headers, keys and @entity over random identifiers', async () => {
    await fc.assert(fc.asyncProperty(part, part, part, part, async (schema, table, column, input) => {
      const output = formatSpecName([schema, table.replace(/^[#@]+/, '') || 'x']);
      const inputName = formatSpecName([input.startsWith('#') || input.startsWith('@') ? input : `#${input}`]);
      const col = column.replace(/^[#@]+/, '') || 'c';
      const text = `@proc:${encodeTagValue(formatSpecName(['Etl', table]))} @lines:1-5 @output:${encodeTagValue(output)} @entity:${encodeTagValue(quoteNamePart(col))}
Feature: ${output}

  Scenario: one row
    Given table ${inputName}:
      | ${formatHeaderCell(col, 'int')} |
      | 1 |
    When the section runs
    Then table ${output} keyed by ${quoteNamePart(col)}:
      | ${formatHeaderCell(col, 'int')} |
      | 1 |
`;
      const { spec, problems } = await parseFeature(text, 'sections/x/01-x.feature');
      expect(problems).toEqual([]);
      expect(spec?.procedure).toBe(specNameKey(formatSpecName(['Etl', table])));
      expect(spec?.outputs).toEqual([output]);
      expect(parseSpecName(spec?.outputs[0] as string)).toEqual(parseSpecName(output));
      expect(spec?.entity).toBe(col);
      const scenario = spec?.scenarios[0];
      expect(parseSpecName(scenario?.inputs[0]?.name as string)).toEqual(parseSpecName(inputName));
      expect(scenario?.inputs[0]?.columns.map((c) => c.name)).toEqual([col]);
      expect(scenario?.expected[0]?.key).toEqual([col]);
      expect(scenario?.expected[0]?.table.rows).toEqual([{ [col]: 1 }]);
    }), { numRuns: 150 });
  });

  it('reads a hand-written @output:@Totals (Gherkin splits it at the @) as one tag', async () => {
    const { spec, problems } = await parseFeature(`@proc:dbo.p @lines:1 @output:@Totals @entity:Id
Feature: totals
  Scenario: s
    When the section runs
    Then table @Totals:
      | Id:int |
`, 'sections/dbo.p/01-totals.feature');
    expect(problems).toEqual([]);
    expect(spec?.outputs).toEqual(['@Totals']);
  });

  it('checks bracketed names against the catalog, case-insensitively, and names them as written', async () => {
    const catalog = {
      kind: 'spec-catalog' as const,
      tables: new Map([['dimension.stock item', { kind: 'catalog-table' as const, name: 'dimension.stock item', columns: [{ name: 'WWI Stock Item ID', type: ct('int') }, { name: 'Order', type: ct('int?') }] }]]),
      procedures: new Map(),
    };
    const { problems } = await parseFeature(`@proc:dbo.p @lines:1 @output:Dimension.[Stock%20Item]
Feature: x
  Scenario: s
    Given table DIMENSION.[stock item]:
      | [wwi stock item id] | [Order] | [Colour]:text |
    When the section runs
    Then table Dimension.[Stock Item] keyed by [WWI Stock Item ID]:
      | [WWI Stock Item ID] |
`, 'sections/dbo.p/01-x.feature', { catalog });
    expect(problems.map((p) => `${p.code}: ${p.message}`)).toEqual(['SPEC_UNKNOWN_COLUMN: DIMENSION.[stock item] has no column Colour']);
  });
});

describe('sectionIdOfWritten', () => {
  // commands take a procedure as T-SQL writes it; a section id's procedure part too
  it.each([
    ['Kunden.[usp_KPI je Kunde]/01-umsatz', 'Kunden.usp_KPI_je_Kunde/01-umsatz'],
    ['Kunden.usp_KPI je Kunde/01-umsatz', 'Kunden.usp_KPI_je_Kunde/01-umsatz'],
    ['[My.Schema].[usp_Größe Summe]/01-summe', 'My.Schema.usp_Größe_Summe/01-summe'],
    ['usp_X/02-total', 'dbo.usp_X/02-total'],
    ['Kunden.usp_KPI_je_Kunde/01-umsatz', 'Kunden.usp_KPI_je_Kunde/01-umsatz'],
    ['no-slash', 'no-slash'],
  ])('%s -> %s', (written, id) => {
    expect(sectionIdOfWritten(written)).toBe(id);
  });
});

describe('partSpellingIn: the spelling of a name in the code, not in comments or strings', () => {
  const source = `/* each quarter is 4, 4 and 5 weeks; /* nested */ still weeks */
-- weeks and totals per quarter
CREATE PROCEDURE dbo.p AS
  SELECT 'weeks' AS Label, SUM(Weeks) AS Weeks, [Open Total] FROM dbo.T -- weeks`;
  it.each([
    ['weeks', 'Weeks'],
    ['WEEKS', 'Weeks'],
    ['open total', 'Open Total'],
    ['label', 'Label'],
    ['quarter', 'quarter'],
  ])('%s -> %s', (part, spelled) => {
    expect(partSpellingIn(source, part)).toBe(spelled);
  });
});
