import { parseScript, walk, type CreateTable } from '../../../src/tsql';
import { tableChangesOf, withTableChanges } from '../../../src/sections/table-alterations';

// The specs' table shapes (a section's Given and Then headers) apply the scripts' ALTER TABLEs
// to the CREATE in effect, as the emulator does: an ADD the table already has adds nothing.
describe('withTableChanges: ALTER TABLE … ADD of a column the table already has', () => {
  const create = parseScript('CREATE TABLE rpt.[Bill Line] ([Line No] smallint NOT NULL, [Prorate Factor] decimal(9,6) NULL)\nGO\n', { file: 'tables.sql' });
  const columnsAfter = (upgrade: string): string[] => {
    const script = parseScript(upgrade, { file: 'V2__upgrade.sql' });
    let table: CreateTable | undefined;
    walk(create.batches[0]!.statements[0]!, (n) => { if (n.kind === 'CreateTable') table = n; return undefined; });
    const changes = tableChangesOf([create, script]).get('rpt.bill line');
    return withTableChanges(table!.definition, changes).columns.map((c) => `${c.name.name} ${c.dataType?.name.parts.map((p) => p.name).join(".") ?? "computed"}`);
  };

  it('is skipped when its IF COL_LENGTH guard finds the column (the CREATE already holds it)', () => {
    expect(columnsAfter("IF COL_LENGTH('rpt.[Bill Line]', 'Prorate Factor') IS NULL\nBEGIN\n  ALTER TABLE rpt.[Bill Line] ADD [Prorate Factor] decimal(9,2) NULL;\nEND\nGO\n"))
      .toEqual(['Line No smallint', 'Prorate Factor decimal']);
  });

  it('adds nothing unguarded either (2705 fails the whole statement, its other columns too)', () => {
    expect(columnsAfter('ALTER TABLE rpt.[Bill Line] ADD [Prorate Factor] float NULL, [Days] int NULL;\nGO\n')).toEqual(['Line No smallint', 'Prorate Factor decimal']);
  });

  it('adds a column the table does not have', () => {
    expect(columnsAfter('ALTER TABLE rpt.[Bill Line] ADD [Days] int NULL;\nGO\n')).toEqual(['Line No smallint', 'Prorate Factor decimal', 'Days int']);
  });
});
