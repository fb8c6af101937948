import { parseOne } from './helpers';

describe('INSERT / UPDATE / DELETE / MERGE / TRUNCATE / BULK INSERT', () => {
  it.each<[string, object]>([
    ["INSERT INTO dbo.t (a, b) VALUES (1, 'x'), (2, 'y')", { kind: 'Insert', target: { kind: 'TableRef', name: { parts: [{ name: 'dbo' }, { name: 't' }] } }, columns: [{ name: 'a' }, { name: 'b' }], source: { kind: 'ValuesSource', rows: [[{}, {}], [{}, {}]] } }],
    ['INSERT t VALUES (1)', { kind: 'Insert', target: { name: { parts: [{ name: 't' }] } }, columns: [] }],
    ['INSERT INTO #t SELECT a FROM u', { target: { temp: true }, source: { kind: 'Select' } }],
    ['INSERT INTO #t (a) (SELECT a FROM u)', { columns: [{ name: 'a' }], source: { kind: 'Select' } }],
    ['INSERT INTO #t EXEC dbo.p @x = 1', { source: { kind: 'Execute', procedure: { parts: [{}, { name: 'p' }] } } }],
    ['INSERT INTO #t EXEC (@sql)', { source: { kind: 'Execute', dynamic: [{ kind: 'Variable' }] } }],
    ['INSERT INTO t DEFAULT VALUES', { source: { kind: 'DefaultValues' } }],
    ['INSERT INTO @tv (a) VALUES (1)', { target: { kind: 'TableVariableRef', variable: { name: '@tv' } } }],
    ['INSERT TOP (10) INTO t SELECT a FROM u', { top: { expression: { value: '10' } } }],
    ['INSERT INTO t (a) OUTPUT inserted.id, inserted.a INTO @ids (id, a) SELECT a FROM u', { output: { items: [{}, {}], into: { kind: 'TableVariableRef' }, intoColumns: [{ name: 'id' }, { name: 'a' }] } }],
    ['INSERT INTO t WITH (TABLOCK) (a) SELECT a FROM u', { target: { hints: ['TABLOCK'] }, columns: [{}] }],
    ["INSERT INTO OPENQUERY(LNK, 'SELECT a FROM t') VALUES (1)", { target: { kind: 'TableFunctionRef' } }],
    ['WITH c AS (SELECT 1 a) INSERT INTO t (a) SELECT a FROM c', { kind: 'Insert', ctes: [{ name: { name: 'c' } }] }],
    ['UPDATE t SET a = 1, b = b + 1 WHERE id = 5', { kind: 'Update', target: { name: { parts: [{ name: 't' }] } }, assignments: [{ column: { parts: [{ name: 'a' }] }, operator: '=' }, { operator: '=' }], where: { kind: 'Binary' } }],
    ['UPDATE t SET @v = a = a + 1', { assignments: [{ variable: { name: '@v' }, column: { parts: [{ name: 'a' }] }, value: { kind: 'Binary' } }] }],
    ['UPDATE t SET @v = a += 1', { assignments: [{ variable: { name: '@v' }, column: { parts: [{ name: 'a' }] }, operator: '+=', value: { value: '1' } }] }],
    ['UPDATE t SET @v = t.a -= 1, b = 2', { assignments: [{ variable: {}, column: { parts: [{ name: 't' }, { name: 'a' }] }, operator: '-=' }, { column: { parts: [{ name: 'b' }] } }] }],
    ['UPDATE t SET @v = [a] *= 2', { assignments: [{ column: { parts: [{ name: 'a' }] }, operator: '*=' }] }],
    ['UPDATE t SET @s += a', { assignments: [{ variable: { name: '@s' }, column: undefined, operator: '+=' }] }],
    ['UPDATE t SET @v = a + 1 WHERE b = 2', { assignments: [{ variable: { name: '@v' }, column: undefined, operator: '=' }], where: {} }],
    ["INSERT BULK dbo.t ([a] Int, [b] NVarChar(50) COLLATE Latin1_General_CI_AS) WITH (TABLOCK, CHECK_CONSTRAINTS)", { kind: 'BulkInsert', form: 'INSERT BULK', target: { name: { parts: [{ name: 'dbo' }, { name: 't' }] } }, source: undefined, options: 'WITH (TABLOCK, CHECK_CONSTRAINTS)' }],
    ["INSERT INTO OPENDATASOURCE('SQLNCLI', 'Data Source=s').db.dbo.t (a) VALUES (1)", { kind: 'Insert', target: { kind: 'TableRef', name: { parts: [{}, { name: 'db' }, { name: 'dbo' }, { name: 't' }] } }, columns: [{ name: 'a' }] }],
    ['WITH CHANGE_TRACKING_CONTEXT (0x0102) UPDATE dbo.t SET a = 1 WHERE id = 2', { kind: 'Update', target: { name: { parts: [{}, { name: 't' }] } }, span: { start: { column: 1 } } }],
    ['WITH CHANGE_TRACKING_CONTEXT (@ctx) DELETE FROM dbo.t', { kind: 'Delete' }],
    ['insert bulk #load', { kind: 'BulkInsert', form: 'INSERT BULK', target: { temp: true }, options: undefined }],
    ["COPY INTO dbo.s FROM 'https://a/b/*.csv' WITH (FILE_TYPE = 'CSV')", { kind: 'BulkInsert', form: 'COPY INTO', target: { name: { parts: [{}, { name: 's' }] } }, source: { value: 'https://a/b/*.csv' } }],
    ["COPY INTO dbo.s (a 1, b 2 DEFAULT 0) FROM 'f1.parquet', 'f2.parquet'", { kind: 'BulkInsert', form: 'COPY INTO', source: { value: 'f1.parquet' }, options: undefined }],
    ['UPDATE t SET @v = a + 1', { assignments: [{ variable: { name: '@v' }, column: undefined }] }],
    ['UPDATE t SET a += 1, b -= 2, c *= 3, d /= 4, e %= 5, f &= 6, g |= 7, h ^= 8', { assignments: [{ operator: '+=' }, { operator: '-=' }, { operator: '*=' }, { operator: '/=' }, { operator: '%=' }, { operator: '&=' }, { operator: '|=' }, { operator: '^=' }] }],
    ['UPDATE a SET a.x = b.y FROM dbo.t a INNER JOIN dbo.u b ON b.id = a.id', { target: { name: { parts: [{ name: 'a' }] } }, from: [{ kind: 'Join', left: { alias: { name: 'a' } } }] }],
    ['UPDATE t SET a = 1 WHERE CURRENT OF c', { currentOf: 'c', where: undefined }],
    ['UPDATE TOP (100) t SET a = 1', { top: {} }],
    ['UPDATE t SET a = 1 OUTPUT deleted.a, inserted.a WHERE id = 1', { output: { items: [{ expression: { parts: [{ name: 'deleted' }, { name: 'a' }] } }, {}] } }],
    ['UPDATE t SET doc.WRITE(@x, 0, NULL)', { assignments: [{ operator: '', value: { kind: 'MethodCall', method: 'WRITE' } }] }],
    ['UPDATE @tv SET a = 1', { target: { kind: 'TableVariableRef' } }],
    ['UPDATE t WITH (ROWLOCK) SET a = 1', { target: { hints: ['ROWLOCK'] } }],
    ['DELETE FROM t WHERE a = 1', { kind: 'Delete', target: { name: { parts: [{ name: 't' }] } }, from: [] }],
    ['DELETE t WHERE a = 1', { kind: 'Delete', target: { name: { parts: [{ name: 't' }] } } }],
    ['DELETE a FROM dbo.t a JOIN u ON u.id = a.id', { target: { name: { parts: [{ name: 'a' }] } }, from: [{ kind: 'Join' }] }],
    ['DELETE FROM t FROM t JOIN u ON 1 = 1', { from: [{ kind: 'Join' }] }],
    ['DELETE TOP (1000) FROM t OUTPUT deleted.* INTO #gone WHERE d < @cut', { top: {}, output: { items: [{ expression: { kind: 'Star' } }], into: { temp: true } } }],
    ['DELETE FROM t WHERE CURRENT OF GLOBAL c', { currentOf: 'c' }],
    [`MERGE INTO dbo.target AS t
      USING (SELECT id, v FROM src) AS s ON t.id = s.id
      WHEN MATCHED AND t.v <> s.v THEN UPDATE SET t.v = s.v
      WHEN NOT MATCHED BY TARGET THEN INSERT (id, v) VALUES (s.id, s.v)
      WHEN NOT MATCHED BY SOURCE THEN DELETE
      OUTPUT $action, inserted.id INTO @log (act, id);`, {
      kind: 'Merge', target: { alias: { name: 't' } }, source: { kind: 'DerivedTable', alias: { name: 's' } },
      whens: [
        { match: 'MATCHED', condition: { kind: 'Binary' }, action: { kind: 'MergeUpdate', assignments: [{}] } },
        { match: 'NOT MATCHED BY TARGET', action: { kind: 'MergeInsert', columns: [{}, {}], values: [{}, {}] } },
        { match: 'NOT MATCHED BY SOURCE', action: { kind: 'MergeDelete' } },
      ],
      output: { items: [{ expression: { kind: 'ActionPseudoColumn' } }, {}], into: { kind: 'TableVariableRef' } },
    }],
    ['MERGE t USING s ON t.id = s.id WHEN NOT MATCHED THEN INSERT DEFAULT VALUES', { whens: [{ match: 'NOT MATCHED BY TARGET', action: { defaultValues: true } }] }],
    ['MERGE t WITH (HOLDLOCK) USING s ON 1 = 1 WHEN MATCHED THEN DELETE', { target: { hints: ['HOLDLOCK'] } }],
    ['TRUNCATE TABLE dbo.stage', { kind: 'Truncate', target: { name: { parts: [{}, { name: 'stage' }] } } }],
    ["BULK INSERT dbo.stage FROM 'C:\\in\\f.csv' WITH (FIELDTERMINATOR = ',', FIRSTROW = 2)", { kind: 'BulkInsert', target: { name: { parts: [{}, { name: 'stage' }] } }, source: { value: 'C:\\in\\f.csv' } }],
  ])('%s', (sql, expected) => {
    expect(parseOne(sql)).toMatchObject(expected);
  });
});

// SQL Server takes OUTPUT … INTO followed by one OUTPUT without INTO (a result set). The second
// clause's items were folded into the first's, so they were written INTO the log table too.
describe('OUTPUT … INTO … OUTPUT', () => {
  it('keeps the second OUTPUT as its own result set', () => {
    expect(parseOne(`UPDATE p SET p.[Shelf Price] = p.[Shelf Price] - 1
      OUTPUT deleted.[Shelf Price] INTO dbo.[Price Log] ([Old Price])
      OUTPUT inserted.Sku, inserted.[Shelf Price]
      FROM dbo.Product p`)).toMatchObject({
      output: { items: [{}], into: { name: { parts: [{}, { name: 'Price Log' }] } }, intoColumns: [{ name: 'Old Price' }], returned: { items: [{}, {}], into: undefined } },
    });
  });
  it.each([
    ['two OUTPUT … INTO', 'DELETE FROM dbo.Lot OUTPUT deleted.Id INTO #a OUTPUT deleted.Id INTO #b WHERE Qty = 0'],
    ['OUTPUT without INTO first', 'DELETE FROM dbo.Lot OUTPUT deleted.Id OUTPUT deleted.Qty INTO #b WHERE Qty = 0'],
  ])('refuses %s, as SQL Server does', (_what, sql) => {
    expect(() => parseOne(sql)).toThrow(/OUTPUT/);
  });
});
