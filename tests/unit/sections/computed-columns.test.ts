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
  Label AS UPPER(Name),
  Small smallint NULL, Fee money NULL, Light real NULL,
  PerSmall AS (Cost / Small),
  FeeSquared AS (Fee * Fee),
  Either AS COALESCE(Units, 0.5),
  LightTimes AS (Light * Units),
  Half AS (Cost * 0.5),
  ShipOn date NOT NULL,
  ShipMonth AS (DATEFROMPARTS(YEAR(ShipOn), MONTH(ShipOn), 1)) PERSISTED,
  MonthEnd AS EOMONTH(ShipOn),
  ShipYear AS YEAR(ShipOn)
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
    // A smallint divisor is decimal(5,0), not an int's (10,0): scale max(6, 2 + 5 + 1) = 8.
    ['PerSmall', 'decimal(16,8)?', ['Cost', 'Small']],
    // money times money is money (four decimals), not decimal(39,8).
    ['FeeSquared', 'decimal(19,4)?', ['Fee']],
    // COALESCE takes the type of highest precedence (decimal(11,1) here), not its first
    // argument's: an int would round the 0.5 away. Mixed types are left to a person.
    ['Either', 'text?', ['Units']],
    ['LightTimes', 'double?', ['Light', 'Units']],
    // 0.5 is decimal(1,1): leading zeros are no digits.
    ['Half', 'decimal(12,3)?', ['Cost']],
    // DATEFROMPARTS and EOMONTH return date, YEAR/MONTH/DAY int (their reference pages)
    ['ShipMonth', 'date?', ['ShipOn']],
    ['MonthEnd', 'date?', ['ShipOn']],
    ['ShipYear', 'int?', ['ShipOn']],
  ])('types %s as %s, computed from %j', (name, type, from) => {
    expect(column(name)).toEqual({ type, computed: from });
  });

  it('keeps the stored columns as declared, not computed', () => {
    expect(column('Qty')).toEqual({ type: 'decimal(9,3)', computed: undefined });
  });
});
