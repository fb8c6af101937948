import { LegacyError } from '../../../../src/core';
import { insideTryOutsideSection, sectionFootprint, selectSectionStatements, statementsBefore } from '../../../../src/legacy/emulator/section/section-statements';
import { parseScript, type CreateProcedure } from '../../../../src/tsql';

/** A procedure whose body starts on line 4 (line 1: CREATE PROCEDURE, 2: AS, 3: BEGIN). */
function proc(body: string): { procedure: CreateProcedure; script: ReturnType<typeof parseScript> } {
  const script = parseScript(`CREATE PROCEDURE dbo.p @A int\nAS\nBEGIN\n${body}\nEND\n`, { file: 'p.sql' });
  return { procedure: script.batches[0]?.statements[0] as CreateProcedure, script };
}

const footprintOf = (body: string) => {
  const { procedure, script } = proc(body);
  return sectionFootprint(selectSectionStatements(procedure, script, [{ start: 1, end: 1000 }]));
};

describe('sectionFootprint', () => {
  it.each([
    ['UPDATE through an alias writes the aliased table and reads the joined one', 'UPDATE t SET t.X = s.X FROM #Work t JOIN dbo.Src s ON s.Id = t.Id;', ['dbo.src'], ['#work'], []],
    ['MERGE writes its target and reads its source', 'MERGE kpi.T AS tgt USING #Day AS src ON tgt.K = src.K WHEN MATCHED THEN UPDATE SET tgt.V = src.V;', ['#day'], ['kpi.t'], []],
    ['a CTE name is not a table', 'WITH c AS (SELECT Id FROM dbo.Src) DELETE FROM dbo.Out WHERE Id IN (SELECT Id FROM c);', ['dbo.src'], ['dbo.out'], []],
    ['SELECT INTO creates and writes its target', 'SELECT Id INTO #Copy FROM dbo.Src;', ['dbo.src'], ['#copy'], ['#copy']],
    ['a table variable read', 'INSERT INTO dbo.Out (Id) SELECT Id FROM @Totals;', ['@totals'], ['dbo.out'], []],
    ['bracketed names keep their parts', 'INSERT INTO Reporting.[City Totals] ([Key]) SELECT [Key] FROM Dimension.[Stock Item];', ['dimension.stock item'], ['reporting.city totals'], []],
  ])('%s', (_what, body, reads, writes, creates) => {
    const f = footprintOf(body);
    expect([...f.reads.keys()].sort()).toEqual(reads);
    expect([...f.writes].sort()).toEqual(writes);
    expect([...f.creates].sort()).toEqual(creates);
  });

  it.each([
    ['a plain SET writes first', 'SET @x = 1; SET @y = @x;', []],
    ['a compound SET reads first', 'SET @x += 1;', ['@x']],
    ['FETCH INTO writes first', 'FETCH NEXT FROM c INTO @x; SET @y = @x;', []],
    ['SELECT @v = reads the right side first', 'SELECT @x = @y + 1;', ['@y']],
    ['a parameter in a WHERE reads', 'DELETE FROM dbo.Out WHERE Id = @A;', ['@a']],
    ['EXEC\'s return code is set by the call', 'EXEC @rc = dbo.usp_Apply @A, @n OUTPUT; IF @rc <> 0 RETURN 2;', ['@a', '@n']],
    // a caught error leaves @rc as it was: the CATCH may read the value before the section
    ['EXEC\'s return code under TRY keeps its earlier value', 'BEGIN TRY EXEC @rc = dbo.usp_Apply; END TRY BEGIN CATCH SET @e = @rc; END CATCH', ['@rc']],
  ])('variables: %s', (_what, body, readsFirst) => {
    expect([...footprintOf(body).readsFirst.keys()]).toEqual(readsFirst);
  });
});

describe('selectSectionStatements and statementsBefore', () => {
  const body = [
    'DECLARE @n int = 0;', // 4
    'BEGIN TRY', // 5
    '  SET @n = 1;', // 6
    '  WHILE @n < 3', // 7
    '  BEGIN', // 8
    '    SET @n = @n + 1;', // 9
    '  END', // 10
    'END TRY', // 11
    'BEGIN CATCH', // 12
    '  PRINT 1;', // 13
    'END CATCH', // 14
  ].join('\n');

  it.each([
    ['statements inside a TRY block it only partly covers', [{ start: 6, end: 10 }], [6, 7]],
    ['a whole loop', [{ start: 7, end: 10 }], [7]],
  ])('takes %s', (_what, ranges, lines) => {
    const { procedure, script } = proc(body);
    expect(selectSectionStatements(procedure, script, ranges).map((s) => s.span.start.line)).toEqual(lines);
  });

  it('refuses half a loop with the loop\'s location', () => {
    const { procedure, script } = proc(body);
    const err = (() => { try { selectSectionStatements(procedure, script, [{ start: 9, end: 9 }]); } catch (e) { return e; } return undefined; })();
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).format()).toMatch(/^p\.sql:7:3: the section covers line 9 inside the While at line 7/);
  });

  it('lists the leaf statements before the section, outside it', () => {
    const { procedure } = proc(body);
    expect(statementsBefore(procedure, [{ start: 7, end: 10 }]).map((s) => s.span.start.line)).toEqual([4, 6]);
  });
});

describe('insideTryOutsideSection', () => {
  // Line 4 opens a TRY block (its statements on 5 and 6), its CATCH holds line 9, line 11 is outside both.
  const body = 'BEGIN TRY\n  INSERT INTO dbo.T (Id) VALUES (1);\n  INSERT INTO dbo.T (Id) VALUES (2);\nEND TRY\nBEGIN CATCH\n  ROLLBACK;\nEND CATCH\nINSERT INTO dbo.T (Id) VALUES (3);';
  it.each([
    ['statements inside a TRY the section opens', [{ start: 5, end: 6 }], 'all'],
    ['a statement after it', [{ start: 11, end: 11 }], 'none'],
    ['the CATCH block\'s statement', [{ start: 9, end: 9 }], 'none'],
    ['the whole TRY … CATCH, which the section runs itself', [{ start: 4, end: 10 }], 'none'],
    ['one inside and one outside', [{ start: 6, end: 6 }, { start: 11, end: 11 }], 'some'],
  ] as const)('%s', (_what, lines, expected) => {
    const { procedure, script } = proc(body);
    expect(insideTryOutsideSection(procedure, selectSectionStatements(procedure, script, lines))).toBe(expected);
  });
});
