import { draftSection } from '../../../src/draft/draft-section';
import { draftInputOf, type HarnessTable } from './draft-harness';

// A section whose statements write two tables drafts each: the output, and every further
// @output table in moreOutputs (the same statements, drafted for that table's final rows).
const MOVES: HarnessTable = { name: 'dbo.Movement', columns: ['Sku:text', 'Qty:int'] };
const ON_HAND: HarnessTable = { name: 'dbo.OnHand', columns: ['Sku:text', 'Qty:int'] };
const DDL = 'CREATE TABLE dbo.OnHand (Sku varchar(10) NOT NULL, Qty int NOT NULL);\nGO\nCREATE TABLE Audit.[Stock Change] (Sku varchar(10) NOT NULL, Action varchar(10) NOT NULL);';
const proc = (second: string): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.OnHand (Sku, Qty) SELECT Sku, SUM(Qty) FROM dbo.Movement GROUP BY Sku;
  ${second}
END
`;

describe('drafting a section that writes several tables', () => {
  const withMore = (second: string): string => {
    const input = draftInputOf(proc(second), { inputs: [MOVES], output: ON_HAND, ddl: DDL });
    return draftSection({ ...input, info: { ...input.info, moreOutputs: [{ name: 'Audit.[Stock Change]', columns: [{ name: 'Sku', type: { base: 'text', nullable: false } }, { name: 'Action', type: { base: 'text', nullable: false } }] as never }] } });
  };

  it('drafts the further table in its moreOutputs entry', () => {
    const text = withMore("INSERT INTO Audit.[Stock Change] (Sku, Action) SELECT DISTINCT Sku, 'INSERT' FROM dbo.Movement;");
    expect(text).toMatch(/ {2}moreOutputs: \{\n {4}'Audit\.\[Stock Change\]': \{ output: table\(\{ Sku: 'text', Action: 'text' \}\), sql: \(\{ table \}\) => `\n/);
    expect(text).toContain("${table('dbo.Movement')}");
    expect(text).not.toContain('notImplemented(');
    expect(text).toContain("import { defineTransform, table }");
  });

  it('keeps a refused further table not implemented, with its refusal above the entry', () => {
    const text = withMore('EXEC dbo.usp_Audit;');
    expect(text).toMatch(/ {4}\/\/ NOT TRANSLATED .*\n(?: {4}\/\/.*\n)* {4}'Audit\.\[Stock Change\]': \{ output: table\(.*\), sql: \(\) => notImplemented\('dbo\.usp_T\/01-t: Audit\.\[Stock Change\]: /);
    expect(text).toContain('import { defineTransform, notImplemented, table }');
  });
});
