import { formatColumnType } from '../../../src/engine';
import { catalogTables } from '../../../src/sections';

// Result types of arithmetic: learn.microsoft.com/sql/t-sql/data-types/precision-scale-and-length-transact-sql
// (e1 * e2: p1 + p2 + 1, s1 + s2; e1 / e2: p1 - s1 + s2 + max(6, s1 + p2 + 1), max(6, s1 + p2 + 1);
// e1 + e2: max(s1, s2) + max(p1 - s1, p2 - s2) + 1, max(s1, s2)).
const SCRIPT = `CREATE TABLE dbo.Line (
  Qty decimal(9,3) NOT NULL, Price money NOT NULL, Cost decimal(10,2) NULL, Units int NOT NULL, Ratio float NULL, Name nvarchar(20) NULL,
  Total AS (Qty * Price) PERSISTED,
  Margin AS ((Price - Cost) / Price),
  Doubled AS (Units * 2),
  Scaled AS (Ratio * Units),
  Whole AS CAST(Qty AS int),
  Shown AS ISNULL(Cost, 0),
  Label AS UPPER(Name)
);`;

describe('computed columns in the sections catalog', () => {
  const table = catalogTables(SCRIPT, 't.sql')[0];
  const column = (name: string): { type: string; computed: readonly string[] | undefined } => {
    const c = table?.columns.find((x) => x.name === name);
    return { type: c === undefined ? 'missing' : formatColumnType(c.type), computed: c?.computed };
  };

  it.each([
    ['Total', 'decimal(29,7)?', ['Qty', 'Price']],
    ['Margin', 'decimal(38,18)?', ['Price', 'Cost']],
    ['Doubled', 'int?', ['Units']],
    ['Scaled', 'double?', ['Ratio', 'Units']],
    ['Whole', 'int?', ['Qty']],
    ['Shown', 'decimal(10,2)?', ['Cost']],
    ['Label', 'text?', ['Name']],
  ])('types %s as %s, computed from %j', (name, type, from) => {
    expect(column(name)).toEqual({ type, computed: from });
  });

  it('keeps the stored columns as declared, not computed', () => {
    expect(column('Qty')).toEqual({ type: 'decimal(9,3)', computed: undefined });
  });
});
