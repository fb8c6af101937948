import { analyzeFile, setContextOf, splitScript } from '../../../src/dataflow';
import { renderObjectMarkdown, serializeGraph } from '../../../src/render';
import { parseScript } from '../../../src/tsql';

// An object's page says which settings it was created under when a script turned them OFF:
// the migrated code must compare NULLs the way ANSI_NULLS OFF does.
const SCRIPT = `SET ANSI_NULLS OFF
GO
SET QUOTED_IDENTIFIER OFF
GO
CREATE PROCEDURE dbo.usp_Old @Region varchar(10) AS
  SELECT Id FROM dbo.Customers WHERE Region = @Region AND Name <> "n/a";
GO
SET ANSI_NULLS ON
GO
SET QUOTED_IDENTIFIER ON
GO
CREATE PROCEDURE dbo.usp_New AS SELECT "Id" FROM dbo.Customers;
GO
`;

describe('the settings an object was created under', () => {
  const unit = splitScript(parseScript(SCRIPT, { file: 'procs.sql' }), 'dbo');
  const graphs = analyzeFile(unit, setContextOf([unit], 'dbo')).defined.map((d) => d.graph);
  const [old, fresh] = graphs;

  it('are on the graph (lines of the SETs) and in its page', () => {
    expect(old?.object.createdUnder).toEqual({ ansiNullsOff: 1, quotedIdentifierOff: 3 });
    expect(fresh?.object.createdUnder).toBeUndefined();
    const md = renderObjectMarkdown(old!);
    expect(md).toContain('> **Warning:** created under `SET ANSI_NULLS OFF` (line 1)');
    expect(md).toContain('> **Note:** created under `SET QUOTED_IDENTIFIER OFF` (line 3)');
    expect(renderObjectMarkdown(fresh!)).not.toContain('created under');
    expect(serializeGraph(old!)).toContain('"createdUnder"');
  });

  it('decide how "text" reads: a string under OFF, a column under ON', () => {
    expect(old?.steps[0]?.reads.flatMap((r) => r.columns)).toEqual(['id', 'name', 'region']);
    expect(fresh?.steps[0]?.reads.flatMap((r) => r.columns)).toEqual(['id']);
  });
});
