import { graphOf } from './graph-of';

// The lineage shows how a column is computed as the code writes it. Whitespace between tokens is
// collapsed to fit one line, but the blanks of a literal are the value: an indent of four blanks
// per level was shown as `REPLICATE(' ', …)`, one blank.
const DDL = `CREATE TABLE dbo.[Cost Line] ([Line Code] varchar(10) NOT NULL PRIMARY KEY, [Line Level] int NOT NULL)
GO
`;
const PROC = `CREATE PROCEDURE dbo.usp_Indent AS
SELECT REPLICATE('    ', c.[Line Level])
         +   c.[Line Code] AS [Indented Code],
       c.[Line Code] + '  |  ' + [Line  Code] AS [Framed]
FROM dbo.[Cost Line] c
GO
`;

describe('the expression a lineage row shows', () => {
  it('keeps the blanks of literals and quoted names, and collapses those between tokens', () => {
    const graph = graphOf(DDL, PROC, 'dbo.usp_indent');
    const shown = (column: string): string | undefined => graph.lineage.find((l) => l.target.column === column)?.expression;
    expect(shown('indented code')).toBe("REPLICATE('    ', c.[Line Level]) + c.[Line Code]");
    expect(shown('framed')).toBe("c.[Line Code] + '  |  ' + [Line  Code]");
  });
});
