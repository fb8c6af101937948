import { collectTableCatalog } from '../../../src/dataflow';
import { functionTables } from '../../../src/sections/function-tables';
import { buildCatalog, catalogTables } from '../../../src/sections/procedure-outline';
import { parseScript } from '../../../src/tsql';

// Two multi-statement functions that both name their return table @t (as most code does), with
// columns of one name and different types, and an inline one computing over a money column.
const SQL = `CREATE TABLE [Fleet].[Trip] ([Trip Id] int NOT NULL, [Distance Km] decimal(9, 1) NOT NULL, [Toll] money NULL)
GO
CREATE FUNCTION [Fleet].[fn Trip Codes] () RETURNS @t TABLE ([Code] int NOT NULL)
AS BEGIN INSERT @t SELECT [Trip Id] FROM [Fleet].[Trip]; RETURN; END
GO
CREATE FUNCTION [Fleet].[fn Trip Labels] () RETURNS @t TABLE ([Code] varchar(12) NULL)
AS BEGIN INSERT @t SELECT CAST([Trip Id] AS varchar(12)) FROM [Fleet].[Trip]; RETURN; END
GO
CREATE FUNCTION [Fleet].[fn Trip Costs] (@Rate decimal(5, 2))
RETURNS TABLE
AS
RETURN (
  SELECT t.[Trip Id], t.[Distance Km] * 3 AS [Cost Units], t.[Toll]
  FROM [Fleet].[Trip] AS t
);
GO
`;

describe('table-valued functions as typed tables (for typing what reads them)', () => {
  const script = parseScript(SQL, { file: 'fleet.sql' });
  const catalog = buildCatalog(catalogTables(SQL, 'fleet.sql', script), []);
  const tables = functionTables([{ text: SQL, script }], 'dbo', collectTableCatalog([script], 'dbo'), catalog);
  const typed = (name: string): string[] => (tables.find((t) => t.name === name)?.columns ?? []).map((c) => `${c.name} ${c.type.base}${c.type.nullable ? '?' : ''}${c.sqlType !== undefined ? ` ${c.sqlType.name}` : ''}`);

  it('types a multi-statement function by its own RETURNS table, not another object\'s @t', () => {
    expect(typed('fleet.fn trip codes')).toEqual(['Code int int']);
    expect(typed('fleet.fn trip labels')).toEqual(['Code text? varchar']);
  });

  it('types an inline function\'s columns from the columns its SELECT reads, computed ones by SQL Server\'s rules', () => {
    const costs = tables.find((t) => t.name === 'fleet.fn trip costs')?.columns ?? [];
    expect(costs.map((c) => c.name)).toEqual(['Trip Id', 'Cost Units', 'Toll']);
    // decimal(9,1) * 3 (an integer constant beside a decimal: decimal(1,0), as the emulator reads it): decimal(9+1+1, 1+0)
    expect(costs[1]?.type).toMatchObject({ base: 'decimal', precision: 11, scale: 1, nullable: true });
    expect(costs[2]?.sqlType?.name).toBe('money');
  });
});
