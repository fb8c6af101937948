import { parseScript } from '../../../src/tsql';
import { buildScriptGraphs, collectTableCatalog, summarizeObject, type BuildGraphOptions, type DataFlowGraph, type LineageTransform } from '../../../src/dataflow';

function graphsOf(sql: string, options: BuildGraphOptions = {}): DataFlowGraph[] {
  return buildScriptGraphs(parseScript(sql, { file: 'test.sql' }), options);
}

function graphOf(sql: string, options: BuildGraphOptions = {}): DataFlowGraph {
  const g = graphsOf(sql, options)[0];
  if (!g) throw new Error('no graph');
  return g;
}

/** `node.column` of a lineage target or source, by node name (ids are an implementation detail). */
function nameOf(g: DataFlowGraph, id: string): string {
  return g.nodes.find((n) => n.id === id)?.name ?? id;
}

function lineageOf(g: DataFlowGraph, target: string): { transform: LineageTransform; sources: string[] }[] {
  return g.lineage
    .filter((l) => `${nameOf(g, l.target.node)}.${l.target.column}` === target)
    .map((l) => ({ transform: l.transform, sources: l.sources.map((s) => `${nameOf(g, s.node)}.${s.column}`).sort() }));
}

const proc = (body: string): string => `CREATE PROCEDURE dbo.p @from date, @n int OUTPUT AS\nBEGIN\n${body}\nEND`;

describe('buildGraph: object kinds', () => {
  it.each([
    ['procedure', 'CREATE PROCEDURE [Sales].[usp_Load] @d date = NULL AS SELECT 1 AS one', 'sales.usp_load', 'Sales.usp_Load', 1],
    ['function', 'CREATE FUNCTION dbo.fn_double (@x int) RETURNS int AS BEGIN RETURN @x * 2 END', 'dbo.fn_double', 'dbo.fn_double', 1],
    ['function', 'CREATE FUNCTION dbo.tvf_orders (@c int) RETURNS TABLE AS RETURN (SELECT o.id FROM dbo.orders o WHERE o.c = @c)', 'dbo.tvf_orders', 'dbo.tvf_orders', 1],
    ['trigger', 'CREATE TRIGGER trg_x ON dbo.orders AFTER INSERT AS INSERT INTO dbo.audit (id) SELECT id FROM inserted', 'dbo.trg_x', 'trg_x', 0],
    ['view', 'CREATE VIEW v_orders AS SELECT o.id, o.total FROM dbo.orders o', 'dbo.v_orders', 'v_orders', 0],
    ['script', 'INSERT INTO dbo.t (a) VALUES (1);', 'script.test', 'script test', 0],
  ])('%s %#', (kind, sql, name, display, params) => {
    const g = graphOf(sql);
    expect(g.object.kind).toBe(kind);
    expect(g.object.name).toBe(name);
    expect(g.object.displayName).toBe(display);
    expect(g.object.parameters).toHaveLength(params);
    expect(g.object.file).toBe('test.sql');
  });

  it('keeps parameter types, defaults and OUTPUT', () => {
    const g = graphOf('CREATE PROCEDURE dbo.p @a decimal(18,2) = 0, @b int OUTPUT AS RETURN 0');
    expect(g.object.parameters).toEqual([
      { kind: 'parameter', name: '@a', type: 'DECIMAL(18, 2)', default: '0', output: false },
      { kind: 'parameter', name: '@b', type: 'INT', output: true },
    ]);
    expect(g.nodes.filter((n) => n.kind === 'parameter').map((n) => [n.name, n.role])).toEqual([['@a', 'input'], ['@b', 'output']]);
  });

  it('writes a schema-qualified (user-defined) parameter type as the procedure spells it', () => {
    const g = graphOf('CREATE PROCEDURE dbo.p @Lines Website.OrderLineList READONLY, @n int AS RETURN 0');
    expect(g.object.parameters.map((p) => p.type)).toEqual(['Website.OrderLineList', 'INT']);
  });

  it('makes one graph per object and one for top-level statements that touch data', () => {
    const gs = graphsOf('CREATE TABLE dbo.t (a int)\nGO\nCREATE VIEW dbo.v AS SELECT a FROM dbo.t\nGO\nINSERT INTO dbo.t VALUES (1)\n');
    expect(gs.map((g) => g.object.name)).toEqual(['dbo.v', 'script.test']);
  });
});

describe('buildGraph: nodes and steps', () => {
  it('normalises table names and keeps three-part names', () => {
    const g = graphOf(proc('INSERT INTO [Staging]..[Orders] (id) SELECT id FROM [Sales].[Order Details];'));
    expect(g.nodes.filter((n) => n.kind === 'table').map((n) => [n.name, n.role]).sort()).toEqual([
      ['sales.order details', 'input'], ['staging.dbo.orders', 'output'],
    ]);
  });

  it('uses the configured default schema', () => {
    const g = graphOf(proc('SELECT a FROM orders;'), { defaultSchema: 'etl' });
    expect(g.nodes.find((n) => n.kind === 'table')?.name).toBe('etl.orders');
  });

  it.each([
    ['#temp table', 'CREATE TABLE #stage (a int); INSERT INTO #stage (a) SELECT x FROM dbo.s; SELECT a FROM #stage;', 'temp-table', '#stage', 'intermediate'],
    ['table variable', 'DECLARE @rows TABLE (a int); INSERT INTO @rows (a) SELECT x FROM dbo.s; SELECT a FROM @rows;', 'table-variable', '@rows', 'intermediate'],
    ['variable', 'DECLARE @max int; SELECT @max = MAX(x) FROM dbo.s; SELECT y FROM dbo.t WHERE y > @max;', 'variable', '@max', 'intermediate'],
    ['cursor', 'DECLARE c CURSOR FOR SELECT x FROM dbo.s; OPEN c;', 'cursor', 'c', 'internal'],
    ['called procedure', 'EXEC dbo.usp_other @a = 1;', 'procedure', 'dbo.usp_other', 'internal'],
    ['result set', 'SELECT x FROM dbo.s;', 'result-set', 'rs_1', 'output'],
    ['dynamic SQL', "DECLARE @sql nvarchar(max) = N'SELECT 1'; EXEC (@sql);", 'dynamic-sql', 'dyn_1', 'internal'],
  ])('%s', (_label, body, kind, name, role) => {
    const node = graphOf(proc(body)).nodes.find((n) => n.kind === kind);
    expect(node?.name).toBe(name);
    expect(node?.role).toBe(role);
  });

  it('gives every statement a step with kind, lines and a label', () => {
    const g = graphOf(proc('SET NOCOUNT ON;\nTRUNCATE TABLE dbo.t;\nDELETE FROM dbo.t WHERE a = 1;\nUPDATE dbo.t SET a = 2;'));
    expect(g.steps.map((s) => [s.id, s.kind, s.lines.start, s.label])).toEqual([
      ['s1', 'other', 3, 'SET NOCOUNT'], ['s2', 'truncate', 4, 'TRUNCATE dbo.t'], ['s3', 'delete', 5, 'DELETE dbo.t'], ['s4', 'update', 6, 'UPDATE dbo.t'],
    ]);
  });

  it('records columns read and written per step', () => {
    const g = graphOf(proc('INSERT INTO dbo.t (a, b) SELECT s.x, s.y FROM dbo.s s WHERE s.z = 1;'));
    const step = g.steps[0];
    expect(step?.reads.map((r) => [nameOf(g, r.node), r.columns])).toEqual([['dbo.s', ['x', 'y', 'z']]]);
    expect(step?.writes.map((r) => [nameOf(g, r.node), r.columns])).toEqual([['dbo.t', ['a', 'b']]]);
  });

  it('treats the aliased UPDATE target as the target, not a read, and a second reference as a read', () => {
    const g = graphOf(proc('UPDATE a SET a.x = b.y FROM dbo.t a JOIN dbo.u b ON b.id = a.id WHERE NOT EXISTS (SELECT 1 FROM dbo.t t2 WHERE t2.id = a.id);'));
    const step = g.steps[0];
    expect(step?.writes.map((w) => [nameOf(g, w.node), w.columns])).toEqual([['dbo.t', ['x']]]);
    expect(step?.reads.map((r) => nameOf(g, r.node)).sort()).toEqual(['dbo.t', 'dbo.u']);
    expect(lineageOf(g, 'dbo.t.x')).toEqual([{ transform: 'copy', sources: ['dbo.u.y'] }]);
  });

  it('does not read the table under a CTE that a DELETE targets', () => {
    const g = graphOf(proc('WITH d AS (SELECT id, ROW_NUMBER() OVER (PARTITION BY k ORDER BY id) AS rn FROM dbo.t) DELETE FROM d WHERE rn > 1;'));
    expect(g.steps[0]?.writes.map((w) => nameOf(g, w.node))).toEqual(['dbo.t']);
    expect(g.steps[0]?.reads).toEqual([]);
  });

  it('writes the MERGE target and reads its source', () => {
    const g = graphOf(proc('MERGE dbo.kpi AS t USING #day AS s ON t.k = s.k WHEN MATCHED THEN UPDATE SET t.v = s.v WHEN NOT MATCHED THEN INSERT (k, v) VALUES (s.k, s.v * 2);'));
    const step = g.steps[0];
    expect(step?.kind).toBe('merge');
    expect(step?.writes.map((w) => [nameOf(g, w.node), w.columns])).toEqual([['dbo.kpi', ['k', 'v']]]);
    expect(step?.reads.map((r) => [nameOf(g, r.node), r.columns])).toEqual([['#day', ['k', 'v']]]);
    expect(lineageOf(g, 'dbo.kpi.v')).toEqual([{ transform: 'copy', sources: ['#day.v'] }]);
  });

  it('links calls to procedures of the analysed set and flags dynamic SQL', () => {
    const g = graphOf(proc("EXEC dbo.usp_a; EXEC dbo.usp_b; EXEC sp_executesql N'SELECT 1';"), { knownProcedures: new Set(['dbo.usp_a']) });
    const procs = g.nodes.filter((n) => n.kind === 'procedure').map((n) => [n.name, n.kind === 'procedure' && n.linked]);
    expect(procs).toEqual([['dbo.sp_executesql', false], ['dbo.usp_a', true], ['dbo.usp_b', false]]);
    expect(g.steps.map((s) => s.kind)).toEqual(['exec', 'exec', 'exec-dynamic']);
    expect(g.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['DATAFLOW_DYNAMIC_SQL', 'warning', 3]]);
    expect(g.summary.dynamicSql).toBe(1);
  });
});

describe('buildGraph: control context', () => {
  const cursorLoop = proc([
    'DECLARE @id int;',
    'DECLARE cur CURSOR LOCAL FAST_FORWARD FOR SELECT d.id FROM dbo.device d;',
    'OPEN cur;',
    'FETCH NEXT FROM cur INTO @id;',
    'WHILE @@FETCH_STATUS = 0',
    'BEGIN',
    '  IF @id > 10',
    '    INSERT INTO #big (id) VALUES (@id);',
    '  ELSE',
    '    INSERT INTO #small (id) VALUES (@id);',
    '  FETCH NEXT FROM cur INTO @id;',
    'END',
    'CLOSE cur; DEALLOCATE cur;',
  ].join('\n'));

  it('binds a WHILE @@FETCH_STATUS = 0 loop to its cursor and nests IF/ELSE inside it', () => {
    const g = graphOf(cursorLoop);
    const cur = g.nodes.find((n) => n.kind === 'cursor');
    const ctx = (label: string): string[] => (g.steps.find((s) => s.label === label)?.context ?? []).map((c) => `${c.kind}${c.cursor === cur?.id && c.cursor ? ':cursor' : ''}`);
    expect(ctx('INSERT #big')).toEqual(['cursor-loop:cursor', 'if']);
    expect(ctx('INSERT #small')).toEqual(['cursor-loop:cursor', 'else']);
    expect(ctx('CLOSE cur')).toEqual([]);
    expect(g.complexity.maxNesting).toBe(2);
    expect(g.summary.loops).toBe(1);
    expect(g.summary.cursors).toBe(1);
  });

  it('carries cursor columns into fetched variables and on into temp tables', () => {
    const g = graphOf(cursorLoop);
    expect(lineageOf(g, 'cur.id')).toEqual([{ transform: 'copy', sources: ['dbo.device.id'] }]);
    expect(lineageOf(g, '@id.@id')).toEqual([{ transform: 'copy', sources: ['cur.id'] }, { transform: 'copy', sources: ['cur.id'] }]);
    expect(lineageOf(g, '#big.id')).toEqual([{ transform: 'copy', sources: ['@id.@id'] }]);
  });

  it('labels TRY/CATCH blocks and ordinary loops', () => {
    const g = graphOf(proc('BEGIN TRY\n WHILE @n > 0\n  SET @n = @n - 1;\nEND TRY\nBEGIN CATCH\n  THROW;\nEND CATCH'));
    expect(g.steps.map((s) => s.context.map((c) => c.kind))).toEqual([['try', 'while'], ['catch']]);
    expect(g.steps[0]?.context[1]?.label).toBe('WHILE @n > 0');
  });

  it('turns an IF EXISTS over a table into a step that reads it', () => {
    const g = graphOf(proc('IF EXISTS (SELECT 1 FROM dbo.queue q WHERE q.done = 0) PRINT 1;'));
    expect(g.steps[0]?.reads.map((r) => nameOf(g, r.node))).toEqual(['dbo.queue']);
    expect(g.steps[1]?.context.map((c) => c.kind)).toEqual(['if']);
  });
});

describe('buildGraph: column lineage', () => {
  it.each<[string, string, string, LineageTransform, string[]]>([
    ['copy', 'INSERT INTO dbo.t (a) SELECT s.x FROM dbo.s s;', 'dbo.t.a', 'copy', ['dbo.s.x']],
    ['expression', 'INSERT INTO dbo.t (a) SELECT s.x + s.y FROM dbo.s s;', 'dbo.t.a', 'expression', ['dbo.s.x', 'dbo.s.y']],
    ['aggregate', 'INSERT INTO dbo.t (a) SELECT SUM(s.x) FROM dbo.s s GROUP BY s.k;', 'dbo.t.a', 'aggregate', ['dbo.s.x']],
    ['window', 'INSERT INTO dbo.t (a) SELECT ROW_NUMBER() OVER (PARTITION BY s.k ORDER BY s.x) FROM dbo.s s;', 'dbo.t.a', 'window', ['dbo.s.k', 'dbo.s.x']],
    ['case', "INSERT INTO dbo.t (a) SELECT CASE WHEN s.x > 0 THEN 'up' ELSE s.y END FROM dbo.s s;", 'dbo.t.a', 'case', ['dbo.s.x', 'dbo.s.y']],
    ['constant', "INSERT INTO dbo.t (a) SELECT 'fixed' FROM dbo.s s;", 'dbo.t.a', 'constant', []],
    ['through a CTE', 'WITH c AS (SELECT s.k, SUM(s.x) AS total FROM dbo.s s GROUP BY s.k) INSERT INTO dbo.t (a) SELECT c.total FROM c;', 'dbo.t.a', 'aggregate', ['dbo.s.x']],
    ['through a derived table', 'INSERT INTO dbo.t (a) SELECT d.m FROM (SELECT MAX(s.x) AS m FROM dbo.s s) d;', 'dbo.t.a', 'aggregate', ['dbo.s.x']],
    ['into a #temp by SELECT INTO', 'SELECT s.x * 2 AS dbl INTO #t FROM dbo.s s;', '#t.dbl', 'expression', ['dbo.s.x']],
    ['from a #temp', 'CREATE TABLE #t (v int); INSERT INTO dbo.t (a) SELECT v FROM #t;', 'dbo.t.a', 'copy', ['#t.v']],
    ['into a variable', 'DECLARE @max int; SELECT @max = MAX(s.x) FROM dbo.s s;', '@max.@max', 'aggregate', ['dbo.s.x']],
    ['from a variable', 'DECLARE @max int = 3; INSERT INTO dbo.t (a) VALUES (@max);', 'dbo.t.a', 'copy', ['@max.@max']],
    ['SET from a scalar subquery', 'DECLARE @c int; SET @c = (SELECT COUNT(*) FROM dbo.s);', '@c.@c', 'aggregate', ['dbo.s.*']],
    ['UPDATE SET', 'UPDATE dbo.t SET a = b + 1;', 'dbo.t.a', 'expression', ['dbo.t.b']],
  ])('%s', (_label, body, target, transform, sources) => {
    const g = graphOf(proc(body));
    expect(lineageOf(g, target)).toEqual([{ transform, sources }]);
  });

  it('makes a table an input of a later statement through a variable', () => {
    const g = graphOf(proc('DECLARE @max int;\nSELECT @max = MAX(x) FROM dbo.s;\nINSERT INTO dbo.t (a) SELECT y FROM dbo.u WHERE y > @max;'));
    const insert = g.steps.find((s) => s.kind === 'insert');
    expect(insert?.reads.map((r) => nameOf(g, r.node)).sort()).toEqual(['@max', 'dbo.u']);
    expect(lineageOf(g, '@max.@max')).toEqual([{ transform: 'aggregate', sources: ['dbo.s.x'] }]);
  });

  it.each([
    ['SET @n += 1', 'DECLARE @n int = 0;\nSET @n += 1;'],
    ['SELECT @n += x', 'DECLARE @n int = 0;\nSELECT @n += x FROM dbo.s;'],
  ])('makes a compound assignment (%s) read the variable it changes', (_label, body) => {
    const g = graphOf(proc(body));
    const step = g.steps[g.steps.length - 1];
    expect(step?.reads.map((r) => nameOf(g, r.node))).toContain('@n');
    expect(lineageOf(g, '@n.@n').at(-1)?.sources).toContain('@n.@n');
  });

  it('resolves * against a #temp declared in the object and maps a positional INSERT', () => {
    const g = graphOf(proc('CREATE TABLE #t (a int, b int);\nINSERT INTO #t VALUES (1, 2);\nINSERT INTO dbo.out SELECT * FROM #t;'), { catalog: new Map([['dbo.out', ['x', 'y']]]) });
    expect(lineageOf(g, 'dbo.out.x')).toEqual([{ transform: 'copy', sources: ['#t.a'] }]);
    expect(lineageOf(g, 'dbo.out.y')).toEqual([{ transform: 'copy', sources: ['#t.b'] }]);
    expect(lineageOf(g, '#t.b')).toEqual([{ transform: 'constant', sources: [] }]);
  });

  it('keeps one entry per writing step, in step order', () => {
    const g = graphOf(proc('INSERT INTO #t (a) SELECT x FROM dbo.s;\nINSERT INTO #t (a) SELECT y FROM dbo.u;'));
    expect(g.lineage.map((l) => l.via)).toEqual([['s1'], ['s2']]);
  });

  it('gives the expression text of computed columns', () => {
    const g = graphOf(proc('INSERT INTO dbo.t (a) SELECT   s.x\n   + 1 FROM dbo.s s;'));
    expect(g.lineage[0]?.expression).toBe('s.x + 1');
  });
});

describe('buildGraph: interaction points and complexity', () => {
  it('classifies inputs, outputs and intermediates', () => {
    const g = graphOf(proc('SELECT x INTO #t FROM dbo.s;\nINSERT INTO dbo.o (a) SELECT x FROM #t;\nSET @n = 1;'));
    const names = (ids: readonly string[]): string[] => ids.map((id) => nameOf(g, id)).sort();
    expect(names(g.summary.inputs)).toEqual(['@from', 'dbo.s']);
    expect(names(g.summary.outputs)).toEqual(['@n', 'dbo.o']);
    expect(names(g.summary.intermediates)).toEqual(['#t']);
    expect(names(g.summary.temps)).toEqual(['#t']);
  });

  it.each([
    ['a set-based procedure', 'INSERT INTO dbo.t (a) SELECT x FROM dbo.s;', 'low'],
    ['a cursor loop', 'DECLARE c CURSOR FOR SELECT x FROM dbo.s; OPEN c; FETCH c INTO @n; WHILE @@FETCH_STATUS = 0 BEGIN UPDATE dbo.t SET a = @n; FETCH c INTO @n; END', 'medium'],
    ['nested loops with dynamic SQL', "WHILE @n > 0 BEGIN WHILE @n > 1 BEGIN IF @n = 2 EXEC ('x'); SET @n = @n - 1; END END DECLARE c CURSOR FOR SELECT 1; OPEN c; WHILE @@FETCH_STATUS = 0 FETCH c INTO @n;", 'very high'],
  ])('grades %s', (_label, body, grade) => {
    const g = graphOf(proc(body));
    expect(g.complexity.grade).toBe(grade);
    expect(g.complexity.reason).not.toBe('');
  });

  it('counts statements like the parser, control flow included', () => {
    const g = graphOf(proc('IF @n = 1\nBEGIN\n  SET @n = 2;\nEND'));
    // BEGIN…END of the body, IF, BEGIN…END, SET
    expect(g.summary.statements).toBe(4);
  });

  it('gives every node a valid unique id', () => {
    const g = graphOf(proc('SELECT a INTO [#a b] FROM [dbo].[a b]; SELECT 1 FROM [dbo].[a-b];'));
    const ids = g.nodes.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
  });
});

describe('buildGraph: nested cursor loops', () => {
  it('binds each WHILE @@FETCH_STATUS loop to its own cursor', () => {
    const g = graphOf(proc([
      'DECLARE outerc CURSOR FOR SELECT id FROM dbo.a; OPEN outerc; FETCH NEXT FROM outerc INTO @n;',
      'WHILE @@FETCH_STATUS = 0',
      'BEGIN',
      '  DECLARE innerc CURSOR FOR SELECT id FROM dbo.b; OPEN innerc; FETCH NEXT FROM innerc INTO @n;',
      '  WHILE @@FETCH_STATUS = 0',
      '  BEGIN',
      '    INSERT INTO dbo.c (id) VALUES (@n);',
      '    FETCH NEXT FROM innerc INTO @n;',
      '  END',
      '  CLOSE innerc; DEALLOCATE innerc;',
      '  FETCH NEXT FROM outerc INTO @n;',
      'END',
    ].join('\n')));
    const insert = g.steps.find((s) => s.kind === 'insert');
    expect(insert?.context.map((c) => [c.kind, c.cursor && nameOf(g, c.cursor)])).toEqual([['cursor-loop', 'outerc'], ['cursor-loop', 'innerc']]);
  });
});

describe('buildGraph: positional INSERT into a table of unknown columns', () => {
  it('records the write without guessing column names', () => {
    const g = graphOf(proc('INSERT INTO dbo.t SELECT s.a, s.b FROM dbo.s s;'));
    expect(g.steps[0]?.writes.map((w) => [nameOf(g, w.node), w.columns])).toEqual([['dbo.t', []]]);
    expect(g.lineage).toEqual([]);
  });
});

describe('buildGraph: diagnostics', () => {
  it('gives each object the parser diagnostics inside it, and the script those outside', () => {
    const gs = graphsOf('CREATE PROCEDURE dbo.a AS\nBEGIN\n  UPDATE dbo.t SET = 1;\nEND\nGO\nINSERT INTO dbo.t (a) VALUES (1);\nSELECT FROM WHERE;\n');
    expect(gs.map((g) => [g.object.name, g.diagnostics.map((d) => d.line), g.summary.unparsed])).toEqual([['dbo.a', [3], 1], ['script.test', [7], 1]]);
  });
});

describe('buildGraph: triggers', () => {
  it('traces inserted/deleted columns to the trigger table without reading it', () => {
    const g = graphOf('CREATE TRIGGER trg_a ON dbo.orders AFTER UPDATE AS INSERT INTO audit.orders (id, old_total, new_total) SELECT i.id, d.total, i.total FROM inserted i JOIN deleted d ON d.id = i.id;');
    expect(g.steps[0]?.reads).toEqual([]);
    expect(lineageOf(g, 'audit.orders.old_total')).toEqual([{ transform: 'copy', sources: ['dbo.orders.total'] }]);
  });
});

describe('buildGraph: composable DML as a row source', () => {
  it.each([
    ['DELETE … OUTPUT feeding an INSERT', 'INSERT INTO dbo.archive (id) SELECT d.id FROM (DELETE FROM dbo.orders OUTPUT deleted.id WHERE shipped = 1) AS d (id);', [], ['dbo.archive', 'dbo.orders']],
    ['UPDATE … FROM … OUTPUT', 'INSERT INTO dbo.audit (id) SELECT u.id FROM (UPDATE o SET o.flag = 1 OUTPUT inserted.id FROM dbo.orders o JOIN dbo.customers c ON c.id = o.cid) AS u (id);', ['dbo.customers'], ['dbo.audit', 'dbo.orders']],
    ['MERGE … OUTPUT $action', 'INSERT INTO dbo.changes (act) SELECT m.act FROM (MERGE dbo.dim AS t USING dbo.stage AS s ON t.k = s.k WHEN NOT MATCHED THEN INSERT (k) VALUES (s.k) OUTPUT $action) AS m (act);', ['dbo.stage'], ['dbo.changes', 'dbo.dim']],
  ])('%s: the inner target is written, its sources read', (_name, body, reads, writes) => {
    const g = graphOf(proc(body));
    const summary = summarizeObject(g);
    expect(summary.reads).toEqual(reads);
    expect(summary.writes).toEqual(writes);
  });
});

describe('buildGraph: OUTPUT … INTO … OUTPUT', () => {
  // The second OUTPUT (a result set) replaced the first's INTO: the audit table was not written.
  it('writes the INTO table and returns the second clause as a result set', () => {
    const g = graphOf(proc('UPDATE dbo.item SET price = price * 0.9 OUTPUT deleted.price INTO dbo.[price audit] (old) OUTPUT inserted.id, inserted.price WHERE cat = 3;'));
    expect(summarizeObject(g).writes).toEqual(['dbo.item', 'dbo.price audit']);
    expect(g.nodes.some((n) => n.kind === 'result-set')).toBe(true);
  });
});

describe('buildGraph: modifies (a statement whose result depends on the target\'s prior rows)', () => {
  it.each<[string, string, string[]]>([
    ['UPDATE … FROM', 'UPDATE d SET d.v = s.v FROM dbo.dim d JOIN dbo.stage s ON s.id = d.id;', ['dbo.dim']],
    ['CTE-driven UPDATE', 'WITH t AS (SELECT id, SUM(v) AS v FROM dbo.line GROUP BY id) UPDATE o SET o.total = t.v FROM dbo.ord o JOIN t ON t.id = o.id;', ['dbo.ord']],
    ['MERGE with OUTPUT INTO a table variable', 'DECLARE @c TABLE (a nvarchar(10), id int);\nMERGE dbo.cust AS t USING dbo.feed AS s ON t.id = s.id WHEN NOT MATCHED THEN INSERT (id) VALUES (s.id) OUTPUT $action, inserted.id INTO @c (a, id);', ['@c', 'dbo.cust']],
    ['INSERT keeps earlier rows', 'INSERT INTO dbo.snap (d) SELECT d FROM dbo.src;', ['dbo.snap']],
    ['DELETE with a condition', 'DELETE FROM dbo.ord WHERE d < @from;', ['dbo.ord']],
    ['DELETE … FROM a join', 'DELETE l FROM dbo.line l JOIN dbo.ord o ON o.id = l.id WHERE o.d < @from;', ['dbo.line']],
    ['DELETE of every row', 'DELETE FROM dbo.ord;', []],
    ['TRUNCATE', 'TRUNCATE TABLE dbo.ord;', []],
    ['SELECT … INTO', 'SELECT id INTO #t FROM dbo.ord;', []],
  ])('%s', (_what, body, expected) => {
    const g = graphOf(proc(body));
    const modified = g.steps.flatMap((s) => s.modifies ?? []).map((id) => nameOf(g, id)).sort();
    expect(modified).toEqual(expected);
  });

  it('leaves the analyze contract alone: an UPDATE target is not a read', () => {
    const g = graphOf(proc('UPDATE d SET d.v = 1 FROM dbo.dim d WHERE d.id = 2;'));
    const step = g.steps.find((s) => s.kind === 'update');
    expect(step?.reads.map((r) => nameOf(g, r.node))).toEqual([]);
    expect(step?.modifies?.map((id) => nameOf(g, id))).toEqual(['dbo.dim']);
  });
});

describe('buildGraph: targetReads (the columns of its own target a statement reads)', () => {
  const targetReadsOf = (g: DataFlowGraph, kind: string): string[][] =>
    (g.steps.find((s) => s.kind === kind)?.targetReads ?? []).map((r) => [nameOf(g, r.node), ...r.columns]);
  it.each<[string, string, string, string[][]]>([
    ['UPDATE of a table by itself', 'UPDATE inv.[Cost Layer] SET [Remaining Qty] = [Remaining Qty] - @n WHERE [Layer Id] = @from;', 'update', [['inv.cost layer', 'layer id', 'remaining qty']]],
    ['UPDATE through its alias in FROM', 'UPDATE l SET l.[Extended Cost] = l.[Unit Cost] * l.Qty FROM inv.[Cost Layer] AS l WHERE l.[Extended Cost] IS NULL;', 'update', [['inv.cost layer', 'extended cost', 'qty', 'unit cost']]],
    ['UPDATE of constants only', 'UPDATE dbo.t SET x = 1;', 'update', []],
    ['DELETE with a condition', 'DELETE FROM dbo.ord WHERE d < @from;', 'delete', [['dbo.ord', 'd']]],
    ['DELETE through a CTE', 'WITH d AS (SELECT id, ROW_NUMBER() OVER (PARTITION BY k ORDER BY id) AS rn FROM dbo.t) DELETE FROM d WHERE rn > 1;', 'delete', [['dbo.t', 'id', 'k']]],
    ['MERGE ON and WHEN MATCHED', 'MERGE dbo.kpi AS t USING #day AS s ON t.k = s.k WHEN MATCHED THEN UPDATE SET t.v = t.v + s.v;', 'merge', [['dbo.kpi', 'k', 'v']]],
  ])('%s', (_what, body, kind, expected) => {
    const g = graphOf(proc(body));
    expect(targetReadsOf(g, kind)).toEqual(expected);
  });

  it.each<[string, string, string[][]]>([
    ['UPDATE … WHERE key = @v', 'UPDATE ward.[Bed Day] SET Pct = 1 WHERE [Ward Code] = @from AND Patients > 0;', [['ward code', '@from']]],
    ['mirrored, through the alias', 'UPDATE b SET b.Pct = 1 FROM ward.[Bed Day] b WHERE @from = b.[Ward Code];', [['ward code', '@from']]],
    ['DELETE', 'DELETE FROM ward.[Bed Day] WHERE [Ward Code] = @from;', [['ward code', '@from']]],
    ['no equality', 'UPDATE ward.[Bed Day] SET Pct = 1 WHERE [Ward Code] <> @from;', []],
    ['under OR', 'UPDATE ward.[Bed Day] SET Pct = 1 WHERE [Ward Code] = @from OR Patients = 0;', []],
    ['another table\'s column', 'UPDATE b SET b.Pct = 1 FROM ward.[Bed Day] b JOIN ward.Ward w ON w.[Ward Code] = b.[Ward Code] WHERE w.[Ward Code] = @from;', []],
  ])('keyedOn: %s', (_what, body, expected) => {
    const g = graphOf(proc(body));
    expect((g.steps[0]?.keyedOn ?? []).map((k) => [k.column, nameOf(g, k.variable)])).toEqual(expected);
  });

  it('keeps them out of reads and the analyze contract', () => {
    const g = graphOf(proc('UPDATE inv.[Cost Layer] SET [Remaining Qty] = [Remaining Qty] - @n WHERE [Layer Id] = @from;'));
    expect(g.steps[0]?.reads.map((r) => nameOf(g, r.node))).toEqual(['@from', '@n']);
    expect(summarizeObject(g).reads).toEqual([]);
  });
});

describe('buildGraph: temporal reads (FOR SYSTEM_TIME) read the table and its history table', () => {
  const ddl = `CREATE TABLE Sales.[Customer] (Id int NOT NULL PRIMARY KEY, Name nvarchar(50), ValidFrom datetime2 GENERATED ALWAYS AS ROW START, ValidTo datetime2 GENERATED ALWAYS AS ROW END, PERIOD FOR SYSTEM_TIME (ValidFrom, ValidTo))
  WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = Sales.[Customer History]));
GO
CREATE TABLE dbo.Account (Id int, Owner nvarchar(50));
GO
ALTER TABLE dbo.Account SET (SYSTEM_VERSIONING = ON (HISTORY_TABLE = dbo.AccountHistory));
GO
`;
  const graphWith = (body: string): DataFlowGraph => {
    const scripts = [parseScript(ddl, { file: 'ddl.sql' }), parseScript(proc(body), { file: 'p.sql' })];
    const catalog = collectTableCatalog(scripts);
    const g = buildScriptGraphs(scripts[1] as ReturnType<typeof parseScript>, { catalog })[0];
    if (!g) throw new Error('no graph');
    return g;
  };
  it.each<[string, string, string[], string[]]>([
    // the clause's variables are read too: a section cut around the step must be given them
    ['AS OF', 'SELECT c.Name FROM Sales.Customer FOR SYSTEM_TIME AS OF @from AS c;', ['@from', 'sales.customer', 'sales.customer history'], ['sales.customer', 'sales.customer history']],
    ['FROM … TO', 'SELECT c.Name FROM Sales.Customer FOR SYSTEM_TIME FROM @from TO GETDATE() c;', ['@from', 'sales.customer', 'sales.customer history'], ['sales.customer', 'sales.customer history']],
    ['BETWEEN … AND', 'SELECT c.Name FROM Sales.Customer FOR SYSTEM_TIME BETWEEN @from AND @to c;', ['@from', '@to', 'sales.customer', 'sales.customer history'], ['sales.customer', 'sales.customer history']],
    ['CONTAINED IN', 'SELECT c.Name FROM Sales.Customer FOR SYSTEM_TIME CONTAINED IN (@from, GETDATE()) c;', ['@from', 'sales.customer', 'sales.customer history'], ['sales.customer', 'sales.customer history']],
    ['ALL, history named by ALTER TABLE', 'SELECT a.Owner FROM dbo.Account FOR SYSTEM_TIME ALL a;', ['dbo.account', 'dbo.accounthistory'], ['dbo.account', 'dbo.accounthistory']],
    ['a plain read is not temporal', 'SELECT c.Name FROM Sales.Customer c;', ['sales.customer'], []],
  ])('%s', (_what, body, reads, temporal) => {
    const g = graphWith(body);
    const step = g.steps.find((s) => s.kind === 'select');
    expect(step?.reads.map((r) => nameOf(g, r.node)).sort()).toEqual(reads);
    expect((step?.temporal ?? []).map((id) => nameOf(g, id)).sort()).toEqual(temporal);
  });

  it('the history table is read for the same columns, under the name the DDL writes', () => {
    const g = graphWith('SELECT c.Name FROM Sales.Customer FOR SYSTEM_TIME AS OF @from AS c;');
    const history = g.nodes.find((n) => n.name === 'sales.customer history');
    expect(history?.label).toBe('Sales.Customer History');
    expect(g.steps[0]?.reads.find((r) => r.node === history?.id)?.columns).toEqual(['name']);
  });

  // learn.microsoft.com/sql/relational-databases/tables/modifying-data-in-a-system-versioned-temporal-table:
  // UPDATE and DELETE (and MERGE) copy the old row versions, every column, to the history table; INSERT does not.
  it.each<[string, string, string[]]>([
    ['UPDATE', 'UPDATE Sales.Customer SET Name = @to WHERE Id = 1;', ['id', 'name', 'validfrom', 'validto']],
    ['DELETE without WHERE', 'DELETE FROM Sales.Customer;', ['id', 'name', 'validfrom', 'validto']],
    ['MERGE', 'MERGE Sales.Customer AS t USING dbo.Account AS s ON t.Id = s.Id WHEN MATCHED THEN UPDATE SET Name = s.Owner;', ['id', 'name', 'validfrom', 'validto']],
    ['INSERT', 'INSERT INTO Sales.Customer (Id, Name) VALUES (1, @to);', []],
  ])('%s of the table writes its history table', (_what, body, columns) => {
    const g = graphWith(body);
    const history = g.nodes.find((n) => n.name === 'sales.customer history');
    const step = g.steps.find((s) => s.kind !== 'other');
    expect(step?.writes.find((w) => w.node === history?.id)?.columns ?? []).toEqual(columns);
    if (columns.length > 0) expect(g.lineage.filter((l) => l.target.node === history?.id).map((l) => l.sources.map((s) => `${nameOf(g, s.node)}.${s.column}`))).toEqual(columns.map((c) => [`sales.customer.${c}`]));
  });
});

describe('buildGraph: steps reading another statement\'s outcome', () => {
  const g = graphOf(`CREATE PROCEDURE dbo.p AS
BEGIN
  DECLARE @rc int, @id int, @err int;
  INSERT INTO dbo.Dim (Code) SELECT Code FROM dbo.Src;
  SET @rc = @@ROWCOUNT;
  INSERT INTO dbo.Audit (Note) VALUES ('dim');
  SELECT @id = SCOPE_IDENTITY(), @err = @@ERROR;
  UPDATE dbo.Dim SET Code = 'x' WHERE Code = 'y';
  IF @@ROWCOUNT = 0
    INSERT INTO dbo.Dim (Code) VALUES ('x');
  INSERT INTO dbo.Audit (Note) VALUES ('@@ROWCOUNT is text here, the count of nothing');
END`);
  const byLabel = (label: string, nth = 0): string | undefined => g.steps.filter((s) => s.label === label)[nth]?.id;

  it.each([
    ['SET @rc', 0, 'INSERT dbo.Dim', 0],
    // @@ERROR reads the statement just before; the same step's SCOPE_IDENTITY() is outweighed by it
    ['SELECT @id, @err', 0, 'INSERT dbo.Audit', 0],
    ['INSERT dbo.Dim', 1, 'UPDATE dbo.Dim', 0],
  ])('%s (#%i) follows %s (#%i)', (reader, n, followed, m) => {
    expect(g.steps.find((s) => s.id === byLabel(reader, n))?.follows).toBe(byLabel(followed, m));
  });

  it('a step reading no outcome has no follows (a string naming one aside, which only glues)', () => {
    expect(g.steps.find((s) => s.id === byLabel('INSERT dbo.Dim', 0))?.follows).toBeUndefined();
    expect(g.steps.find((s) => s.id === byLabel('INSERT dbo.Audit', 0))?.follows).toBeUndefined();
  });

  it('SCOPE_IDENTITY() alone follows the last INSERT, past statements that insert nothing', () => {
    const h = graphOf(`CREATE PROCEDURE dbo.q AS
BEGIN
  DECLARE @id int;
  INSERT INTO dbo.Dim (Code) VALUES ('a');
  UPDATE dbo.Src SET Code = 'b';
  SET @id = SCOPE_IDENTITY();
END`);
    const set = h.steps.find((s) => s.label === 'SET @id');
    expect(h.steps.find((s) => s.id === set?.follows)?.label).toBe('INSERT dbo.Dim');
  });
});
