import { bindInputTable, createDraftContext, DraftScope, freshName, sqlTypeOfName, translateExpression, translateSelect } from '../../../../src/draft';
import { rewriteEntityStatements } from '../../../../src/draft/idioms/entity-statements';
import { isIdiomRefusal, matchCursorLoop, type CursorLoop } from '../../../../src/draft/idioms/loop-shape';
import type { IdiomContext } from '../../../../src/draft/idioms/idiom-context';
import { bodyOf, indexOfKind } from './loop-helpers';

/*
 * Idiom (f) recognised on the syntax tree: which cursor bodies become one statement per
 * legacy statement for all entities, and which are refused (with the reason) because an
 * iteration could see or change another entity's rows.
 */

const INT = sqlTypeOfName('int', []);

const loop = (inner: string): string => `
DECLARE @K int, @N int, @Total int = 0, @B int, @Key varchar(100);
CREATE TABLE #W (K int NOT NULL, V int NULL, Tag varchar(100) NULL);
DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT e.K FROM dbo.E e;
OPEN c;
FETCH NEXT FROM c INTO @K;
WHILE @@FETCH_STATUS = 0
BEGIN
${inner}
  FETCH NEXT FROM c INTO @K;
END
CLOSE c;
DEALLOCATE c;`;

/** The same loop over a cursor fetching the entity's key and its tag (an attribute) into @K, @Key. */
const loopWithTag = (inner: string, select = 'e.K, e.Tag'): string => loop(inner)
  .replace('SELECT e.K FROM dbo.E e', `SELECT ${select} FROM dbo.E e`)
  .replaceAll('FETCH NEXT FROM c INTO @K;', 'FETCH NEXT FROM c INTO @K, @Key;');

function rewrite(sql: string, after = '') {
  const list = bodyOf(sql + after);
  const at = indexOfKind(list, 'DeclareCursor');
  const cursor = matchCursorLoop(list, at) as CursorLoop;
  const ctx = createDraftContext('p.sql', sql);
  bindInputTable(ctx, 'dbo.e', 'dbo.E', [{ name: 'K', type: INT }, { name: 'Tag', type: sqlTypeOfName('varchar', ['100']) }]);
  const rc = { draft: ctx, scope: new DraftScope(ctx), translateExpression, translateSelect, freshName: (h: string) => freshName(ctx, h) };
  const loopAssigned = new Set(['@k', '@n', '@total', '@b', '@key']);
  const ic: IdiomContext = { rc, ctx, declared: new Map([['@k', INT], ['@key', sqlTypeOfName('varchar', ['100'])]]), loopAssigned };
  return rewriteEntityStatements(ic, cursor, list.slice(at + cursor.count));
}

const insertRows = 'INSERT INTO #W (K, V) SELECT s.K, s.V FROM dbo.S s WHERE s.K = @K;';

describe('rewriteEntityStatements', () => {
  it.each<[string, string, string[]]>([
    ['an INSERT … SELECT of the entity\'s rows', insertRows, ['Insert']],
    ['an UPDATE under IF @@ROWCOUNT, with a counter', `${insertRows} SET @N = @@ROWCOUNT; SET @Total = @Total + 1; IF @N > 0 UPDATE #W SET V = 0 WHERE K = @K AND V IS NULL;`, ['Insert', 'Update']],
    ['a walk over keys inserting one row per key with a FOR XML PATH value', `SELECT @B = MIN(s.B) FROM dbo.S s WHERE s.K = @K;
      WHILE @B IS NOT NULL BEGIN
        SELECT @Key = STUFF((SELECT ',' + s.T FROM dbo.S s WHERE s.K = @K AND s.B = @B ORDER BY s.T FOR XML PATH('')), 1, 1, '');
        INSERT INTO #W (K, V, Tag) VALUES (@K, @B, @Key);
        SELECT @B = MIN(s.B) FROM dbo.S s WHERE s.K = @K AND s.B > @B;
      END`, ['Insert']],
    ['an UPDATE … FROM joining a written table on the entity', `${insertRows} UPDATE t SET t.V = w.V FROM #W t JOIN #W w ON w.K = t.K AND w.V = 1 WHERE t.K = @K;`, ['Insert', 'Update']],
    ['a DELETE of the entity\'s rows under IF EXISTS on them', `${insertRows} IF EXISTS (SELECT 1 FROM #W w WHERE w.K = @K AND w.V < 0) DELETE FROM #W WHERE K = @K;`, ['Insert', 'Delete']],
    ['a per-entity count of a written table, read by a later UPDATE', `${insertRows} SELECT @N = COUNT(*) FROM #W w WHERE w.K = @K; UPDATE #W SET V = @N WHERE K = @K;`, ['Insert', 'Update']],
    ['a per-entity sum under ISNULL (one row, also over none), read by an INSERT', `SELECT @N = ISNULL(SUM(s.V), 0) FROM dbo.S s WHERE s.K = @K; INSERT INTO #W (K, V) VALUES (@K, @N);`, ['Insert']],
    ['a lookup SELECT @v = col FROM … after the iteration set @v', `SET @N = NULL; SELECT @N = s.V FROM dbo.S s WHERE s.K = @K; INSERT INTO #W (K, V) VALUES (@K, @N);`, ['Insert']],
    ['PRINT and informational RAISERROR are skipped', `${insertRows} PRINT 'x'; RAISERROR('y', 0, 1) WITH NOWAIT;`, ['Insert']],
  ])('rewrites %s', (_name, inner, kinds) => {
    const r = rewrite(loop(inner));
    if (isIdiomRefusal(r)) throw new Error(`refused: ${r.reason}`);
    expect(r.statements.map((s) => s.kind)).toEqual(kinds);
    expect(r.part.variables.map((v) => v.variable)).toEqual(expect.arrayContaining(['@k']));
  });

  it.each<[string, string, RegExp, string]>([
    ['an UPDATE not keyed by the entity', `${insertRows} UPDATE #W SET V = 0 WHERE V IS NULL;`, /no WHERE condition column = @K/, ''],
    ['a read of a written table not restricted to the entity', `${insertRows} UPDATE #W SET V = (SELECT COUNT(*) FROM #W x) WHERE K = @K;`, /not restricted to the entity/, ''],
    ['an INSERT that does not write the key', 'INSERT INTO #W (V) SELECT s.V FROM dbo.S s WHERE s.K = @K;', /does not write the entity's key/, ''],
    ['two partition columns for one table', `${insertRows} UPDATE #W SET K = 1 WHERE V = @K;`, /written per entity by k elsewhere/, ''],
    ['a counter read inside the loop', `SET @Total = @Total + 1; INSERT INTO #W (K, V) VALUES (@K, @Total);`, /counts across entities/, ''],
    ['a variable read before the iteration sets it', `INSERT INTO #W (K, V) VALUES (@K, @N); SET @N = 1;`, /previous entity/, ''],
    ['a variable the loop leaves behind read afterwards', `SET @N = 1; ${insertRows}`, /after the loop reads a variable/, 'INSERT INTO #W (K, V) VALUES (0, @N);'],
    ['a WHILE that is not a walk over keys', `SET @N = 0; WHILE @N < 3 BEGIN ${insertRows} SET @N = @N + 1; END`, /does not walk the keys/, ''],
    ['a walk whose step changes the condition', `SELECT @B = MIN(s.B) FROM dbo.S s WHERE s.K = @K;
      WHILE @B IS NOT NULL BEGIN INSERT INTO #W (K, V) VALUES (@K, @B); SELECT @B = MIN(s.B) FROM dbo.S s WHERE s.K = @K AND s.B > @B AND s.B < 9; END`, /first key's WHERE plus/, ''],
    ['an IF whose condition an earlier statement of the branch changes', `${insertRows} IF NOT EXISTS (SELECT 1 FROM #W w WHERE w.K = @K AND w.V = 0) BEGIN UPDATE #W SET V = 0 WHERE K = @K; DELETE FROM #W WHERE K = @K AND V IS NULL; END`, /reads #w, which an earlier statement inside the IF changed/, ''],
    ['a per-entity value read after a statement changed what it was computed from', `${insertRows} SELECT @N = COUNT(*) FROM #W w WHERE w.K = @K; DELETE FROM #W WHERE K = @K AND V IS NULL; UPDATE #W SET V = @N WHERE K = @K;`, /computed from #w, which a later statement/, ''],
    ['a cursor over a table its loop writes', 'INSERT INTO dbo.E (K) SELECT s.K FROM dbo.S s WHERE s.K = @K;', /reads dbo\.E, which its loop writes: a cursor that is not STATIC or INSENSITIVE \(this one is declared LOCAL FAST_FORWARD\)/, ''],
    ['a lookup SELECT @v = col FROM … whose no-row case keeps the previous entity\'s value', `SELECT @N = s.V FROM dbo.S s WHERE s.K = @K; INSERT INTO #W (K, V) VALUES (@K, @N);`, /when no row matches, @N keeps the value it had, and here @N is read before the iteration assigns it/, ''],
    ['per-entity values whose written-out expressions double at every step', `SET @N = @K; ${'SET @B = @N + @N; SET @N = @B + @B; '.repeat(7)}INSERT INTO #W (K, V) VALUES (@K, @N);`, /pass 5000 terms/, ''],
    ['an error RAISERROR', `${insertRows} RAISERROR('bad', 16, 1);`, /error severity/, ''],
  ])('refuses %s', (_name, inner, reason, after) => {
    const r = rewrite(loop(inner), after === '' ? '' : `\n${after}`);
    if (!isIdiomRefusal(r)) throw new Error('expected a refusal');
    expect(r.reason).toMatch(reason);
  });

  // Columns fetched beside the key are the entity's attributes: one value per entity (the
  // cursor's keys are proven unique), read back from the cursor's rows by the key.
  it.each<[string, string, string[]]>([
    ['an attribute in an INSERT … SELECT', 'INSERT INTO #W (K, V, Tag) SELECT s.K, s.V, @Key FROM dbo.S s WHERE s.K = @K;', ['Insert']],
    ['an attribute in an IF, a SET and an UPDATE … FROM', `INSERT INTO #W (K, V) VALUES (@K, 0); SET @N = LEN(@Key); IF @Key <> 'x' UPDATE t SET t.V = @N FROM #W t WHERE t.K = @K;`, ['Insert', 'Update']],
  ])('rewrites a cursor fetching an attribute beside its key: %s', (_name, inner, kinds) => {
    const r = rewrite(loopWithTag(inner));
    if (isIdiomRefusal(r)) throw new Error(`refused: ${r.reason}`);
    expect(r.statements.map((s) => s.kind)).toEqual(kinds);
    expect(r.part.variables.map((v) => v.variable)).toEqual(expect.arrayContaining(['@k', '@key']));
    expect(r.part.tables[0]?.columns.map((c) => c.name)).toEqual(['K', 'Key']);
  });

  it.each<[string, string, RegExp, string]>([
    ['an attribute read after the loop (the last entity\'s)', insertRows, /after the loop reads a variable/, 'INSERT INTO #W (K, Tag) VALUES (0, @Key);'],
    ['an attribute beside an unqualified key condition, where the key\'s column name would be captured', 'INSERT INTO #W (K, V, Tag) SELECT K, V, @Key FROM dbo.S WHERE K = @K;', /inside a subquery where/, ''],
  ])('refuses a cursor fetching an attribute beside its key: %s', (_name, inner, reason, after) => {
    const r = rewrite(loopWithTag(inner), after === '' ? '' : `\n${after}`);
    if (!isIdiomRefusal(r)) throw new Error('expected a refusal');
    expect(r.reason).toMatch(reason);
  });

  it('refuses a cursor selecting other columns than FETCH fills', () => {
    const r = rewrite(loopWithTag(insertRows, 'e.K'));
    if (!isIdiomRefusal(r)) throw new Error('expected a refusal');
    expect(r.reason).toMatch(/selects 1 column and FETCH fills 2 variables/);
  });
});
