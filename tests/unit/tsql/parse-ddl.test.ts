import { parseOne } from './helpers';

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
  ])('%s', (sql, expected) => {
    expect(parseOne(sql)).toMatchObject(expected);
  });
});
