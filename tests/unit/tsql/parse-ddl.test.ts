import { parseOne, statementsOf } from './helpers';

describe('DDL', () => {
  it.each<[string, object]>([
    [`CREATE TABLE dbo.Orders (
        Id int IDENTITY(1,1) NOT NULL CONSTRAINT PK_Orders PRIMARY KEY CLUSTERED,
        CustomerId int NOT NULL REFERENCES dbo.Customer (Id),
        Amount decimal(18, 2) NULL DEFAULT (0),
        Code varchar(10) COLLATE Latin1_General_CI_AS NOT NULL,
        Total AS (Amount * 2) PERSISTED,
        CONSTRAINT FK_X FOREIGN KEY (CustomerId) REFERENCES dbo.Customer (Id) ON DELETE CASCADE,
        CONSTRAINT CK_Amount CHECK (Amount >= 0),
        CONSTRAINT UQ_Code UNIQUE NONCLUSTERED (Code ASC) WITH (FILLFACTOR = 90) ON [PRIMARY]
      ) ON [PRIMARY]`, {
      kind: 'CreateTable', temp: false, options: 'ON [PRIMARY]',
      definition: {
        columns: [
          { name: { name: 'Id' }, identity: true, nullable: false, constraints: [{ type: 'PRIMARY KEY', name: { name: 'PK_Orders' } }] },
          { constraints: [{ type: 'FOREIGN KEY', references: { parts: [{}, { name: 'Customer' }] }, referencedColumns: [{ name: 'Id' }] }] },
          { default: { kind: 'Literal' }, nullable: true },
          { collation: 'Latin1_General_CI_AS' },
          { dataType: undefined, computed: { kind: 'Binary' } },
        ],
        constraints: [{ type: 'FOREIGN KEY', columns: [{ name: 'CustomerId' }] }, { type: 'CHECK', expression: { kind: 'Binary' } }, { type: 'UNIQUE' }],
      },
    }],
    ['CREATE TABLE #work (id int PRIMARY KEY, v nvarchar(50))', { kind: 'CreateTable', temp: true, definition: { columns: [{}, {}] } }],
    ['CREATE TABLE ##shared (id int)', { temp: true }],
    // The rowversion page: a timestamp column may be written without a name (it is named timestamp).
    ['CREATE TABLE dbo.ExampleTable (PriKey int PRIMARY KEY, timestamp)', { definition: { columns: [{}, { name: { name: 'timestamp' }, dataType: { name: { parts: [{ name: 'timestamp' }] } } }] } }],
    ['ALTER TABLE dbo.t ADD c int NULL, d varchar(5) NOT NULL DEFAULT \'\'', { kind: 'AlterTable', action: 'ADD', columns: [{ name: { name: 'c' } }, { name: { name: 'd' } }] }],
    ['ALTER TABLE dbo.t ADD CONSTRAINT DF_t_c DEFAULT (0) FOR c', { action: 'ADD', constraints: [{ type: 'DEFAULT', columns: [{ name: 'c' }] }] }],
    ['ALTER TABLE dbo.t WITH CHECK ADD CONSTRAINT FK_t FOREIGN KEY (a) REFERENCES dbo.u (id)', { action: 'ADD', constraints: [{ type: 'FOREIGN KEY' }] }],
    ['ALTER TABLE dbo.t DROP COLUMN c, d', { action: 'DROP', dropped: [{ name: 'c' }, { name: 'd' }] }],
    ['ALTER TABLE dbo.t DROP CONSTRAINT IF EXISTS DF_x', { action: 'DROP', dropped: [{ name: 'DF_x' }] }],
    ['ALTER TABLE dbo.t ALTER COLUMN c bigint NOT NULL', { action: 'ALTER COLUMN', columns: [{ dataType: { name: { parts: [{ name: 'bigint' }] } }, nullable: false }] }],
    ['ALTER TABLE dbo.t NOCHECK CONSTRAINT ALL', { action: 'OTHER' }],
    ['DROP TABLE #t', { kind: 'Drop', objectType: 'TABLE', ifExists: false, names: [{ parts: [{ name: '#t' }] }] }],
    ['DROP TABLE IF EXISTS dbo.a, dbo.b', { ifExists: true, names: [{}, {}] }],
    ['DROP PROC dbo.p', { objectType: 'PROCEDURE' }],
    ['DROP VIEW v', { objectType: 'VIEW' }],
    ['DROP FUNCTION dbo.f', { objectType: 'FUNCTION' }],
    ['DROP INDEX ix_a ON dbo.t', { objectType: 'INDEX', on: { parts: [{}, { name: 't' }] } }],
    ['CREATE UNIQUE NONCLUSTERED INDEX ix_a ON dbo.t (a, b DESC) INCLUDE (c, d) WHERE a IS NOT NULL WITH (ONLINE = ON) ON [PRIMARY]', { kind: 'CreateIndex', unique: true, clustered: false, columns: [{}, { direction: 'DESC' }], include: [{}, {}], where: { kind: 'IsNull' }, options: 'WITH (ONLINE = ON) ON [PRIMARY]' }],
    ['CREATE CLUSTERED INDEX ix ON #t (id)', { clustered: true, table: { parts: [{ name: '#t' }] } }],
    ['CREATE INDEX ix ON t (a)', { unique: false, clustered: undefined }],
    ['CREATE NONCLUSTERED COLUMNSTORE INDEX ix ON t (a, b)', { columnstore: true }],
    ['CREATE STATISTICS st_a ON dbo.t (a) WITH FULLSCAN', { kind: 'CreateOther', objectType: 'STATISTICS', target: { parts: [{}, { name: 't' }] } }],
    ['CREATE TYPE dbo.IdList AS TABLE (id int NOT NULL PRIMARY KEY)', { kind: 'CreateOther', objectType: 'TYPE', definition: { columns: [{}] } }],
    ['CREATE TYPE dbo.Code FROM varchar(10) NOT NULL', { objectType: 'TYPE' }],
    ['CREATE SCHEMA stage AUTHORIZATION dbo', { objectType: 'SCHEMA', name: { parts: [{ name: 'stage' }] } }],
    ['CREATE SEQUENCE dbo.seq AS bigint START WITH 1 INCREMENT BY 1', { objectType: 'SEQUENCE' }],
    ['CREATE SYNONYM dbo.s FOR other.dbo.t', { objectType: 'SYNONYM', target: { parts: [{}, {}, {}] } }],
    ["CREATE TABLE dbo.a (id int) ON 'default'", { kind: 'CreateTable', options: "ON 'default'" }],
    ['CREATE TABLE dbo.b (id int, d nvarchar(max)) ON [PRIMARY] TEXTIMAGE_ON [LOB] FILESTREAM_ON fs', { options: 'ON [PRIMARY] TEXTIMAGE_ON [LOB] FILESTREAM_ON fs' }],
    ['CREATE TABLE dbo.c (id int, at date, CONSTRAINT pk PRIMARY KEY (id, at) ON ps(at)) ON ps (at) WITH (DATA_COMPRESSION = PAGE)', { definition: { constraints: [{ type: 'PRIMARY KEY' }] }, options: 'ON ps (at) WITH (DATA_COMPRESSION = PAGE)' }],
    ['CREATE TABLE dbo.e (id int CONSTRAINT pk PRIMARY KEY NONCLUSTERED ON [IX]) ON "default"', { definition: { columns: [{ constraints: [{ type: 'PRIMARY KEY' }] }] }, options: 'ON "default"' }],
    ["CREATE CLUSTERED INDEX cix ON dbo.a (id) ON 'default'", { kind: 'CreateIndex', options: "ON 'default'" }],
    ['CREATE CLUSTERED INDEX cix ON dbo.h (id) FILESTREAM_ON fs', { kind: 'CreateIndex', options: 'FILESTREAM_ON fs' }],
    ['CREATE TABLE dbo.f WITH (DISTRIBUTION = HASH(k), CLUSTERED COLUMNSTORE INDEX) AS SELECT k, SUM(v) AS v FROM s GROUP BY k', { kind: 'Select', body: { kind: 'QuerySpec', into: { kind: 'TableRef', name: { parts: [{ name: 'dbo' }, { name: 'f' }] } }, from: [{ name: { parts: [{ name: 's' }] } }] } }],
    ['CREATE TABLE dbo.g AS SELECT * FROM a UNION ALL SELECT * FROM b', { kind: 'Select', body: { kind: 'SetOperation', left: { into: { name: { parts: [{}, { name: 'g' }] } } }, right: { into: undefined } } }],
    ['CREATE TABLE dbo.h (a, b) WITH (DISTRIBUTION = ROUND_ROBIN) AS SELECT 1, 2', { kind: 'Select', body: { into: { name: { parts: [{}, { name: 'h' }] } } } }],
    ['CREATE TABLE dbo.i (a int, b int) WITH (DISTRIBUTION = HASH(a))', { kind: 'CreateTable', definition: { columns: [{}, {}] }, options: 'WITH (DISTRIBUTION = HASH(a))' }],
    ['ALTER TABLE dbo.t DROP INDEX ix_a, INDEX ix_b', { kind: 'AlterTable', action: 'DROP', dropped: [{ name: 'ix_a' }, { name: 'ix_b' }] }],
    ['ALTER TABLE dbo.t DROP CONSTRAINT pk WITH (ONLINE = ON (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 1 MINUTES, ABORT_AFTER_WAIT = BLOCKERS)))', { action: 'DROP', dropped: [{ name: 'pk' }] }],
    ['ALTER TABLE dbo.t DROP CONSTRAINT pk WITH (MOVE TO [ARCHIVE]), COLUMN IF EXISTS c', { action: 'DROP', dropped: [{ name: 'pk' }, { name: 'c' }] }],
    ['ALTER TABLE dbo.t DROP PERIOD FOR SYSTEM_TIME', { action: 'DROP', dropped: [] }],
    ['ALTER TABLE dbo.t SWITCH PARTITION 1 TO dbo.a PARTITION 1 WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 0 MINUTES, ABORT_AFTER_WAIT = NONE))', { action: 'OTHER' }],
    ['DROP MESSAGE TYPE [//x/Request]', { kind: 'Drop', objectType: 'MESSAGE TYPE', names: [{ parts: [{ name: '//x/Request' }] }] }],
    ['DROP REMOTE SERVICE BINDING b', { objectType: 'REMOTE SERVICE BINDING', names: [{}] }],
    ['DROP FULLTEXT INDEX ON dbo.docs', { objectType: 'FULLTEXT INDEX', on: { parts: [{}, { name: 'docs' }] } }],
    ['DROP FULLTEXT CATALOG ft', { objectType: 'FULLTEXT CATALOG', names: [{ parts: [{ name: 'ft' }] }] }],
    ['DROP SEARCH PROPERTY LIST l', { objectType: 'SEARCH PROPERTY LIST' }],
    ['DROP WORKLOAD GROUP adhoc', { objectType: 'WORKLOAD GROUP' }],
    ['DROP EXTERNAL RESOURCE POOL p', { objectType: 'EXTERNAL RESOURCE POOL' }],
    ['DROP RESOURCE POOL p', { objectType: 'RESOURCE POOL' }],
    ['DROP SERVER AUDIT SPECIFICATION s', { objectType: 'SERVER AUDIT SPECIFICATION' }],
    ['DROP SERVER AUDIT a', { objectType: 'SERVER AUDIT', names: [{ parts: [{ name: 'a' }] }] }],
    ['DROP EVENT SESSION s ON SERVER', { objectType: 'EVENT SESSION', on: { parts: [{ name: 'SERVER' }] } }],
    ['DROP TRIGGER t ON ALL SERVER', { objectType: 'TRIGGER', names: [{}] }],
    ['DROP MASTER KEY', { objectType: 'MASTER KEY', names: [] }],
    ['DROP COLUMN ENCRYPTION KEY k', { objectType: 'COLUMN ENCRYPTION KEY', names: [{ parts: [{ name: 'k' }] }] }],
    ['DROP COLUMN MASTER KEY k', { objectType: 'COLUMN MASTER KEY' }],
    ['DROP ASYMMETRIC KEY k REMOVE PROVIDER KEY', { objectType: 'ASYMMETRIC KEY' }],
    ['DROP COUNTER SIGNATURE FROM dbo.p BY CERTIFICATE c', { objectType: 'COUNTER SIGNATURE', names: [{ parts: [{}, { name: 'p' }] }] }],
    ['DROP SIGNATURE FROM OBJECT::dbo.p BY ASYMMETRIC KEY k', { objectType: 'SIGNATURE', names: [{ parts: [{}, { name: 'p' }] }] }],
    ['DROP ASSEMBLY u WITH NO DEPENDENTS', { objectType: 'ASSEMBLY' }],
    ['DROP INDEX ix ON dbo.t WITH (ONLINE = ON)', { objectType: 'INDEX', on: { parts: [{}, { name: 't' }] } }],
    ['DROP EXTERNAL MODEL m', { objectType: 'EXTERNAL MODEL' }],
    ['DROP PARTITION SCHEME ps', { objectType: 'PARTITION SCHEME' }],
    ['CREATE INDEX ix ON dbo.t (a) WITH PAD_INDEX, FILLFACTOR = 70 ON [SECONDARY]', { kind: 'CreateIndex', options: 'WITH PAD_INDEX, FILLFACTOR = 70 ON [SECONDARY]' }],
    ['CREATE UNIQUE CLUSTERED INDEX ix ON dbo.t (a) WITH IGNORE_DUP_KEY, DROP_EXISTING', { kind: 'CreateIndex', unique: true, options: 'WITH IGNORE_DUP_KEY, DROP_EXISTING' }],
    ['CREATE TABLE [$(Schema)].T$(Suffix) (a int)', { kind: 'CreateTable', name: { parts: [{ name: '$(Schema)' }, { name: 'T$(Suffix)' }] } }],
    ['CREATE TABLE dbo.x (d xml(CONTENT dbo.s) NULL, e xml (dbo.s), f varchar(max))', { definition: { columns: [{ dataType: { args: ['CONTENT dbo.s'] }, nullable: true }, { dataType: { args: ['dbo.s'] } }, { dataType: { args: ['MAX'] } }] } }],
    ["CREATE EXTERNAL TABLE ext.x WITH (LOCATION = '/x/', DATA_SOURCE = d, FILE_FORMAT = f) AS SELECT a FROM dbo.t", { kind: 'Select', body: { into: { name: { parts: [{ name: 'ext' }, { name: 'x' }] } }, from: [{ name: { parts: [{}, { name: 't' }] } }] } }],
    ["CREATE EXTERNAL TABLE ext.y (a int) WITH (LOCATION = '/y/', DATA_SOURCE = d, FILE_FORMAT = f)", { kind: 'OpaqueStatement', command: 'CREATE EXTERNAL' }],
    ['CREATE TABLE dbo.c AS CLONE OF dbo.s', { kind: 'Select', body: { items: [{ expression: { kind: 'Star' } }], into: { name: { parts: [{}, { name: 'c' }] } }, from: [{ kind: 'TableRef', name: { parts: [{}, { name: 's' }] } }] } }],
    ["CREATE TABLE dbo.c AS CLONE OF dbo.s AT '2024-05-01T10:00:00'", { kind: 'Select', body: { from: [{ name: { parts: [{}, { name: 's' }] } }] } }],
    ['CREATE TABLE #s WITH (DISTRIBUTION = ROUND_ROBIN, HEAP) AS SELECT * FROM e', { kind: 'Select', body: { into: { temp: true } } }],
    ['CREATE TABLE dbo.e (since date, CONSTRAINT ec CONNECTION (dbo.n TO dbo.n) ON DELETE CASCADE) AS EDGE', { kind: 'CreateTable', definition: { columns: [{}], constraints: [{ type: 'CONNECTION' }] } }],
    ['CREATE CLUSTERED COLUMNSTORE INDEX cci ON dbo.t WITH (DROP_EXISTING = OFF) ORDER (d)', { kind: 'CreateIndex', columnstore: true, options: 'WITH (DROP_EXISTING = OFF) ORDER (d)' }],
  ])('%s', (sql, expected) => {
    expect(parseOne(sql)).toMatchObject(expected);
  });
});

describe('ALTER TABLE … DISABLE|ENABLE TRIGGER', () => {
  // `ALL` at the end of the line reads like UNION ALL's: the IF on the next line must still be a statement of its own
  it('ends at the trigger list, so an IF on the next line stays a statement with its branch', () => {
    const list = statementsOf(`ALTER TABLE dbo.PriceLine DISABLE TRIGGER ALL
IF @Pct > 10
    UPDATE dbo.PriceLine SET Price = ROUND(Price, 0)
ALTER TABLE [dbo].[PriceLine] ENABLE TRIGGER trg_a, [trg b]
IF @Pct > 20 PRINT 'big'`);
    expect(list.map((x) => x.kind)).toEqual(['AlterTable', 'If', 'AlterTable', 'If']);
    expect(list[0]).toMatchObject({ text: 'DISABLE TRIGGER ALL' });
    expect(list[2]).toMatchObject({ text: 'ENABLE TRIGGER trg_a, [trg b]' });
  });
});
