import { asUnderAnsiNullsOn, countStatements, findAll, parseScript, type CreateProcedure } from '../../../src/tsql';
import { decodeSource } from '../../../src/core';
import { kindsOf } from './helpers';

describe('batches', () => {
  it.each<[string, number[]]>([
    ['SELECT 1\nGO\nSELECT 2\nGO', [1, 1]],
    ['SELECT 1\ngo\n\nSELECT 2', [1, 1]],
    ['SELECT 1\n  GO  -- end of batch\nSELECT 2', [1, 1]],
    ['SELECT 1\nGO /* c */\nSELECT 2', [1, 1]],
    ['SELECT 1\r\nGO\r\nSELECT 2\r\n', [1, 1]],
    ['SELECT 1 GO', [1]],
    ['SELECT 1\nGO\nGO\nSELECT 2', [1, 1]],
    ["SELECT 'a\nGO\nb'", [1]],
    ['/*\nGO\n*/ SELECT 1', [1]],
    ['SELECT 1\nGO 5\nSELECT 2', [1, 1]],
    ['SELECT 1\n\tGO\t3\nSELECT 2', [1, 1]],
    ['SELECT 1\nGO;\nSELECT 2', [1, 1]],
    ['SELECT 1\nGo -- lower/mixed case\n:on error exit\nSELECT 2', [1, 1]],
    ['SELECT 1\n:setvar x 1\n  :r other.sql\nSELECT 2\ngo', [2]],
    ['SELECT GO FROM t AS GO WHERE GO = 1', [1]],
    ['SELECT 1\n\u00a0GO\u00a0\nSELECT 2', [1, 1]],
  ])('%j', (sql, counts) => {
    const script = parseScript(sql);
    expect(script.batches.map((b) => b.statements.length)).toEqual(counts);
    expect(script.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('keeps the GO n repeat count', () => {
    expect(parseScript('PRINT 1\nGO 3\n').batches[0]?.repeat).toBe(3);
  });

  it('treats GO as a name inside a statement when it is not alone on its line', () => {
    expect(kindsOf('SELECT 1 AS x\nGO')).toEqual(['Select']);
  });

  it.each<[string, Buffer]>([
    ['UTF-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('SELECT 1\r\nGO\r\nSELECT 2\r\n')])],
    ['UTF-16 LE BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('SELECT 1\r\nGO\r\nSELECT 2\r\n', 'utf16le')])],
  ])('reads %s input with CRLF', (_name, bytes) => {
    const script = parseScript(decodeSource(bytes).text);
    expect(script.batches.map((b) => b.statements[0]?.kind)).toEqual(['Select', 'Select']);
    expect(script.batches[1]?.span.start.line).toBe(3);
    expect(script.lineCount).toBe(3);
  });
});

describe('statement starts that need the next word', () => {
  it.each<[string, string[]]>([
    ["RENAME OBJECT dbo.a TO b\nSELECT 1", ['OpaqueStatement', 'Select']],
    ["ADD SIGNATURE TO dbo.p BY CERTIFICATE c\nADD COUNTER SIGNATURE TO dbo.p BY CERTIFICATE d\nSELECT 1", ['OpaqueStatement', 'OpaqueStatement', 'Select']],
    ["ALTER ROLE r\nADD MEMBER u\nSELECT 1", ['OpaqueStatement', 'Select']],
    ["SELECT 1\nCOPY INTO dbo.t FROM 'x'\nSELECT 2", ['Select', 'BulkInsert', 'Select']],
    ['SELECT a FROM t\nRENAME OBJECT t TO u', ['Select', 'OpaqueStatement']],
    ["CREATE CERTIFICATE c WITH SUBJECT = 's'\nRENAME OBJECT a TO b", ['OpaqueStatement', 'OpaqueStatement']],
    ["DROP SIGNATURE FROM dbo.p BY CERTIFICATE c\nSELECT 1", ['Drop', 'Select']],
    ['INSERT BULK t (a int)\nSELECT 1', ['BulkInsert', 'Select']],
    ["EXECUTE AS USER = 'x'\nREVERT\nSETUSER\nSELECT 1", ['OpaqueStatement', 'OpaqueStatement', 'OpaqueStatement', 'Select']],
    ["BEGIN DIALOG CONVERSATION @h FROM SERVICE a TO SERVICE 'b' ON CONTRACT c\nSEND ON CONVERSATION @h MESSAGE TYPE m (@b)\nRECEIVE TOP (1) @m = message_body FROM q\nGET CONVERSATION GROUP @g FROM q\nMOVE CONVERSATION @h TO @g\nEND CONVERSATION @h", ['OpaqueStatement', 'OpaqueStatement', 'OpaqueStatement', 'OpaqueStatement', 'OpaqueStatement', 'OpaqueStatement']],
    ["GRANT SELECT ON t TO u\nEXPLAIN SELECT 1", ['OpaqueStatement', 'OpaqueStatement']],
  ])('%j', (sql, kinds) => {
    expect(kindsOf(sql)).toEqual(kinds);
  });
});

describe('SQLCMD variables glued to names', () => {
  it('keeps T$(Suffix) one name and warns about the variable', () => {
    const script = parseScript('SELECT * FROM dbo.Orders_$(Year)$(Month) AS o', { file: 'f.sql' });
    expect(script.diagnostics.map((d) => `${d.severity}:${d.code}:${d.column}`)).toEqual(['warning:TSQL_SQLCMD:26']);
    expect(kindsOf('SELECT * FROM dbo.Orders_$(Year)$(Month) AS o')).toEqual(['Select']);
  });
});

describe('SQLCMD', () => {
  it('warns about :setvar / :r lines and $(var), and still parses', () => {
    const script = parseScript(':setvar Db Sales\n:r .\\other.sql\nGO\nUSE [$(Db)]\nSELECT a FROM $(Db).dbo.t\nGO\n', { file: 'f.sql' });
    const codes = script.diagnostics.map((d) => `${d.severity}:${d.code}:${d.line}`);
    expect(codes).toEqual(['warning:TSQL_SQLCMD:1', 'warning:TSQL_SQLCMD:2', 'warning:TSQL_SQLCMD:4', 'warning:TSQL_SQLCMD:5']);
    expect(script.batches.flatMap((b) => b.statements.map((s) => s.kind))).toEqual(['Use', 'Select']);
  });
});

describe('error recovery', () => {
  const proc = [
    'CREATE PROCEDURE dbo.p AS',
    'BEGIN',
    '  SET NOCOUNT ON',
    '  SELECT a FROM t',
    '  SELECT FROM WHERE ,,',
    '  UPDATE t SET a = 1',
    '  PRINT 1',
    'END',
  ].join('\n');

  it('turns one unreadable statement into one Unparsed with its position and goes on', () => {
    const script = parseScript(proc, { file: 'p.sql' });
    const body = script.batches[0]?.statements[0];
    expect(body?.kind).toBe('CreateProcedure');
    const block = body?.kind === 'CreateProcedure' ? body.body[0] : undefined;
    expect(block?.kind).toBe('Block');
    const kinds = block?.kind === 'Block' ? block.statements.map((s) => s.kind) : [];
    expect(kinds).toEqual(['SetOption', 'Select', 'Unparsed', 'Update', 'Print']);
    const unparsed = block?.kind === 'Block' ? block.statements[2] : undefined;
    expect(unparsed?.span.start).toMatchObject({ line: 5, column: 3 });
    expect(unparsed?.kind === 'Unparsed' ? unparsed.text : '').toBe('SELECT FROM WHERE ,,');
    const errors = script.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'p.sql', line: 5, column: 10, code: 'TSQL_UNEXPECTED' });
    expect(errors[0]?.message).toMatch(/^expected an expression, found 'FROM'/);
    expect(countStatements(script)).toEqual({ statements: 5, unparsed: 1, unparsedLines: 1, containers: 1 });
  });

  it.each<[string, string[]]>([
    ['SELECT a FROM t WHERE (a = 1\nUPDATE t SET a = 2', ['Unparsed', 'Update']],
    ['FOO BAR BAZ\nSELECT 1', ['Unparsed', 'Select']],
    ["SELECT 'unterminated\nSELECT 1", ['Unparsed']],
    ['SELECT CASE WHEN a THEN END b FROM t; PRINT 1', ['Unparsed', 'Print']],
    ['END\nSELECT 1', ['Unparsed', 'Select']],
    ['SELECT a ? b\nSELECT 1', ['Select', 'Unparsed', 'Select']],
    ['INSERT INTO t (a, b c) VALUES (1, 2)\nDELETE FROM t', ['Unparsed', 'Delete']],
  ])('resynchronises: %j', (sql, kinds) => {
    const script = parseScript(sql);
    expect(script.batches.flatMap((b) => b.statements.map((s) => s.kind))).toEqual(kinds);
    expect(script.diagnostics.filter((d) => d.severity === 'error').length).toBe(kinds.filter((k) => k === 'Unparsed').length);
  });

  it('reports pathological nesting instead of overflowing the stack', () => {
    const deep = `SELECT ${'('.repeat(5000)}1${')'.repeat(5000)}\nSELECT 2`;
    const script = parseScript(deep);
    expect(script.batches[0]?.statements.map((s) => s.kind)).toEqual(['Unparsed', 'Select']);
    expect(script.diagnostics[0]?.code).toBe('TSQL_TOO_DEEP');
  });

  it('survives deeply nested blocks', () => {
    const deep = `${'BEGIN '.repeat(3000)}SELECT 1${' END'.repeat(3000)}`;
    const script = parseScript(deep);
    expect(script.diagnostics.some((d) => d.code === 'TSQL_TOO_DEEP')).toBe(true);
  });
});

describe('countStatements', () => {
  it('counts control flow and nested statements, not containers or subqueries', () => {
    const script = parseScript('CREATE PROC p AS\nBEGIN\n IF 1 = 1 BEGIN SELECT (SELECT 1) END ELSE PRINT 2\n WHILE 1 = 0 BREAK\nEND');
    // Block, If, Block, Select, Print, While, Break
    expect(countStatements(script)).toEqual({ statements: 7, unparsed: 0, unparsedLines: 0, containers: 1 });
  });
});

describe('missing END at the end of a batch', () => {
  it('keeps the procedure and warns', () => {
    const script = parseScript('CREATE PROC p AS\nBEGIN\n  SELECT 1\nGO\nSELECT 2');
    expect(script.batches.map((b) => b.statements[0]?.kind)).toEqual(['CreateProcedure', 'Select']);
    expect(script.diagnostics.map((d) => `${d.severity}:${d.code}`)).toEqual(['warning:TSQL_MISSING_END']);
  });
});

describe('old-style outer joins', () => {
  it.each(['*=', '=*'])('skips a statement using %s with a clear error and goes on', (op) => {
    const script = parseScript(`SELECT a FROM t1, t2 WHERE t1.id ${op} t2.id\nUPDATE t SET a = 1`);
    expect(script.batches[0]?.statements.map((s) => s.kind)).toEqual(['Unparsed', 'Update']);
    expect(script.diagnostics[0]).toMatchObject({ code: 'TSQL_OLD_OUTER_JOIN', line: 1, column: 34 });
    expect(script.diagnostics[0]?.message).toContain('LEFT/RIGHT OUTER JOIN');
  });
});

describe('removed syntax', () => {
  it('names COMPUTE BY as removed and keeps the query before it', () => {
    const script = parseScript('SELECT type, price FROM titles ORDER BY type COMPUTE SUM(price) BY type\nSELECT 1');
    expect(script.batches[0]?.statements.map((s) => s.kind)).toEqual(['Select', 'Unparsed', 'Select']);
    expect(script.diagnostics[0]).toMatchObject({ code: 'TSQL_REMOVED_SYNTAX', line: 1, column: 46 });
  });
});

describe('positions', () => {
  it('puts spans after a multi-line string on the right line and column', () => {
    const script = parseScript("SELECT 'a\nbc' AS x, y\nFROM t");
    const select = script.batches[0]?.statements[0];
    const items = select?.kind === 'Select' && select.body.kind === 'QuerySpec' ? select.body.items : [];
    expect(items[0]?.span.end).toMatchObject({ line: 2, column: 9 });
    expect(items[1]?.span.start).toMatchObject({ line: 2, column: 11 });
  });
});

describe('session settings across batches (SET QUOTED_IDENTIFIER / ANSI_NULLS)', () => {
  const literalOf = (script: ReturnType<typeof parseScript>, batch: number): unknown => {
    const s = script.batches[batch]?.statements[0];
    return s?.kind === 'Select' && s.body.kind === 'QuerySpec' ? s.body.items[0] : undefined;
  };

  it('reads "text" as a string from the batch after SET QUOTED_IDENTIFIER OFF until one turns it ON', () => {
    const script = parseScript('SELECT "a" AS x\nGO\nSET QUOTED_IDENTIFIER OFF;\nSELECT "b" AS x\nGO\nSELECT "it\'s ""ok""" AS x\nGO\nSET QUOTED_IDENTIFIER ON\nGO\nSELECT "c" AS x\n');
    expect(literalOf(script, 0)).toMatchObject({ expression: { kind: 'ColumnRef' } });
    // a parse-time option counts from the next batch: the SELECT beside it is still read with ON
    expect(script.batches[1]?.statements[1]).toMatchObject({ kind: 'Select', body: { items: [{ expression: { kind: 'ColumnRef' } }] } });
    expect(literalOf(script, 2)).toMatchObject({ expression: { kind: 'Literal', literalType: 'string', value: 'it\'s "ok"' } });
    expect(script.batches[2]?.settings).toMatchObject({ quotedIdentifierOff: { start: { line: 3, column: 1 } } });
    expect(literalOf(script, 4)).toMatchObject({ expression: { kind: 'ColumnRef' } });
    expect(script.batches[4]?.settings).toBeUndefined();
    // [brackets] stay names under OFF
    expect(literalOf(parseScript('SET QUOTED_IDENTIFIER OFF\nGO\nSELECT [b c] AS x\n'), 1)).toMatchObject({ expression: { kind: 'ColumnRef' } });
  });

  it('records ANSI_NULLS OFF (also in an option list) and ignores a SET inside a procedure body', () => {
    const script = parseScript('SET ANSI_NULLS, QUOTED_IDENTIFIER OFF\nGO\nCREATE PROCEDURE dbo.p AS SET ANSI_NULLS ON; SET QUOTED_IDENTIFIER ON;\nGO\nSELECT "x" AS y\n');
    expect(script.batches[1]?.settings).toMatchObject({ ansiNullsOff: { start: { line: 1 } }, quotedIdentifierOff: { start: { line: 1 } } });
    expect(script.batches[2]?.settings).toMatchObject({ ansiNullsOff: { start: { line: 1 } } });
    expect(literalOf(script, 2)).toMatchObject({ expression: { kind: 'Literal', value: 'x' } });
    // a table script's batch is no module body: its SET counts
    expect(parseScript('CREATE TABLE dbo.t (a int);\nSET ANSI_NULLS OFF;\nGO\nSELECT 1 AS y\n').batches[1]?.settings).toMatchObject({ ansiNullsOff: { start: { line: 2 } } });
  });
});

describe('asUnderAnsiNullsOn', () => {
  const procOf = (body: string): CreateProcedure => parseScript(`CREATE PROCEDURE dbo.p @v int AS\n${body}\n`).batches[0]?.statements[0] as CreateProcedure;

  it('returns the procedure itself when no comparison has a variable or NULL side', () => {
    const p = procOf('SELECT a FROM dbo.t WHERE a = b AND c <> 1 AND d IN (1, 2);');
    expect(asUnderAnsiNullsOn(p)).toBe(p);
  });

  it('rewrites only the comparisons OFF changes, sharing the rest and keeping their spans', () => {
    const p = procOf('SELECT a FROM dbo.t WHERE a = b AND c = @v;\nSELECT 1;');
    const r = asUnderAnsiNullsOn(p);
    expect(r).not.toBe(p);
    expect(r.body[1]).toBe(p.body[1]);
    // (c IS NULL AND @v IS NULL) in the NULL branch; the test @v IS NULL guards both branches
    expect(findAll(r, 'IsNull').length).toBe(4);
    expect(findAll(r, 'Binary').filter((b) => b.operator === '=').map((b) => b.span.start.column)).toEqual([27, 37]);
  });
});

describe('asUnderAnsiNullsOn on deep trees', () => {
  it('rewrites a chain of 20,000 ANDs without running out of stack', () => {
    const where = Array.from({ length: 20_000 }, (_, i) => `c${i} = @v`).join(' AND ');
    const p = parseScript(`CREATE PROCEDURE dbo.p @v int AS SELECT 1 AS x FROM dbo.t WHERE ${where};\n`).batches[0]?.statements[0] as CreateProcedure;
    expect(findAll(asUnderAnsiNullsOn(p), 'IsNull').length).toBe(80_000);
  });
});
