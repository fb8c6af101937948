import { graphOf } from './graph-of';

// `o.[Org Node].ToString()` parses as a call of a dotted name. It is a method of the hierarchyid
// column, so the value comes from that column: the lineage said "(none: computed)" for it. A
// schema-qualified function call (`dbo.fn_Pad(…)`) is no method and reads only its arguments.
const DDL = `CREATE TABLE dbo.[Org Unit] ([Org Node] hierarchyid NOT NULL PRIMARY KEY, [Unit Code] varchar(10) NOT NULL)
GO
CREATE TABLE dbo.[Org Report] ([Unit Code] varchar(10) NOT NULL, [Node Text] varchar(200) NULL, [Depth] smallint NULL, [Padded] varchar(20) NULL)
GO
`;
const PROC = `CREATE PROCEDURE dbo.usp_Org_Report AS
INSERT INTO dbo.[Org Report] ([Unit Code], [Node Text], [Depth], [Padded])
SELECT o.[Unit Code], o.[Org Node].ToString(), [Org Node].GetLevel(), dbo.fn_Pad(o.[Unit Code])
FROM dbo.[Org Unit] o
GO
`;

describe('columns read through a CLR type method', () => {
  it('traces ToString() and GetLevel() to the hierarchyid column, a schema function to its argument only', () => {
    const graph = graphOf(DDL, PROC, 'dbo.usp_org_report');
    const lineage = (column: string): string[] => graph.lineage.filter((l) => l.target.column === column).flatMap((l) => l.sources.map((s) => s.column)).sort();
    expect(lineage('node text')).toEqual(['org node']);
    expect(lineage('depth')).toEqual(['org node']);
    expect(lineage('padded')).toEqual(['unit code']);
  });
});
